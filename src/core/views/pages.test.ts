import { describe, expect, it } from 'vitest';
import { pageOf, pagination } from './pages.js';

describe('a long list a page at a time', () => {
  it('slices the page asked for, and the nearest page for one outside the list', () => {
    expect(pageOf(250, '2', 100)).toEqual({ page: 2, pages: 3, from: 100, to: 200 });
    expect(pageOf(250, '3', 100)).toEqual({ page: 3, pages: 3, from: 200, to: 250 });
    expect(pageOf(250, '9', 100)).toMatchObject({ page: 3, from: 200, to: 250 });
    expect(pageOf(250, '0', 100)).toMatchObject({ page: 1, from: 0, to: 100 });
    for (const odd of [undefined, 'two', '-1', '1e3', ['2', '3']]) expect(pageOf(250, odd, 100).page).toBe(1);
    expect(pageOf(0, '1', 100)).toEqual({ page: 1, pages: 1, from: 0, to: 0 });
  });

  it('links the first, last and nearest pages, with gaps between', () => {
    expect(pagination({ page: 1, pages: 1 }, (n) => `?page=${n}`, 'Pages')).toBeNull();
    const middle = pagination({ page: 5, pages: 9 }, (n) => `?page=${n}`, 'Pages of the list')!;
    expect(middle.landmarkLabel).toBe('Pages of the list');
    expect(middle.previous).toEqual({ href: '?page=4' });
    expect(middle.next).toEqual({ href: '?page=6' });
    expect(middle.items.map((i) => ('ellipsis' in i ? '…' : `${i.number}${i.current ? '*' : ''}`))).toEqual([
      '1',
      '…',
      '4',
      '5*',
      '6',
      '…',
      '9',
    ]);
    const last = pagination({ page: 3, pages: 3 }, (n) => `?page=${n}`, 'Pages')!;
    expect(last.next).toBeUndefined();
    expect(last.items).toHaveLength(3);
  });
});
