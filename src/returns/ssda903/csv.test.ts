import { describe, expect, it } from 'vitest';
import { ColumnPool, eachCsvRecord, eachCsvRecordFull, parseCsv } from './csv.js';

/** Records and their lines as a reader gives them. */
function read(reader: typeof eachCsvRecord, text: string, pool?: ColumnPool): [string[], number][] {
  const out: [string[], number][] = [];
  reader(text, (cells, line) => out.push([cells.slice(), line]), pool);
  return out;
}

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

  it('reads files with no quotes line by line, with the same records and lines as the full reader', () => {
    const texts = [
      '',
      '\n',
      'A',
      'A,B\n1,2',
      'A,B\n1,2\n',
      'A,B\r\n1,2\r\n\r\n3,4\r\n',
      'A,B,C\n\n  \n1,,\n,,\n\t\n2, x ,y \n',
      'ONE\nx\n\ny\n',
      'A,B\n1,2,,\n3\n',
      'A,B\r\n1,2\n3,4\r\n',
      // not plain: a lone CR ends a record, a quote anywhere
      'A,B\r1,2\r3,4',
      'A,B\n1,x"y\n',
      'A,B\n"1",2\n3,4\n',
    ];
    for (const text of texts) {
      expect(read(eachCsvRecord, text), JSON.stringify(text)).toEqual(read(eachCsvRecordFull, text));
      expect(read(eachCsvRecord, text, new ColumnPool()), JSON.stringify(text)).toEqual(read(eachCsvRecordFull, text));
    }
    expect(read(eachCsvRecord, 'A,B\r\n\r\n1,2\r\n')).toEqual([
      [['A', 'B'], 1],
      [['1', '2'], 3],
    ]);
  });

  it('reads a long file with hardly a comma in linear time', () => {
    const text = 'A\n' + '1\n'.repeat(200_000) + 'x,y\n';
    const started = performance.now();
    const records = read(eachCsvRecord, text);
    expect(records).toHaveLength(200_002);
    expect(records.at(-1)).toEqual([['x', 'y'], 200_002]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
