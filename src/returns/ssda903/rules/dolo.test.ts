import { describe, expect, it } from 'vitest';
import { episode, flagged } from '../ssda903.test-kit.js';
import { rule700, rule701, rule702, rule703, rule704, rule705, rule706, rule707, rule708, rule709, rule710 } from './dolo.js';

// DoLOs are collected from 2026/27: 1 April 2026 to 31 March 2027.
const year = 2027;
const order = (child: string, start: string | null, end: string | null = null) => ({
  CHILD: child,
  DOB: '01/01/2011',
  DOLO_START: start,
  DOLO_END: end,
});

describe('a deprivation of liberty order on its own', () => {
  it('700, 701: valid dates', () => {
    expect(flagged(rule700, { DoLo: [order('A', '31/04/2026'), order('B', null), order('C', '01/05/2026')] }, { year })).toEqual([
      'DoLo 1',
      'DoLo 2',
    ]);
    expect(flagged(rule701, { DoLo: [order('A', '01/05/2026', 'soon'), order('B', '01/05/2026')] }, { year })).toEqual(['DoLo 1']);
  });
  it('702: it ends after it started', () => {
    expect(flagged(rule702, { DoLo: [order('A', '01/05/2026', '01/05/2026'), order('B', '01/05/2026', '02/05/2026')] }, { year })).toEqual([
      'DoLo 1',
    ]);
  });
  it('703, 704: its dates are in the year', () => {
    expect(flagged(rule703, { DoLo: [order('A', '01/04/2027'), order('B', '31/03/2027')] }, { year })).toEqual(['DoLo 1']);
    expect(flagged(rule704, { DoLo: [order('A', '01/03/2026', '31/03/2026'), order('B', '01/03/2026', '01/04/2026')] }, { year })).toEqual([
      'DoLo 1',
    ]);
  });
  it('708: not before the child was born', () => {
    expect(flagged(rule708, { DoLo: [order('A', '31/12/2010'), order('B', '01/01/2011')] }, { year })).toEqual(['DoLo 1']);
  });
});

describe('a child’s orders', () => {
  it('705: an order does not start while the last is open or before it ended', () => {
    const d = [
      order('A', '01/05/2026'),
      order('A', '01/06/2026', '02/06/2026'),
      order('B', '01/05/2026', '10/05/2026'),
      order('B', '10/05/2026'),
    ];
    expect(flagged(rule705, { DoLo: d }, { year })).toEqual(['DoLo 2']);
  });
  it('706: the order open at the end of last year is carried into this year', () => {
    const previous = { DoLo: [order('A', '01/03/2026'), order('B', '01/03/2026')] };
    expect(flagged(rule706, { DoLo: [order('A', '01/03/2026', '01/05/2026'), order('B', '01/05/2026')] }, { year, previous })).toEqual([
      'DoLo 2',
    ]);
  });
  it('707: an order ends while the child is looked after', () => {
    const eps = [episode('A', '01/04/2026', { PLACE: 'K2', DEC: '01/08/2026', REC: 'E4A' }), episode('B', '01/04/2026', { PLACE: 'K2' })];
    expect(
      flagged(
        rule707,
        { Episodes: eps, DoLo: [order('A', '01/05/2026'), order('B', '01/05/2026'), order('A', '01/05/2026', '01/07/2026')] },
        { year },
      ),
    ).toEqual(['DoLo 1']);
  });
});

describe('where a child with an order is placed', () => {
  const eps = [
    episode('A', '01/04/2026', { PLACE: 'K2', DEC: '01/06/2026', REC: 'X1' }),
    episode('A', '01/06/2026', { RNE: 'P', PLACE: 'U1', DEC: '01/08/2026', REC: 'X1' }),
    episode('A', '01/08/2026', { RNE: 'P', PLACE: 'K1' }),
  ];
  it('709: in a children’s home or a placement for restricted liberty (K2, Z12, Z13)', () => {
    expect(
      flagged(rule709, { Episodes: eps, DoLo: [order('A', '01/04/2026', '01/05/2026'), order('A', '15/06/2026', '20/06/2026')] }, { year }),
    ).toEqual(['DoLo 2', 'Episodes 2']);
  });
  it('710: never in a secure children’s home, with parents, a young offender institution or supported accommodation', () => {
    expect(flagged(rule710, { Episodes: eps, DoLo: [order('A', '01/04/2026', '01/05/2026'), order('A', '15/08/2026')] }, { year })).toEqual(
      ['DoLo 2', 'Episodes 3'],
    );
  });
});
