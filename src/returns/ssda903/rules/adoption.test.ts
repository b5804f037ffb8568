import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, episode, findings, flagged, type RowInput } from '../ssda903.test-kit.js';
import {
  adoptionRules,
  rule1003,
  rule112,
  rule113,
  rule114,
  rule115,
  rule116,
  rule117,
  rule118,
  rule119,
  rule120,
  rule151,
  rule175,
  rule176,
  rule177,
  rule184,
  rule331,
  rule333,
  rule334,
  rule335,
  rule336,
  rule511,
  rule514,
  rule517,
  rule518,
  rule519,
  rule520,
  rule521,
  rule522,
  rule523,
  rule524,
  rule525,
  rule551,
  rule552,
  rule553,
  rule554,
  rule557,
  rule558,
  rule559,
  rule560,
  rule561,
  rule563,
  rule579,
  rule582,
  rule583,
  rule584,
  rule601,
  rule602,
} from './adoption.js';

/** The rules with a passing and a failing case in the table below. */
const withCases = [
  rule112,
  rule113,
  rule114,
  rule115,
  rule116,
  rule117,
  rule118,
  rule119,
  rule120,
  rule151,
  rule175,
  rule176,
  rule177,
  rule184,
  rule331,
  rule333,
  rule334,
  rule335,
  rule336,
];

/** A child of 4 in care from May 2024, placed for adoption (A4) on 1 June 2025, adopted 1 December 2025. */
const adopted = (ad1: RowInput = {}, pa: RowInput = {}, second: RowInput = {}, first: RowInput = {}) =>
  build903({
    Header: [c1.header({ DOB: '01/06/2021' })],
    Episodes: [
      c1.episode({ LS: 'E1', DEC: '01/06/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL', ...first }),
      c1.episode({ DECOM: '01/06/2025', RNE: 'P', LS: 'E1', PLACE: 'A4', DEC: '01/12/2025', REC: 'E11', ...second }),
    ],
    AD1: [
      {
        CHILD: 'C1',
        DOB: '01/06/2021',
        DATE_INT: '01/11/2024',
        DATE_MATCH: '01/05/2025',
        FOSTER_CARE: '0',
        NB_ADOPTR: '2',
        SEX_ADOPTR: 'MF',
        LS_ADOPTR: 'L11',
        ...ad1,
      },
    ],
    PlacedAdoption: [{ CHILD: 'C1', DOB: '01/06/2021', DATE_PLACED: '01/11/2024', ...pa }],
  });

describe('rules on adoption', () => {
  checkRules(withCases, {
    '112': { why: 'a decision date that is not a date', fails: adopted({ DATE_INT: '1/11/24' }), flagged: ['AD1 1'], passes: adopted() },
    '113': {
      why: 'a matching date that is not a date',
      fails: adopted({ DATE_MATCH: '2025-05-01' }),
      flagged: ['AD1 1'],
      passes: adopted(),
    },
    '114': { why: 'foster care 2', fails: adopted({ FOSTER_CARE: '2' }), flagged: ['AD1 1'], passes: adopted() },
    '115': {
      why: 'a decision date that is not a date',
      fails: adopted({}, { DATE_PLACED: '31/11/2024' }),
      flagged: ['PlacedAdoption 1'],
      passes: adopted(),
    },
    '116': {
      why: 'a reversal date that is not a date',
      fails: adopted({}, { DATE_PLACED_CEASED: 'soon', REASON_PLACED_CEASED: 'RD1' }),
      flagged: ['PlacedAdoption 1'],
      passes: adopted(),
    },
    '117': {
      why: 'a reversal after the child left care',
      fails: adopted({}, { DATE_PLACED_CEASED: '01/02/2026', REASON_PLACED_CEASED: 'RD1' }),
      flagged: ['PlacedAdoption 1', 'Episodes 2'],
      passes: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD1' }),
    },
    '118': {
      why: 'a reversal before the year',
      fails: adopted({}, { DATE_PLACED_CEASED: '01/03/2025', REASON_PLACED_CEASED: 'RD1' }),
      flagged: ['PlacedAdoption 1', 'Episodes 1'],
      passes: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD1' }),
    },
    '119': {
      why: 'a reversal with no reason',
      fails: adopted({}, { DATE_PLACED_CEASED: '01/11/2025' }),
      flagged: ['PlacedAdoption 1'],
      passes: adopted(),
    },
    '120': {
      why: 'reason RD9',
      fails: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD9' }),
      flagged: ['PlacedAdoption 1'],
      passes: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD4' }),
    },
    '151': { why: "adopters' sexes left out", fails: adopted({ SEX_ADOPTR: null }), flagged: ['AD1 1'], passes: adopted() },
    '175': { why: 'three adopters', fails: adopted({ NB_ADOPTR: '3' }), flagged: ['AD1 1'], passes: adopted() },
    '176': { why: "adopters' sexes XY", fails: adopted({ SEX_ADOPTR: 'XY' }), flagged: ['AD1 1'], passes: adopted() },
    '177': { why: "adopters' legal status L9", fails: adopted({ LS_ADOPTR: 'L9' }), flagged: ['AD1 1'], passes: adopted() },
    '184': {
      why: 'a decision before birth',
      fails: adopted({}, { DATE_PLACED: '01/01/2021' }),
      flagged: ['PlacedAdoption 1'],
      passes: adopted(),
    },
    '331': {
      why: 'matched after the placement',
      fails: adopted({ DATE_MATCH: '02/06/2025' }),
      flagged: ['AD1 1', 'Episodes 2'],
      passes: adopted({ DATE_MATCH: '01/06/2025' }),
    },
    '333': { why: 'the decision after the match', fails: adopted({ DATE_INT: '02/05/2025' }), flagged: ['AD1 1'], passes: adopted() },
    '334': {
      why: 'the decision before care began',
      fails: adopted({ DATE_INT: '30/04/2024' }),
      flagged: ['AD1 1', 'Episodes 1'],
      passes: adopted(),
    },
    '335': {
      why: 'adopted by foster carers from A4',
      fails: adopted({ FOSTER_CARE: '1' }),
      flagged: ['AD1 1', 'Episodes 2'],
      passes: adopted(),
    },
    '336': {
      why: "placed for adoption from a children's home",
      fails: adopted({}, {}, {}, { PLACE: 'K2', URN: 'SC123456' }),
      flagged: ['Episodes 2'],
      passes: adopted(),
    },
  });
});

describe('rules on adoption, further cases', () => {
  const flagsOf = (code: string, ret: ReturnType<typeof build903>) =>
    findings(
      adoptionRules.find((r) => r.code === code)!,
      ret,
    );
  it('333 reports a match with no date the child should be placed for adoption', () => {
    expect(flagsOf('333', adopted({ DATE_INT: null }))).toEqual(['AD1 1']);
    expect(flagsOf('333', adopted({ DATE_INT: null, DATE_MATCH: null }))).toEqual([]);
  });
  it('331 compares the match with the start of the episode that ended in adoption', () => {
    // Placed with foster carers approved as adopters (A6) before the match, then moved to A3 after it.
    const moved = adopted(
      { DATE_MATCH: '01/03/2025' },
      {},
      { DECOM: '01/04/2025', PLACE: 'A3' },
      { PLACE: 'A6', DECOM: '01/01/2025', DEC: '01/04/2025' },
    );
    expect(flagsOf('331', moved)).toEqual([]);
    expect(
      flagsOf(
        '331',
        adopted(
          { DATE_MATCH: '02/04/2025' },
          {},
          { DECOM: '01/04/2025', PLACE: 'A3' },
          { PLACE: 'A6', DECOM: '01/01/2025', DEC: '01/04/2025' },
        ),
      ),
    ).toEqual(['AD1 1', 'Episodes 2']);
  });
});

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
  const cases: [typeof rule511, Record<string, string>, Record<string, string>][] = [
    [rule511, { NB_ADOPTR: '2', SEX_ADOPTR: 'M1' }, { NB_ADOPTR: '2', SEX_ADOPTR: 'FF' }],
    [rule514, { LS_ADOPTR: 'L0', SEX_ADOPTR: 'MF' }, { LS_ADOPTR: 'L0', SEX_ADOPTR: 'F1', NB_ADOPTR: '1' }],
    [rule517, { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MM' }, { LS_ADOPTR: 'L3', SEX_ADOPTR: 'MF' }],
    [rule518, { LS_ADOPTR: 'L4', SEX_ADOPTR: 'MF' }, { LS_ADOPTR: 'L4', SEX_ADOPTR: 'FF' }],
    [rule519, { LS_ADOPTR: 'L2', SEX_ADOPTR: 'F1' }, { LS_ADOPTR: 'L2', SEX_ADOPTR: 'MM' }],
    [rule520, { LS_ADOPTR: 'L11', SEX_ADOPTR: 'FF' }, { LS_ADOPTR: 'L11', SEX_ADOPTR: 'MF' }],
    [rule524, { LS_ADOPTR: 'L12', SEX_ADOPTR: 'MF' }, { LS_ADOPTR: 'L12', SEX_ADOPTR: 'MM' }],
  ];
  it('511-524: the adopters’ legal status, number and sexes agree', () => {
    for (const [rule, bad, good] of cases) expect(flagged(rule, { AD1: [ad1('A', bad), ad1('B', good)] }), rule.code).toEqual(['AD1 1']);
  });
  it('511: two adopters with a single adopter’s code; a blank or unknown code is for other rules', () => {
    const rows = [ad1('A', { SEX_ADOPTR: 'F1' }), ad1('B', { SEX_ADOPTR: null }), ad1('C', { SEX_ADOPTR: 'XX' })];
    expect(flagged(rule511, { AD1: rows })).toEqual(['AD1 1']);
  });
  it('582: being matched on the day of adoption is unusual', () => {
    const eps = [
      episode('A', '01/04/2025', { PLACE: 'A3', DEC: '01/05/2025', REC: 'E11' }),
      episode('B', '01/04/2025', { PLACE: 'A3', DEC: '02/05/2025', REC: 'E12' }),
    ];
    expect(flagged(rule582, { Episodes: eps, AD1: [ad1('A'), ad1('B')] })).toEqual(['Episodes 1']);
  });
  it('601: a child adopted this year has the adoption details', () => {
    const eps = [
      episode('A', '01/04/2025', { DEC: '01/06/2025', REC: 'E11' }),
      episode('B', '01/04/2025', { DEC: '01/06/2025', REC: 'E11' }),
      episode('C', '01/04/2025', { DEC: '01/06/2025', REC: 'E12' }),
    ];
    expect(flagged(rule601, { Episodes: eps, AD1: [ad1('B', { FOSTER_CARE: null }), ad1('C')] })).toEqual([
      'Episodes 1',
      'Episodes 2',
      'AD1 1',
    ]);
  });
  it('602: adoption details only for a child adopted this year', () => {
    const eps = [
      episode('A', '01/04/2025', { DEC: '01/06/2025', REC: 'E11' }),
      episode('B', '01/04/2025', { DEC: '01/06/2025', REC: 'E4A' }),
    ];
    expect(flagged(rule602, { Episodes: eps, AD1: [ad1('A'), ad1('B')] })).toEqual(['AD1 2']);
  });
});

describe('the decision that a child should be placed for adoption', () => {
  it('521: the best-interests decision comes before the adoptive placement', () => {
    const eps = [episode('A', '01/01/2025', { PLACE: 'A4' }), episode('B', '01/03/2025', { PLACE: 'A4' })];
    expect(flagged(rule521, { Episodes: eps, AD1: [ad1('A'), ad1('B')] })).toEqual(['Episodes 1', 'AD1 1']);
  });
  it('522: a decision is not reversed before it was made', () => {
    expect(
      flagged(rule522, { PlacedAdoption: [decision('A', '01/05/2025', '30/04/2025'), decision('B', '01/05/2025', '01/05/2025')] }),
    ).toEqual(['PlacedAdoption 1']);
  });
  it('523: the decision to place is dated the same as the best-interests decision', () => {
    const tables = { AD1: [ad1('A'), ad1('B')], PlacedAdoption: [decision('A', '02/02/2025'), decision('B', '01/02/2025')] };
    expect(flagged(rule523, tables)).toEqual(['PlacedAdoption 1', 'AD1 1']);
  });
  it('525: a child whose decision was reversed is not adopted', () => {
    const tables = { AD1: [ad1('A'), ad1('B')], PlacedAdoption: [decision('A', '01/02/2025', '01/03/2025'), decision('B', '01/02/2025')] };
    expect(flagged(rule525, tables)).toEqual(['PlacedAdoption 1', 'AD1 1']);
  });
  it('551: a child placed for adoption has a decision date', () => {
    const eps = [
      episode('A', '01/05/2025', { PLACE: 'A3' }),
      episode('B', '01/05/2025', { PLACE: 'A5', LS: 'E1' }),
      episode('C', '01/05/2025', { PLACE: 'A3' }),
    ];
    expect(flagged(rule551, { Episodes: eps, PlacedAdoption: [decision('B', '01/04/2025'), decision('C', null)] })).toEqual([
      'Episodes 1',
      'Episodes 3',
    ]);
  });
  it('552: the latest decision comes before the first adoptive placement', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'A3' }), episode('B', '01/05/2025', { PLACE: 'A3' })];
    const pa = [decision('A', '02/05/2025'), decision('B', '01/05/2025')];
    expect(flagged(rule552, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('553: a placement order needs a decision, and one not reversed while the order lasts', () => {
    const eps = [
      episode('A', '01/05/2025', { LS: 'E1' }),
      episode('B', '01/05/2025', { LS: 'E1' }),
      episode('C', '01/05/2025', { LS: 'E1' }),
    ];
    const pa = [decision('B', '01/04/2025', '01/06/2025'), decision('C', '01/04/2025')];
    expect(flagged(rule553, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('554: the decision comes before the placement order', () => {
    const eps = [episode('A', '01/05/2025', { LS: 'E1' }), episode('B', '01/05/2025', { LS: 'E1' })];
    expect(flagged(rule554, { Episodes: eps, PlacedAdoption: [decision('A', '02/05/2025'), decision('B', '30/04/2025')] })).toEqual([
      'Episodes 1',
      'PlacedAdoption 1',
    ]);
  });
  it('557: leaving care from an adoptive placement, not adopted, reverses the decision', () => {
    const eps = [
      episode('A', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' }),
      episode('B', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' }),
    ];
    const pa = [decision('A', '01/04/2025'), decision('B', '01/04/2025', '01/07/2025')];
    expect(flagged(rule557, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('557: a child placed for adoption who left care with no decision recorded at all', () => {
    const eps = [
      episode('A', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' }),
      episode('B', '01/05/2025', { PLACE: 'A4', DEC: '01/07/2025', REC: 'E4A' }),
    ];
    expect(flagged(rule557, { Episodes: eps, PlacedAdoption: [decision('B', '01/04/2025', '01/07/2025')] })).toEqual(['Episodes 1']);
  });
  it('558: the decision behind an adoption was not reversed', () => {
    const eps = [
      episode('A', '01/05/2025', { DEC: '01/07/2025', REC: 'E11' }),
      episode('B', '01/05/2025', { DEC: '01/07/2025', REC: 'E11' }),
    ];
    // B's earlier decision was reversed, the later one led to the adoption.
    const pa = [decision('A', '01/04/2025', '01/06/2025'), decision('B', '01/01/2025', '01/02/2025'), decision('B', '01/04/2025')];
    expect(flagged(rule558, { Episodes: eps, PlacedAdoption: pa })).toEqual(['Episodes 1', 'PlacedAdoption 1']);
  });
  it('563: a reversal needs the decision it reverses', () => {
    expect(flagged(rule563, { PlacedAdoption: [decision('A', null, '01/06/2025'), decision('B', '01/04/2025', '01/06/2025')] })).toEqual([
      'PlacedAdoption 1',
    ]);
  });
  it('579: decisions do not overlap: a new one follows the reversal of the last', () => {
    const pa = [
      decision('A', '01/04/2025'),
      decision('A', '01/08/2025'),
      decision('B', '01/04/2025', '01/06/2025'),
      decision('B', '01/08/2025'),
    ];
    expect(flagged(rule579, { PlacedAdoption: pa })).toEqual(['PlacedAdoption 2']);
  });
  it('583: an earlier decision, when there is a later one, was revoked', () => {
    const pa = [
      decision('A', '01/08/2025'),
      decision('A', '01/04/2025'),
      decision('B', '01/04/2025', '01/06/2025'),
      decision('B', '01/08/2025'),
    ];
    expect(flagged(rule583, { PlacedAdoption: pa })).toEqual(['PlacedAdoption 2']);
  });
  it('1003: the decision is not before the child started to be looked after', () => {
    const eps = [episode('A', '01/05/2025'), episode('B', '01/05/2025')];
    expect(flagged(rule1003, { Episodes: eps, PlacedAdoption: [decision('A', '30/04/2025'), decision('B', '01/05/2025')] })).toEqual([
      'Episodes 1',
      'PlacedAdoption 1',
    ]);
  });
});

describe('decisions against last year’s return', () => {
  it('559: a decision made before this year was in last year’s return', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025')] };
    expect(
      flagged(
        rule559,
        { PlacedAdoption: [decision('A', '01/01/2025'), decision('B', '01/01/2025'), decision('C', '01/06/2025')] },
        { previous },
      ),
    ).toEqual(['PlacedAdoption 2']);
  });
  it('560: an open decision keeps its date', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025'), decision('B', '01/01/2025')] };
    expect(flagged(rule560, { PlacedAdoption: [decision('A', '02/01/2025'), decision('B', '01/01/2025')] }, { previous })).toEqual([
      'PlacedAdoption 1',
    ]);
  });
  it('561: a decision reversed last year is not reported again', () => {
    const previous = { PlacedAdoption: [decision('A', '01/01/2025', '01/03/2025'), decision('B', '01/01/2025', '01/03/2025')] };
    expect(
      flagged(rule561, { PlacedAdoption: [decision('A', '01/01/2025', '01/03/2025'), decision('B', '01/06/2025')] }, { previous }),
    ).toEqual(['PlacedAdoption 1']);
  });
  it('584: after last year’s reversal a new decision is dated after last year’s decision', () => {
    const previous = { PlacedAdoption: ['A', 'B', 'C'].map((id) => decision(id, '15/01/2025', '20/03/2025')) };
    // A's new decision is before last year's; B's after it though before its reversal; C's after both.
    const current = { PlacedAdoption: [decision('A', '10/01/2025'), decision('B', '20/02/2025'), decision('C', '25/06/2025')] };
    expect(flagged(rule584, current, { previous })).toEqual(['PlacedAdoption 1']);
  });
  it('560: a decision with no date last year is 559’s, not 560’s', () => {
    const previous = { PlacedAdoption: [decision('A', null)] };
    expect(flagged(rule560, { PlacedAdoption: [decision('A', '01/01/2025')] }, { previous })).toEqual([]);
  });
  it('561, 584: a reversal shown by its reason alone, or by an unreadable date, is a reversal', () => {
    const previous = {
      PlacedAdoption: [
        decision('A', '01/01/2025', null, 'RD1'),
        decision('B', '01/01/2025', '00/00/0000', null),
        decision('C', '01/01/2025', null, 'RD1'),
      ],
    };
    const current = { PlacedAdoption: [decision('A', '01/01/2025'), decision('B', '01/01/2025'), decision('C', '01/06/2025')] };
    expect(flagged(rule561, current, { previous })).toEqual(['PlacedAdoption 1', 'PlacedAdoption 2']);
    expect(flagged(rule560, current, { previous })).toEqual([]);
    // With no date for the reversal, a new decision is after last year's decision.
    expect(flagged(rule584, { PlacedAdoption: [decision('C', '01/06/2025'), decision('C', '01/12/2024')] }, { previous })).toEqual([
      'PlacedAdoption 2',
    ]);
  });
});
