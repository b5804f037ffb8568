/**
 * Visits to looked after children (CPPCR reg 28): how often depends on the kind of
 * placement, how long it has lasted, whether it is meant to last until 18, and
 * whether the first review has been held. The interval for each visit is the one in
 * force on the day of the visit it is counted from.
 */
import { type Moment, addCalendarYears, compareMoments, localDateOf } from '../../core/calendar/index.js';
import { type Period, describePeriod, dueFrom, months, weeks } from '../deadlines.js';
import type { Fact } from '../facts.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, childSeen, dataBoolean, dataString, when } from '../rule-kit.js';
import type { Span } from '../timeline.js';
import { firstReview, placements } from './periods-of-care.js';

export const VISIT_REGIMES = [
  'standard',
  'parent_pending_assessment',
  'temporary_connected_person',
  'interim_care_order_with_parent',
  'care_order_at_home',
] as const;
export type VisitRegime = (typeof VISIT_REGIMES)[number];

interface PlacementState {
  regime: VisitRegime;
  intendedToAge18: boolean;
}

function regimeOf(fact: Fact): VisitRegime | null {
  const v = dataString(fact, 'visitRegime');
  return v !== null && (VISIT_REGIMES as readonly string[]).includes(v) ? (v as VisitRegime) : null;
}

/** The placement's regime and intention on a day: the start's, as changed since. */
function stateOn(placement: Span, changes: readonly Fact[], at: Moment): PlacementState {
  const state: PlacementState = {
    regime: regimeOf(placement.start) ?? 'standard',
    intendedToAge18: dataBoolean(placement.start, 'intendedToAge18') ?? false,
  };
  for (const c of changes) {
    if (compareMoments(c.at, at) > 0) break;
    state.regime = regimeOf(c) ?? state.regime;
    state.intendedToAge18 = dataBoolean(c, 'intendedToAge18') ?? state.intendedToAge18;
  }
  return state;
}

interface Interval {
  period: Period;
  reason: string;
}

/** The longest gap allowed after a visit on `at` (reg 28(2)–(5)). */
function intervalAfter(state: PlacementState, placementStart: Moment, reviewHeld: boolean, at: Moment): Interval {
  switch (state.regime) {
    case 'parent_pending_assessment':
      return reviewHeld
        ? { period: weeks(6), reason: 'placed with a parent before assessment, after the first review (reg 28(3)(b))' }
        : { period: weeks(1), reason: 'placed with a parent before assessment, weekly until the first review (reg 28(3)(a))' };
    case 'temporary_connected_person':
    case 'interim_care_order_with_parent': {
      const who =
        state.regime === 'temporary_connected_person'
          ? 'temporarily approved connected person'
          : 'placed with a parent under an interim care order';
      return reviewHeld
        ? { period: weeks(4), reason: `${who}, after the first review (reg 28(4)(b))` }
        : { period: weeks(1), reason: `${who}, weekly until the first review (reg 28(4)(a))` };
    }
    case 'care_order_at_home':
      return { period: weeks(6), reason: 'living at home under a care order (reg 28(5)(b))' };
    case 'standard': {
      const firstYearEnds = addCalendarYears(localDateOf(placementStart), 1);
      if (localDateOf(at) < firstYearEnds) return { period: weeks(6), reason: 'first year of the placement (reg 28(2)(b))' };
      return state.intendedToAge18
        ? { period: months(3), reason: 'placement intended to last until 18, after its first year (reg 28(2)(c)(i))' }
        : { period: weeks(6), reason: 'after the first year of the placement (reg 28(2)(c)(ii))' };
    }
  }
}

export const lookedAfterVisits: ClockRule = {
  id: 'looked-after-visit',
  name: 'Looked after child visit',
  area: 'looked after',
  statement:
    'The child is visited within a week of any placement starting (or of a care order made while living at home), then at least every 6 weeks in the placement’s first year and after it, or every 3 months once a placement meant to last until 18 is a year old. Children placed with a parent before assessment are visited weekly until the first review, then every 6 weeks; children with a temporarily approved connected person, or with a parent under an interim care order, weekly until the first review, then every 4 weeks.',
  startsWith: ['placement_started', 'visit_made'],
  metBy: ['visit_made'],
  stoppedBy: ['placement_ended', 'ceased_looked_after'],
  deadline: '1 week after the placement started; then 1 week, 4 weeks, 6 weeks or 3 months after the last visit, as above',
  recurrence: 'from each visit where the child was seen to the next',
  stopsWhen: 'The placement ends or the child ceases to be looked after.',
  source: {
    document: 'Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'reg 28(2)–(5)',
    status: 'statute',
    verification: 'primary',
  },
  settings: [],
  compute(t, ctx) {
    const visits = t.of('visit_made');
    return placements(t).flatMap(({ placement, period, stop }) => {
      const changes = t.inEpisode(placement.episode, 'placement_changed');
      const review = firstReview(t, period);
      const start = placement.start;
      const startState = stateOn(placement, changes, start.at);
      const opening = startState.regime === 'care_order_at_home' ? 'the care order made' : 'the placement starting';
      const reference =
        startState.regime === 'care_order_at_home'
          ? 'reg 28(5)(a)'
          : startState.regime === 'standard'
            ? 'reg 28(2)(a)'
            : 'weekly from the start';
      return chain({
        ruleId: 'looked-after-visit',
        episode: placement.episode,
        anchor: anchorAt(start),
        candidates: visits,
        accept: childSeen,
        stop,
        first: {
          dueAt: dueFrom(start.at, weeks(1), ctx.calendar),
          explanation: `Visit the child within 1 week of ${opening} ${when(start.at)} (${reference}).`,
        },
        next: (previous) => {
          const reviewHeld = review !== null && compareMoments(review.at, previous.at) <= 0;
          const { period: gap, reason } = intervalAfter(stateOn(placement, changes, previous.at), start.at, reviewHeld, previous.at);
          return {
            dueAt: dueFrom(previous.at, gap, ctx.calendar),
            explanation: `Visit the child within ${describePeriod(gap)} of the last visit ${when(previous.at)}: ${reason}.`,
          };
        },
      });
    });
  },
};

export const lookedAfterVisitRules = [lookedAfterVisits];
