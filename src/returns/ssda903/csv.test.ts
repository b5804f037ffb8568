import { describe, expect, it } from 'vitest';
import { ColumnPool, eachCsvRecord, parseCsv } from './csv.js';

describe('reading CSV a record at a time', () => {
  it('gives the same cells with a pool of repeated values as without', () => {
    const rows = ['A,B,C,D'];
    for (let k = 0; k < 6000; k++) {
      // A unique (stops being pooled), B a few codes, C quoted now and then, D enough values to grow the pool
      rows.push(`${1000000 + k},${['X1', 'E11', '', 'x1'][k % 4]},${k % 7 === 0 ? `"q,${k % 3}"` : `${k % 5}/03/2024`},D${k % 1500}`);
    }
    const text = rows.join('\r\n') + '\n';
    const pooled: string[][] = [];
    eachCsvRecord(text, (cells) => pooled.push(cells.slice()), new ColumnPool());
    expect(pooled).toEqual(parseCsv(text).records);
  });
});
