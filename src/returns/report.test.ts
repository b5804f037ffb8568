import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Finding } from './findings.js';
import { FINDING_COLUMNS, findingsCsv, findingsJson, summariseByRule, writeFindingsFile } from './report.js';

const findings: Finding[] = [
  {
    rule: '103',
    table: 'Header',
    row: 2,
    childId: 'C2',
    fields: ['ETHNIC'],
    message: 'The ethnicity code is either not valid or has not been entered.',
  },
  {
    rule: '103',
    table: 'Header',
    row: 5,
    childId: 'C5',
    fields: ['ETHNIC'],
    message: 'The ethnicity code is either not valid or has not been entered.',
  },
  {
    rule: '1103',
    table: 'Assessments',
    row: 1,
    childId: 'A, "quoted"',
    fields: ['AssessmentActualStartDate', 'CINreferralDate'],
    message: 'The assessment start date cannot be before the referral date',
  },
];

/** Findings with the characters CSV and JSON have to treat specially. */
const awkward = fc.record({
  rule: fc.constantFrom('103', '8640', 'INT01'),
  table: fc.constantFrom('Header', 'Episodes_last', 'Child'),
  row: fc.option(fc.integer({ min: 1, max: 1_000_000 }), { nil: null }),
  childId: fc.option(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '\u2028', '\\', '') }), { nil: null }),
  fields: fc.array(fc.string({ unit: fc.constantFrom('X', ';', ',', '"') }), { maxLength: 3 }),
  message: fc.string({ unit: fc.constantFrom('m', ',', '"', '\r\n', '\t', '’', '😀') }),
});

/** How the files were written before they were streamed: one call on the whole list. */
const csvOfList = (list: readonly Finding[]) =>
  stringify(
    list.map((f) => [f.rule, f.table, f.row ?? '', f.childId ?? '', f.fields.join(';'), f.message]),
    { header: true, columns: [...FINDING_COLUMNS] },
  );
const jsonOfList = (list: readonly Finding[]) =>
  `${JSON.stringify(
    list.map((f) => ({ rule: f.rule, table: f.table, row: f.row, child_id: f.childId, fields: f.fields, message: f.message })),
    null,
    1,
  )}\n`;

describe('reporting findings', () => {
  it('counts findings by rule, most first', () => {
    expect(summariseByRule(findings).map((s) => [s.rule, s.findings])).toEqual([
      ['103', 2],
      ['1103', 1],
    ]);
  });

  it('writes the CSV columns rule,table,row,child_id,fields,message, quoting what needs it', () => {
    const csv = findingsCsv(findings);
    expect(csv.split('\n')[0]).toBe('rule,table,row,child_id,fields,message');
    const back = parse(csv, { columns: true }) as Record<string, string>[];
    expect(back[2]).toEqual({
      rule: '1103',
      table: 'Assessments',
      row: '1',
      child_id: 'A, "quoted"',
      fields: 'AssessmentActualStartDate;CINreferralDate',
      message: 'The assessment start date cannot be before the referral date',
    });
  });

  it('writes the same fields as JSON', () => {
    expect(JSON.parse(findingsJson(findings))[0]).toEqual({
      rule: '103',
      table: 'Header',
      row: 2,
      child_id: 'C2',
      fields: ['ETHNIC'],
      message: 'The ethnicity code is either not valid or has not been entered.',
    });
  });

  it('writes, a finding at a time, the bytes csv-stringify and JSON.stringify wrote for the whole list', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'opencsc-findings-')), 'findings');
    fc.assert(
      fc.property(fc.array(awkward, { maxLength: 20 }), (list) => {
        expect(findingsCsv(list)).toBe(csvOfList(list));
        expect(findingsJson(list)).toBe(jsonOfList(list));
        writeFindingsFile(file, 'csv', list);
        expect(readFileSync(file, 'utf8')).toBe(csvOfList(list));
        writeFindingsFile(file, 'json', list);
        expect(readFileSync(file, 'utf8')).toBe(jsonOfList(list));
      }),
    );
    expect(findingsCsv([])).toBe('rule,table,row,child_id,fields,message\n');
    expect(findingsJson([])).toBe('[]\n');
  });

  it('streams a file in blocks with the same bytes, seeing each finding once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-findings-'));
    // enough findings for several blocks, one of them longer than a block
    const many = Array.from({ length: 3000 }, (_, i) => ({ ...findings[i % 3]!, row: i + 1 }));
    many[1500] = { ...many[1500]!, childId: `a "long" one, ${'x'.repeat(70_000)}` };
    for (const format of ['csv', 'json'] as const) {
      const seen: number[] = [];
      const file = join(dir, `findings.${format}`);
      expect(writeFindingsFile(file, format, many, (f) => seen.push(f.row!))).toBe(3000);
      expect(readFileSync(file, 'utf8')).toBe(format === 'csv' ? csvOfList(many) : jsonOfList(many));
      expect(seen).toEqual(many.map((f) => f.row));
    }
  });
});
