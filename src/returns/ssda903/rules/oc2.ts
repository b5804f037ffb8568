/**
 * Rules on the OC2 table: health, offending and the Strengths and Difficulties
 * Questionnaire (SDQ) for children looked after for at least twelve months at 31 March,
 * by their age.
 */
import { defineRule, type Rule903 } from '../rule.js';
import { ADOPTION_ITEMS, ageAt, blank, CARE_LEAVER_ITEMS, codeRule, eachRow, OC2_ITEMS, RESPITE, yearEnd, yearStart } from './helpers.js';
import { ageOn, dates, derived, episodesInOrder } from '../values.js';
import type { Return903, Row, Table903 } from '../model.js';

/** The four every child in the cohort must have. */
const REQUIRED_ITEMS = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;

/** The child's ages at the start and end of the year, from the OC2 date of birth. */
function ages(ret: Return903, t: Table903, i: number): { atStart: number; atEnd: number } {
  const dob = dates(t, 'DOB')[i]!;
  return { atStart: ageAt(dob, yearStart(ret)), atEnd: ageAt(dob, yearEnd(ret)) };
}

/**
 * The OC2 cohort, "looked after continuously for at least 12 months at 31 March", as the DfE's
 * validation rules spell it out: looked after at some time in the year, with no episode that
 * begins care in the year (reason S after 1 April), ends care in it (a reason other than X1
 * before 31 March) or is a short break (V3, V4) in it. A date that cannot be read is no
 * evidence of a break (other rules report it). The rules from 542 on read it otherwise
 * (twelveMonthCohort).
 */
function continuouslyLookedAfter(ret: Return903): ReadonlySet<string> {
  const eps = ret.current.Episodes;
  if (!eps) return new Set();
  return derived(eps, `oc2Cohort:${ret.collectionYear}`, () => {
    const start = yearStart(ret);
    const end = yearEnd(ret);
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    const inYear = new Set<string>();
    const broken = new Set<string>();
    eps.rows.forEach((r, i) => {
      const child = r.CHILD ?? '';
      const during = decom[i]! <= end && (Number.isNaN(dec[i]!) || dec[i]! >= start);
      if (during) inYear.add(child);
      const entersCare = r.RNE === 'S' && decom[i]! > start && decom[i]! <= end;
      const leavesCare = r.REC !== 'X1' && dec[i]! >= start && dec[i]! < end;
      if (entersCare || leavesCare || (during && RESPITE.has(r.LS ?? ''))) broken.add(child);
    });
    return new Set([...inYear].filter((c) => c !== '' && !broken.has(c)));
  });
}

/** Whether the child is in the OC2 cohort, given the episodes (the rule does not run without them). */
function inCohort(cohort: ReadonlySet<string>, row: Row): boolean {
  return cohort.has(row.CHILD ?? '');
}

/**
 * SDQ1 ("no form: the child is under 4 or over 16") does not fit a child of 4 to 16 in the cohort.
 * It is read as the reason for no score only when there is no score (a score beside a reason is 197a's).
 */
export const rule157 = defineRule('157', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    if (row.SDQ_REASON !== 'SDQ1' || !blank(row.SDQ_SCORE) || !inCohort(cohort, row)) return;
    const { atStart, atEnd } = ages(ret, t, i);
    if (atStart >= 4 && atEnd <= 16) flag(t, i);
  });
});

export const rule158 = defineRule('158', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (row.INTERVENTION_RECEIVED === '1' && !blank(row.INTERVENTION_OFFERED)) flag(t, i);
  }),
);

export const rule159 = defineRule('159', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (row.SUBSTANCE_MISUSE === '1' && row.INTERVENTION_RECEIVED === '0' && blank(row.INTERVENTION_OFFERED)) flag(t, i);
  }),
);

/** The score is a whole number from 0 to 40, written as an integer (a sign is allowed: "-0" is 0). */
export const rule180 = defineRule('180', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    const v = row.SDQ_SCORE;
    if (blank(v)) return;
    const n = Number(v);
    if (!/^[+-]?\d+$/.test(v) || n < 0 || n > 40) flag(t, i);
  }),
);

export const rule181 = defineRule('181', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (OC2_ITEMS.some((c) => !blank(row[c]) && row[c] !== '0' && row[c] !== '1')) flag(t, i);
  }),
);

export const rule182 = defineRule('182', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    const any = OC2_ITEMS.some((c) => !blank(row[c]));
    if (any && REQUIRED_ITEMS.some((c) => blank(row[c]))) flag(t, i);
  }),
);

export const rule185 = defineRule('185', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    if (!blank(row.SDQ_SCORE) && !inCohort(cohort, row)) flag(t, i);
  });
});

export const rule186 = defineRule('186', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    const { atStart, atEnd } = ages(ret, t, i);
    if (atStart >= 4 && atEnd < 17 && inCohort(cohort, row) && blank(row.SDQ_SCORE) && blank(row.SDQ_REASON)) flag(t, i);
  });
});

/** A child looked after all year is in neither the adoption (AD1) nor the care leavers (OC3) cohort. */
export const rule187 = defineRule('187', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  for (const [t, items] of [
    [ret.current.OC3, CARE_LEAVER_ITEMS],
    [ret.current.AD1, ADOPTION_ITEMS],
  ] as const) {
    t?.rows.forEach((row, i) => {
      if (cohort.has(row.CHILD ?? '') && items.some((c) => !blank(row[c]))) flag(t, i);
    });
  }
});

export const rule188 = defineRule('188', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (ages(ret, t, i).atEnd < 4 && (!blank(row.SDQ_SCORE) || !blank(row.SDQ_REASON))) flag(t, i);
  }),
);

export const rule189 = defineRule('189', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (ages(ret, t, i).atStart >= 17 && (!blank(row.SDQ_SCORE) || !blank(row.SDQ_REASON))) flag(t, i);
  }),
);

export const rule190 = defineRule('190', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    if (!inCohort(cohort, row) && OC2_ITEMS.some((c) => !blank(row[c]))) flag(t, i);
  });
});

/** The cohort's items are completed; a child in the cohort with no OC2 row at all is reported by their earliest episode. */
export const rule191 = defineRule('191', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps || !ret.current.OC2) return;
  const seen = new Set<string>();
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    seen.add(row.CHILD ?? '');
    if (inCohort(cohort, row) && REQUIRED_ITEMS.some((c) => blank(row[c]))) flag(t, i);
  });
  for (const [child, list] of episodesInOrder(eps)) if (cohort.has(child) && !seen.has(child)) flag(eps, list[0]!);
});

export const rule192 = defineRule('192', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (row.SUBSTANCE_MISUSE === '1' && blank(row.INTERVENTION_RECEIVED)) flag(t, i);
  }),
);

export const rule193 = defineRule('193', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (row.SUBSTANCE_MISUSE !== '1' && (!blank(row.INTERVENTION_RECEIVED) || !blank(row.INTERVENTION_OFFERED))) flag(t, i);
  }),
);

export const rule196 = codeRule('196', 'OC2', 'SDQ_REASON', { blankPasses: true });

export const rule197a = defineRule('197a', (ret, flag) =>
  eachRow(ret.current.OC2, (row, i, t) => {
    if (!blank(row.SDQ_SCORE) && !blank(row.SDQ_REASON)) flag(t, i);
  }),
);

/** Children who are 4 or 17 during the year still have a score, or a reason for none. */
export const rule197B = defineRule('197B', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    const { atStart, atEnd } = ages(ret, t, i);
    const edge = (atStart < 4 && atEnd >= 4) || (atStart < 17 && atEnd >= 17);
    if (edge && inCohort(cohort, row) && blank(row.SDQ_SCORE) && blank(row.SDQ_REASON)) flag(t, i);
  });
});

export const rule198 = defineRule('198', (ret, flag) => {
  if (!ret.current.Episodes) return;
  const cohort = continuouslyLookedAfter(ret);
  eachRow(ret.current.OC2, (row, i, t) => {
    if (!blank(row.SDQ_REASON) && !inCohort(cohort, row)) flag(t, i);
  });
});

/**
 * Children looked after continuously for twelve months at 31 March, as the OC2 rules
 * (543, 545, 546) read it: looked after on 31 March (an episode open then, or ending
 * that day), in a period of care that started (the latest "started to be looked after",
 * RNE S) on or before 1 April a year earlier, with no short-break episode (V3, V4) in it.
 * The rules numbered below 200 read the cohort otherwise (continuouslyLookedAfter).
 */
function twelveMonthCohort(ret: Return903): ReadonlySet<string> {
  const eps = ret.current.Episodes;
  if (!eps) return new Set();
  return derived(eps, `twelveMonthCohort:${ret.collectionYear}`, () => {
    const start = yearStart(ret);
    const end = yearEnd(ret);
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    const out = new Set<string>();
    for (const [child, order] of episodesInOrder(eps)) {
      let k = -1;
      for (let j = order.length - 1; j >= 0; j--) {
        const i = order[j]!;
        if (decom[i]! <= end && (blank(eps.rows[i]!.DEC) || dec[i]! >= end)) {
          k = j;
          break;
        }
      }
      if (k < 0) continue;
      let s = k;
      while (s > 0 && eps.rows[order[s]!]!.RNE !== 'S') s--;
      let respite = false;
      for (let j = s; j <= k; j++) if (RESPITE.has(eps.rows[order[j]!]!.LS ?? '')) respite = true;
      if (!respite && decom[order[s]!]! <= start) out.add(child);
    }
    return out;
  });
}

/** An OC2 row failing a test of the child's age at 31 March and the row itself. */
function oc2Rule(code: string, wrong: (age: number, row: Row, inCohort: () => boolean) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const oc2 = ret.current.OC2;
    if (!oc2) return;
    const dob = dates(oc2, 'DOB');
    const end = yearEnd(ret);
    let cohort: ReadonlySet<string> | undefined;
    // One closure for every row (it reads the row being checked), not one per row.
    let current: Row = {};
    const inCohort = () => (cohort ??= twelveMonthCohort(ret)).has(current.CHILD ?? '');
    oc2.rows.forEach((row, i) => {
      const age = Number.isNaN(dob[i]!) ? NaN : ageOn(dob[i]!, end);
      current = row;
      if (wrong(age, row, inCohort)) flag(oc2, i);
    });
  });
}

const healthIncomplete = (row: Row) => REQUIRED_ITEMS.some((f) => blank(row[f]));

export const rule542 = oc2Rule('542', (age, row) => age < 10 && !blank(row.CONVICTED));
export const rule543 = oc2Rule('543', (age, row, inCohort) => age >= 10 && blank(row.CONVICTED) && inCohort());
// "Conviction information completed" is a conviction recorded (1).
export const rule544 = oc2Rule('544', (_age, row) => row.CONVICTED === '1' && healthIncomplete(row));
export const rule545 = oc2Rule('545', (age, row, inCohort) => age < 5 && blank(row.HEALTH_CHECK) && inCohort());
export const rule546 = oc2Rule('546', (age, row, inCohort) => age >= 5 && !blank(row.HEALTH_CHECK) && inCohort());
export const rule547 = oc2Rule('547', (_age, row) => row.HEALTH_CHECK === '1' && healthIncomplete(row));

export const oc2Rules: Rule903[] = [
  rule157,
  rule158,
  rule159,
  rule180,
  rule181,
  rule182,
  rule185,
  rule186,
  rule187,
  rule188,
  rule189,
  rule190,
  rule191,
  rule192,
  rule193,
  rule196,
  rule197B,
  rule197a,
  rule198,
  rule542,
  rule543,
  rule544,
  rule545,
  rule546,
  rule547,
];
