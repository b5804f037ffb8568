/**
 * Rules comparing this year's return with last year's: a child's sex, date of birth,
 * ethnicity, UPN, mother status and UASC status do not change without reason.
 */
import type { Return903, Row, Table903 } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { firstRowByChild, parseDate, rowsByChild } from '../values.js';
import { blank, isFemale, isMale } from './helpers.js';

/** For each child in both years' Header tables: this year's and last year's row. */
function eachInBoth(ret: Return903, check: (cur: Row, last: Row, i: number, j: number, h: Table903, hl: Table903) => void): void {
  const h = ret.current.Header;
  const hl = ret.previous.Header;
  if (!h || !hl) return;
  const lastRows = firstRowByChild(hl);
  h.rows.forEach((row, i) => {
    const j = lastRows.get(row.CHILD ?? '');
    if (j !== undefined) check(row, hl.rows[j]!, i, j, h, hl);
  });
}

/**
 * Reports this year's Header row of a child in both years when it disagrees with any of
 * the child's rows last year (a child listed twice last year is compared with each row).
 */
function disagreesWithLastYear(ret: Return903, flag: (t: Table903, i: number) => void, differs: (cur: Row, last: Row) => boolean): void {
  const h = ret.current.Header;
  const hl = ret.previous.Header;
  if (!h || !hl) return;
  const lastRows = rowsByChild(hl);
  h.rows.forEach((row, i) => {
    const js = lastRows.get(row.CHILD ?? '');
    if (!js) return;
    for (const j of js) {
      if (differs(row, hl.rows[j]!)) {
        flag(h, i);
        return;
      }
    }
  });
}

/** Sex codes changed in 2024/25 (1/2 to M/F): compare the meaning, not the code. */
function sameSex(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  return (isMale(a) && isMale(b)) || (isFemale(a) && isFemale(b));
}

export const rule202 = defineRule('202', (ret, flag) =>
  disagreesWithLastYear(ret, flag, (cur, last) => !sameSex(cur.SEX, last.SEX)),
);

export const rule203 = defineRule('203', (ret, flag) =>
  disagreesWithLastYear(ret, flag, (cur, last) => parseDate(cur.DOB) !== parseDate(last.DOB)),
);

export const rule204 = defineRule('204', (ret, flag) =>
  disagreesWithLastYear(ret, flag, (cur, last) => cur.ETHNIC !== last.ETHNIC),
);

/** Once recorded as a mother, always a mother. */
export const rule207 = defineRule('207', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    if (last.MOTHER === '1' && cur.MOTHER !== '1') {
      flag(h, i);
    }
  }),
);

const UNKNOWN_UPN = /^UN[1-5]$/;

/**
 * The UPN recorded last year (a UPN, or a code saying why there is none) may change only
 * from UN1 (under school age) to another reason (UN2-UN5), or from any such code to a UPN.
 * Nothing was recorded when last year's UPN was blank.
 */
export const rule208 = defineRule('208', (ret, flag) =>
  disagreesWithLastYear(ret, flag, (cur, last) => {
    const before = last.UPN;
    const now = cur.UPN;
    if (blank(before) || now === before) return false;
    if (before === 'UN1' && now != null && /^UN[2-5]$/.test(now)) return false;
    return !(UNKNOWN_UPN.test(before) && !blank(now) && !UNKNOWN_UPN.test(now));
  }),
);

export const lastYearRules: Rule903[] = [rule202, rule203, rule204, rule207, rule208];
