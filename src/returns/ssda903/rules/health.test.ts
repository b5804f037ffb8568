import { describe, expect, it } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { healthRules } from './health.js';
import { checkRules, episode, header, health } from './rule-cases.js';

/** A child (DOB `dob`) looked after since May 2024, so in the twelve-month cohort, with this OC2 row. */
const oc2 = (o: RowInput = {}, dob = '01/06/2012', ep: RowInput = {}) =>
  build903({ Header: [header({ DOB: dob })], Episodes: [episode(ep)], OC2: [health({ DOB: dob, ...o })] });
/** The same child, but only looked after since May 2025: not in the cohort. */
const newcomer = (o: RowInput = {}) => oc2(o, '01/06/2012', { DECOM: '01/05/2025' });
const noItems = { SDQ_SCORE: null, CONVICTED: null, IMMUNISATIONS: null, TEETH_CHECK: null, HEALTH_ASSESSMENT: null, SUBSTANCE_MISUSE: null };

describe('rules on OC2 (health and SDQ)', () => {
  checkRules(healthRules, {
    '157': { why: 'SDQ1 for a child of 13', fails: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ1' }), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ2' }) },
    '158': { why: 'an offer recorded after an intervention received', fails: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1', INTERVENTION_OFFERED: '1' }), flagged: ['OC2:1'], passes: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1' }) },
    '159': { why: 'no offer recorded when none was received', fails: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0' }), flagged: ['OC2:1'], passes: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '0', INTERVENTION_OFFERED: '1' }) },
    '180': { why: 'a score of 41', fails: oc2({ SDQ_SCORE: '41' }), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: '40' }) },
    '181': { why: 'immunisations 2', fails: oc2({ IMMUNISATIONS: '2' }), flagged: ['OC2:1'], passes: oc2() },
    '182': { why: 'teeth check left blank', fails: oc2({ TEETH_CHECK: null }), flagged: ['OC2:1'], passes: newcomer(noItems) },
    '185': { why: 'a score for a child not in the cohort', fails: newcomer({ ...noItems, SDQ_SCORE: '10' }), flagged: ['OC2:1'], passes: oc2() },
    '186': { why: 'no score or reason in the cohort', fails: oc2({ SDQ_SCORE: null }), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ2' }) },
    '187': {
      why: 'adoption details for a child in the cohort',
      fails: build903({ Header: [header()], Episodes: [episode()], AD1: [{ CHILD: 'C1', DOB: '01/06/2012', DATE_INT: '01/01/2025' }] }),
      flagged: ['AD1:1'],
      passes: build903({ Header: [header()], Episodes: [episode({ DECOM: '01/05/2025' })], AD1: [{ CHILD: 'C1', DOB: '01/06/2012', DATE_INT: '01/01/2025' }] }),
    },
    '188': { why: 'a score for a child of 3', fails: oc2({}, '01/06/2022'), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null }, '01/06/2022') },
    '189': { why: 'a score for a 17-year-old', fails: oc2({}, '01/03/2008'), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null }, '01/03/2008') },
    '190': { why: 'health items for a child not in the cohort', fails: newcomer({ SDQ_SCORE: null }), flagged: ['OC2:1'], passes: newcomer(noItems) },
    '191': { why: 'health assessment blank in the cohort', fails: oc2({ HEALTH_ASSESSMENT: null }), flagged: ['OC2:1'], passes: oc2() },
    '192': { why: 'substance misuse with no intervention item', fails: oc2({ SUBSTANCE_MISUSE: '1' }), flagged: ['OC2:1'], passes: oc2({ SUBSTANCE_MISUSE: '1', INTERVENTION_RECEIVED: '1' }) },
    '193': { why: 'an intervention with no substance misuse', fails: oc2({ INTERVENTION_RECEIVED: '1' }), flagged: ['OC2:1'], passes: oc2() },
    '196': { why: 'reason SDQ9', fails: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ9' }), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ5' }) },
    '197a': { why: 'both a score and a reason', fails: oc2({ SDQ_REASON: 'SDQ2' }), flagged: ['OC2:1'], passes: oc2() },
    '197B': { why: 'nothing for a child turning 4', fails: oc2({ SDQ_SCORE: null }, '01/06/2021'), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ1' }, '01/06/2021') },
    '198': { why: 'a reason for a child not in the cohort', fails: newcomer({ ...noItems, SDQ_REASON: 'SDQ2' }), flagged: ['OC2:1'], passes: oc2({ SDQ_SCORE: null, SDQ_REASON: 'SDQ2' }) },
  });
});

/** Episodes for child C1 (DOB 01/06/2012), with an OC2 row. */
const withEpisodes = (eps: RowInput[], o: RowInput = {}) =>
  build903({ Header: [header()], Episodes: eps.map((e) => episode(e)), OC2: [health(o)] });
const flagsOf = (code: string, ret: ReturnType<typeof build903>) =>
  healthRules.find((r) => r.code === code)!.validate(ret).map((f) => `${f.table}:${f.row}`);

describe('the twelve-month cohort (looked after continuously at 31 March)', () => {
  it('is not broken by an earlier episode whose end date is missing', () => {
    const ret = withEpisodes(
      [{ DECOM: '01/05/2024', DEC: null, REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }, { DECOM: '13/11/2025', RNE: 'P' }],
      { HEALTH_ASSESSMENT: null },
    );
    expect(flagsOf('185', ret)).toEqual([]);
    expect(flagsOf('191', ret)).toEqual(['OC2:1']);
  });
  it('is not broken by a start date that cannot be read, when no episode starts care in the year', () => {
    const ret = withEpisodes([{ DECOM: '1/4/25', DEC: '18/11/2025', REC: 'X1', RNE: 'P' }, { DECOM: '18/11/2025', RNE: 'P' }]);
    expect(flagsOf('185', ret)).toEqual([]);
    expect(flagsOf('190', ret)).toEqual([]);
  });
  it('leaves out a child who had a short break in the year, even one that ended', () => {
    const ret = withEpisodes([
      { DECOM: '01/05/2024', DEC: '01/06/2025', REC: 'X1', LS: 'V3' },
      { DECOM: '01/06/2025', RNE: 'L' },
    ]);
    expect(flagsOf('185', ret)).toEqual(['OC2:1']);
  });
  it('leaves out a child who left care in the year and came back', () => {
    const ret = withEpisodes([
      { DECOM: '01/05/2024', DEC: '01/06/2025', REC: 'E4A' },
      { DECOM: '01/07/2025', RNE: 'S' },
    ]);
    expect(flagsOf('190', ret)).toEqual(['OC2:1']);
  });
});

describe('rules on the cohort, further cases', () => {
  it('191 reports a child in the cohort with no OC2 row by their earliest episode', () => {
    const ret = build903({
      Header: [header()],
      Episodes: [episode(), episode({ DECOM: '01/01/2023', DEC: '01/03/2023', REC: 'E4A' })],
      OC2: [health({ CHILD: 'C2' })],
    });
    expect(flagsOf('191', ret)).toEqual(['Episodes:2']);
  });
  it('187 passes an adoption row with none of its items filled in', () => {
    const ret = build903({ Header: [header()], Episodes: [episode()], AD1: [{ CHILD: 'C1', DOB: '01/06/2012' }] });
    expect(flagsOf('187', ret)).toEqual([]);
  });
  it('157 leaves a score given beside SDQ1 to 197a', () => {
    expect(flagsOf('157', oc2({ SDQ_SCORE: '12', SDQ_REASON: 'SDQ1' }))).toEqual([]);
  });
  it('180 reads a signed whole number as a number', () => {
    expect(flagsOf('180', oc2({ SDQ_SCORE: '-0' }))).toEqual([]);
    expect(flagsOf('180', oc2({ SDQ_SCORE: '-1' }))).toEqual(['OC2:1']);
    expect(flagsOf('180', oc2({ SDQ_SCORE: '12.5' }))).toEqual(['OC2:1']);
  });
});
