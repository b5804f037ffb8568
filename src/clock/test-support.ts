/**
 * Helpers for the clock's tests: build a child's facts in a few words and read the
 * obligations one rule gives. Synthetic children only.
 */
import { createWorkingDayCalendar } from '../core/calendar/index.js';
import { computeObligations } from './engine.js';
import type { ChildFacts, Fact, FactKind, FactValue } from './facts.js';
import { type Obligation, obligationStatus } from './obligation.js';
import { policySettings } from './catalogue.js';
import { type PolicyChange, createLocalPolicy } from './policy.js';
import type { ClockContext } from './rule.js';

export const calendar = createWorkingDayCalendar();

export function context(changes: PolicyChange[] = []): ClockContext {
  return { calendar, policy: createLocalPolicy(changes, policySettings) };
}

interface FactOptions {
  id?: string;
  episode?: string;
  data?: Record<string, FactValue>;
}

/** A fact maker that numbers its facts f1, f2, … unless given an id. */
export function facts() {
  let n = 0;
  return (kind: FactKind, at: string, options: FactOptions = {}): Fact => {
    n += 1;
    const fact: Fact = { id: options.id ?? `f${n}`, kind, at };
    if (options.episode !== undefined) fact.episode = options.episode;
    if (options.data) fact.data = options.data;
    return fact;
  };
}

export function child(factList: Fact[], extra: Partial<ChildFacts> = {}): ChildFacts {
  return { childId: 'child-1', dateOfBirth: '2015-06-15', facts: factList, ...extra };
}

/** The obligations one rule gives for this child, in due order. */
export function obligationsOf(ruleId: string, c: ChildFacts, ctx: ClockContext = context()): Obligation[] {
  return computeObligations(c, ctx).filter((o) => o.ruleId === ruleId);
}

/** [dueAt, doneAt] pairs: the shape most stories check. */
export function dueAndDone(list: Obligation[]): Array<[string, string | null]> {
  return list.map((o) => [o.dueAt, o.doneAt]);
}

export function statuses(list: Obligation[], now: string): string[] {
  return list.map((o) => obligationStatus(o, now));
}
