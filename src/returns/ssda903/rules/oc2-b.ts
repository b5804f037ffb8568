/**
 * OC2 rules 542-547: convictions and health promotion, asked about children looked
 * after for twelve months at 31 March, by their age on that day.
 */
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { ageOn, dates } from '../values.js';
import type { Row } from '../model.js';
import { blank, twelveMonthCohort, yearEnd } from './helpers.js';

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

const HEALTH = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'] as const;
const healthIncomplete = (row: Row) => HEALTH.some((f) => blank(row[f]));

export const rule542 = oc2Rule('542', (age, row) => age < 10 && !blank(row.CONVICTED));
export const rule543 = oc2Rule('543', (age, row, inCohort) => age >= 10 && blank(row.CONVICTED) && inCohort());
// "Conviction information completed" is a conviction recorded (1).
export const rule544 = oc2Rule('544', (_age, row) => row.CONVICTED === '1' && healthIncomplete(row));
export const rule545 = oc2Rule('545', (age, row, inCohort) => age < 5 && blank(row.HEALTH_CHECK) && inCohort());
export const rule546 = oc2Rule('546', (age, row, inCohort) => age >= 5 && !blank(row.HEALTH_CHECK) && inCohort());
export const rule547 = oc2Rule('547', (_age, row) => row.HEALTH_CHECK === '1' && healthIncomplete(row));

export const oc2Rules: Rule903[] = [rule542, rule543, rule544, rule545, rule546, rule547];
