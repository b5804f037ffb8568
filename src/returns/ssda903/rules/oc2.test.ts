import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, episode, findings, flagged, type RowInput } from '../ssda903.test-kit.js';
import {
  oc2Rules,
  rule157,
  rule158,
  rule159,
  rule180,
  rule181,
  rule182,
  rule185,
  rule186,
  rule187,
  rule188,
  rule189,
  rule190,
  rule191,
  rule192,
  rule193,
  rule196,
  rule197a,
  rule197B,
  rule198,
  rule542,
  rule543,
  rule544,
  rule545,
  rule546,
  rule547,
} from './oc2.js';

/** The rules with a passing and a failing case in the table below. */
const withCases = [
  rule157,
  rule158,
  rule159,
  rule180,
  rule181,
  rule182,
  rule185,
  rule186,
  rule187,
  rule188,
  rule189,
  rule190,
  rule191,
  rule192,
  rule193,
  rule196,
  rule197a,
  rule197B,
  rule198,
];

/** A child (DOB `dob`) looked after since May 2024, so in the twelve-month cohort, with this OC2 row. */
const oc2 = (o: RowInput = {}, dob = '01/06/2012', ep: RowInput = {}) =>
  build903({ Header: [c1.header({ DOB: dob })], Episodes: [c1.episode(ep)], OC2: [c1.oc2({ DOB: dob, ...o })] });
/** The same child, but only looked after since May 2025: not in the cohort. */
const newcomer = (o: RowInput = {}) => oc2(o, '01/06/2012', { DECOM: '01/05/2025' });
const noItems = {
  SDQ_SCORE: null,
  CONVICTED: null,
  IMMUNISATIONS: null,
  TEETH_CHECK: null,
  HEALTH_ASSESSMENT: null,
  SUBSTANCE_MISUSE: null,
};

describe('rules on OC2 (health and SDQ)', () => {
  checkRules(withCases, {
    '157': {
      why: 'SDQ1 for a child of 13',
      fails: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ1' }),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ2' }),
    },
    '158': {
      why: 'an offer recorded after an intervention received',
      fails: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '1' }),
      flagged: ['OC2 1'],
      passes: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1' }),
    },
    '159': {
      why: 'no offer recorded when none was received',
      fails: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0' }),
      flagged: ['OC2 1'],
      passes: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }),
    },
    '180': { why: 'a score of 41', fails: oc2({ SDQ_SCORE: '41' }), flagged: ['OC2 1'], passes: oc2({ SDQ_SCORE: '40' }) },
    '181': { why: 'immunisations 2', fails: oc2({ IMMUNISATIONS: '2' }), flagged: ['OC2 1'], passes: oc2() },
    '182': { why: 'teeth check left blank', fails: oc2({ TEETH_CHECK: null }), flagged: ['OC2 1'], passes: newcomer(noItems) },
    '185': {
      why: 'a score for a child not in the cohort',
      fails: newcomer({ ...noItems, SDQ_SCORE: '10' }),
      flagged: ['OC2 1'],
      passes: oc2(),
    },
    '186': {
      why: 'no score or reason in the cohort',
      fails: oc2({ SDQ_SCORE: null }),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ2' }),
    },
    '187': {
      why: 'adoption details for a child in the cohort',
      fails: build903({
        Header: [c1.header()],
        Episodes: [c1.episode()],
        AD1: [{ CHILD: 'C1', DOB: '01/06/2012', DATE_INT: '01/01/2025' }],
      }),
      flagged: ['AD1 1'],
      passes: build903({
        Header: [c1.header()],
        Episodes: [c1.episode({ DECOM: '01/05/2025' })],
        AD1: [{ CHILD: 'C1', DOB: '01/06/2012', DATE_INT: '01/01/2025' }],
      }),
    },
    '188': {
      why: 'a score for a child of 3',
      fails: oc2({}, '01/06/2022'),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null }, '01/06/2022'),
    },
    '189': {
      why: 'a score for a 17-year-old',
      fails: oc2({}, '01/03/2008'),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null }, '01/03/2008'),
    },
    '190': {
      why: 'health items for a child not in the cohort',
      fails: newcomer({ SDQ_SCORE: null }),
      flagged: ['OC2 1'],
      passes: newcomer(noItems),
    },
    '191': { why: 'health assessment blank in the cohort', fails: oc2({ HEALTH_ASSESSMENT: null }), flagged: ['OC2 1'], passes: oc2() },
    '192': {
      why: 'substance misuse with no intervention item',
      fails: oc2({ SUBSTANCE_MISUSE: '1' }),
      flagged: ['OC2 1'],
      passes: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1' }),
    },
    '193': {
      why: 'an intervention with no substance misuse',
      fails: oc2({ INTERVENTION_RECEIVED: '1' }),
      flagged: ['OC2 1'],
      passes: oc2(),
    },
    '196': {
      why: 'reason SDQ9',
      fails: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ9' }),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ5' }),
    },
    '197a': { why: 'both a score and a reason', fails: oc2({ SDQ_REASON: 'SDQ2' }), flagged: ['OC2 1'], passes: oc2() },
    '197B': {
      why: 'nothing for a child turning 4',
      fails: oc2({ SDQ_SCORE: null }, '01/06/2021'),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ1' }, '01/06/2021'),
    },
    '198': {
      why: 'a reason for a child not in the cohort',
      fails: newcomer({ ...noItems, SDQ_REASON: 'SDQ2' }),
      flagged: ['OC2 1'],
      passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ2' }),
    },
  });
});

/** Episodes for child C1 (DOB 01/06/2012), with an OC2 row. */
const withEpisodes = (eps: RowInput[], o: RowInput = {}) =>
  build903({ Header: [c1.header()], Episodes: eps.map((e) => c1.episode(e)), OC2: [c1.oc2(o)] });
const flagsOf = (code: string, ret: ReturnType<typeof build903>) =>
  findings(
    oc2Rules.find((r) => r.code === code)!,
    ret,
  );

describe('the twelve-month cohort (looked after continuously at 31 March)', () => {
  it('is not broken by an earlier episode whose end date is missing', () => {
    const ret = withEpisodes(
      [
        { DECOM: '01/05/2024', DEC: null, REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' },
        { DECOM: '13/11/2025', RNE: 'P' },
      ],
      { HEALTH_ASSESSMENT: null },
    );
    expect(flagsOf('185', ret)).toEqual([]);
    expect(flagsOf('191', ret)).toEqual(['OC2 1']);
  });
  it('is not broken by a start date that cannot be read, when no episode starts care in the year', () => {
    const ret = withEpisodes([
      { DECOM: '1/4/25', DEC: '18/11/2025', REC: 'X1', RNE: 'P' },
      { DECOM: '18/11/2025', RNE: 'P' },
    ]);
    expect(flagsOf('185', ret)).toEqual([]);
    expect(flagsOf('190', ret)).toEqual([]);
  });
  it('leaves out a child who had a short break in the year, even one that ended', () => {
    const ret = withEpisodes([
      { DECOM: '01/05/2024', DEC: '01/06/2025', REC: 'X1', LS: 'V3' },
      { DECOM: '01/06/2025', RNE: 'L' },
    ]);
    expect(flagsOf('185', ret)).toEqual(['OC2 1']);
  });
  it('leaves out a child who left care in the year and came back', () => {
    const ret = withEpisodes([
      { DECOM: '01/05/2024', DEC: '01/06/2025', REC: 'E4A' },
      { DECOM: '01/07/2025', RNE: 'S' },
    ]);
    expect(flagsOf('190', ret)).toEqual(['OC2 1']);
  });
});

describe('rules on the cohort, further cases', () => {
  it('191 reports a child in the cohort with no OC2 row by their earliest episode', () => {
    const ret = build903({
      Header: [c1.header()],
      Episodes: [c1.episode(), c1.episode({ DECOM: '01/01/2023', DEC: '01/03/2023', REC: 'E4A' })],
      OC2: [c1.oc2({ CHILD: 'C2' })],
    });
    expect(flagsOf('191', ret)).toEqual(['Episodes 2']);
  });
  it('187 passes an adoption row with none of its items filled in', () => {
    const ret = build903({ Header: [c1.header()], Episodes: [c1.episode()], AD1: [{ CHILD: 'C1', DOB: '01/06/2012' }] });
    expect(flagsOf('187', ret)).toEqual([]);
  });
  it('157 leaves a score given beside SDQ1 to 197a', () => {
    expect(flagsOf('157', oc2({ SDQ_SCORE: '12', SDQ_REASON: 'SDQ1' }))).toEqual([]);
  });
  it('180 reads a signed whole number as a number', () => {
    expect(flagsOf('180', oc2({ SDQ_SCORE: '-0' }))).toEqual([]);
    expect(flagsOf('180', oc2({ SDQ_SCORE: '-1' }))).toEqual(['OC2 1']);
    expect(flagsOf('180', oc2({ SDQ_SCORE: '12.5' }))).toEqual(['OC2 1']);
  });
});

// 2025/26: 31 March 2026 is the day ages are taken; in care since before 1 April 2025 is twelve months.
const oc2Row = (child: string, dob: string, more: Record<string, string | null> = {}) => ({
  CHILD: child,
  DOB: dob,
  CONVICTED: null,
  HEALTH_CHECK: null,
  IMMUNISATIONS: '1',
  TEETH_CHECK: '1',
  HEALTH_ASSESSMENT: '1',
  SUBSTANCE_MISUSE: '0',
  ...more,
});
const inCareAllYear = (child: string, more = {}) => episode(child, '01/03/2025', more);

describe('convictions', () => {
  it('542: no conviction details for a child under 10 at 31 March', () => {
    expect(
      flagged(rule542, { OC2: [oc2Row('A', '01/04/2016', { CONVICTED: '0' }), oc2Row('B', '31/03/2016', { CONVICTED: '0' })] }),
    ).toEqual(['OC2 1']);
  });
  it('543: a child of 10 or over looked after for twelve months has conviction details', () => {
    const tables = {
      OC2: [oc2Row('A', '31/03/2016'), oc2Row('B', '31/03/2016', { CONVICTED: '0' }), oc2Row('C', '31/03/2016')],
      Episodes: [inCareAllYear('A'), inCareAllYear('B'), episode('C', '02/04/2025')],
    };
    expect(flagged(rule543, tables)).toEqual(['OC2 1']);
  });
  it('544: a conviction needs the health fields too', () => {
    expect(
      flagged(rule544, {
        OC2: [
          oc2Row('A', '01/01/2010', { CONVICTED: '1', TEETH_CHECK: null }),
          oc2Row('B', '01/01/2010', { CONVICTED: '0', TEETH_CHECK: null }),
        ],
      }),
    ).toEqual(['OC2 1']);
  });
});

describe('health promotion for the under-5s', () => {
  it('545: a child under 5 looked after for twelve months has a health check recorded', () => {
    const tables = {
      OC2: [oc2Row('A', '01/04/2021'), oc2Row('B', '01/04/2021', { HEALTH_CHECK: '1' })],
      Episodes: [inCareAllYear('A'), inCareAllYear('B')],
    };
    expect(flagged(rule545, tables)).toEqual(['OC2 1']);
  });
  it('545: short breaks (V3, V4) do not make the twelve months', () => {
    expect(flagged(rule545, { OC2: [oc2Row('A', '01/04/2021')], Episodes: [inCareAllYear('A', { LS: 'V3' })] })).toEqual([]);
  });
  it('546: no health check for a child of 5 or over', () => {
    const tables = {
      OC2: [oc2Row('A', '31/03/2021', { HEALTH_CHECK: '0' }), oc2Row('B', '01/04/2021', { HEALTH_CHECK: '1' })],
      Episodes: [inCareAllYear('A'), inCareAllYear('B')],
    };
    expect(flagged(rule546, tables)).toEqual(['OC2 1']);
  });
  it('547: a health check needs the health fields too', () => {
    expect(
      flagged(rule547, {
        OC2: [oc2Row('A', '01/01/2022', { HEALTH_CHECK: '1', IMMUNISATIONS: null }), oc2Row('B', '01/01/2022', { HEALTH_CHECK: '1' })],
      }),
    ).toEqual(['OC2 1']);
  });
});
