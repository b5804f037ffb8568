/** Rules on the child's details (the Header table): sex, date of birth, ethnicity, UPN, mother. */
import { defineRule, type Rule903 } from '../rule.js';
import { birthday, blank, childEpisodes, codeRule, dateRule, isMale, yearEnd, yearStart } from './helpers.js';
import { dates } from '../values.js';

/** Codes for a UPN that is not known (DfE 903 guide, "Unknown UPN"). */
const UNKNOWN_UPN = new Set(['UN1', 'UN2', 'UN3', 'UN4', 'UN5']);

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

export const headerRules: Rule903[] = [
  rule101,
  rule102,
  rule103,
  rule168,
  rule171,
  rule174,
  rule209,
  rule210,
  rule232,
  rule301,
  rule351,
];
