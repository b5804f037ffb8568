/**
 * The DfE's checks numbered 1000 and above, and EPI: whether care leaver information
 * (OC3) belongs to the young person at all, given their episodes this year and last,
 * and whether each child in the Header has episodes (or is a care leaver).
 */
import type { Return903, Row, Table903, TableName } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { addYears, ageOn, dates, episodesInOrder, rowsByChild } from '../values.js';
import { eachWithUrn } from './providers.js';
import { blank, childrenOf, dobOf, yearEnd, yearStart } from './helpers.js';

/** Any of the care leaver items (in touch, activity, accommodation) is given. */
const careLeaverInfo = (row: Row): boolean => !blank(row.IN_TOUCH) || !blank(row.ACTIV) || !blank(row.ACCOM);

/** The young person's date of birth: the OC3 row's, else the Header's. */
function leaverDob(ret: Return903, oc3: Table903, i: number): number {
  const own = dates(oc3, 'DOB')[i]!;
  return Number.isNaN(own) ? dobOf(ret, oc3.rows[i]!.CHILD) : own;
}

/** Each OC3 row that gives care leaver information. */
function eachLeaverWithInfo(ret: Return903, check: (row: Row, i: number, oc3: Table903) => void): void {
  const oc3 = ret.current.OC3;
  if (!oc3) return;
  oc3.rows.forEach((row, i) => careLeaverInfo(row) && check(row, i, oc3));
}

/**
 * The birthday (17th or 18th) a young person aged 17 or 18 on 31 March had in the
 * collection year; NaN for any other age. A 17th or 18th birthday on or before 31 March
 * and after 31 March a year earlier is exactly one in the collection year.
 */
function seventeenthOrEighteenth(ret: Return903, dob: number): number {
  if (Number.isNaN(dob)) return NaN;
  const age = ageOn(dob, yearEnd(ret));
  return age === 17 || age === 18 ? addYears(dob, age) : NaN;
}

/** The child's latest episode (row index into Episodes), or undefined. */
function latestEpisode(ret: Return903, child: string | null | undefined): number | undefined {
  const eps = ret.current.Episodes;
  if (!eps || child == null) return undefined;
  const list = episodesInOrder(eps).get(child);
  return list?.[list.length - 1];
}

// ---------------------------------------------------------------------------

/**
 * A young person whose 17th birthday is in the collection year is not living with
 * former foster carers (ACCOM Z1, Z2). "Around their 17th birthday" is read as the
 * 17th birthday falling in the collection year, the OC3 cohort of 17-year-olds.
 */
export const rule3001 = defineRule('3001', (ret, flag) => {
  const oc3 = ret.current.OC3;
  if (!oc3) return;
  const start = yearStart(ret);
  const end = yearEnd(ret);
  oc3.rows.forEach((row, i) => {
    if (row.ACCOM !== 'Z1' && row.ACCOM !== 'Z2') return;
    // The Header's date of birth (the child's record), OC3's when there is none.
    const fromHeader = dobOf(ret, row.CHILD);
    const dob = Number.isNaN(fromHeader) ? leaverDob(ret, oc3, i) : fromHeader;
    if (Number.isNaN(dob)) return;
    const seventeenth = addYears(dob, 17);
    if (seventeenth >= start && seventeenth <= end) flag(oc3, i);
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

/**
 * A 17- or 18-year-old whose latest episode ended after their birthday in the year was
 * looked after on it, so no care leaver information is due.
 */
export const rule1016 = defineRule('1016', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const dec = dates(eps, 'DEC');
  eachLeaverWithInfo(ret, (row, i, oc3) => {
    const birthday = seventeenthOrEighteenth(ret, leaverDob(ret, oc3, i));
    const last = latestEpisode(ret, row.CHILD);
    if (last !== undefined && dec[last]! > birthday) flag(oc3, i);
  });
});

/**
 * A care leaver with no episodes this year has no UASC row. Both rows are reported:
 * either the UASC row or the care leaver row is the mistake.
 */
export const rule1014 = defineRule('1014', (ret, flag) => {
  const uasc = ret.current.UASC;
  const oc3 = ret.current.OC3;
  if (!uasc || !oc3 || !ret.current.Episodes) return;
  const withEpisodes = childrenOf(ret.current.Episodes);
  const leaversOnly = new Set<string>();
  for (const child of rowsByChild(oc3).keys()) if (!withEpisodes.has(child)) leaversOnly.add(child);
  const uascRows = rowsByChild(uasc);
  for (const child of leaversOnly) {
    const rows = uascRows.get(child);
    if (!rows) continue;
    for (const i of rows) flag(uasc, i);
    for (const i of rowsByChild(oc3).get(child)!) flag(oc3, i);
  }
});

/** Tables that hold information only about children looked after in the year. */
const LOOKED_AFTER_TABLES: readonly TableName[] = ['PlacedAdoption', 'Missing', 'Reviews', 'AD1', 'PrevPerm', 'OC2'];

/**
 * A care leaver with no episodes this year has rows in no other table (but the Header and
 * UASC, see 1014). The only children a return holds without episodes are OC3's (EPI), so
 * the rows of any child with no episodes are reported, in OC3 or not.
 */
export const rule1012 = defineRule('1012', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const withEpisodes = childrenOf(ret.current.Episodes);
  for (const name of LOOKED_AFTER_TABLES) {
    const t = ret.current[name];
    if (!t) continue;
    t.rows.forEach((row, i) => !withEpisodes.has(row.CHILD ?? '') && flag(t, i));
  }
});

/** Care taken over by another authority (REC E3) in the latest episode: that authority returns the care leaver information. */
export const rule1011 = defineRule('1011', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eachLeaverWithInfo(ret, (row, i, oc3) => {
    const last = latestEpisode(ret, row.CHILD);
    if (last !== undefined && eps.rows[last]!.REC === 'E3') flag(oc3, i);
  });
});

/**
 * Care leaver information for a young person with no episodes this year whose episode
 * was open at the end of last year: the episodes are missing, not the care ended. Open
 * at the year end means the latest episode (by start) has no end date; an earlier one
 * without an end date, followed by others, lacks its end date but was not still open.
 */
export const rule1010 = defineRule('1010', (ret, flag) => {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return;
  const withEpisodes = childrenOf(eps);
  const lastDecom = dates(last, 'DECOM');
  const openAtLastYearEnd = new Set<string>();
  for (const [child, order] of episodesInOrder(last)) {
    // Unreadable start dates sort last; the latest episode is the last readable one.
    let latest: number | undefined;
    for (let k = order.length - 1; k >= 0 && latest === undefined; k--) if (!Number.isNaN(lastDecom[order[k]!]!)) latest = order[k];
    if (latest !== undefined && blank(last.rows[latest]!.DEC)) openAtLastYearEnd.add(child);
  }
  eachLeaverWithInfo(ret, (row, i, oc3) => {
    const child = row.CHILD ?? '';
    if (!withEpisodes.has(child) && openAtLastYearEnd.has(child)) flag(oc3, i);
  });
});

/**
 * An episode's URN is on Ofsted's register. Checked only when the register is given;
 * XXXXXXX (no URN: placements that Ofsted does not register) and a blank URN are other
 * rules' business.
 */
export const rule1008 = defineRule('1008', (ret, flag) =>
  eachWithUrn(ret, (_row, i, eps, provider) => {
    if (!provider) flag(eps, i);
  }),
);

/**
 * A 17- or 18-year-old looked after on their birthday in the year and still looked
 * after (latest episode open) needs no care leaver information. "Still looked after" is
 * read as at 31 March: one who left after the birthday is rule 1016's.
 */
export const rule1007 = defineRule('1007', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  const byChild = episodesInOrder(eps);
  eachLeaverWithInfo(ret, (row, i, oc3) => {
    const birthday = seventeenthOrEighteenth(ret, leaverDob(ret, oc3, i));
    if (Number.isNaN(birthday)) return;
    const list = byChild.get(row.CHILD ?? '');
    if (!list || !blank(eps.rows[list[list.length - 1]!]!.DEC)) return;
    const onBirthday = list.some((e) => decom[e]! <= birthday && (blank(eps.rows[e]!.DEC) || dec[e]! > birthday));
    if (onBirthday) flag(oc3, i);
  });
});

export const lateRules: Rule903[] = [rule3001, ruleEPI, rule1016, rule1014, rule1012, rule1011, rule1010, rule1008, rule1007];
