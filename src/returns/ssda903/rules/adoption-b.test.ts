import { describe, expect, it } from 'vitest';
import * as r from './adoption-b.js';
import { episode, flagged } from './b-test-kit.js';

const ad1 = (child: string, more: Record<string, string | null> = {}) => ({
  CHILD: child,
  DOB: '01/01/2018',
  DATE_INT: '01/02/2025',
  DATE_MATCH: '01/05/2025',
  FOSTER_CARE: '0',
  NB_ADOPTR: '2',
  SEX_ADOPTR: 'MF',
  LS_ADOPTR: 'L11',
  ...more,
});
const decision = (child: string, placed: string | null, ceased: string | null = null, reason: string | null = ceased ? 'RD1' : null) => ({
  CHILD: child,
  DOB: '01/01/2018',
  DATE_PLACED: placed,
  DATE_PLACED_CEASED: ceased,
  REASON_PLACED_CEASED: reason,
});

describe('the adopters', () => {
  const cases: [typeof r.rule511, Record<string, string>, Record<string, string>][] = [
    [r.rule511, { NB_ADOPTR: '2', SEX_ADOPTR: 'M1' }, { NB_ADOPTR: '2', SEX_ADOPTR: 'FF' }],
    [r.rule514, { LS_ADOPTR: 'L0', SEX_ADOPTR: 'MF' }, { LS_ADOPTR: 'L0', SEX_ADOPTR: 'F1', NB_ADOPTR: '1' }],
    [r.rule517, { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MM' }, { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MF' }],
    [r.rule518, { LS_ADOPTR: 'L4', SEX_ADOPTR: 'MF' }, { LS_ADOPTR: 'L4', SEX_ADOPTR: 'FF' }],
    [r.rule519, { LS_ADOPTR: 'L2', SEX_ADOPTR: 'F1' }, { LS_ADOPTR: 'L2', SEX_ADOPTR: 'MM' }],
    [r.rule520, { LS_ADOPTR: 'L11', SEX_ADOPTR: 'FF' }, { LS_ADOPTR: 'L11', SEX_ADOPTR: 'MF' }],
    [r.rule524, { LS_ADOPTR: 'L12', SEX_ADOPTR: 'MF' }, { LS_ADOPTR: 'L12', SEX_ADOPTR: 'MM' }],
  ];
  it('511-524: the adopters’ legal status, number and sexes agree', () => {
    for (const [rule, bad, good] of cases) expect(flagged(rule, { AD1: [ad1('A', bad), ad1('B', good)] }), rule.code).toEqual(['AD1 1']);
  });
  it('511: two adopters with a single adopter’s code; a blank or unknown code is for other rules', () => {
    const rows = [ad1('A', { SEX_ADOPTR: 'F1' }), ad1('B', { SEX_ADOPTR: null }), ad1('C', { SEX_ADOPTR: 'XX' })];
    expect(flagged(r.rule511, { AD1: rows })).toEqual(['AD1 1']);
  });
  it('582: being matched on the day of adoption is unusual', () => {
    const eps = [episode('A', '01/04/2025', { PLACE: 'A3', DEC: '01/05/2025', REC: 'E11' }), episode('B', '01/04/2025', { PLACE: 'A3', DEC: '02/05/2025', REC: 'E12' })];
    expect(flagged(r.rule582, { Episodes: eps, AD1: [ad1('A'), ad1('B')] })).toEqual(['Episodes 1']);
  });
  it('601: a child adopted this year has the adoption details', () => {
    const eps = [episode('A', '01/04/2025', { DEC: '01/06/2025', REC: 'E11' }), episode('B', '01/04/2025', { DEC: '01/06/2025', REC: 'E11' }), episode('C', '01/04/2025', { DEC: '01/06/2025', REC: 'E12' })];
    expect(flagged(r.rule601, { Episodes: eps, AD1: [ad1('B', { FOSTER_CARE: null }), ad1('C')] })).toEqual(['Episodes 1', 'Episodes 2', 'AD1 1']);
  });
  it('602: adoption details only for a child adopted this year', () => {
    const eps = [episode('A', '01/04/2025', { DEC: '01/06/2025', REC: 'E11' }), episode('B', '01/04/2025', { DEC: '01/06/2025', REC: 'E4A' })];
    expect(flagged(r.rule602, { Episodes: eps, AD1: [ad1('A'), ad1('B')] })).toEqual(['AD1 2']);
  });
});

describe('the decision that a child should be placed for adoption', () => {
  it('521: the best-interests decision comes before the adoptive placement', () => {
    const eps = [episode('A', '01/01/2025', { PLACE: 'A4' }), episode('B', '01/03/2025', { PLACE: 'A4' })];
    expect(flagged(r.rule521, { Episodes: eps, AD1: [ad1('A'), ad1('B')] })).toEqual(['Episodes 1', 'AD1 1']);
  });
  it('522: a decision is not reversed before it was made', () => {
    expect(flagged(r.rule522, { PlacedAdoption: [decision('A', '01/05/2025', '30/04/2025'), decision('B', '01/05/2025', '01/05/2025')] })).toEqual(['PlacedAdoption 1']);
  });
  it('523: the decision to place is dated the same as the best-interests decision', () => {
    const tables = { AD1: [ad1('A'), ad1('B')], PlacedAdoption: [decision('A', '02/02/2025'), decision('B', '01/02/2025')] };
    expect(flagged(r.rule523, tables)).toEqual(['PlacedAdoption 1', 'AD1 1']);
  });
  it('525: a child whose decision was reversed is not adopted', () => {
    const tables = { AD1: [ad1('A'), ad1('B')], PlacedAdoption: [decision('A', '01/02/2025', '01/03/2025'), decision('B', '01/02/2025')] };
    expect(flagged(r.rule525, tables)).toEqual(['PlacedAdoption 1', 'AD1 1']);
  });
  it('551: a child placed for adoption has a decision date', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'A3' }), episode('B', '01/05/2025', { PLACE: 'A5', LS: 'E1' }), episode('C', '01/05/2025', { PLACE: 'A3' })];
    expect(flagged(r.rule551, { Episodes: eps, PlacedAdoption: [decision('B', '01/04/2025'), decision('C', null)] })).toEqual(['Episodes 1', 'Episodes 3']);
  });
  it('552: the latest decision comes before the first adoptive placement', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'A3' }), episode('B', '01/05/2025', { PLACE: 'A3' })];
    const pa = [decision('A', '02/05/2025'), decision('B', '01/05/2025')];
    expect(flagged(r.rule552, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('553: a placement order needs a decision, and one not reversed while the order lasts', () => {
    const eps = [episode('A', '01/05/2025', { LS: 'E1' }), episode('B', '01/05/2025', { LS: 'E1' }), episode('C', '01/05/2025', { LS: 'E1' })];
    const pa = [decision('B', '01/04/2025', '01/06/2025'), decision('C', '01/04/2025')];
    expect(flagged(r.rule553, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('554: the decision comes before the placement order', () => {
    const eps = [episode('A', '01/05/2025', { LS: 'E1' }), episode('B', '01/05/2025', { LS: 'E1' })];
    expect(flagged(r.rule554, { Episodes: eps, PlacedAdoption: [decision('A', '02/05/2025'), decision('B', '30/04/2025')] })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('557: leaving care from an adoptive placement, not adopted, reverses the decision', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' }), episode('B', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' })];
    const pa = [decision('A', '01/04/2025'), decision('B', '01/04/2025', '01/07/2025')];
    expect(flagged(r.rule557, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('557: a child placed for adoption who left care with no decision recorded at all', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' }), episode('B', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' })];
    expect(flagged(r.rule557, { Episodes: eps, PlacedAdoption: [decision('B', '01/04/2025', '01/07/2025')] })).toEqual(['Episodes 1']);
  });
  it('558: the decision behind an adoption was not reversed', () => {
    const eps = [episode('A', '01/05/2025', { DEC: '01/07/2025', REC: 'E11' }), episode('B', '01/05/2025', { DEC: '01/07/2025', REC: 'E11' })];
    // B's earlier decision was reversed, the later one led to the adoption.
    const pa = [decision('A', '01/04/2025', '01/06/2025'), decision('B', '01/01/2025', '01/02/2025'), decision('B', '01/04/2025')];
    expect(flagged(r.rule558, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('563: a reversal needs the decision it reverses', () => {
    expect(flagged(r.rule563, { PlacedAdoption: [decision('A', null, '01/06/2025'), decision('B', '01/04/2025', '01/06/2025')] })).toEqual(['PlacedAdoption 1']);
  });
  it('579: decisions do not overlap: a new one follows the reversal of the last', () => {
    const pa = [decision('A', '01/04/2025'), decision('A', '01/08/2025'), decision('B', '01/04/2025', '01/06/2025'), decision('B', '01/08/2025')];
    expect(flagged(r.rule579, { PlacedAdoption: pa })).toEqual(['PlacedAdoption 2']);
  });
  it('583: an earlier decision, when there is a later one, was revoked', () => {
    const pa = [decision('A', '01/08/2025'), decision('A', '01/04/2025'), decision('B', '01/04/2025', '01/06/2025'), decision('B', '01/08/2025')];
    expect(flagged(r.rule583, { PlacedAdoption: pa })).toEqual(['PlacedAdoption 2']);
  });
  it('1003: the decision is not before the child started to be looked after', () => {
    const eps = [episode('A', '01/05/2025'), episode('B', '01/05/2025')];
    expect(flagged(r.rule1003, { Episodes: eps, PlacedAdoption: [decision('A', '30/04/2025'), decision('B', '01/05/2025')] })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
});

describe('decisions against last year’s return', () => {
  it('559: a decision made before this year was in last year’s return', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025')] };
    expect(flagged(r.rule559, { PlacedAdoption: [decision('A', '01/01/2025'), decision('B', '01/01/2025'), decision('C', '01/06/2025')] }, { previous })).toEqual(['PlacedAdoption 2']);
  });
  it('560: an open decision keeps its date', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025'), decision('B', '01/01/2025')] };
    expect(flagged(r.rule560, { PlacedAdoption: [decision('A', '02/01/2025'), decision('B', '01/01/2025')] }, { previous })).toEqual(['PlacedAdoption 1']);
  });
  it('561: a decision reversed last year is not reported again', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025', '01/03/2025'), decision('B', '01/01/2025', '01/03/2025')] };
    expect(flagged(r.rule561, { PlacedAdoption: [decision('A', '01/01/2025', '01/03/2025'), decision('B', '01/06/2025')] }, { previous })).toEqual(['PlacedAdoption 1']);
  });
  it('584: after last year’s reversal a new decision is dated after it', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025', '01/03/2025'), decision('B', '01/01/2025', '01/03/2025')] };
    expect(flagged(r.rule584, { PlacedAdoption: [decision('A', '01/02/2025'), decision('B', '01/06/2025')] }, { previous })).toEqual(['PlacedAdoption 1']);
  });
  it('560: a decision with no date last year is 559’s, not 560’s', () => {
    const previous = { PlacedAdoption: [decision('A', null)] };
    expect(flagged(r.rule560, { PlacedAdoption: [decision('A', '01/01/2025')] }, { previous })).toEqual([]);
  });
  it('561, 584: a reversal shown by its reason alone, or by an unreadable date, is a reversal', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025', null, 'RD1'), decision('B', '01/01/2025', '00/00/0000', null), decision('C', '01/01/2025', null, 'RD1')] };
    const current = { PlacedAdoption: [decision('A', '01/01/2025'), decision('B', '01/01/2025'), decision('C', '01/06/2025')] };
    expect(flagged(r.rule561, current, { previous })).toEqual(['PlacedAdoption 1', 'PlacedAdoption 2']);
    expect(flagged(r.rule560, current, { previous })).toEqual([]);
    // With no date for the reversal, a new decision is after last year's decision.
    expect(flagged(r.rule584, { PlacedAdoption: [decision('C', '01/06/2025'), decision('C', '01/12/2024')] }, { previous })).toEqual(['PlacedAdoption 2']);
  });
});
