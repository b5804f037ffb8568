/** Periods of care and placements, as the looked-after rules see them. */
import { type Moment, compareMoments, localDateOf } from '../../core/calendar/index.js';
import { earlierStop } from '../rule-kit.js';
import type { Span, Timeline } from '../timeline.js';

/**
 * Periods of care, leaving aside short breaks (CPPCR reg 48), which follow modified
 * rules this clock does not yet model.
 */
export function periodsOfCare(t: Timeline): readonly Span[] {
  return t.spans('became_looked_after', 'ceased_looked_after').filter((p) => p.start.data?.shortBreaks !== true);
}

/** The period of care the child was in on this day, if any. */
export function periodContaining(t: Timeline, at: Moment): Span | null {
  const day = localDateOf(at);
  for (const p of periodsOfCare(t)) {
    if (localDateOf(p.start.at) <= day && (!p.end || localDateOf(p.end.at) >= day)) return p;
  }
  return null;
}

export interface Placement {
  placement: Span;
  period: Span | null;
  /** The placement's end or the end of the period of care, whichever is first. */
  stop: Moment | null;
}

export function placements(t: Timeline): Placement[] {
  return t.spans('placement_started', 'placement_ended').map((placement) => {
    const period = periodContaining(t, placement.start.at);
    return { placement, period, stop: earlierStop(placement.end?.at, period?.end?.at) };
  });
}

/** The first looked after review of the period of care, if held. */
export function firstReview(t: Timeline, period: Span | null) {
  if (!period) return null;
  return t.inEpisode(period.episode, 'looked_after_review_held').find((r) => compareMoments(r.at, period.start.at) >= 0) ?? null;
}
