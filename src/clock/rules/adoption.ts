/** Adoption: reviews and visits (AAR reg 36) and the two stages of adopter approval. */
import { type Moment, compareMoments, localDateOf } from '../../core/calendar/index.js';
import { describePeriod, dueFrom, months, weeks } from '../deadlines.js';
import type { Fact } from '../facts.js';
import type { Obligation } from '../obligation.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, childSeen, dataNumber, earlierStop, firstFrom, lastUpTo, single, when } from '../rule-kit.js';
import { episodeOf } from '../timeline.js';
import type { Timeline } from '../timeline.js';

const AAR = 'Adoption Agencies Regulations 2005';

function adoptionOrderAfter(t: Timeline, at: Moment): Moment | null {
  return firstFrom(t.of('adoption_order_made'), at)?.at ?? null;
}

export const adoptionReviewAwaitingPlacement: ClockRule = {
  id: 'adoption-review-awaiting-placement',
  name: 'Adoption review (not yet placed)',
  area: 'adoption',
  statement:
    'While the agency has authority to place a child for adoption but the child is not placed, the child’s case is reviewed within 3 months of the authority first being given, then within 6 months of the previous review.',
  startsWith: ['authority_to_place_given', 'adoptive_placement_ended'],
  metBy: ['adoption_review_held'],
  stoppedBy: ['adoptive_placement_started', 'authority_to_place_ended', 'adoption_order_made'],
  deadline: '3 months after authority to place; then 6 months after the previous review',
  recurrence: 'from each review to the next, until the child is placed',
  stopsWhen: 'The child is placed for adoption, authority to place ends, or an adoption order is made.',
  source: { document: AAR, reference: 'reg 36(1)', status: 'statute', verification: 'primary' },
  settings: [],
  compute(t, ctx) {
    const reviews = t.of('adoption_review_held');
    const placementsStarted = t.of('adoptive_placement_started');
    const out: Obligation[] = [];
    const link = (previous: { at: Moment }) => ({
      dueAt: dueFrom(previous.at, months(6), ctx.calendar),
      explanation: `Review the child’s adoption plan within 6 months of the review held ${when(previous.at)} (reg 36(1)(b)).`,
    });
    for (const { start: authority, end, episode } of t.spans('authority_to_place_given', 'authority_to_place_ended')) {
      const authorityEnds = earlierStop(end?.at, adoptionOrderAfter(t, authority.at));
      // The first stretch waiting: from authority to the first placement.
      out.push(
        ...chain({
          ruleId: 'adoption-review-awaiting-placement',
          episode,
          anchor: anchorAt(authority),
          candidates: reviews,
          stop: earlierStop(authorityEnds, firstFrom(placementsStarted, authority.at)?.at),
          first: {
            dueAt: dueFrom(authority.at, months(3), ctx.calendar),
            explanation: `Review the child’s adoption plan within 3 months of the agency first having authority to place ${when(authority.at)} (reg 36(1)(a)).`,
          },
          next: link,
        }),
      );
      // Waiting again after a placement made under this authority ended without an adoption order.
      for (const placement of t.spans('adoptive_placement_started', 'adoptive_placement_ended')) {
        const ended = placement.end;
        if (
          !ended ||
          compareMoments(placement.start.at, authority.at) < 0 ||
          (authorityEnds && compareMoments(ended.at, authorityEnds) >= 0)
        )
          continue;
        const previousReview = lastUpTo(reviews, ended.at);
        out.push(
          ...chain({
            ruleId: 'adoption-review-awaiting-placement',
            episode,
            anchor: anchorAt(ended),
            candidates: reviews,
            stop: earlierStop(
              authorityEnds,
              placementsStarted.find((p) => p !== placement.start && compareMoments(p.at, ended.at) >= 0)?.at,
            ),
            first: previousReview
              ? { ...link(previousReview), explanation: `The placement ended ${when(ended.at)}: ${link(previousReview).explanation}` }
              : {
                  dueAt: dueFrom(ended.at, months(3), ctx.calendar),
                  explanation: `Review the child’s adoption plan within 3 months of the placement ending ${when(ended.at)} (reg 36(1)).`,
                },
            next: link,
          }),
        );
      }
    }
    return out;
  },
};

/** Adoptive placements, each with when it stopped: ended, or an adoption order made. */
function adoptivePlacements(t: Timeline): Array<{ placement: Fact; episode: string; stop: Moment | null }> {
  return t.spans('adoptive_placement_started', 'adoptive_placement_ended').map((s) => ({
    placement: s.start,
    episode: s.episode,
    stop: earlierStop(s.end?.at, adoptionOrderAfter(t, s.start.at)),
  }));
}

export const adoptionPlacementReview: ClockRule = {
  id: 'adoption-placement-review',
  name: 'Adoption review (placed)',
  area: 'adoption',
  statement:
    'Once a child is placed for adoption, the case is reviewed within 4 weeks of the placement, then within 3 months of the first review, then within 6 months of the previous review, until an adoption order is made or the child returns to the agency.',
  startsWith: ['adoptive_placement_started', 'adoption_review_held'],
  metBy: ['adoption_review_held'],
  stoppedBy: ['adoptive_placement_ended', 'adoption_order_made'],
  deadline: '4 weeks after placement; then 3 months after the first review; then 6 months after the previous review',
  recurrence: 'from each review to the next',
  stopsWhen: 'An adoption order is made or the placement ends.',
  source: { document: AAR, reference: 'reg 36(3)', status: 'statute', verification: 'primary' },
  settings: [],
  compute(t, ctx) {
    const reviews = t.of('adoption_review_held');
    return adoptivePlacements(t).flatMap(({ placement, episode, stop }) =>
      chain({
        ruleId: 'adoption-placement-review',
        episode,
        anchor: anchorAt(placement),
        candidates: reviews,
        stop,
        first: {
          dueAt: dueFrom(placement.at, weeks(4), ctx.calendar),
          explanation: `Hold the first review within 4 weeks of the child being placed for adoption ${when(placement.at)} (reg 36(3)(a)).`,
        },
        next: (previous, count) =>
          count === 1
            ? {
                dueAt: dueFrom(previous.at, months(3), ctx.calendar),
                explanation: `Hold the second review within 3 months of the first review held ${when(previous.at)} (reg 36(3)(b)).`,
              }
            : {
                dueAt: dueFrom(previous.at, months(6), ctx.calendar),
                explanation: `Hold the next review within 6 months of the review held ${when(previous.at)} (reg 36(3)(c)).`,
              },
      }),
    );
  },
};

export const adoptionPlacementVisits: ClockRule = {
  id: 'adoption-placement-visit',
  name: 'Adoptive placement visit',
  area: 'adoption',
  statement:
    'A child placed for adoption is visited within a week of the placement and then at least weekly until the first review; after that, as often as each review decides (data.visitIntervalWeeks on the review).',
  startsWith: ['adoptive_placement_started', 'visit_made'],
  metBy: ['visit_made'],
  stoppedBy: ['adoptive_placement_ended', 'adoption_order_made'],
  deadline: '1 week after placement; then 1 week after the last visit until the first review; then the interval the last review set',
  recurrence: 'from each visit where the child was seen to the next',
  stopsWhen: 'An adoption order is made or the placement ends; after the first review, when no review has set a frequency.',
  source: { document: AAR, reference: 'reg 36(4)(a)', status: 'statute', verification: 'primary' },
  settings: [],
  compute(t, ctx) {
    const reviews = t.of('adoption_review_held');
    const visits = t.of('visit_made');
    return adoptivePlacements(t).flatMap(({ placement, episode, stop }) => {
      const firstReview = firstFrom(reviews, placement.at);
      return chain({
        ruleId: 'adoption-placement-visit',
        episode,
        anchor: anchorAt(placement),
        candidates: visits,
        accept: childSeen,
        stop,
        first: {
          dueAt: dueFrom(placement.at, weeks(1), ctx.calendar),
          explanation: `Visit the child and the prospective adopters within 1 week of the placement ${when(placement.at)} (reg 36(4)).`,
        },
        next: (previous) => {
          if (!firstReview || localDateOf(firstReview.at) > localDateOf(previous.at)) {
            return {
              dueAt: dueFrom(previous.at, weeks(1), ctx.calendar),
              explanation: `Visit weekly until the first review: within 1 week of the last visit ${when(previous.at)} (reg 36(4)).`,
            };
          }
          const review = lastUpTo(reviews, previous.at);
          const set = review ? dataNumber(review, 'visitIntervalWeeks') : null;
          if (set === null || set <= 0) return null;
          const gap = weeks(Math.floor(set));
          return {
            dueAt: dueFrom(previous.at, gap, ctx.calendar),
            explanation: `Visit within ${describePeriod(gap)} of the last visit ${when(previous.at)}, as the review ${when(review!.at)} decided (reg 36(4)).`,
          };
        },
      });
    });
  },
};

function adopterStage(
  id: string,
  name: string,
  from: 'adopter_registration_accepted' | 'adopter_stage_two_started',
  to: 'adopter_stage_one_completed' | 'adopter_approved',
  amount: number,
  statement: string,
): ClockRule {
  return {
    id,
    name,
    area: 'adoption',
    statement,
    startsWith: [from],
    metBy: [to],
    stoppedBy: ['adopter_process_ended'],
    deadline: `${amount} months after ${from === 'adopter_registration_accepted' ? 'the registration of interest was accepted' : 'the prospective adopter asked to start stage two'}`,
    recurrence: null,
    stopsWhen: 'The prospective adopter withdraws or is found not suitable.',
    source: {
      document: 'Statutory guidance on adoption (July 2013)',
      reference: 'chapter 3, the two-stage approval process',
      status: 'statutory guidance',
      verification: 'secondary',
    },
    settings: [],
    compute(t, ctx) {
      return t.of(from).flatMap((started) => {
        const episode = episodeOf(started);
        return single({
          ruleId: id,
          episode,
          anchor: anchorAt(started),
          candidates: t.inEpisode(episode, to),
          stop: firstFrom(t.inEpisode(episode, 'adopter_process_ended'), started.at)?.at,
          first: {
            dueAt: dueFrom(started.at, months(amount), ctx.calendar),
            explanation: `${statement.split('.')[0]}: counted from ${when(started.at)}.`,
          },
        });
      });
    },
  };
}

export const adopterStageOne = adopterStage(
  'adopter-stage-one',
  'Adopter approval: stage one',
  'adopter_registration_accepted',
  'adopter_stage_one_completed',
  2,
  'Stage one (pre-approval) is completed within 2 months of the agency accepting the registration of interest. The subject is the prospective adopter’s record.',
);

export const adopterStageTwo = adopterStage(
  'adopter-stage-two',
  'Adopter approval: stage two',
  'adopter_stage_two_started',
  'adopter_approved',
  4,
  'Stage two (assessment) ends in the agency’s decision within 4 months of the prospective adopter notifying that they wish to proceed. The subject is the prospective adopter’s record.',
);

export const adoptionRules = [
  adoptionReviewAwaitingPlacement,
  adoptionPlacementReview,
  adoptionPlacementVisits,
  adopterStageOne,
  adopterStageTwo,
];
