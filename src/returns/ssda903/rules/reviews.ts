/**
 * Rules on reviews (the Reviews table): the date, how the child took part for their age,
 * and nothing recorded for a child only ever on short breaks.
 */
import { defineRule, type Rule903 } from '../rule.js';
import { blank, childEpisodes, dateRule, hasColumn, RESPITE } from './helpers.js';
import { ageOn, codeSet, dates, firstRowByChild } from '../values.js';

export const rule166 = dateRule('166', 'Reviews', 'REVIEW');
/**
 * Participation is coded from the list, and only for a review: a code on a row with no
 * review date is reported too (as the reference reads "invalid").
 */
export const rule167 = defineRule('167', (ret, flag) => {
  const t = ret.current.Reviews;
  if (!t || !hasColumn(t, 'REVIEW_CODE')) return;
  const valid = codeSet('Reviews', 'REVIEW_CODE', ret.collectionYear);
  t.rows.forEach((row, i) => {
    const code = row.REVIEW_CODE;
    if (blank(code) || !valid.has(code) || blank(row.REVIEW)) flag(t, i);
  });
});

/** Children only ever on short breaks (V3, V4) have no mother status, reviews or participation recorded. */
export const rule399 = defineRule('399', (ret, flag) => {
  const eps = ret.current.Episodes;
  const h = ret.current.Header;
  if (!eps || !h) return;
  const reviews = ret.current.Reviews;
  // each child's reviews with a date or a code, gathered once: a national return has tens of
  // thousands of short-break children, and scanning every review for each was most of the run
  const reviewed = new Map<string, number[]>();
  reviews?.rows.forEach((r, i) => {
    if (r.CHILD === undefined || r.CHILD === null || (blank(r.REVIEW) && blank(r.REVIEW_CODE))) return;
    const list = reviewed.get(r.CHILD);
    if (list) list.push(i);
    else reviewed.set(r.CHILD, [i]);
  });
  const reviewRows = reviews ? firstRowByChild(reviews) : new Map<string, number>();
  const headerRows = firstRowByChild(h);
  for (const [child, order] of childEpisodes(ret)) {
    if (!order.every((i) => RESPITE.has(eps.rows[i]!.LS ?? ''))) continue;
    const hi = headerRows.get(child);
    const mother = hi !== undefined && !blank(h.rows[hi]!.MOTHER);
    const hasReview = reviewRows.has(child);
    if (!mother && !hasReview) continue;
    if (hi !== undefined) flag(h, hi);
    if (reviews && hasReview) for (const i of reviewed.get(child) ?? []) flag(reviews, i);
    for (const i of order) flag(eps, i);
  }
});

/** A review's participation code against the child's age on the day. */
function reviewAge(code: string, wrong: (reviewCode: string, age: number) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const reviews = ret.current.Reviews;
    if (!reviews) return;
    const dob = dates(reviews, 'DOB');
    const on = dates(reviews, 'REVIEW');
    reviews.rows.forEach((row, i) => {
      if (blank(row.REVIEW_CODE) || Number.isNaN(dob[i]!) || Number.isNaN(on[i]!)) return;
      if (wrong(row.REVIEW_CODE, ageOn(dob[i]!, on[i]!))) flag(reviews, i);
    });
  });
}

export const rule440 = reviewAge('440', (c, age) => c === 'PN0' && age >= 4);
export const rule441 = reviewAge('441', (c, age) => c !== 'PN0' && /^PN[1-7]$/.test(c) && age < 4);

export const reviewRules: Rule903[] = [rule166, rule167, rule399, rule440, rule441];
