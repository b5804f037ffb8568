import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReturnReadError } from '../findings.js';
import { generate903 } from './tooling/generate.js';
import { normaliseDate, parse903, read903, readTable } from './read.js';
import { tableToCsv } from './write.js';

const HEADER = 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\r\n';
const EPISODES = 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n';
const file = (name: string, content: string | Uint8Array) => ({ name, content });

function readError(f: () => unknown): ReturnReadError {
  try {
    f();
  } catch (e) {
    if (e instanceof ReturnReadError) return e;
    throw e;
  }
  throw new Error('expected a ReturnReadError');
}

describe('reading a 903 table', () => {
  it('tells the table by its header, whatever the order, case, spacing, BOM and line ends', () => {
    const t = readTable(file('x.csv', '\uFEFF upn ,Child,sex,DOB,Ethnic,Mother,mc_dob\r\nA123456789012, C1 ,M,01/06/2012,WBRI,,\r\n\r\n'));
    expect(t.name).toBe('Header');
    expect(t.rows).toEqual([
      { UPN: 'A123456789012', CHILD: 'C1', SEX: 'M', DOB: '01/06/2012', ETHNIC: 'WBRI', MOTHER: null, MC_DOB: null },
    ]);
    expect(t.lines).toEqual([2]);
  });

  it('reads quoted cells, with commas and quotes inside', () => {
    const t = readTable(file('h.csv', HEADER + '"C,1",M,"01/06/2012",WBRI,"A12""3",,\n'));
    expect(t.rows[0]!.CHILD).toBe('C,1');
    expect(t.rows[0]!.UPN).toBe('A12"3');
  });

  it('normalises unambiguous dates and says so; leaves the rest for the rules', () => {
    const notices: { message: string }[] = [];
    const t = readTable(
      file('h.csv', HEADER + 'C1,M,2012-06-01,WBRI,A1,,\nC2,M,01/06/2012 00:00,WBRI,A1,,\nC3,M,06/01/12,WBRI,A1,,\n'),
      notices as never,
    );
    expect(t.rows.map((r) => r.DOB)).toEqual(['01/06/2012', '01/06/2012', '06/01/12']);
    expect(notices.map((n) => n.message).join(' ')).toMatch(/DOB: dates written yyyy-mm-dd/);
    expect(normaliseDate('2024-02-30')).toBe('2024-02-30');
    expect(normaliseDate('31/03/2024 13:45:00')).toBe('31/03/2024');
  });

  it('reads a Windows-1252 file', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(HEADER),
      0x43,
      0x31,
      0xe9,
      0x2c,
      ...new TextEncoder().encode('M,01/06/2012,WBRI,A1,,\n'),
    ]);
    expect(readTable(file('h.csv', bytes)).rows[0]!.CHILD).toBe('C1é');
  });

  it.each([
    ['an empty file', '', /empty/],
    ['a file that is no 903 table', 'NAME,ADDRESS\nx,y\n', /is not a 903 table/],
    ['a missing column', 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER\nC1,M,01/06/2012,WBRI,A1,\n', /Header table, but it has no MC_DOB column/],
    ['a renamed column', 'CHILD,SEX,DOB,ETHNICITY,UPN,MOTHER,MC_DOB\n', /no ETHNIC column and it has ETHNICITY/],
    ['a row with too many cells', HEADER + 'C1,M,01/06/2012,WBRI,A1,,,extra\n', /line 2.*8 cells but the header has 7/],
    ['a quote never closed', HEADER + 'C1,"M,01/06/2012\n', /line 2.*never closed/],
    ['a tab-separated file', 'CHILD\tSEX\n', /tab-separated/],
  ])('refuses %s with a message naming the file and what is wrong', (_, content, pattern) => {
    const e = readError(() => readTable(file('header.csv', new TextEncoder().encode(content))));
    expect(e.message).toMatch(/^header\.csv/);
    expect(e.message).toMatch(pattern);
  });

  it('refuses a workbook saved as .csv', () => {
    const e = readError(() => readTable(file('episodes.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))));
    expect(e.message).toMatch(/Excel workbook/);
  });

  it('refuses a picture or other binary file named .csv, saying it is not a text file', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(readError(() => readTable(file('header.csv', png))).message).toBe(
      'header.csv: is not a text file (it is a PNG image), so not a CSV file; give the table saved as CSV',
    );
    const unknown = new Uint8Array([...new TextEncoder().encode('CHILD,SEX'), 0, 7, 0, 0, 1]);
    expect(readError(() => readTable(file('episodes.csv', unknown))).message).toMatch(
      /^episodes\.csv: is not a text file \(it is binary data\)/,
    );
    // UTF-16 text is full of NUL bytes, and is text
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...HEADER].flatMap((ch) => [ch.charCodeAt(0), 0])]);
    expect(readTable(file('h.csv', utf16)).name).toBe('Header');
  });

  it('says when a return has no Header file, or lacks other tables, so that their rules were not run', () => {
    const episodes = file('e.csv', EPISODES + 'C1,01/05/2025,S,C2,N1,U4,PR1,,,,,,\n');
    const without = parse903({ current: [episodes], year: 2026 });
    const messages = without.notices!.filter((n) => n.file === '(return)').map((n) => n.message);
    expect(messages[0]).toBe(
      "no Header file: none of the files has the Header table's columns (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB), so no rule that checks the Header, or checks another table against it, was run",
    );
    expect(messages[1]).toMatch(/^no file holds the Reviews, UASC, .*SWEpisodes.* tables, so the rules that need them were not run$/);
    expect(messages[1]).not.toMatch(/Header|Episodes,/);
    const all = generate903({ children: 5, year: 2026, seed: 1 }).current;
    const whole = parse903({ current: Object.values(all).map((t) => file(`${t.name}.csv`, tableToCsv(t))), year: 2026 });
    expect(whole.notices!.filter((n) => n.file === '(return)')).toEqual([]);
  });

  it('keeps a date that is not a date for the DfE rule to report', () => {
    const ret = parse903({
      current: [file('h.csv', HEADER + 'C1,M,31/02/2012,WBRI,A1,,\n'), file('e.csv', EPISODES + 'C1,01/05/2025,S,C2,N1,U4,PR1,,,,,,\n')],
    });
    expect(ret.current.Header!.rows[0]!.DOB).toBe('31/02/2012');
    expect(ret.collectionYear).toBe(2026);
  });

  it('refuses two files for one table', () => {
    const e = readError(() => parse903({ current: [file('a.csv', HEADER), file('b.csv', HEADER)], year: 2026 }));
    expect(e.message).toMatch(/^b\.csv: holds the Header table, and so does a\.csv/);
  });
});

describe('reading a 903 return from folders', () => {
  it('reads every .csv in a folder, last year too, and names what it skipped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'read903-'));
    mkdirSync(join(dir, 'now'));
    mkdirSync(join(dir, 'last'));
    writeFileSync(join(dir, 'now', 'kids.csv'), HEADER + 'C1,M,01/06/2012,WBRI,A1,,\n');
    writeFileSync(join(dir, 'now', 'eps.csv'), EPISODES + 'C1,01/05/2025,S,C2,N1,U4,PR1,,,,,,\n');
    writeFileSync(join(dir, 'now', 'notes.txt'), 'not a table');
    writeFileSync(join(dir, 'last', 'h.csv'), HEADER);
    const ret = await read903({ current: [join(dir, 'now')], previous: [join(dir, 'last')], year: 2026 });
    expect(Object.keys(ret.current).sort()).toEqual(['Episodes', 'Header']);
    expect(ret.previous.Header!.rows).toEqual([]);
    expect(ret.notices!.some((n) => n.file.endsWith('notes.txt'))).toBe(true);
  });

  it('says when a path does not exist', async () => {
    await expect(read903({ current: ['/no/such/folder'] })).rejects.toThrow(/no such file or folder/);
  });
});

describe('reading damaged files', () => {
  const valid = tableToCsv(generate903({ children: 20, year: 2026, seed: 1 }).current.Episodes!);
  it('never crashes: a mutated valid file gives a table or a ReturnReadError', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            at: fc.nat(),
            cut: fc.nat(5),
            insert: fc.string({ maxLength: 4, unit: fc.constantFrom('"', ',', '\n', '\r', 'x', '/', ' ', '\t', '\uFEFF') }),
          }),
          { maxLength: 6 },
        ),
        (edits) => {
          let text = valid;
          for (const { at, cut, insert } of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + cut);
          }
          try {
            const t = readTable(file('episodes.csv', new TextEncoder().encode(text)));
            expect(Array.isArray(t.rows)).toBe(true);
          } catch (e) {
            expect(e).toBeInstanceOf(ReturnReadError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('reading codes typed in lower case', () => {
  it('reads codes, postcodes and UPNs in capitals, and says so', () => {
    const notices: { message: string }[] = [];
    const t = readTable(file('h.csv', HEADER + 'c1,f,01/06/2012,wbri,a123456789012,0,\n'), notices as never);
    expect(t.rows[0]).toMatchObject({ CHILD: 'c1', SEX: 'F', ETHNIC: 'WBRI', UPN: 'A123456789012' });
    expect(notices.map((n) => n.message).join(' ')).toMatch(/ETHNIC: codes in lower case were read in capitals/);
  });
});
