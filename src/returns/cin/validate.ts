/**
 * Validates a CIN census return against DfE's rules for its collection year.
 *
 * One finding per rule and child (row = the child's position in the message), or per
 * rule for the return as a whole (row null). Each child is prepared once and every
 * child rule runs on it, so a return of 400,000 children validates in seconds.
 */
import type { Finding } from '../findings.js';
import { type CinReturn, censusPeriod } from './model.js';
import { cinYearSchema } from './schema/index.js';
import { addYears, day, workingDays } from './dates.js';
import { type CinRule, type PChild, type RuleContext, prepareChild } from './rules/rule.js';
import { rulesCin as CIN_RULES, rulesCinFor as cinRulesFor } from './rules/index.js';

/** Every rule, and a collection year's rules (rules/index.ts), under the names this module has given them. */
export { CIN_RULES, cinRulesFor };

export interface ValidateOptions {
  /** Only these rule codes (default: every rule for the year). */
  rules?: string[];
  /**
   * How "the reference date minus n working days" counts (8670Q: 45, 8675Q: 15).
   * 'inclusive' (default): the reference date is day 1, so the limit is n - 1 working days
   * back, as the sector's reference validator counts; 'exclusive': n working days back.
   */
  workingDayCounting?: 'inclusive' | 'exclusive';
}

/**
 * `date` minus `n` working days. Exclusive: the day n working days before it (Tuesday
 * minus 45 leaves 45 working days after it up to and including Tuesday). Inclusive: the
 * day counted as the first of n, n - 1 working days back, which is how the sector's
 * reference validator counts (whether or not `date` is itself a working day).
 */
export function minusWorkingDays(date: string, n: number, inclusive: boolean): number {
  return day(workingDays().addWorkingDays(date, inclusive ? -(n - 1) : -n));
}

export function ruleContext(ret: CinReturn, options: ValidateOptions = {}): RuleContext {
  const period = censusPeriod(ret.year);
  const inclusive = (options.workingDayCounting ?? 'inclusive') === 'inclusive';
  return {
    year: ret.year,
    schema: cinYearSchema(ret.year),
    header: ret.header,
    start: day(period.start),
    end: day(period.end),
    assessmentOverdueBefore: minusWorkingDays(period.end, 45, inclusive),
    s47OverdueBefore: minusWorkingDays(period.end, 15, inclusive),
    // "Start of the census year minus 1 working day": the working day before 1 April,
    // whichever way the longer timescales count (see REFERENCE_DIFFERENCES.md, 8569Q).
    workingDayBeforeStart: minusWorkingDays(period.start, 1, false),
    fourYearsBefore: addYears(day(period.end), -4),
    sixYearsBefore: addYears(day(period.end), -6),
    twentyFiveYearsBefore: addYears(day(period.end), -25),
  };
}

function selectRules(year: number, codes: string[] | undefined): CinRule[] {
  const active = cinRulesFor(year);
  if (!codes) return active;
  const known = new Set(CIN_RULES.map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new RangeError(`Not CIN census rule codes: ${unknown.join(', ')}`);
  const wanted = new Set(codes);
  return active.filter((r) => wanted.has(r.code));
}

/**
 * Runs the rules on the return, then gives the findings one at a time: rule by rule in
 * DfE code order, each rule's rows in message order. The rules run when this is called;
 * only the findings themselves are made as they are read, so a report written from them
 * never holds them all.
 */
export function cinFindings(ret: CinReturn, options: ValidateOptions = {}): Iterable<Finding> {
  const rules = selectRules(ret.year, options.rules);
  const ctx = ruleContext(ret, options);
  const childRules = rules.filter((r) => r.child);
  const wholeRules = rules.filter((r) => r.whole);
  const keepPrepared = wholeRules.some((r) => r.needsChildren);

  // Rows failing each rule, rule by rule.
  const rows = new Map<CinRule, number[] | true>();
  for (const r of childRules) rows.set(r, []);
  const prepared: PChild[] | null = keepPrepared ? new Array(ret.children.length) : null;
  const checks = childRules.map((r) => [r.child!, rows.get(r) as number[]] as const);
  for (let i = 0; i < ret.children.length; i++) {
    const child = prepareChild(ret.children[i]!, i + 1);
    if (prepared) prepared[i] = child;
    for (let k = 0; k < checks.length; k++) {
      const [check, failed] = checks[k]!;
      if (check(child, ctx)) failed.push(i + 1);
    }
  }
  for (const r of wholeRules) {
    const result = r.whole!(ret, prepared, ctx);
    if (result === true) rows.set(r, true);
    else if (Array.isArray(result)) rows.set(r, result);
  }

  const fieldsFor = (r: CinRule) =>
    ctx.schema.sexElement === 'GenderCurrent' ? r.fields.map((f) => (f === 'Sex' ? 'GenderCurrent' : f)) : r.fields;
  return {
    *[Symbol.iterator]() {
      for (const r of rules) {
        const failed = rows.get(r);
        if (failed === undefined) continue;
        const fields = fieldsFor(r);
        if (failed === true) {
          yield { rule: r.code, table: r.table, row: null, childId: null, fields, message: r.message };
          continue;
        }
        for (const row of failed) {
          yield {
            rule: r.code,
            table: r.table,
            row,
            childId: ret.children[row - 1]!.identifiers.LAchildID,
            fields,
            message: r.message,
          };
        }
      }
    },
  };
}

export function validateCin(ret: CinReturn, options: ValidateOptions = {}): Finding[] {
  return [...cinFindings(ret, options)];
}
