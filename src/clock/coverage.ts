/**
 * Whether the record feeds a rule: a rule runs only on facts some area records, and a rule
 * nothing feeds produces no obligation at all. An empty list for such a rule means "not
 * recorded", never "all on time", so pages say which it is.
 */
import type { FactKind } from './facts.js';
import type { ClockRule } from './rule.js';

export type RuleFeed =
  /** Every kind the rule starts, meets and stops on is recorded. */
  | { state: 'recorded'; missing: readonly FactKind[] }
  /** The rule starts, but a kind it meets or stops on (or a later trigger) is not recorded. */
  | { state: 'partly'; missing: readonly FactKind[] }
  /** Nothing recorded starts the rule: it produces no obligation. */
  | { state: 'not_recorded'; missing: readonly FactKind[] };

/**
 * The kinds that open the rule's process: its triggers that are not also what meets it (a
 * visit meets a visit rule, and starts the next link, but never opens a plan). A rule whose
 * triggers all meet it too (the next core group after the first) is opened by any of them;
 * one with none is anchored on the child (a birthday), which the record always holds.
 */
function openers(rule: ClockRule): readonly FactKind[] {
  const own = rule.startsWith.filter((k) => !rule.metBy.includes(k));
  return own.length > 0 ? own : rule.startsWith;
}

export function ruleFeed(rule: ClockRule, recorded: ReadonlySet<FactKind>): RuleFeed {
  const kinds = [...new Set([...rule.startsWith, ...rule.metBy, ...rule.stoppedBy])];
  const missing = kinds.filter((k) => !recorded.has(k));
  const open = openers(rule);
  if (open.length > 0 && !open.some((k) => recorded.has(k))) return { state: 'not_recorded', missing };
  return missing.length === 0 ? { state: 'recorded', missing } : { state: 'partly', missing };
}

/**
 * The work the record does not hold yet, in the catalogue's order: each area none of whose
 * rules the record feeds, then, for an area only some of whose rules it feeds, those rules;
 * and the rules the record starts but has nothing to meet (an obligation shown as due that
 * no page can yet record as done).
 */
export function unrecordedWork(
  rules: readonly ClockRule[],
  recorded: ReadonlySet<FactKind>,
): { areas: string[]; rules: { area: string; names: string[] }[]; cannotBeMet: { area: string; names: string[] }[] } {
  const byArea = new Map<string, { fed: number; unfed: string[]; unmet: string[] }>();
  for (const rule of rules) {
    let entry = byArea.get(rule.area);
    if (!entry) byArea.set(rule.area, (entry = { fed: 0, unfed: [], unmet: [] }));
    if (ruleFeed(rule, recorded).state === 'not_recorded') entry.unfed.push(rule.name);
    else {
      entry.fed += 1;
      if (rule.metBy.length > 0 && !rule.metBy.some((k) => recorded.has(k))) entry.unmet.push(rule.name);
    }
  }
  const areas: string[] = [];
  const partial: { area: string; names: string[] }[] = [];
  const cannotBeMet: { area: string; names: string[] }[] = [];
  for (const [area, { fed, unfed, unmet }] of byArea) {
    if (unmet.length > 0) cannotBeMet.push({ area, names: unmet });
    if (unfed.length === 0) continue;
    if (fed === 0) areas.push(area);
    else partial.push({ area, names: unfed });
  }
  return { areas, rules: partial, cannotBeMet };
}
