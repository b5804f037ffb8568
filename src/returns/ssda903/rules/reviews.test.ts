import { describe } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { reviewRules } from './reviews.js';
import { checkRules, episode, header } from './rule-cases.js';

const reviewed = (r: RowInput = {}, h: RowInput = {}, e: RowInput = {}) =>
  build903({ Header: [header(h)], Episodes: [episode(e)], Reviews: [{ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/10/2025', REVIEW_CODE: 'PN1', ...r }] });
const girl = (h: RowInput = {}, e: RowInput = {}) => build903({ Header: [header({ SEX: 'F', ...h })], Episodes: [episode(e)] });

describe('rules on reviews and mother status', () => {
  checkRules(reviewRules, {
    '165': { why: 'mother status 2', fails: girl({ MOTHER: '2' }), flagged: ['Header:1'], passes: girl({ MOTHER: '0' }) },
    '166': { why: 'a review date that is not a date', fails: reviewed({ REVIEW: '01/13/2025' }), flagged: ['Reviews:1'], passes: reviewed() },
    '167': { why: 'participation PN9', fails: reviewed({ REVIEW_CODE: 'PN9' }), flagged: ['Reviews:1'], passes: reviewed() },
    '393': { why: 'a girl with no mother status', fails: girl(), flagged: ['Header:1'], passes: girl({ MOTHER: '0' }) },
    '399': {
      why: 'a review for a child on short breaks',
      fails: reviewed({}, {}, { LS: 'V4', HOME_POST: null, PL_POST: null }),
      flagged: ['Header:1', 'Reviews:1', 'Episodes:1'],
      passes: build903({ Header: [header()], Episodes: [episode({ LS: 'V4', HOME_POST: null, PL_POST: null })] }),
    },
  });
});
