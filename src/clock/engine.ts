/**
 * The statutory clock: a pure function from one child's facts, the working-day
 * calendar and local policy to that child's obligations. The same facts, in any
 * order, give the same obligations with the same keys.
 */
import { isIsoDate, isMoment, momentSortKey } from '../core/calendar/index.js';
import { clockRules } from './catalogue.js';
import type { ChildFacts } from './facts.js';
import type { Obligation } from './obligation.js';
import type { ClockContext, ClockRule } from './rule.js';
import { prepareTimeline } from './timeline.js';

export class InvalidFactError extends Error {
  constructor(
    readonly childId: string,
    readonly factId: string,
    reason: string,
  ) {
    super(`Child ${childId}, fact ${factId}: ${reason}`);
    this.name = 'InvalidFactError';
  }
}

function validate(child: ChildFacts): void {
  if (child.dateOfBirth !== null && !isIsoDate(child.dateOfBirth)) {
    throw new InvalidFactError(child.childId, '-', `date of birth is not a date: ${JSON.stringify(child.dateOfBirth)}`);
  }
  const ids = new Set<string>();
  for (const f of child.facts) {
    if (!f.id) throw new InvalidFactError(child.childId, '(no id)', `a ${f.kind} fact has no id`);
    if (ids.has(f.id)) throw new InvalidFactError(child.childId, f.id, 'two facts share this id');
    ids.add(f.id);
    if (typeof f.at !== 'string' || !isMoment(f.at)) {
      throw new InvalidFactError(
        child.childId,
        f.id,
        `'at' must be YYYY-MM-DD or an ISO datetime with an offset, got ${JSON.stringify(f.at)}`,
      );
    }
  }
}

/**
 * Every obligation for this child, met or outstanding, sorted by due date then key.
 * Facts of kinds the clock does not know are ignored; a fact with a malformed date
 * or a repeated id is refused (InvalidFactError), because a wrong date would give a
 * wrong deadline silently.
 */
export function computeObligations(child: ChildFacts, ctx: ClockContext, rules: readonly ClockRule[] = clockRules): Obligation[] {
  validate(child);
  const timeline = prepareTimeline(child);
  const out: Obligation[] = [];
  for (const rule of rules) {
    for (const o of rule.compute(timeline, ctx)) {
      if (o.ruleId !== rule.id) throw new Error(`Rule ${rule.id} produced an obligation for ${o.ruleId}`);
      out.push(o);
    }
  }
  const keyed = out.map((o) => ({ o, sort: momentSortKey(o.dueAt) }));
  keyed.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : a.o.key < b.o.key ? -1 : a.o.key > b.o.key ? 1 : 0));
  const keys = new Set<string>();
  for (const { o } of keyed) {
    if (keys.has(o.key)) throw new Error(`Two obligations share the key ${o.key}`);
    keys.add(o.key);
  }
  return keyed.map((k) => k.o);
}
