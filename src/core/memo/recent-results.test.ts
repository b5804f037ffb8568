import { describe, expect, it } from 'vitest';
import { RecentResults } from './recent-results.js';

describe('RecentResults', () => {
  it('computes once for the same input, again for a different one', () => {
    const recent = new RecentResults<number>(10);
    let computed = 0;
    const square = (n: number) => recent.of({ n }, () => (computed++, n * n));
    expect([square(3), square(3), square(4), square(3)]).toEqual([9, 9, 16, 9]);
    expect(computed).toBe(2);
  });

  it('keeps at most its size, dropping the least recently asked for', () => {
    const recent = new RecentResults<string>(2);
    const computed: string[] = [];
    const of = (k: string) => recent.of(k, () => (computed.push(k), k.toUpperCase()));
    of('a');
    of('b');
    of('a'); // a is now the most recent
    of('c'); // drops b
    of('a');
    of('b');
    expect(computed).toEqual(['a', 'b', 'c', 'b']);
  });

  it('refuses an input JSON would not tell apart', () => {
    const recent = new RecentResults<number>(2);
    expect(() => recent.of({ m: new Map([['a', 1]]) }, () => 1)).toThrow(/Map or a Set/);
  });
});
