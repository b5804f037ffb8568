/** Child protection: strategy discussion, section 47, conferences, core groups and visits. */
import { formatDate, formatMoment, isIsoDate, localDateOf } from '../../core/calendar/index.js';
import { describePeriod, dueFrom, months, weeks, workingDays } from '../deadlines.js';
import type { Fact } from '../facts.js';
import type { Obligation } from '../obligation.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, childSeen, dataBoolean, firstFrom, lastUpTo, single, when } from '../rule-kit.js';
import type { Span, Timeline } from '../timeline.js';
import { episodeOf } from '../timeline.js';

function plans(t: Timeline): readonly Span[] {
  return t.spans('cp_plan_started', 'cp_plan_ended');
}

/** A plan made before the child was born: at a pre-birth conference, the birth after it or still to come. */
function madeBeforeBirth(t: Timeline, plan: Span): boolean {
  const born = t.dateOfBirth;
  if (born && isIsoDate(born)) return localDateOf(plan.start.at) < born;
  return !born && Boolean(t.child.expectedDateOfBirth);
}

export const strategyDiscussion: ClockRule = {
  id: 'strategy-discussion',
  name: 'Strategy discussion',
  area: 'child protection',
  statement:
    'When there is reasonable cause to suspect a child is suffering, or likely to suffer, significant harm, a strategy discussion is held as soon as possible; locally, within the set number of working days of the concern.',
  startsWith: ['significant_harm_concern'],
  metBy: ['strategy_discussion'],
  stoppedBy: [],
  deadline: 'the local number of working days after the concern (default 1), at the same time of day when the concern has a time',
  recurrence: null,
  stopsWhen: 'Never: the concern needs a strategy discussion.',
  source: {
    document:
      'Working Together to Safeguard Children 2023 (chapter 4, "as soon as possible"); local safeguarding partnership procedures set the working days',
    reference: 'chapter 4, strategy discussion',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'strategyDiscussion.workingDays',
      label: 'Strategy discussion held within',
      unit: 'working days',
      default: 1,
      standing: 'local practice',
      statutoryPosition:
        'Working Together to Safeguard Children 2023 asks for a strategy discussion as soon as possible, and sets no number of days.',
      range: {
        min: 0,
        max: 5,
        why: 'Working Together to Safeguard Children 2023 asks for it as soon as possible, and more than a week (5 working days) cannot be called that',
      },
    },
  ],
  compute(t, ctx) {
    return t.of('significant_harm_concern').flatMap((concern) => {
      const episode = episodeOf(concern);
      const n = ctx.policy.number('strategyDiscussion.workingDays', concern.at);
      return single({
        ruleId: 'strategy-discussion',
        episode,
        anchor: anchorAt(concern),
        candidates: t.inEpisode(episode, 'strategy_discussion'),
        first: {
          dueAt: dueFrom(concern.at, workingDays(n, { sameTimeOfDay: true }), ctx.calendar),
          explanation: `Hold a strategy discussion within ${describePeriod(workingDays(n))} of the concern raised ${when(concern.at)} (local policy).`,
        },
      });
    });
  },
};

export const s47Enquiry: ClockRule = {
  id: 's47-enquiry',
  name: 'Section 47 enquiry',
  area: 'child protection',
  statement:
    'Section 47 enquiries are concluded within the local number of working days of starting, so that an initial child protection conference, if needed, can be held within 15 working days of the strategy discussion. There is no national limit.',
  startsWith: ['s47_started'],
  metBy: ['s47_completed'],
  stoppedBy: [],
  deadline: 'the local number of working days after the enquiry started (default 10)',
  recurrence: null,
  stopsWhen: 'Never: every enquiry has an outcome.',
  source: {
    document: 'Local practice (Working Together sets no national limit; for example Durham: 6 working days)',
    reference: 'Children Act 1989 s47; local safeguarding partnership procedures',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 's47.workingDays',
      label: 'Section 47 enquiry concluded within',
      unit: 'working days',
      default: 10,
      standing: 'local practice',
      statutoryPosition:
        'No national limit: Working Together to Safeguard Children 2023 sets none for a section 47 enquiry; the initial child protection conference is held within 15 working days of the strategy discussion.',
      range: {
        min: 1,
        max: 15,
        why: 'Working Together to Safeguard Children 2023 holds the initial child protection conference within 15 working days of the strategy discussion, and the enquiry concludes before it',
      },
    },
  ],
  compute(t, ctx) {
    return t.of('s47_started').flatMap((started) => {
      const episode = episodeOf(started);
      const n = ctx.policy.number('s47.workingDays', started.at);
      return single({
        ruleId: 's47-enquiry',
        episode,
        anchor: anchorAt(started),
        candidates: t.inEpisode(episode, 's47_completed'),
        first: {
          dueAt: dueFrom(started.at, workingDays(n), ctx.calendar),
          explanation: `Conclude the section 47 enquiry started on ${formatMoment(started.at)} within ${describePeriod(workingDays(n))} (local policy).`,
        },
      });
    });
  },
};

export const initialConference: ClockRule = {
  id: 'initial-child-protection-conference',
  name: 'Initial child protection conference',
  area: 'child protection',
  statement:
    'Where section 47 enquiries conclude that a conference is needed, the initial child protection conference is held within 15 working days of the strategy discussion that started the enquiries.',
  startsWith: ['strategy_discussion', 's47_started'],
  metBy: ['initial_conference_held'],
  stoppedBy: [],
  deadline: '15 working days after the strategy discussion that initiated the section 47 enquiry',
  recurrence: null,
  stopsWhen: 'Not due at all when the enquiry concludes that no conference is needed.',
  source: {
    document: 'Working Together to Safeguard Children 2023',
    reference: 'chapter 4, "Initial child protection conferences"',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    const out: Obligation[] = [];
    const seen = new Set<string>();
    for (const s47 of t.of('s47_started')) {
      const episode = episodeOf(s47);
      if (seen.has(episode)) continue;
      seen.add(episode);
      const conferences = t.inEpisode(episode, 'initial_conference_held');
      const outcomes = t.inEpisode(episode, 's47_completed');
      const required = outcomes.some((o) => dataBoolean(o, 'conferenceRequired') === true) || conferences.length > 0;
      if (!required) continue;
      const discussions = t.inEpisode(episode, 'strategy_discussion');
      const from: Fact = lastUpTo(discussions, s47.at) ?? discussions[0] ?? s47;
      const what = from.kind === 'strategy_discussion' ? 'the strategy discussion held' : 'the start of the section 47 enquiry';
      out.push(
        ...single({
          ruleId: 'initial-child-protection-conference',
          episode,
          anchor: anchorAt(from),
          candidates: conferences,
          first: {
            dueAt: dueFrom(from.at, workingDays(15), ctx.calendar),
            explanation: `Hold the initial child protection conference within 15 working days of ${what} ${when(from.at)}.`,
          },
        }),
      );
    }
    return out;
  },
};

export const firstCoreGroup: ClockRule = {
  id: 'first-core-group',
  name: 'First core group',
  area: 'child protection',
  statement: 'The core group first meets within 10 working days of the initial child protection conference that made the plan.',
  startsWith: ['cp_plan_started'],
  metBy: ['core_group_held'],
  stoppedBy: ['cp_plan_ended'],
  deadline: '10 working days after the conference that made the plan',
  recurrence: null,
  stopsWhen: 'The child protection plan ends.',
  source: {
    document: 'Working Together to Safeguard Children 2023',
    reference: 'chapter 4, "The core group"',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return plans(t).flatMap((plan) =>
      single({
        ruleId: 'first-core-group',
        episode: plan.episode,
        anchor: anchorAt(plan.start),
        candidates: t.inEpisode(plan.episode, 'core_group_held'),
        stop: plan.end?.at,
        first: {
          dueAt: dueFrom(plan.start.at, workingDays(10), ctx.calendar),
          explanation: `Hold the first core group within 10 working days of the conference on ${formatMoment(plan.start.at)} that made the child protection plan.`,
        },
      }),
    );
  },
};

export const laterCoreGroups: ClockRule = {
  id: 'core-group',
  name: 'Core group',
  area: 'child protection',
  statement: 'After the first, the core group meets at least as often as local policy sets, counted from the last core group.',
  startsWith: ['core_group_held'],
  metBy: ['core_group_held'],
  stoppedBy: ['cp_plan_ended'],
  deadline: 'the local interval after the previous core group (default 6 weeks)',
  recurrence: 'from each core group to the next',
  stopsWhen: 'The child protection plan ends.',
  source: {
    document: 'Local practice (Working Together sets no frequency after the first meeting)',
    reference: 'local safeguarding partnership procedures',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'coreGroup.intervalWeeks',
      label: 'Core groups meet at least every',
      unit: 'weeks',
      default: 6,
      standing: 'local practice',
      statutoryPosition:
        'Working Together to Safeguard Children 2023 holds the first core group within 10 working days of the initial conference, and sets no frequency after it.',
      range: {
        min: 1,
        max: 13,
        why: 'Working Together to Safeguard Children 2023 holds the first review conference within 3 months (13 weeks) of the initial conference, and the core group meets before it',
      },
    },
  ],
  compute(t, ctx) {
    return plans(t).flatMap((plan) => {
      const groups = t.inEpisode(plan.episode, 'core_group_held');
      const first = firstFrom(groups, plan.start.at);
      if (!first) return [];
      const link = (previous: Fact) => {
        const n = ctx.policy.number('coreGroup.intervalWeeks', previous.at);
        return {
          dueAt: dueFrom(previous.at, weeks(n), ctx.calendar),
          explanation: `Hold the next core group within ${describePeriod(weeks(n))} of the one on ${formatMoment(previous.at)} (local policy).`,
        };
      };
      return chain({
        ruleId: 'core-group',
        episode: plan.episode,
        anchor: anchorAt(first),
        candidates: groups,
        stop: plan.end?.at,
        first: plan.end && localDateOf(plan.end.at) <= localDateOf(first.at) ? null : link(first),
        next: link,
      });
    });
  },
};

export const reviewConference: ClockRule = {
  id: 'review-child-protection-conference',
  name: 'Review child protection conference',
  area: 'child protection',
  statement:
    'The first review conference is held within 3 months of the initial conference, and later reviews within 6 months of the previous review, for as long as the child protection plan lasts. For a plan made before the birth, the first review is the one after the birth (next rule), and later reviews follow from it.',
  startsWith: ['cp_plan_started', 'review_conference_held'],
  metBy: ['review_conference_held'],
  stoppedBy: ['cp_plan_ended'],
  deadline: '3 months after the initial conference; then 6 months after the previous review',
  recurrence: 'from each review conference to the next',
  stopsWhen: 'The child protection plan ends.',
  source: {
    document: 'Working Together to Safeguard Children 2023',
    reference: 'chapter 4, "Child protection review conference"',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    const next = (previous: Fact) => ({
      dueAt: dueFrom(previous.at, months(6), ctx.calendar),
      explanation: `Hold the next review conference within 6 months of the review held on ${formatMoment(previous.at)}.`,
    });
    return plans(t).flatMap((plan) => {
      const reviews = t.inEpisode(plan.episode, 'review_conference_held');
      if (madeBeforeBirth(t, plan)) {
        // The first review is owed once, by the pre-birth rule; the 6-month chain runs from it.
        const first = firstFrom(reviews, plan.start.at);
        if (!first) return [];
        return chain({
          ruleId: 'review-child-protection-conference',
          episode: plan.episode,
          anchor: anchorAt(first),
          candidates: reviews,
          stop: plan.end?.at,
          first: plan.end && localDateOf(plan.end.at) <= localDateOf(first.at) ? null : next(first),
          next,
        });
      }
      return chain({
        ruleId: 'review-child-protection-conference',
        episode: plan.episode,
        anchor: anchorAt(plan.start),
        candidates: reviews,
        stop: plan.end?.at,
        first: {
          dueAt: dueFrom(plan.start.at, months(3), ctx.calendar),
          explanation: `Hold the first review conference within 3 months of the initial conference on ${formatMoment(plan.start.at)}.`,
        },
        next,
      });
    });
  },
};

export const preBirthReview: ClockRule = {
  id: 'pre-birth-review-conference',
  name: 'First review conference of a pre-birth plan',
  area: 'child protection',
  statement:
    'When a child protection plan was made before the baby was born, its first review conference is held by the sooner of the local number of working days after the birth and 3 months after the initial conference. It is one review, not two: later reviews follow within 6 months of it, as for any plan.',
  startsWith: ['cp_plan_started'],
  metBy: ['review_conference_held'],
  stoppedBy: ['cp_plan_ended'],
  deadline: 'the sooner of the local number of working days after the birth (default 10) and 3 months after the initial conference',
  recurrence: null,
  stopsWhen: 'The child protection plan ends.',
  source: {
    document:
      'Local safeguarding partnership pre-birth procedures (for example Tees: 10 working days after the birth, or 3 months after the initial conference if that is sooner; Liverpool: 20 working days), with Working Together to Safeguard Children 2023 for the 3 months',
    reference: 'pre-birth child protection procedures; chapter 4, "Child protection review conference"',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'preBirthReview.workingDaysAfterBirth',
      label: 'Review conference after the birth within',
      unit: 'working days',
      default: 10,
      standing: 'local practice',
      statutoryPosition:
        'No statute or statutory guidance sets a time after the birth; Working Together to Safeguard Children 2023 holds the first review conference within 3 months of the initial conference, which still applies if it is sooner.',
      range: { min: 1, max: 20, why: 'no statute sets it; local procedures set 10 to 20 working days (for example Tees 10, Liverpool 20)' },
    },
  ],
  compute(t, ctx) {
    const born = t.dateOfBirth && isIsoDate(t.dateOfBirth) ? t.dateOfBirth : null;
    return plans(t)
      .filter((plan) => madeBeforeBirth(t, plan))
      .flatMap((plan) => {
        const threeMonths = dueFrom(plan.start.at, months(3), ctx.calendar);
        const n = ctx.policy.number('preBirthReview.workingDaysAfterBirth', born ?? plan.start.at);
        const afterBirth = born ? dueFrom(born, workingDays(n), ctx.calendar) : null;
        const conference = `the initial conference on ${formatMoment(plan.start.at)}`;
        const birthPart = `${describePeriod(workingDays(n))} of the birth`;
        const first = !afterBirth
          ? {
              dueAt: threeMonths,
              explanation: `Hold the first review conference within 3 months of ${conference}, or within ${birthPart} if that comes sooner (local policy).`,
            }
          : afterBirth <= threeMonths
            ? {
                dueAt: afterBirth,
                explanation: `Hold the first review conference within ${birthPart} on ${formatDate(born!)} (local policy), sooner than 3 months after ${conference}.`,
              }
            : {
                dueAt: threeMonths,
                explanation: `Hold the first review conference within 3 months of ${conference}, sooner than ${birthPart} on ${formatDate(born!)} (local policy).`,
              };
        return single({
          ruleId: 'pre-birth-review-conference',
          episode: plan.episode,
          anchor: anchorAt(plan.start),
          candidates: t.inEpisode(plan.episode, 'review_conference_held'),
          stop: plan.end?.at,
          first,
        });
      });
  },
};

export const childProtectionVisits: ClockRule = {
  id: 'child-protection-visit',
  name: 'Child protection visit',
  area: 'child protection',
  statement:
    'A child on a child protection plan is seen by their social worker at least as often as local policy sets, counted from the plan’s start and then from the last visit at which the child was seen.',
  startsWith: ['cp_plan_started', 'visit_made'],
  metBy: ['visit_made'],
  stoppedBy: ['cp_plan_ended'],
  deadline: 'the local number of working days after the plan started, then after the last visit (default 10)',
  recurrence: 'from each visit where the child was seen to the next',
  stopsWhen: 'The child protection plan ends.',
  source: {
    document: 'Local practice (no statutory minimum; for example Camden, Liverpool, Central Bedfordshire: 10 working days)',
    reference: 'local child protection procedures',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'cpVisits.intervalWorkingDays',
      label: 'Children on child protection plans seen at least every',
      unit: 'working days',
      default: 10,
      standing: 'local practice',
      statutoryPosition: 'No statute or statutory guidance sets how often a child on a child protection plan is seen.',
      range: {
        min: 1,
        max: 20,
        why: 'no statute sets it; local procedures commonly set 10 working days, and the range stops at four weeks so a slip cannot leave a child on a plan unseen for months',
      },
    },
  ],
  compute(t, ctx) {
    const visits = t.of('visit_made');
    return plans(t).flatMap((plan) => {
      const n0 = ctx.policy.number('cpVisits.intervalWorkingDays', plan.start.at);
      return chain({
        ruleId: 'child-protection-visit',
        episode: plan.episode,
        anchor: anchorAt(plan.start),
        candidates: visits,
        accept: childSeen,
        stop: plan.end?.at,
        first: {
          dueAt: dueFrom(plan.start.at, workingDays(n0), ctx.calendar),
          explanation: `See the child within ${describePeriod(workingDays(n0))} of the child protection plan starting on ${formatMoment(plan.start.at)} (local policy).`,
        },
        next: (previous) => {
          const n = ctx.policy.number('cpVisits.intervalWorkingDays', previous.at);
          return {
            dueAt: dueFrom(previous.at, workingDays(n), ctx.calendar),
            explanation: `See the child within ${describePeriod(workingDays(n))} of the last visit on ${formatMoment(previous.at)} (local policy).`,
          };
        },
      });
    });
  },
};

export const childProtectionRules = [
  strategyDiscussion,
  s47Enquiry,
  initialConference,
  firstCoreGroup,
  laterCoreGroups,
  reviewConference,
  preBirthReview,
  childProtectionVisits,
];
