import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, flagged, type RowInput } from '../ssda903.test-kit.js';
import { reviewRules, rule166, rule167, rule399, rule440, rule441 } from './reviews.js';

const reviewed = (r: RowInput = {}, h: RowInput = {}, e: RowInput = {}) =>
  build903({
    Header: [c1.header(h)],
    Episodes: [c1.episode(e)],
    Reviews: [{ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/10/2025', REVIEW_CODE: 'PN1', ...r }],
  });
describe('rules on reviews', () => {
  checkRules([rule166, rule167, rule399], {
    '166': {
      why: 'a review date that is not a date',
      fails: reviewed({ REVIEW: '01/13/2025' }),
      flagged: ['Reviews 1'],
      passes: reviewed(),
    },
    '167': { why: 'participation PN9', fails: reviewed({ REVIEW_CODE: 'PN9' }), flagged: ['Reviews 1'], passes: reviewed() },
    '399': {
      why: 'a review for a child on short breaks',
      fails: reviewed({}, {}, { LS: 'V4', HOME_POST: null, PL_POST: null }),
      flagged: ['Header 1', 'Reviews 1', 'Episodes 1'],
      passes: build903({ Header: [c1.header()], Episodes: [c1.episode({ LS: 'V4', HOME_POST: null, PL_POST: null })] }),
    },
  });
});

describe('167: participation', () => {
  const rule = reviewRules.find((r) => r.code === '167')!;
  const review = (r: RowInput) => ({ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/10/2025', REVIEW_CODE: 'PN1', ...r });
  it('reports a participation code on a row with no review date', () => {
    expect(flagged(rule, { Header: [c1.header()], Episodes: [c1.episode()], Reviews: [review({ REVIEW: null })] })).toEqual(['Reviews 1']);
  });
  it('reports a blank code, with or without a review date', () => {
    const reviews = [review({ REVIEW_CODE: null }), review({ REVIEW: null, REVIEW_CODE: null })];
    expect(flagged(rule, { Header: [c1.header()], Episodes: [c1.episode()], Reviews: reviews })).toEqual(['Reviews 1', 'Reviews 2']);
  });
});

describe('reviews: how the child took part, for their age', () => {
  const review = (dob: string, on: string, code: string) => ({ CHILD: 'A', DOB: dob, REVIEW: on, REVIEW_CODE: code });
  it('440: PN0 (under 4) is wrong for a child of 4 or over', () => {
    expect(flagged(rule440, { Reviews: [review('01/06/2021', '01/06/2025', 'PN0'), review('01/06/2021', '31/05/2025', 'PN0')] })).toEqual([
      'Reviews 1',
    ]);
  });
  it('441: PN1-PN7 are for children of 4 or over', () => {
    expect(flagged(rule441, { Reviews: [review('01/06/2021', '31/05/2025', 'PN1'), review('01/06/2021', '01/06/2025', 'PN7')] })).toEqual([
      'Reviews 1',
    ]);
  });
});
