/**
 * Validating a 903 return: runs each rule in the collection year's ruleset and
 * gathers the findings, ordered by table, row and rule.
 */
import type { Finding } from '../findings.js';
import type { Return903 } from './model.js';
import { rules903For as rulesForYear } from './rules/index.js';

/** The rules of a collection year (rules/index.ts), under the name this module has given it. */
export { rulesForYear };

export interface Validate903Options {
  /** Only these rule codes (default: every rule in the year's ruleset). */
  rules?: readonly string[];
}

export function validate903(ret: Return903, opts: Validate903Options = {}): Finding[] {
  let active = rulesForYear(ret.collectionYear);
  if (opts.rules) {
    const wanted = new Set(opts.rules);
    active = active.filter((r) => wanted.has(r.code));
  }
  const findings: Finding[] = [];
  for (const rule of active) for (const f of rule.validate(ret)) findings.push(f);
  return findings.sort(byPlace);
}

function byPlace(a: Finding, b: Finding): number {
  if (a.table !== b.table) return a.table < b.table ? -1 : 1;
  if (a.row !== b.row) return (a.row ?? 0) - (b.row ?? 0);
  return a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0;
}
