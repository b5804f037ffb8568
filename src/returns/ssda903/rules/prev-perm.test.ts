import { describe, expect, it } from 'vitest';
import { episode, flagged } from '../ssda903.test-kit.js';
import { dayOf } from '../values.js';
import { rule630, rule631, rule632, rule633, rule634, rule635, permanenceDate } from './prev-perm.js';

const perm = (child: string, code: string | null, la: string | null = null, date: string | null = null) => ({
  CHILD: child,
  DOB: '01/01/2012',
  PREV_PERM: code,
  LA_PERM: la,
  DATE_PERM: date,
});

describe('previous permanence', () => {
  it('reads partial dates as the last day they can mean', () => {
    expect(permanenceDate('zz/zz/2020')).toBe(dayOf(2020, 12, 31));
    expect(permanenceDate('zz/02/2024')).toBe(dayOf(2024, 2, 29));
    expect(permanenceDate('03/02/2024')).toBe(dayOf(2024, 2, 3));
    for (const bad of ['03/zz/2024', '2024', '31/02/2024', 'zz/13/2020']) expect(permanenceDate(bad)).toBeNull();
  });
  it('630: a child who starts to be looked after this year has complete information', () => {
    const eps = [episode('A', '01/05/2025'), episode('B', '01/05/2025'), episode('C', '01/05/2025'), episode('D', '01/05/2024')];
    const pp = [perm('B', 'P1', '800'), perm('C', 'Z1')];
    expect(flagged(rule630, { Episodes: eps, PrevPerm: pp })).toEqual(['Episodes 1', 'Episodes 2']);
  });
  it('631: the option is a DfE code', () => {
    expect(flagged(rule631, { PrevPerm: [perm('A', 'P9'), perm('B', 'P4', '800', '01/01/2020')] })).toEqual(['PrevPerm 1']);
  });
  it('632: the order’s date is a date before the child’s first episode', () => {
    const eps = [episode('A', '01/05/2025'), episode('B', '01/05/2025'), episode('C', '01/05/2025')];
    const pp = [perm('A', 'P1', '800', 'zz/05/2025'), perm('B', 'P1', '800', 'zz/04/2025'), perm('C', 'P1', '800', 'unknown')];
    expect(flagged(rule632, { Episodes: eps, PrevPerm: pp })).toEqual(['Episodes 1', 'PrevPerm 1', 'Episodes 3', 'PrevPerm 3']);
  });
  it('633: the authority is a DfE authority code or a country outside England', () => {
    const pp = [perm('A', 'P1', '123'), perm('B', 'P1', '318'), perm('C', 'P1', 'WAL'), perm('D', 'P1', 'E09000027')];
    expect(flagged(rule633, { PrevPerm: pp })).toEqual(['PrevPerm 1', 'PrevPerm 4']);
  });
  it('634: only children who started to be looked after from 1 April 2016 have entries', () => {
    const eps = [episode('A', '31/03/2016'), episode('B', '01/04/2016'), episode('C', '01/01/2015', { RNE: 'P' })];
    const pp = [perm('A', 'Z1'), perm('B', 'Z1'), perm('C', 'Z1')];
    expect(flagged(rule634, { Episodes: eps, PrevPerm: pp })).toEqual(['PrevPerm 1', 'Episodes 1', 'PrevPerm 3', 'Episodes 3']);
  });
  it('635: no order details when there was no previous permanence (Z1)', () => {
    expect(flagged(rule635, { PrevPerm: [perm('A', 'Z1', '800'), perm('B', 'Z1'), perm('C', null, null, '01/01/2020')] })).toEqual([
      'PrevPerm 1',
      'PrevPerm 3',
    ]);
  });
});
