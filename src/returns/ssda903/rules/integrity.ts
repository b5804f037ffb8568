/**
 * The DfE's integrity checks (INT*): every child in another table is in the Header, with
 * the same date of birth (and sex, in UASC), and a child appears once in the tables that
 * hold one row per child. Only the other table's row is reported: the Header row is the
 * reference the others are checked against.
 */
import type { TableName } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { dates, firstRowByChild, rowsByChild } from '../values.js';

/** Each row of `table` whose child has no Header row. */
function childInHeader(code: string, table: TableName): Rule903 {
  return defineRule(code, (ret, flag) => {
    const header = ret.current.Header;
    const t = ret.current[table];
    if (!header || !t) return;
    const known = firstRowByChild(header);
    t.rows.forEach((row, i) => {
      if (!known.has(row.CHILD ?? '')) flag(t, i);
    });
  });
}

/**
 * Each row of `table` whose date of birth differs from the child's in the Header. Only
 * two real dates are compared: a blank or malformed date is another rule's finding.
 */
function sameBirthDate(code: string, table: TableName): Rule903 {
  return defineRule(code, (ret, flag) => {
    const header = ret.current.Header;
    const t = ret.current[table];
    if (!header || !t) return;
    const headerDob = dates(header, 'DOB');
    const dob = dates(t, 'DOB');
    const headerRows = rowsByChild(header);
    t.rows.forEach((row, i) => {
      if (Number.isNaN(dob[i]!)) return;
      for (const h of headerRows.get(row.CHILD ?? '') ?? []) {
        if (!Number.isNaN(headerDob[h]!) && headerDob[h] !== dob[i]) flag(t, i);
      }
    });
  });
}

/** Each row of `table` whose child has more than one row there. */
function oncePerChild(code: string, table: TableName): Rule903 {
  return defineRule(code, (ret, flag) => {
    const t = ret.current[table];
    if (!t) return;
    for (const [child, list] of rowsByChild(t)) {
      // A row with no child ID is not a child appearing twice (and is reported as missing elsewhere).
      if (child === '' || list.length < 2) continue;
      for (const i of list) flag(t, i);
    }
  });
}

export const ruleINT01 = childInHeader('INT01', 'AD1');
export const ruleINT02 = childInHeader('INT02', 'PlacedAdoption');
export const ruleINT03 = childInHeader('INT03', 'Episodes');
export const ruleINT04 = childInHeader('INT04', 'Missing');
export const ruleINT05 = childInHeader('INT05', 'OC2');
export const ruleINT06 = childInHeader('INT06', 'OC3');
export const ruleINT07 = childInHeader('INT07', 'PrevPerm');
export const ruleINT08 = childInHeader('INT08', 'Reviews');
export const ruleINT09 = childInHeader('INT09', 'UASC');

export const ruleINT11 = sameBirthDate('INT11', 'AD1');
export const ruleINT12 = sameBirthDate('INT12', 'PlacedAdoption');
export const ruleINT13 = sameBirthDate('INT13', 'Missing');
export const ruleINT14 = sameBirthDate('INT14', 'OC2');
export const ruleINT15 = sameBirthDate('INT15', 'OC3');
export const ruleINT16 = sameBirthDate('INT16', 'PrevPerm');
export const ruleINT17 = sameBirthDate('INT17', 'Reviews');
export const ruleINT18 = sameBirthDate('INT18', 'UASC');

/** The UASC row's sex is the Header's (both given; a blank one is another rule's finding). */
export const ruleINT21 = defineRule('INT21', (ret, flag) => {
  const header = ret.current.Header;
  const t = ret.current.UASC;
  if (!header || !t) return;
  const headerRows = rowsByChild(header);
  t.rows.forEach((row, i) => {
    if (row.SEX == null) return;
    for (const h of headerRows.get(row.CHILD ?? '') ?? []) {
      const sex = header.rows[h]!.SEX;
      if (sex != null && sex !== row.SEX) flag(t, i);
    }
  });
});

export const ruleINT31 = oncePerChild('INT31', 'AD1');
export const ruleINT32 = oncePerChild('INT32', 'Header');
export const ruleINT33 = oncePerChild('INT33', 'OC2');
export const ruleINT34 = oncePerChild('INT34', 'OC3');
export const ruleINT35 = oncePerChild('INT35', 'PrevPerm');
export const ruleINT36 = oncePerChild('INT36', 'UASC');

export const integrityRules: Rule903[] = [
  ruleINT01,
  ruleINT02,
  ruleINT03,
  ruleINT04,
  ruleINT05,
  ruleINT06,
  ruleINT07,
  ruleINT08,
  ruleINT09,
  ruleINT11,
  ruleINT12,
  ruleINT13,
  ruleINT14,
  ruleINT15,
  ruleINT16,
  ruleINT17,
  ruleINT18,
  ruleINT21,
  ruleINT31,
  ruleINT32,
  ruleINT33,
  ruleINT34,
  ruleINT35,
  ruleINT36,
];
