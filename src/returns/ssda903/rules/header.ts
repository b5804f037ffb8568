/**
 * Rules on the child's details (the Header table): sex, date of birth, ethnicity, the pupil
 * number (UPN), motherhood, and whether a child in the Header belongs in the return at all.
 */
import { defineRule, type Rule903 } from '../rule.js';
import {
  birthday,
  blank,
  childEpisodes,
  childrenOf,
  childRows,
  codeRule,
  dateRule,
  femaleCode,
  isFemale,
  isMale,
  lookedAfterInYear,
  oneOf,
  RESPITE,
  UNKNOWN_UPN,
  yearEnd,
  yearStart,
} from './helpers.js';
import { ageOn, dates, firstRowByChild, rowsByChild } from '../values.js';

/**
 * A UPN's shape: 13 characters, a letter (never I, O or S, which UPNs do not use), 11
 * digits, then a digit or such a letter; or one of the codes for an unknown UPN.
 */
export function validUpn(upn: string): boolean {
  return UNKNOWN_UPN.has(upn) || /^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn);
}

export const rule101 = codeRule('101', 'Header', 'SEX');
export const rule102 = dateRule('102', 'Header', 'DOB');
export const rule103 = codeRule('103', 'Header', 'ETHNIC');

/** A UPN that is given has a UPN's shape or is an unknown code; a blank UPN is rule 442's finding. */
export const rule168 = defineRule('168', (ret, flag) => {
  const t = ret.current.Header;
  t?.rows.forEach((row, i) => {
    const upn = row.UPN;
    if (!blank(upn) && !validUpn(upn)) flag(t, i);
  });
});

export const rule171 = dateRule('171', 'Header', 'MC_DOB', { blankPasses: true });

export const rule174 = defineRule('174', (ret, flag) => {
  const t = ret.current.Header;
  t?.rows.forEach((row, i) => {
    if (!blank(row.MC_DOB) && isMale(row.SEX)) flag(t, i);
  });
});

/** UN1 means the child is not yet of school age; a child of school age has a UPN. */
export const rule209 = defineRule('209', (ret, flag) => {
  const t = ret.current.Header;
  if (!t) return;
  const dob = dates(t, 'DOB');
  // School age: five by 31 August at the start of the school year inside the collection year.
  const cutoff = yearStart(ret) + 152; // 1 April + 152 days = 31 August
  t.rows.forEach((row, i) => {
    if (row.UPN === 'UN1' && birthday(dob[i]!, 5) <= cutoff) flag(t, i);
  });
});

/** UN4 (UPN not yet obtained) is for children new to care: not for one looked after over a week at 31 March. */
export const rule210 = defineRule('210', (ret, flag) => {
  const h = ret.current.Header;
  const eps = ret.current.Episodes;
  if (!h || !eps) return;
  const end = yearEnd(ret);
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  const byChild = childEpisodes(ret);
  h.rows.forEach((row, i) => {
    if (row.UPN !== 'UN4') return;
    for (const e of byChild.get(row.CHILD ?? '') ?? []) {
      const open = blank(eps.rows[e]!.DEC) || dec[e]! > end;
      if (open && decom[e]! < end - 7) {
        flag(h, i);
        flag(eps, e);
      }
    }
  });
});

export const rule232 = defineRule('232', (ret, flag) => {
  const t = ret.current.Header;
  t?.rows.forEach((row, i) => {
    if (row.SEX === 'U') flag(t, i);
  });
});

export const rule301 = defineRule('301', (ret, flag) => {
  const t = ret.current.Header;
  if (!t) return;
  const dob = dates(t, 'DOB');
  const end = yearEnd(ret);
  t.rows.forEach((_, i) => {
    if (dob[i]! > end) flag(t, i);
  });
});

export const rule351 = defineRule('351', (ret, flag) => {
  const t = ret.current.Header;
  if (!t) return;
  const dob = dates(t, 'DOB');
  const start = yearStart(ret);
  t.rows.forEach((_, i) => {
    // Over 25: the 25th birthday fell before the year began.
    if (birthday(dob[i]!, 25) < start) flag(t, i);
  });
});

export const rule442 = defineRule('442', (ret, flag) => {
  const header = ret.current.Header;
  const eps = ret.current.Episodes;
  if (!header || !eps) return;
  // Children on short breaks alone (V3, V4) are not asked for one.
  const looked = new Set<string>();
  for (const row of eps.rows) if (!oneOf(row.LS, RESPITE) && !blank(row.CHILD)) looked.add(row.CHILD);
  header.rows.forEach((row, i) => {
    if (blank(row.UPN) && looked.has(row.CHILD ?? '')) flag(header, i);
  });
});

export const rule444 = defineRule('444', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  const byUpn = new Map<string, number[]>();
  header.rows.forEach((row, i) => {
    if (blank(row.UPN) || UNKNOWN_UPN.has(row.UPN)) return;
    const list = byUpn.get(row.UPN);
    if (list) list.push(i);
    else byUpn.set(row.UPN, [i]);
  });
  for (const rows of byUpn.values()) if (rows.length > 1) for (const i of rows) flag(header, i);
});

/** "Child ceased to be looked after in the year": an end of care dated inside the collection year. */
export const rule607 = defineRule('607', (ret, flag) => {
  const header = ret.current.Header;
  const eps = ret.current.Episodes;
  if (!header || !eps) return;
  const dec = dates(eps, 'DEC');
  const [start, end] = [yearStart(ret), yearEnd(ret)];
  eps.rows.forEach((row, i) => {
    // Any reason other than X1 means the child ceased to be looked after.
    if (blank(row.REC) || row.REC === 'X1' || oneOf(row.LS, RESPITE)) return;
    if (!(dec[i]! >= start && dec[i]! <= end)) return;
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

/** Every child in the Header has episodes this year, or is a care leaver in OC3. */
export const ruleEPI = defineRule('EPI', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  const withEpisodes = childrenOf(ret.current.Episodes);
  const leavers = childrenOf(ret.current.OC3);
  header.rows.forEach((row, i) => {
    const child = row.CHILD ?? '';
    if (!withEpisodes.has(child) && !leavers.has(child)) flag(header, i);
  });
});

export const headerRules: Rule903[] = [
  rule101,
  rule102,
  rule103,
  rule165,
  rule168,
  rule171,
  rule174,
  rule209,
  rule210,
  rule232,
  rule301,
  rule351,
  rule393,
  rule442,
  rule444,
  rule607,
  rule611,
  rule612,
  rule620,
  rule621,
  rule625,
  rule628,
  ruleEPI,
];
