/**
 * Validating a 903 return: runs each rule in the collection year's ruleset and
 * gathers the findings, ordered by table, row and rule.
 */
import { type Finding, FindingStore } from '../findings.js';
import type { Return903 } from './model.js';
import type { Rule903 } from './rule.js';
import { rules903 } from './rules/index.js';
import { LATEST_YEAR } from './tables.js';

export interface Validate903Options {
  /** Only these rule codes (default: every rule in the year's ruleset). */
  rules?: readonly string[];
}

/** The rules that apply to a collection year (a year after the latest known uses the latest ruleset). */
export function rulesForYear(year: number, all: readonly Rule903[] = rules903): Rule903[] {
  const y = Math.min(year, LATEST_YEAR);
  return all.filter((r) => !r.years || r.years.includes(y));
}

/**
 * Runs the rules, keeping their findings compactly: `byPlace()` then gives them one at a
 * time in table, row and rule order, for a report written as they come.
 */
export function collect903(ret: Return903, opts: Validate903Options = {}): FindingStore {
  let active = rulesForYear(ret.collectionYear);
  if (opts.rules) {
    const wanted = new Set(opts.rules);
    active = active.filter((r) => wanted.has(r.code));
  }
  const store = new FindingStore();
  for (const rule of active) for (const f of rule.validate(ret)) store.add(f);
  return store;
}

/** Every finding, ordered by table, row and rule. */
export function validate903(ret: Return903, opts: Validate903Options = {}): Finding[] {
  return [...collect903(ret, opts).byPlace()];
}
