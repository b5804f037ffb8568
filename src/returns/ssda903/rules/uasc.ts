/** Rules on unaccompanied asylum-seeking children (the UASC table). */
import type { Return903 } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { ageAt, birthday, blank, dates, firstRowByChild, yearStart } from './support.js';

/** A date UASC status ceased is a real date, and not before the year (a child who stopped being UASC before it is not in the table). */
export const rule104 = defineRule('104', (ret, flag) => {
  const u = ret.current.UASC;
  if (!u) return;
  const duc = dates(u, 'DUC');
  const start = yearStart(ret);
  u.rows.forEach((row, i) => {
    if (blank(row.DUC)) return;
    if (Number.isNaN(duc[i]!) || duc[i]! < start) flag(u, i);
  });
});

/** When the Header carries a UASC column (XML returns), it holds 0 or 1. */
export const rule105 = defineRule('105', (ret, flag) => {
  const h = ret.current.Header;
  h?.rows.forEach((row, i) => {
    if ('UASC' in row && row.UASC !== '0' && row.UASC !== '1') flag(h, i);
  });
});

/** A date UASC status ceased means the child was UASC (Header UASC 1, where the Header carries it). */
export const rule303 = defineRule('303', (ret, flag) => {
  const u = ret.current.UASC;
  const h = ret.current.Header;
  if (!u || !h) return;
  const heads = firstRowByChild(h);
  u.rows.forEach((row, i) => {
    if (blank(row.DUC)) return;
    const hi = heads.get(row.CHILD ?? '');
    if (hi === undefined) return;
    const head = h.rows[hi]!;
    if ('UASC' in head && head.UASC !== '1') {
      flag(u, i);
      flag(h, hi);
    }
  });
});

/** UASC status ends at 18 at the latest. */
export const rule304 = defineRule('304', (ret, flag) => {
  const u = ret.current.UASC;
  if (!u) return;
  const duc = dates(u, 'DUC');
  const dob = dates(u, 'DOB');
  u.rows.forEach((_, i) => {
    if (duc[i]! > birthday(dob[i]!, 18)) flag(u, i);
  });
});

/** Unaccompanied asylum-seeking children are mostly teenagers: a child under 10 is worth a second look. */
export const rule231 = defineRule('231', (ret: Return903, flag) => {
  const u = ret.current.UASC;
  const h = ret.current.Header;
  if (!u || !h) return;
  const heads = firstRowByChild(h);
  const dob = dates(h, 'DOB');
  u.rows.forEach((row) => {
    const hi = heads.get(row.CHILD ?? '');
    if (hi !== undefined && ageAt(dob[hi]!, yearStart(ret)) < 10) flag(h, hi);
  });
});

export const uascRules: Rule903[] = [rule104, rule105, rule231, rule303, rule304];
