import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Finding } from './findings.js';
import { findingsCsv, findingsJson, summariseByRule } from './report.js';

const findings: Finding[] = [
  { rule: '103', table: 'Header', row: 2, childId: 'C2', fields: ['ETHNIC'], message: 'The ethnicity code is either not valid or has not been entered.' },
  { rule: '103', table: 'Header', row: 5, childId: 'C5', fields: ['ETHNIC'], message: 'The ethnicity code is either not valid or has not been entered.' },
  { rule: '1103', table: 'Assessments', row: 1, childId: 'A, "quoted"', fields: ['AssessmentActualStartDate', 'CINreferralDate'], message: 'The assessment start date cannot be before the referral date' },
];

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
      rule: '103', table: 'Header', row: 2, child_id: 'C2', fields: ['ETHNIC'], message: 'The ethnicity code is either not valid or has not been entered.',
    });
  });
});
