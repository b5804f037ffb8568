/**
 * Rules on the OC3 table: care leavers' contact, activity and accommodation, and whether
 * care leaver information belongs to the young person at all, given their episodes this
 * year and last.
 */
import { defineRule, type Rule903 } from '../rule.js';
import {
  ADOPTION_ITEMS,
  ageAt,
  blank,
  CARE_LEAVER_ITEMS,
  childrenOf,
  childRows,
  codeRule,
  dobOf,
  eachRow,
  OC2_ITEMS,
  RESPITE,
  yearEnd,
  yearStart,
} from './helpers.js';
import { addYears, ageOn, dates, episodesInOrder, rowsByChild } from '../values.js';
import type { Return903, Row, Table903, TableName } from '../model.js';

/** Any of the care leaver items (in touch, activity, accommodation) is given. */
const careLeaverInfo = (row: Row): boolean => CARE_LEAVER_ITEMS.some((c) => !blank(row[c]));

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

/** Each of the three is always coded (0 where there is nothing to report), so a blank is not valid. */
export const rule131 = codeRule('131', 'OC3', 'IN_TOUCH');
export const rule132 = codeRule('132', 'OC3', 'ACTIV');
export const rule133 = codeRule('133', 'OC3', 'ACCOM');

/** A young person in the care leavers' cohort is not also in the adoption (AD1) table. */
/**
 * Adoption details for a young person with care leaver details. The adoption row is the
 * one reported: the message places the fault in the adoption data (as the reference reads it).
 */
export const rule134 = defineRule('134', (ret, flag) => {
  const oc3 = ret.current.OC3;
  const ad1 = ret.current.AD1;
  if (!oc3 || !ad1) return;
  const leavers = new Set(oc3.rows.filter((r) => careLeaverInfo(r) && !blank(r.CHILD)).map((r) => r.CHILD));
  ad1.rows.forEach((r, i) => {
    if (leavers.has(r.CHILD ?? '') && ADOPTION_ITEMS.some((c) => !blank(r[c]))) flag(ad1, i);
  });
});

export const rule153 = defineRule('153', (ret, flag) =>
  eachRow(ret.current.OC3, (row, i, t) => {
    const filled = [row.IN_TOUCH, row.ACTIV, row.ACCOM].filter((v) => !blank(v)).length;
    if (filled > 0 && filled < 3) flag(t, i);
  }),
);

/** Died, or home with parents for six months or more: no activity or accommodation. */
export const rule344 = defineRule('344', (ret, flag) =>
  eachRow(ret.current.OC3, (row, i, t) => {
    if (['DIED', 'RHOM'].includes(row.IN_TOUCH ?? '') && (!blank(row.ACTIV) || !blank(row.ACCOM))) flag(t, i);
  }),
);

/** In touch: activity and accommodation are known, so not 0. */
export const rule345 = defineRule('345', (ret, flag) =>
  eachRow(ret.current.OC3, (row, i, t) => {
    if (row.IN_TOUCH === 'YES' && (row.ACTIV === '0' || row.ACCOM === '0')) flag(t, i);
  }),
);

/** Foyers (T1, T2) are not for care leavers under 18. */
export const rule347 = defineRule('347', (ret, flag) =>
  eachRow(ret.current.OC3, (row, i, t) => {
    if (!['T1', 'T2'].includes(row.ACCOM ?? '')) return;
    if (ageAt(dates(t, 'DOB')[i]!, yearEnd(ret)) < 18) flag(t, i);
  }),
);

/**
 * Reported last year as having died, and not as died this year: a care leaver who died stays
 * in the later years' returns as DIED (DfE counts such a young person again the next year).
 * A row with no child identifier is no one's.
 */
export const rule348 = defineRule('348', (ret, flag) => {
  const t = ret.current.OC3;
  const last = ret.previous.OC3;
  if (!t || !last) return;
  const died = new Set(last.rows.filter((r) => r.IN_TOUCH === 'DIED' && !blank(r.CHILD)).map((r) => r.CHILD));
  t.rows.forEach((r, i) => r.IN_TOUCH !== 'DIED' && died.has(r.CHILD ?? null) && flag(t, i));
});

/** The care leavers' cohort is aged 17 to 21 at some time in the year. */
export const rule391 = defineRule('391', (ret, flag) =>
  eachRow(ret.current.OC3, (_, i, t) => {
    const dob = dates(t, 'DOB')[i]!;
    if (Number.isNaN(dob)) return;
    if (ageAt(dob, yearEnd(ret)) < 17 || ageAt(dob, yearStart(ret)) > 21) flag(t, i);
  }),
);

/** Care leavers are not in the OC2 (looked after twelve months) table. */
export const rule215 = defineRule('215', (ret, flag) => {
  const oc2 = ret.current.OC2;
  const oc3 = ret.current.OC3;
  if (!oc2 || !oc3) return;
  const leavers = new Map<string, number>();
  oc3.rows.forEach((r, i) => {
    if (careLeaverInfo(r) && !blank(r.CHILD)) leavers.set(r.CHILD, i);
  });
  oc2.rows.forEach((r, i) => {
    const leaver = leavers.get(r.CHILD ?? '');
    if (leaver !== undefined && OC2_ITEMS.some((c) => !blank(r[c]))) {
      flag(oc2, i);
      flag(oc3, leaver);
    }
  });
});

/** The child's episodes this year and last, as [table, row] pairs. */
function allEpisodes(ret: Return903, child: string | null): [Table903, number][] {
  const out: [Table903, number][] = [];
  for (const t of [ret.current.Episodes, ret.previous.Episodes]) if (t) for (const i of childRows(t, child)) out.push([t, i]);
  return out;
}

export const rule1000 = defineRule('1000', (ret, flag) => {
  const oc3 = ret.current.OC3;
  if (!oc3 || !ret.current.Episodes) return;
  oc3.rows.forEach((row, o) => {
    if (allEpisodes(ret, row.CHILD ?? null).some(([t, i]) => t.rows[i]!.REC === 'E2')) flag(oc3, o);
  });
});

/**
 * 1001: a relevant or former relevant child was looked after for at least 13 weeks
 * (91 days) after turning 14, and was still looked after after turning 16 (care still going
 * on counts to the end of the year; short breaks, V3 and V4, do not count). A row in OC3
 * is the care leaver information, whether or not its cells are filled. The date of birth
 * is the Header's (the DfE lists the Header among the rule's tables), else OC3's.
 */
export const rule1001 = defineRule('1001', (ret, flag) => {
  const oc3 = ret.current.OC3;
  if (!oc3 || !ret.current.Episodes) return;
  const ownDob = dates(oc3, 'DOB');
  oc3.rows.forEach((row, o) => {
    const fromHeader = dobOf(ret, row.CHILD);
    const born = Number.isNaN(fromHeader) ? ownDob[o]! : fromHeader;
    if (Number.isNaN(born)) return;
    const eps = allEpisodes(ret, row.CHILD ?? null);
    const at14 = addYears(born, 14);
    const at16 = addYears(born, 16);
    let days = 0;
    let after16 = false;
    const seen = new Set<number>();
    for (const [t, i] of eps) {
      const start = dates(t, 'DECOM')[i]!;
      const ended = dates(t, 'DEC')[i]!;
      // Care still going on counts to the end of the year; short breaks (V3, V4) do not count.
      const end = Number.isNaN(ended) ? yearEnd(ret) : ended;
      if (Number.isNaN(start) || RESPITE.has(t.rows[i]!.LS ?? '')) continue;
      if (seen.has(start)) continue; // an episode in both years' returns counts once
      seen.add(start);
      days += Math.max(0, end - Math.max(start, at14));
      if (end > at16) after16 = true;
    }
    if (!(days >= 91 && after16)) flag(oc3, o);
  });
});

export const rule1002 = defineRule('1002', (ret, flag) => {
  const oc3 = ret.current.OC3;
  const last = ret.previous.Episodes;
  if (!oc3 || !last) return;
  oc3.rows.forEach((row, o) => {
    if (allEpisodes(ret, row.CHILD ?? null).length === 0) flag(oc3, o);
  });
});

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

export const oc3Rules: Rule903[] = [
  rule131,
  rule132,
  rule133,
  rule134,
  rule153,
  rule215,
  rule344,
  rule345,
  rule347,
  rule348,
  rule391,
  rule1000,
  rule1001,
  rule1002,
  rule1007,
  rule1010,
  rule1011,
  rule1012,
  rule1014,
  rule1016,
  rule3001,
];
