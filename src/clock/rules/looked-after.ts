/** Looked after children: care and placement plans, the IRO, reviews and their records. */
import { compareMoments } from '../../core/calendar/index.js';
import { dueFrom, months, workingDays } from '../deadlines.js';
import type { Fact } from '../facts.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, dataString, single, when } from '../rule-kit.js';
import { periodsOfCare, placements } from './periods-of-care.js';

export const carePlan: ClockRule = {
  id: 'care-plan',
  name: 'Care plan',
  area: 'looked after',
  statement:
    'The care plan is prepared before the child is first placed or, if that is not practicable, within 10 working days of the start of the first placement.',
  startsWith: ['became_looked_after'],
  metBy: ['care_plan_completed'],
  stoppedBy: ['ceased_looked_after'],
  deadline: '10 working days after the child became looked after (a plan made before counts)',
  recurrence: null,
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document: 'Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'reg 4(2)',
    status: 'statute',
    verification: 'primary',
  },
  settings: [],
  compute(t, ctx) {
    return periodsOfCare(t).flatMap((period) =>
      single({
        ruleId: 'care-plan',
        episode: period.episode,
        anchor: anchorAt(period.start),
        candidates: t.inEpisode(period.episode, 'care_plan_completed'),
        firstFrom: null,
        stop: period.end?.at,
        first: {
          dueAt: dueFrom(period.start.at, workingDays(10), ctx.calendar),
          explanation: `Prepare the care plan before the first placement or within 10 working days of the child becoming looked after ${when(period.start.at)}.`,
        },
      }),
    );
  },
};

export const placementPlan: ClockRule = {
  id: 'placement-plan',
  name: 'Placement plan',
  area: 'looked after',
  statement: 'The placement plan is prepared before the placement or, if that is not practicable, within 5 working days of its start.',
  startsWith: ['placement_started'],
  metBy: ['placement_plan_completed'],
  stoppedBy: ['placement_ended', 'ceased_looked_after'],
  deadline: '5 working days after the placement started (a plan made before counts)',
  recurrence: 'for each placement',
  stopsWhen: 'The placement ends or the child ceases to be looked after.',
  source: {
    document: 'Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'reg 9(2)',
    status: 'statute',
    verification: 'unverified',
  },
  settings: [],
  compute(t, ctx) {
    return placements(t).flatMap(({ placement, stop }) =>
      single({
        ruleId: 'placement-plan',
        episode: placement.episode,
        anchor: anchorAt(placement.start),
        candidates: t.inEpisode(placement.episode, 'placement_plan_completed'),
        firstFrom: null,
        stop,
        first: {
          dueAt: dueFrom(placement.start.at, workingDays(5), ctx.calendar),
          explanation: `Prepare the placement plan before the placement or within 5 working days of it starting ${when(placement.start.at)}.`,
        },
      }),
    );
  },
};

export const iroAppointed: ClockRule = {
  id: 'iro-appointed',
  name: 'Independent reviewing officer appointed',
  area: 'looked after',
  statement:
    'An independent reviewing officer is appointed within 5 working days of the child becoming looked after, and meets the child before the first review.',
  startsWith: ['became_looked_after'],
  metBy: ['iro_appointed'],
  stoppedBy: ['ceased_looked_after'],
  deadline: '5 working days after the child became looked after',
  recurrence: null,
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document: 'IRO Handbook 2010',
    reference: 'chapter 3 (good practice)',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return periodsOfCare(t).flatMap((period) =>
      single({
        ruleId: 'iro-appointed',
        episode: period.episode,
        anchor: anchorAt(period.start),
        candidates: t.inEpisode(period.episode, 'iro_appointed'),
        firstFrom: null,
        stop: period.end?.at,
        first: {
          dueAt: dueFrom(period.start.at, workingDays(5), ctx.calendar),
          explanation: `Appoint an independent reviewing officer within 5 working days of the child becoming looked after ${when(period.start.at)}.`,
        },
      }),
    );
  },
};

export const lookedAfterReview: ClockRule = {
  id: 'looked-after-review',
  name: 'Looked after review',
  area: 'looked after',
  statement:
    'The first review is held within 20 working days of the child becoming looked after, the second within 3 months of the first, and each later review within 6 months of the one before.',
  startsWith: ['became_looked_after', 'looked_after_review_held'],
  metBy: ['looked_after_review_held'],
  stoppedBy: ['ceased_looked_after'],
  deadline: '20 working days after becoming looked after; then 3 months after the first review; then 6 months after the previous review',
  recurrence: 'from each review held to the next',
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document: 'Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'reg 33(1)–(2) (an earlier review if the IRO asks: reg 33(3))',
    status: 'statute',
    verification: 'primary',
  },
  settings: [],
  compute(t, ctx) {
    return periodsOfCare(t).flatMap((period) =>
      chain({
        ruleId: 'looked-after-review',
        episode: period.episode,
        anchor: anchorAt(period.start),
        candidates: t.inEpisode(period.episode, 'looked_after_review_held'),
        stop: period.end?.at,
        first: {
          dueAt: dueFrom(period.start.at, workingDays(20), ctx.calendar),
          explanation: `Hold the first review within 20 working days of the child becoming looked after ${when(period.start.at)}.`,
        },
        next: (previous, count) =>
          count === 1
            ? {
                dueAt: dueFrom(previous.at, months(3), ctx.calendar),
                explanation: `Hold the second review within 3 months of the first review held ${when(previous.at)}.`,
              }
            : {
                dueAt: dueFrom(previous.at, months(6), ctx.calendar),
                explanation: `Hold the next review within 6 months of the review held ${when(previous.at)}.`,
              },
      }),
    );
  },
};

/**
 * A review's decisions or record: linked by data.reviewFactId, or else the first one
 * recorded after the review and before the next review of the same period.
 */
function reviewFollowUp(
  id: string,
  kind: 'review_decisions_circulated' | 'review_record_completed',
  days: number,
  what: string,
): ClockRule {
  return {
    id,
    name: kind === 'review_decisions_circulated' ? 'Review decisions circulated' : 'Review record completed',
    area: 'looked after',
    statement: `After each looked after review, ${what} within ${days} working days.`,
    startsWith: ['looked_after_review_held'],
    metBy: [kind],
    stoppedBy: [],
    deadline: `${days} working days after the review`,
    recurrence: 'for each review',
    stopsWhen: 'Never: the record is owed even if the child has since left care.',
    source: {
      document: 'IRO Handbook 2010',
      reference: 'chapter 3 (decisions within 5 working days, full record within 20, as widely cited)',
      status: 'statutory guidance',
      verification: 'unverified',
    },
    settings: [],
    compute(t, ctx) {
      const byEpisode = new Map<string | null, Fact[]>();
      for (const r of t.of('looked_after_review_held')) {
        const list = byEpisode.get(r.episode ?? null) ?? [];
        list.push(r);
        byEpisode.set(r.episode ?? null, list);
      }
      return [...byEpisode].flatMap(([episode, reviews]) =>
        reviews.flatMap((review, i) => {
          const nextReview = reviews[i + 1] ?? null;
          const candidates = episode === null ? t.of(kind) : t.inEpisode(episode, kind);
          const belongs = (c: Fact) => {
            const link = dataString(c, 'reviewFactId');
            if (link !== null) return link === review.id;
            return !nextReview || compareMoments(c.at, nextReview.at) < 0;
          };
          return single({
            ruleId: id,
            episode,
            anchor: anchorAt(review),
            candidates,
            accept: belongs,
            first: {
              dueAt: dueFrom(review.at, workingDays(days), ctx.calendar),
              explanation: `${what[0]!.toUpperCase()}${what.slice(1)} within ${days} working days of the review held ${when(review.at)}.`,
            },
          });
        }),
      );
    },
  };
}

export const reviewDecisions = reviewFollowUp('review-decisions', 'review_decisions_circulated', 5, 'circulate the review decisions');
export const reviewRecord = reviewFollowUp('review-record', 'review_record_completed', 20, 'complete the full review record');

export const lookedAfterRules = [carePlan, placementPlan, iroAppointed, lookedAfterReview, reviewDecisions, reviewRecord];
