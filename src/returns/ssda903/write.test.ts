import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate903 } from './tooling/generate.js';
import type { Table903 } from './model.js';
import { read903, readTable } from './read.js';
import { SEEDERS } from './tooling/seed-errors.js';
import { columnsFor } from './tables.js';
import { tableToCsv, write903 } from './write.js';

const rowsOf = (t: Table903 | undefined) => t?.rows;

describe('writing a 903 return', () => {
  it('writes files the reader reads back to the same return', async () => {
    // 105 and 411 are seeded in columns only an XML return has (Header UASC, PL_LA), which CSV files do not carry.
    const rules = Object.keys(SEEDERS).filter((r) => r !== '105' && r !== '411');
    const ret = generate903({ children: 120, year: 2026, seed: 6, errors: { rate: 0.2, rules } });
    const dir = mkdtempSync(join(tmpdir(), 'write903-'));
    await write903(ret.current, join(dir, 'now'));
    await write903(ret.previous, join(dir, 'last'));
    const back = await read903({ current: [join(dir, 'now')], previous: [join(dir, 'last')], year: 2026 });
    for (const name of Object.keys(ret.current) as (keyof typeof ret.current)[]) {
      expect(rowsOf(back.current[name]), name).toEqual(rowsOf(ret.current[name]));
    }
    expect(rowsOf(back.previous.Episodes)).toEqual(rowsOf(ret.previous.Episodes));
  });

  it('round-trips any cell text (commas, quotes, line breaks), as the reader reads it', () => {
    const cols = columnsFor('Reviews', 2026);
    const cell = fc.option(fc.string({ maxLength: 8, unit: fc.constantFrom('a', 'Z', '0', ',', '"', '\n', '\r\n', ' ', '/', 'é') }), {
      nil: null,
    });
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, cell, cell, cell), { maxLength: 6 }), (cells) => {
        const rows = cells.map((c) => Object.fromEntries(cols.map((k, i) => [k, c[i] ?? null])));
        const table: Table903 = { name: 'Reviews', file: 'r.csv', rows };
        const back = readTable({ name: 'r.csv', content: tableToCsv(table) });
        // The reader trims cells and reads codes in capitals.
        const read = (k: string, v: string | null) =>
          v === null || v.trim() === '' ? null : k === 'REVIEW_CODE' ? v.trim().toUpperCase() : v.trim();
        const expected = rows
          .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, read(k, v)])))
          .filter((r) => Object.values(r).some((v) => v !== null));
        // Rows left wholly blank by trimming are still rows (a line of commas), so compare all.
        expect(back.rows.length).toBe(rows.length);
        expect(back.rows.filter((r) => Object.values(r).some((v) => v !== null))).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
