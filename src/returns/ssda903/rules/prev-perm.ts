/**
 * Previous permanence rules 630-635: for a child who starts to be looked after, whether
 * they had left care before through adoption, special guardianship or a child
 * arrangements order, where, and when.
 */
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { codeSet, dates, dayOf, daysInMonth } from '../values.js';
import type { Row } from '../model.js';
import { blank, childRows, episodeLinks, yearEnd, yearStart } from './helpers.js';

/**
 * Local authority codes for where a previous permanence option was arranged: the DfE's
 * three-digit codes of English authorities (past and present), 999 (not known) and
 * NUK, WAL, SCO, NIR (outside England).
 */
export const PERMANENCE_LA_CODES: ReadonlySet<string> = new Set([
  ...'201 202 203 204 205 206 207 208 209 210 211 212 213'.split(' '),
  ...'301 302 303 304 305 306 307 308 309 310 311 312 313 314 315 316 317 318 319 320'.split(' '),
  ...'330 331 332 333 334 335 336 340 341 342 343 344 350 351 352 353 354 355 356 357 358 359'.split(' '),
  ...'370 371 372 373 380 381 382 383 384 390 391 392 393 394 420'.split(' '),
  ...'800 801 802 803 805 806 807 808 810 811 812 813 815 816 821 822 823 825 826 830 831 835 836 837 838 839'.split(' '),
  ...'840 841 845 846 850 851 852 855 856 857 860 861 865 866 867 868 869 870 871 872 873 874 876 877 878 879'.split(' '),
  ...'880 881 882 883 884 885 886 887 888 889 890 891 892 893 894 895 896'.split(' '),
  ...'908 909 916 919 921 925 926 928 929 931 933 935 936 937 938 940 941 942 943'.split(' '),
  '999',
  'NUK',
  'WAL',
  'SCO',
  'NIR',
]);

/**
 * The last day a previous permanence date can mean: dd/mm/yyyy, or zz/mm/yyyy and
 * zz/zz/yyyy when the day, or day and month, are not known (so a partial date is
 * before another day only when all of it is). Null when not such a date.
 */
export function permanenceDate(v: string | null | undefined): number | null {
  if (!v) return null;
  const m = /^(\d{1,2}|zz)\/(\d{1,2}|zz)\/(\d{4})$/i.exec(v.trim());
  if (!m) return null;
  const year = Number(m[3]);
  const dayUnknown = m[1]!.toLowerCase() === 'zz';
  const monthUnknown = m[2]!.toLowerCase() === 'zz';
  if (monthUnknown && !dayUnknown) return null;
  const month = monthUnknown ? 12 : Number(m[2]);
  if (month < 1 || month > 12 || year < 1) return null;
  const day = dayUnknown ? daysInMonth(year, month) : Number(m[1]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return dayOf(year, month, day);
}

const ANY_ENTRY = ['PREV_PERM', 'LA_PERM', 'DATE_PERM'] as const;

/** Whether a child's previous permanence entry is complete: a code, and for an order (not Z1) its authority and date. */
function complete(row: Row): boolean {
  if (blank(row.PREV_PERM)) return false;
  return row.PREV_PERM === 'Z1' || (!blank(row.LA_PERM) && !blank(row.DATE_PERM));
}

/** A child who starts to be looked after this year has previous permanence information. */
export const rule630 = defineRule('630', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const pp = ret.current.PrevPerm;
  const decom = dates(eps, 'DECOM');
  const start = yearStart(ret);
  const end = yearEnd(ret);
  eps.rows.forEach((row, i) => {
    if (row.RNE !== 'S' || !(decom[i]! >= start && decom[i]! <= end)) return;
    const entries = childRows(pp, row.CHILD ?? null);
    if (entries.length === 0 || entries.some((p) => !complete(pp!.rows[p]!))) flag(eps, i);
  });
});

export const rule631 = defineRule('631', (ret, flag) => {
  const pp = ret.current.PrevPerm;
  if (!pp) return;
  const valid = codeSet('PrevPerm', 'PREV_PERM', ret.collectionYear);
  pp.rows.forEach((row, p) => {
    if (!blank(row.PREV_PERM) && !valid.has(row.PREV_PERM)) flag(pp, p);
  });
});

/** The date of the previous order is a date (day and month may be zz) before the child's first episode this year began. */
export const rule632 = defineRule('632', (ret, flag) => {
  const eps = ret.current.Episodes;
  const pp = ret.current.PrevPerm;
  if (!eps || !pp) return;
  const decom = dates(eps, 'DECOM');
  const { first } = episodeLinks(eps);
  pp.rows.forEach((row, p) => {
    if (blank(row.DATE_PERM)) return;
    const i = first.get(row.CHILD ?? '');
    if (i === undefined) return;
    const when = permanenceDate(row.DATE_PERM);
    if (when === null || !(when < decom[i]!)) {
      flag(eps, i);
      flag(pp, p);
    }
  });
});

export const rule633 = defineRule('633', (ret, flag) => {
  const pp = ret.current.PrevPerm;
  if (!pp) return;
  pp.rows.forEach((row, p) => {
    if (!blank(row.LA_PERM) && !PERMANENCE_LA_CODES.has(row.LA_PERM)) flag(pp, p);
  });
});

export const rule634 = defineRule('634', (ret, flag) => {
  const pp = ret.current.PrevPerm;
  const eps = ret.current.Episodes;
  if (!pp || !eps) return;
  const decom = dates(eps, 'DECOM');
  const from = dayOf(2016, 4, 1);
  pp.rows.forEach((row, p) => {
    if (!ANY_ENTRY.some((f) => !blank(row[f]))) return;
    const own = childRows(eps, row.CHILD ?? null);
    if (own.length === 0) return;
    // Known to have started before 1 April 2016: every start (RNE S) was before it, or,
    // with no start in the return, the earliest episode was.
    const starts = own.filter((i) => eps.rows[i]!.RNE === 'S');
    const known = starts.length > 0 ? starts : own;
    if (!known.every((i) => decom[i]! < from)) return;
    flag(pp, p);
    for (const i of own) flag(eps, i);
  });
});

export const rule635 = defineRule('635', (ret, flag) => {
  const pp = ret.current.PrevPerm;
  if (!pp) return;
  pp.rows.forEach((row, p) => {
    // Z1 (no previous permanence), or no code at all, with an order's date or authority.
    if ((row.PREV_PERM === 'Z1' || blank(row.PREV_PERM)) && (!blank(row.LA_PERM) || !blank(row.DATE_PERM))) flag(pp, p);
  });
});

export const prevPermRules: Rule903[] = [rule630, rule631, rule632, rule633, rule634, rule635];
