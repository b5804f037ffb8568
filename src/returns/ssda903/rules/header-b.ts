/**
 * Rules on the child's Header row from 440 on: the pupil number, motherhood and the
 * ages reviews are held at.
 */
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { ageOn, dates, firstRowByChild, rowsByChild } from '../values.js';
import { blank, childrenOf, childRows, isFemale, oneOf, RESPITE, rowOf, yearEnd, yearStart } from './helpers.js';

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

export const rule442 = defineRule('442', (ret, flag) => {
  const header = ret.current.Header;
  const eps = ret.current.Episodes;
  if (!header || !eps) return;
  // Children on short breaks alone (V3, V4) are not asked for one.
  const looked = new Set<string>();
  for (const row of eps.rows) if (!oneOf(row.LS, RESPITE)) looked.add(row.CHILD ?? '');
  header.rows.forEach((row, i) => {
    if (blank(row.UPN) && looked.has(row.CHILD ?? '')) flag(header, i);
  });
});

/** UN1-UN5 say why a child has no pupil number; they are not numbers to repeat. */
const NO_UPN = /^UN[1-5]$/;

export const rule444 = defineRule('444', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  const byUpn = new Map<string, number[]>();
  header.rows.forEach((row, i) => {
    if (blank(row.UPN) || NO_UPN.test(row.UPN)) return;
    const list = byUpn.get(row.UPN);
    if (list) list.push(i);
    else byUpn.set(row.UPN, [i]);
  });
  for (const rows of byUpn.values()) if (rows.length > 1) for (const i of rows) flag(header, i);
});

export const rule607 = defineRule('607', (ret, flag) => {
  const header = ret.current.Header;
  const eps = ret.current.Episodes;
  if (!header || !eps) return;
  eps.rows.forEach((row, i) => {
    // Any reason other than X1 means the child ceased to be looked after.
    if (blank(row.REC) || row.REC === 'X1' || blank(row.DEC) || oneOf(row.LS, RESPITE)) return;
    // A child listed twice in the Header is checked against each row.
    for (const h of rowsByChild(header).get(row.CHILD ?? '') ?? []) {
      const girl = header.rows[h]!;
      if (!isFemale(girl.SEX) || !blank(girl.MOTHER)) continue;
      flag(eps, i);
      flag(header, h);
    }
  });
});

export const rule611 = defineRule('611', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  header.rows.forEach((row, i) => {
    if (row.MOTHER === '1' && blank(row.MC_DOB)) flag(header, i);
  });
});

export const rule612 = defineRule('612', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  header.rows.forEach((row, i) => {
    // Only 0 or a blank says "not a mother"; another code says nothing (it is the code rule's).
    if (!blank(row.MC_DOB) && (row.MOTHER === '0' || blank(row.MOTHER)) && isFemale(row.SEX)) flag(header, i);
  });
});

export const rule620 = defineRule('620', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  const dob = dates(header, 'DOB');
  const start = yearStart(ret);
  header.rows.forEach((row, i) => {
    if (row.MOTHER === '1' && !Number.isNaN(dob[i]!) && ageOn(dob[i]!, start) < 11) flag(header, i);
  });
});

export const rule621 = defineRule('621', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  const dob = dates(header, 'DOB');
  const mc = dates(header, 'MC_DOB');
  header.rows.forEach((_row, i) => {
    if (mc[i]! <= dob[i]!) flag(header, i);
  });
});

export const rule624 = defineRule('624', (ret, flag) => {
  const header = ret.current.Header;
  const last = ret.previous.Header;
  if (!header || !last) return;
  const mc = dates(header, 'MC_DOB');
  const lastRows = firstRowByChild(last);
  const lastMc = dates(last, 'MC_DOB');
  header.rows.forEach((row, i) => {
    const j = lastRows.get(row.CHILD ?? '');
    if (j === undefined) return;
    const recorded = last.rows[j]!.MC_DOB;
    if (recorded == null || recorded === '') return;
    // A date recorded last year that cannot be read as a date is still a record: anything else this year contradicts it.
    const differs = Number.isNaN(lastMc[j]!) ? (row.MC_DOB ?? '') !== recorded : lastMc[j] !== mc[i];
    if (differs) flag(header, i);
  });
});

export const rule625 = defineRule('625', (ret, flag) => {
  const header = ret.current.Header;
  const eps = ret.current.Episodes;
  if (!header || !eps) return;
  const mc = dates(header, 'MC_DOB');
  const dec = dates(eps, 'DEC');
  const end = yearEnd(ret);
  header.rows.forEach((row, h) => {
    // The date first: most rows have none, and then the child's episodes are not needed.
    if (Number.isNaN(mc[h]!)) return;
    const rows = childRows(eps, row.CHILD ?? null);
    if (rows.length === 0) return;
    // Born after the year ended: the Header is wrong.
    if (mc[h]! > end) flag(header, h);
    // Born after the mother ceased to be looked after: so is the episode that ended her care.
    for (const i of rows) {
      const rec = eps.rows[i]!.REC;
      if (!blank(rec) && rec !== 'X1' && mc[h]! > dec[i]!) {
        flag(header, h);
        flag(eps, i);
      }
    }
  });
});

export const rule626 = defineRule('626', (ret, flag) => {
  const header = ret.current.Header;
  const last = ret.previous.Header;
  if (!header || !last) return;
  const mc = dates(header, 'MC_DOB');
  const start = yearStart(ret);
  header.rows.forEach((row, i) => {
    if (row.MOTHER !== '1' || !(mc[i]! < start)) return;
    if (rowOf(last, row.CHILD ?? null)?.MOTHER === '0') flag(header, i);
  });
});

export const rule628 = defineRule('628', (ret, flag) => {
  const header = ret.current.Header;
  const oc3 = ret.current.OC3;
  if (!header || !oc3) return;
  const looked = childrenOf(ret.current.Episodes);
  const leavers = childrenOf(oc3);
  header.rows.forEach((row, i) => {
    const child = row.CHILD ?? '';
    if (!blank(row.MOTHER) && leavers.has(child) && !looked.has(child)) flag(header, i);
  });
});

export const headerRules: Rule903[] = [rule440, rule441, rule442, rule444, rule607, rule611, rule612, rule620, rule621, rule624, rule625, rule626, rule628];
