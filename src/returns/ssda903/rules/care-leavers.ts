/** Rules on the OC3 table: care leavers' contact, activity and accommodation. */
import { defineRule, type Rule903 } from '../rule.js';
import { ADOPTION_ITEMS, ageAt, blank, CARE_LEAVER_ITEMS, codeRule, eachRow, OC2_ITEMS, yearEnd, yearStart } from './helpers.js';
import { dates } from '../values.js';

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
  const leavers = new Set(oc3.rows.filter((r) => CARE_LEAVER_ITEMS.some((c) => !blank(r[c]))).map((r) => r.CHILD ?? ''));
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

export const rule348 = defineRule('348', (ret, flag) => {
  const t = ret.current.OC3;
  const last = ret.previous.OC3;
  if (!t || !last) return;
  const died = new Set(last.rows.filter((r) => r.IN_TOUCH === 'DIED').map((r) => r.CHILD ?? ''));
  t.rows.forEach((r, i) => died.has(r.CHILD ?? '') && flag(t, i));
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
    if (!blank(r.IN_TOUCH) || !blank(r.ACTIV) || !blank(r.ACCOM)) leavers.set(r.CHILD ?? '', i);
  });
  oc2.rows.forEach((r, i) => {
    const leaver = leavers.get(r.CHILD ?? '');
    if (leaver !== undefined && OC2_ITEMS.some((c) => !blank(r[c]))) {
      flag(oc2, i);
      flag(oc3, leaver);
    }
  });
});

export const careLeaverRules: Rule903[] = [
  rule131, rule132, rule133, rule134, rule153, rule215, rule344, rule345, rule347, rule348, rule391,
];
