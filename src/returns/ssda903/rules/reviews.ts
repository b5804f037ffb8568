/** Rules on reviews, and on what is not collected for children on short breaks. */
import { defineRule, type Rule903 } from '../rule.js';
import { blank, childEpisodes, codeRule, dateRule, firstRowByChild, isFemale, RESPITE } from './support.js';

export const rule166 = dateRule('166', 'Reviews', 'REVIEW');
export const rule167 = codeRule('167', 'Reviews', 'REVIEW_CODE');

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
    if (hi !== undefined && mother) flag(h, hi);
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
  h.rows.forEach((row, i) => {
    if (!isFemale(row.SEX) || !blank(row.MOTHER)) return;
    const order = byChild.get(row.CHILD ?? '');
    if (!order || order.every((e) => RESPITE.has(eps.rows[e]!.LS ?? ''))) return;
    flag(h, i);
  });
});

/** The mother field holds 0 or 1, for girls only. */
export const rule165 = defineRule('165', (ret, flag) => {
  const h = ret.current.Header;
  h?.rows.forEach((row, i) => {
    const m = row.MOTHER;
    if (blank(m)) return;
    if ((m !== '0' && m !== '1') || !isFemale(row.SEX)) flag(h, i);
  });
});

export const reviewRules: Rule903[] = [rule165, rule166, rule167, rule393, rule399];
