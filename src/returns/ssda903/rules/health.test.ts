import { describe } from 'vitest';
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
