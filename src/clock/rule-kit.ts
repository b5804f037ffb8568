/**
 * The few shapes every rule is built from: one obligation from a trigger, or a chain
 * where each event starts the clock for the next. Rules say what is due and why; this
 * module pairs triggers with the facts that meet them and applies the stop.
 *
 * Stopping: when the process stops (plan ended, child left care, referral closed…)
 * before an obligation is met, nothing more is owed for it. One that fell due before the
 * stop and was never met is kept, as lapsed on the stop's day: it was missed, and the
 * record keeps saying so after the plan ends. One not yet due when the process stopped
 * is dropped. A meeting fact on the day of the stop still counts; nothing new starts on
 * that day.
 */
import { type IsoDate, type Moment, compareMoments, formatMoment, isDateOnly, localDateOf } from '../core/calendar/index.js';
import type { Fact } from './facts.js';
import type { Obligation } from './obligation.js';

/** Where a deadline runs from: a fact, or a named moment (a birthday, a term start). */
export interface Anchor {
  at: Moment;
  factId: string | null;
  /** Unique within the rule and episode: the fact id, or a name such as 'birthday-16'. */
  key: string;
}

export function anchorAt(fact: Fact): Anchor {
  return { at: fact.at, factId: fact.id, key: fact.id };
}

export function namedAnchor(at: Moment, key: string): Anchor {
  return { at, factId: null, key };
}

/** One link of a chain: when it is due and why. */
export interface Link {
  dueAt: Moment;
  explanation: string;
}

export interface ChainOptions {
  ruleId: string;
  episode: string | null;
  anchor: Anchor;
  /** Facts that can meet the obligations, in date order. */
  candidates: readonly Fact[];
  /** When the process stopped, by a recorded fact, if it has: an unmet obligation is dropped, or kept as lapsed if it was already overdue. */
  stop?: Moment | null;
  /**
   * A known day the duty ends (a birthday): meeting facts after it do not count,
   * nothing new starts from it, and an unmet obligation due by then is kept with
   * `lapsesAt` so that lists can leave it out once the day has passed.
   */
  lapsesAt?: IsoDate | null;
  /**
   * For the first link only: meeting facts from this moment count (e.g. a plan made
   * before the placement). Default: the anchor. null: any date.
   */
  firstFrom?: Moment | null;
  /** Use only candidates this returns true for. */
  accept?: (candidate: Fact) => boolean;
  first: Link | null;
  /** The next link, counted from the fact that met the previous one; null ends the chain. */
  next?: (previous: Fact, count: number) => Link | null;
}

const MAX_LINKS = 5_000;

function obligation(
  ruleId: string,
  episode: string | null,
  trigger: Anchor,
  link: Link,
  meeting: Fact | null,
  lapsesAt: IsoDate | null,
): Obligation {
  return {
    key: `${ruleId}:${episode ?? '-'}:${trigger.key}`,
    ruleId,
    episode,
    dueAt: link.dueAt,
    doneAt: meeting ? meeting.at : null,
    triggerFactId: trigger.factId,
    meetingFactId: meeting ? meeting.id : null,
    countedFrom: trigger.at,
    explanation: link.explanation,
    lapsesAt: meeting ? null : lapsesAt,
  };
}

/** True when `stop` is on or before `at` (by UK date). */
function stoppedBy(stop: Moment | null | undefined, at: Moment): boolean {
  return stop != null && localDateOf(stop) <= localDateOf(at);
}

/**
 * Obligations from an anchor and, if `next` is given, from each fact that meets the
 * previous one: "within one week of the placement, then every six weeks from the
 * last visit".
 */
export function chain(options: ChainOptions): Obligation[] {
  const { ruleId, episode, anchor, candidates, stop, accept, next } = options;
  const lapsesAt = options.lapsesAt ?? null;
  const out: Obligation[] = [];
  let trigger = anchor;
  let link = options.first;
  let from: Moment | null = options.firstFrom === undefined ? anchor.at : options.firstFrom;
  let index = 0;
  let count = 0;
  while (link) {
    if (++count > MAX_LINKS) throw new Error(`${ruleId}: more than ${MAX_LINKS} links in one chain`);
    let meeting: Fact | null = null;
    for (; index < candidates.length; index++) {
      const c = candidates[index]!;
      // A fact never meets the obligation it started.
      if (c.id !== trigger.factId && (from === null || compareMoments(c.at, from) >= 0) && (!accept || accept(c))) {
        meeting = c;
        break;
      }
    }
    if (meeting && stop != null && localDateOf(meeting.at) > localDateOf(stop)) meeting = null;
    if (meeting && lapsesAt !== null && localDateOf(meeting.at) > lapsesAt) meeting = null;
    if (!meeting) {
      // Owed only if the duty does not end before it falls due; after a stop, kept only if
      // it was already overdue then (missed), lapsing on the stop's day.
      const due = localDateOf(link.dueAt);
      const ends = stop == null ? lapsesAt : lapsesAt === null || localDateOf(stop) < lapsesAt ? localDateOf(stop) : lapsesAt;
      if ((stop == null || due < localDateOf(stop)) && (ends === null || due < ends))
        out.push(obligation(ruleId, episode, trigger, link, null, ends));
      break;
    }
    out.push(obligation(ruleId, episode, trigger, link, meeting, lapsesAt));
    if (!next || stoppedBy(stop, meeting.at) || stoppedBy(lapsesAt, meeting.at)) break;
    trigger = anchorAt(meeting);
    from = meeting.at;
    index += 1;
    link = next(meeting, count);
  }
  return out;
}

/** A single obligation: the first candidate not before the anchor meets it. */
export function single(options: Omit<ChainOptions, 'next'>): Obligation[] {
  return chain(options);
}

/** The first fact in the list not before `at` (by UK date when either is a plain date). */
export function firstFrom(facts: readonly Fact[], at: Moment): Fact | null {
  for (const f of facts) if (compareMoments(f.at, at) >= 0) return f;
  return null;
}

/** The last fact in the list on or before `at`. */
export function lastUpTo(facts: readonly Fact[], at: Moment): Fact | null {
  let found: Fact | null = null;
  for (const f of facts) {
    if (compareMoments(f.at, at) > 0) break;
    found = f;
  }
  return found;
}

/** The earlier of two stops (either may be missing). */
export function earlierStop(a: Moment | null | undefined, b: Moment | null | undefined): Moment | null {
  if (a == null) return b ?? null;
  if (b == null) return a;
  return compareMoments(a, b) <= 0 ? a : b;
}

/** "on 3 March 2025", or "at 10:30am on 3 March 2025" for a datetime. */
export function when(at: Moment): string {
  return `${isDateOnly(at) ? 'on' : 'at'} ${formatMoment(at)}`;
}

/** Reads data.childSeen: only visits where the child was seen count. */
export function childSeen(fact: Fact): boolean {
  return fact.data?.childSeen === true;
}

export function dataString(fact: Fact, key: string): string | null {
  const v = fact.data?.[key];
  return typeof v === 'string' ? v : null;
}

export function dataNumber(fact: Fact, key: string): number | null {
  const v = fact.data?.[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function dataBoolean(fact: Fact, key: string): boolean | null {
  const v = fact.data?.[key];
  return typeof v === 'boolean' ? v : null;
}
