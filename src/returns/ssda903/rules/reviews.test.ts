import { describe, expect, it } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { flagged } from './b-test-kit.js';
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

describe('167: participation', () => {
  const rule = reviewRules.find((r) => r.code === '167')!;
  const review = (r: RowInput) => ({ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/10/2025', REVIEW_CODE: 'PN1', ...r });
  it('reports a participation code on a row with no review date', () => {
    expect(flagged(rule, { Header: [header()], Episodes: [episode()], Reviews: [review({ REVIEW: null })] })).toEqual(['Reviews 1']);
  });
  it('reports a blank code, with or without a review date', () => {
    const reviews = [review({ REVIEW_CODE: null }), review({ REVIEW: null, REVIEW_CODE: null })];
    expect(flagged(rule, { Header: [header()], Episodes: [episode()], Reviews: reviews })).toEqual(['Reviews 1', 'Reviews 2']);
  });
});
