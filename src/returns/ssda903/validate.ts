/**
 * Validating a 903 return: runs each rule in the collection year's ruleset and
 * gathers the findings, ordered by table, row and rule.
 */
import { type Finding, FindingStore } from '../findings.js';
import type { Return903 } from './model.js';
import { rules903For as rulesForYear } from './rules/index.js';

/** The rules of a collection year (rules/index.ts), under the name this module has given it. */
export { rulesForYear };

export interface Validate903Options {
  /** Only these rule codes (default: every rule in the year's ruleset). */
  rules?: readonly string[];
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
