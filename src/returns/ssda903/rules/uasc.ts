/** Rules on unaccompanied asylum-seeking children (the UASC table). */
import { defineRule, type Rule903 } from '../rule.js';
import { ageAt, birthday, blank, yearEnd, yearStart } from './helpers.js';
import { dates, firstRowByChild, parseDate } from '../values.js';
import type { Return903, Table903 } from '../model.js';

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

/** Unaccompanied asylum-seeking children are mostly older: a child still under 11 on 31 March is worth a second look. */
export const rule231 = defineRule('231', (ret: Return903, flag) => {
  const u = ret.current.UASC;
  const h = ret.current.Header;
  if (!u || !h) return;
  const heads = firstRowByChild(h);
  const dob = dates(h, 'DOB');
  u.rows.forEach((row) => {
    const hi = heads.get(row.CHILD ?? '');
    if (hi !== undefined && ageAt(dob[hi]!, yearEnd(ret)) < 11) flag(h, hi);
  });
});

/**
 * UASC status this year and last: in the CSV return a child is UASC in a year when the
 * year's UASC table lists them (or, in an XML return, the Header's UASC is 1).
 */
function uascIn(header: Table903 | undefined, uasc: Table903 | undefined): Map<string, string | null> {
  const out = new Map<string, string | null>();
  for (const r of uasc?.rows ?? []) if (!blank(r.CHILD)) out.set(r.CHILD, r.DUC ?? null);
  for (const r of header?.rows ?? []) if (r.UASC === '1' && !blank(r.CHILD) && !out.has(r.CHILD)) out.set(r.CHILD, null);
  return out;
}

type UascCheck = (now: boolean, before: boolean, duc: string | null, ducLast: string | null, ret: Return903) => boolean;

/** A 205 rule: this year's Header row (and UASC row) of a child in both years' returns is reported when `check` holds. */
function uascAcrossYears(code: string, check: UascCheck, reportUascRows: boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const h = ret.current.Header;
    const hl = ret.previous.Header;
    if (!h || !hl) return;
    const now = uascIn(h, ret.current.UASC);
    const before = uascIn(hl, ret.previous.UASC);
    const lastRows = firstRowByChild(hl);
    const uRows = ret.current.UASC ? firstRowByChild(ret.current.UASC) : new Map<string, number>();
    h.rows.forEach((row, i) => {
      const child = row.CHILD ?? '';
      const j = lastRows.get(child);
      if (j === undefined) return;
      if (!check(now.has(child), before.has(child), now.get(child) ?? null, before.get(child) ?? null, ret)) return;
      flag(h, i);
      if (!reportUascRows) return;
      const u = uRows.get(child);
      if (u !== undefined) flag(ret.current.UASC!, u);
    });
  });
}

/** UASC last year, not this year: last year's date status ceased should fall before this year began. */
export const rule205A = uascAcrossYears(
  '205A',
  (now, before, _duc, ducLast, ret) => {
    if (now || !before) return false;
    const d = parseDate(ducLast);
    return d === null || d >= yearStart(ret);
  },
  true,
);

/** UASC both years: the date status ceased is the same in both years. */
export const rule205B = uascAcrossYears(
  '205B',
  (now, before, duc, ducLast) => now && before && !blank(duc) && !blank(ducLast) && parseDate(duc) !== parseDate(ducLast),
  true,
);

/** Not UASC in either year (XML Header UASC 0): no date status ceased. */
export const rule205C = defineRule('205C', (ret, flag) => {
  const h = ret.current.Header;
  h?.rows.forEach((row, i) => {
    if (row.UASC === '0' && !blank(row.DUC)) flag(h, i);
  });
});

/** UASC this year but not last year, though the child was in last year's return. */
export const rule205D = uascAcrossYears('205D', (now, before) => now && !before, false);

export const uascRules: Rule903[] = [rule104, rule105, rule205A, rule205B, rule205C, rule205D, rule231, rule303, rule304];
