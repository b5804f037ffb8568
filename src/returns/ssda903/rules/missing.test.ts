import { describe, expect, it } from 'vitest';
import { episode, flagged } from '../ssda903.test-kit.js';
import {
  rule1004,
  rule1005,
  rule1006,
  rule564,
  rule565,
  rule566,
  rule567,
  rule570,
  rule571,
  rule574,
  rule575,
  rule576,
  rule577,
  rule578,
  rule580,
  rule581,
  rule586,
} from './missing.js';

const away = (child: string, start: string | null, end: string | null = null, missing: string | null = 'M') => ({
  CHILD: child,
  DOB: '01/01/2012',
  MISSING: missing,
  MIS_START: start,
  MIS_END: end,
});

describe('a missing period on its own', () => {
  it('564-566: the kind of absence and its start go together', () => {
    expect(flagged(rule564, { Missing: [away('A', null), away('B', '01/05/2025')] })).toEqual(['Missing 1']);
    expect(flagged(rule565, { Missing: [away('A', '01/05/2025', null, null), away('B', '01/05/2025')] })).toEqual(['Missing 1']);
    expect(flagged(rule566, { Missing: [away('A', null, '02/05/2025', null), away('B', null, null, null)] })).toEqual(['Missing 1']);
  });
  it('567: it ends on or after it started', () => {
    expect(flagged(rule567, { Missing: [away('A', '02/05/2025', '01/05/2025'), away('B', '02/05/2025', '02/05/2025')] })).toEqual([
      'Missing 1',
    ]);
  });
  it('570, 571: its dates are in the year', () => {
    expect(flagged(rule570, { Missing: [away('A', '01/04/2026'), away('B', '31/03/2026')] })).toEqual(['Missing 1']);
    expect(
      flagged(rule571, {
        Missing: [away('A', '01/03/2025', '31/03/2025'), away('B', '01/03/2025', '01/04/2025'), away('C', '01/03/2026', '01/04/2026')],
      }),
    ).toEqual(['Missing 1', 'Missing 3']);
  });
  it('586: not before the child was born', () => {
    expect(flagged(rule586, { Missing: [away('A', '31/12/2011'), away('B', '01/01/2012')] })).toEqual(['Missing 1']);
  });
  it('1004-1006: valid dates and codes', () => {
    expect(flagged(rule1004, { Missing: [away('A', '31/02/2026'), away('B', null), away('C', '01/05/2025')] })).toEqual([
      'Missing 1',
      'Missing 2',
    ]);
    expect(flagged(rule1005, { Missing: [away('A', '01/05/2025', '2025-05-02'), away('B', '01/05/2025')] })).toEqual(['Missing 1']);
    expect(flagged(rule1006, { Missing: [away('A', '01/05/2025', null, 'X'), away('B', '01/05/2025', null, 'A')] })).toEqual(['Missing 1']);
  });
});

describe('missing periods of one child', () => {
  it('574: a new period does not start while the last is open or before it ended', () => {
    const m = [
      away('A', '01/05/2025'),
      away('A', '01/06/2025', '02/06/2025'),
      away('B', '01/05/2025', '10/05/2025'),
      away('B', '09/05/2025', '11/05/2025'),
      away('C', '01/05/2025', '10/05/2025'),
      away('C', '10/05/2025', '11/05/2025'),
    ];
    expect(flagged(rule574, { Missing: m })).toEqual(['Missing 2', 'Missing 4']);
  });
  it('576: the period open at the end of last year is carried into this year', () => {
    const previous = { Missing: [away('A', '20/03/2025'), away('B', '20/03/2025')] };
    const m = [away('A', '20/03/2025', '02/04/2025'), away('B', '01/06/2025', '02/06/2025'), away('B', '01/05/2025', '02/05/2025')];
    expect(flagged(rule576, { Missing: m }, { previous })).toEqual(['Missing 3']);
  });
});

describe('missing periods and the child’s care', () => {
  const leftInAugust = episode('A', '01/05/2025', { DEC: '01/08/2025', REC: 'E4A' });
  it('575: when the placement ends, the missing period from it ends too', () => {
    const eps = [leftInAugust, episode('B', '01/05/2025')];
    expect(flagged(rule575, { Episodes: eps, Missing: [away('A', '01/07/2025'), away('B', '01/07/2025')] })).toEqual(['Missing 1']);
  });
  it('577: a period ends while the child is looked after', () => {
    const eps = [leftInAugust, episode('B', '01/05/2025', { DEC: '01/08/2025', REC: 'X1' }), episode('B', '01/08/2025', { RNE: 'P' })];
    const m = [
      away('A', '01/07/2025'),
      away('A', '01/06/2025', '05/08/2025'),
      away('A', '01/06/2025', '01/08/2025'),
      away('B', '01/07/2025'),
    ];
    expect(flagged(rule577, { Episodes: eps, Missing: m })).toEqual(['Missing 1', 'Missing 2']);
  });
  it('578, 581: a period starts while the child is looked after', () => {
    const eps = [leftInAugust];
    const m = [away('A', '02/08/2025', '03/08/2025'), away('A', '30/04/2025', '01/05/2025'), away('A', '01/08/2025', '01/08/2025')];
    expect(flagged(rule578, { Episodes: eps, Missing: m })).toEqual(['Missing 1', 'Missing 2']);
    expect(flagged(rule581, { Episodes: eps, Missing: [...m, away('A', null)] })).toEqual(['Missing 1', 'Missing 2', 'Missing 4']);
  });
  it("577, 578: nothing to say when none of the child's episodes has a start date that can be read", () => {
    const eps = [episode('A', '2024/13/01', { DEC: '27/02/2026', REC: 'E4A' }), episode('B', '31/02/2025')];
    const m = [away('A', '23/01/2026', '28/01/2026'), away('B', '01/05/2025')];
    expect(flagged(rule577, { Episodes: eps, Missing: m })).toEqual([]);
    expect(flagged(rule578, { Episodes: eps, Missing: m })).toEqual([]);
  });
  it('580: a child missing on the day care ended left for "any other reason" (E8)', () => {
    const eps = [
      leftInAugust,
      episode('B', '01/05/2025', { DEC: '01/08/2025', REC: 'E8' }),
      episode('C', '01/05/2025', { DEC: '01/08/2025', REC: 'E4A' }),
    ];
    const m = [away('A', '31/07/2025'), away('B', '31/07/2025'), away('C', '30/07/2025', '01/08/2025')];
    expect(flagged(rule580, { Episodes: eps, Missing: m })).toEqual(['Episodes 1']);
  });
});
