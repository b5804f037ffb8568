/**
 * The shape of a statutory clock rule: data a person can read (what the rule says,
 * where it comes from, what starts, meets and stops it, which local settings it has)
 * and one small pure function that turns a child's facts into obligations.
 */
import type { WorkingDayCalendar } from '../core/calendar/index.js';
import type { FactKind } from './facts.js';
import type { Obligation } from './obligation.js';
import type { LocalPolicy, RuleSetting } from './policy.js';
import type { Timeline } from './timeline.js';

export interface ClockContext {
  calendar: WorkingDayCalendar;
  policy: LocalPolicy;
}

export type SourceStatus = 'statute' | 'statutory guidance' | 'local practice' | 'measure';

export interface RuleSource {
  /** The document: an Act, regulations, statutory guidance, a DfE measure, or "local practice". */
  document: string;
  /** Section, regulation or paragraph. */
  reference: string;
  status: SourceStatus;
  /**
   * How far the figure has been checked (TIMESCALES.md): 'primary' text seen,
   * 'secondary' sources only (procedures quoting it), or 'unverified'.
   */
  verification: 'primary' | 'secondary' | 'unverified';
}

export interface ClockRule {
  /** Stable, kebab-case: obligations and stored rows carry it. */
  id: string;
  /** Plain English, for lists: "Looked after review". */
  name: string;
  /** The area of practice the obligation belongs to. */
  area: string;
  /** The rule in plain English, as the authority applies it. */
  statement: string;
  startsWith: readonly FactKind[];
  metBy: readonly FactKind[];
  /** Fact kinds that stop the process (an unmet obligation is then dropped). */
  stoppedBy: readonly FactKind[];
  /** Plain English: "45 working days after the referral". */
  deadline: string;
  /** Plain English, or null for a one-off obligation. */
  recurrence: string | null;
  /** Plain English: when the clock stops. */
  stopsWhen: string;
  source: RuleSource;
  settings: readonly RuleSetting[];
  compute(timeline: Timeline, ctx: ClockContext): Obligation[];
}
