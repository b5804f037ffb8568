/**
 * Rules comparing this year's return with last year's: a child's sex, date of birth,
 * ethnicity, UPN, mother status and UASC status do not change without reason.
 */
import type { Return903, Row, Table903 } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { blank, firstRowByChild, isFemale, isMale, parseDate } from './support.js';

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

/** Sex codes changed in 2024/25 (1/2 to M/F): compare the meaning, not the code. */
function sameSex(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  return (isMale(a) && isMale(b)) || (isFemale(a) && isFemale(b));
}

export const rule202 = defineRule('202', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    if (!sameSex(cur.SEX, last.SEX)) {
      flag(h, i);
    }
  }),
);

export const rule203 = defineRule('203', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    const a = parseDate(cur.DOB);
    const b = parseDate(last.DOB);
    if (a !== b) {
      flag(h, i);
    }
  }),
);

export const rule204 = defineRule('204', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    if (cur.ETHNIC !== last.ETHNIC) {
      flag(h, i);
    }
  }),
);

/** Once recorded as a mother, always a mother. */
export const rule207 = defineRule('207', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    if (last.MOTHER === '1' && cur.MOTHER !== '1') {
      flag(h, i);
    }
  }),
);

/** A known UPN does not change, nor go back to "unknown". */
export const rule208 = defineRule('208', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    const before = last.UPN;
    if (blank(before) || /^UN[1-5]$/.test(before)) return;
    if (cur.UPN !== before) {
      flag(h, i);
    }
  }),
);

export const lastYearRules: Rule903[] = [rule202, rule203, rule204, rule207, rule208];
