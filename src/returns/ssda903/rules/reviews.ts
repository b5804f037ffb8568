/** Rules on reviews, and on what is not collected for children on short breaks. */
import { defineRule, type Rule903 } from '../rule.js';
import { codeSet, firstRowByChild } from '../values.js';
import { blank, childEpisodes, dateRule, femaleCode, hasColumn, lookedAfterInYear, RESPITE } from './helpers.js';

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
  const reviewRows = reviews ? firstRowByChild(reviews) : new Map<string, number>();
  for (const [child, order] of childEpisodes(ret)) {
    if (!order.every((i) => RESPITE.has(eps.rows[i]!.LS ?? ''))) continue;
    const hi = firstRowByChild(h).get(child);
    const mother = hi !== undefined && !blank(h.rows[hi]!.MOTHER);
    const reviewed = reviewRows.has(child);
    if (!mother && !reviewed) continue;
    if (hi !== undefined) flag(h, hi);
    if (reviews && reviewed) {
      reviews.rows.forEach((r, i) => {
        if (r.CHILD === child && (!blank(r.REVIEW) || !blank(r.REVIEW_CODE))) flag(reviews, i);
      });
    }
    for (const i of order) flag(eps, i);
  }
});

/** A girl looked after has her mother status recorded. */
export const rule393 = defineRule('393', (ret, flag) => {
  const eps = ret.current.Episodes;
  const h = ret.current.Header;
  if (!eps || !h) return;
  const byChild = childEpisodes(ret);
  const female = femaleCode(ret.collectionYear);
  h.rows.forEach((row, i) => {
    if (row.SEX !== female || !blank(row.MOTHER)) return;
    const order = byChild.get(row.CHILD ?? '');
    if (!order || order.every((e) => RESPITE.has(eps.rows[e]!.LS ?? ''))) return;
    flag(h, i);
  });
});

/**
 * Mother status is 0 or 1, and a girl looked after in the year (not on short breaks) has one
 * (her care leaver record, if any, is reported with her).
 */
export const rule165 = defineRule('165', (ret, flag) => {
  const h = ret.current.Header;
  if (!h) return;
  const inCare = lookedAfterInYear(ret);
  const female = femaleCode(ret.collectionYear);
  const oc3 = ret.current.OC3;
  const leaverRows = oc3 ? firstRowByChild(oc3) : new Map<string, number>();
  const byChild = childEpisodes(ret);
  h.rows.forEach((row, i) => {
    const m = row.MOTHER;
    if (!blank(m)) {
      if (m !== '0' && m !== '1') flag(h, i);
      return;
    }
    const order = byChild.get(row.CHILD ?? '');
    const onShortBreak = order !== undefined && RESPITE.has(ret.current.Episodes!.rows[order[order.length - 1]!]!.LS ?? '');
    if ((row.SEX === female || row.SEX === '2') && inCare.has(row.CHILD ?? '') && !onShortBreak) {
      flag(h, i);
      const o = leaverRows.get(row.CHILD ?? '');
      if (oc3 && o !== undefined) flag(oc3, o);
    }
  });
});

export const reviewRules: Rule903[] = [rule165, rule166, rule167, rule393, rule399];
