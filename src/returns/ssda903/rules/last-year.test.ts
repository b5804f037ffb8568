import { describe } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { lastYearRules } from './last-year.js';
import { checkRules, episode, header } from './rule-cases.js';

/** A child in this year's and last year's returns, with last year's Header changed by `last`. */
const twoYears = (now: RowInput = {}, last: RowInput = {}) =>
  build903({ Header: [header(now)], Episodes: [episode()] }, { previous: { Header: [header(last)], Episodes: [episode()] } });

describe('rules comparing with last year', () => {
  checkRules(lastYearRules, {
    '202': { why: 'a different sex', fails: twoYears({ SEX: 'F' }, { SEX: 'M' }), flagged: ['Header:1'], passes: twoYears({ SEX: 'F' }, { SEX: '2' }) },
    '203': { why: 'a different date of birth', fails: twoYears({}, { DOB: '02/06/2012' }), flagged: ['Header:1'], passes: twoYears() },
    '204': { why: 'a different ethnicity', fails: twoYears({}, { ETHNIC: 'WIRI' }), flagged: ['Header:1'], passes: twoYears() },
    '207': { why: 'no longer a mother', fails: twoYears({ SEX: 'F', MOTHER: '0' }, { SEX: 'F', MOTHER: '1' }), flagged: ['Header:1'], passes: twoYears({ SEX: 'F', MOTHER: '1' }, { SEX: 'F', MOTHER: '0' }) },
    '208': { why: 'a different UPN', fails: twoYears({ UPN: 'A123456789013' }), flagged: ['Header:1'], passes: twoYears({}, { UPN: 'UN4' }) },
  });
});
