/** Children in need plans: reviews and visits, both set by local policy. */
import { describePeriod, dueFrom, months, weeks } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, childSeen, when } from '../rule-kit.js';

export const childInNeedReview: ClockRule = {
  id: 'child-in-need-review',
  name: 'Child in need plan review',
  area: 'children in need',
  statement:
    'A child in need plan is reviewed at least as often as local policy sets, counted from the plan’s start and then from the last review.',
  startsWith: ['cin_plan_started', 'cin_plan_review_held'],
  metBy: ['cin_plan_review_held'],
  stoppedBy: ['cin_plan_ended'],
  deadline: 'the local interval after the plan started, then after the last review (default 3 months)',
  recurrence: 'from each review to the next',
  stopsWhen: 'The child in need plan ends.',
  source: {
    document: 'Local practice (Working Together asks for plans to be reviewed regularly but sets no interval)',
    reference: 'Children Act 1989 s17; local children in need procedures',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'cinReview.intervalMonths',
      label: 'Child in need plans reviewed at least every',
      unit: 'months',
      default: 3,
      standing: 'local practice',
      statutoryPosition:
        'No statute or statutory guidance sets how often a child in need plan is reviewed; Working Together to Safeguard Children 2023 asks for regular review.',
      range: {
        min: 1,
        max: 6,
        why: 'no statute sets it; Working Together asks for regular review, and 6 months is the longest interval regulations allow between reviews of a looked after child’s plan',
      },
    },
  ],
  compute(t, ctx) {
    return t.spans('cin_plan_started', 'cin_plan_ended').flatMap((plan) => {
      const n0 = ctx.policy.number('cinReview.intervalMonths', plan.start.at);
      return chain({
        ruleId: 'child-in-need-review',
        episode: plan.episode,
        anchor: anchorAt(plan.start),
        candidates: t.inEpisode(plan.episode, 'cin_plan_review_held'),
        stop: plan.end?.at,
        first: {
          dueAt: dueFrom(plan.start.at, months(n0), ctx.calendar),
          explanation: `Review the child in need plan within ${describePeriod(months(n0))} of it starting ${when(plan.start.at)} (local policy).`,
        },
        next: (previous) => {
          const n = ctx.policy.number('cinReview.intervalMonths', previous.at);
          return {
            dueAt: dueFrom(previous.at, months(n), ctx.calendar),
            explanation: `Review the child in need plan within ${describePeriod(months(n))} of the review held ${when(previous.at)} (local policy).`,
          };
        },
      });
    });
  },
};

export const childInNeedVisits: ClockRule = {
  id: 'child-in-need-visit',
  name: 'Child in need visit',
  area: 'children in need',
  statement: 'A child on a child in need plan is seen by their social worker at least as often as local policy sets.',
  startsWith: ['cin_plan_started', 'visit_made'],
  metBy: ['visit_made'],
  stoppedBy: ['cin_plan_ended'],
  deadline: 'the local interval after the plan started, then after the last visit at which the child was seen (default 6 weeks)',
  recurrence: 'from each visit where the child was seen to the next',
  stopsWhen: 'The child in need plan ends.',
  source: {
    document: 'Local practice (no statutory minimum; for example Knowsley: at least 6-weekly)',
    reference: 'local children in need procedures',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'cinVisits.intervalWeeks',
      label: 'Children on child in need plans seen at least every',
      unit: 'weeks',
      default: 6,
      standing: 'local practice',
      statutoryPosition: 'No statute or statutory guidance sets how often a child on a child in need plan is seen.',
      range: {
        min: 1,
        max: 12,
        why: 'no statute sets it; the range stops at twice the 6 weeks the Care Planning Regulations 2010 (reg 28) allow between visits to a looked after child in the first year of a placement',
      },
    },
  ],
  compute(t, ctx) {
    const visits = t.of('visit_made');
    return t.spans('cin_plan_started', 'cin_plan_ended').flatMap((plan) => {
      const n0 = ctx.policy.number('cinVisits.intervalWeeks', plan.start.at);
      return chain({
        ruleId: 'child-in-need-visit',
        episode: plan.episode,
        anchor: anchorAt(plan.start),
        candidates: visits,
        accept: childSeen,
        stop: plan.end?.at,
        first: {
          dueAt: dueFrom(plan.start.at, weeks(n0), ctx.calendar),
          explanation: `See the child within ${describePeriod(weeks(n0))} of the child in need plan starting ${when(plan.start.at)} (local policy).`,
        },
        next: (previous) => {
          const n = ctx.policy.number('cinVisits.intervalWeeks', previous.at);
          return {
            dueAt: dueFrom(previous.at, weeks(n), ctx.calendar),
            explanation: `See the child within ${describePeriod(weeks(n))} of the last visit ${when(previous.at)} (local policy).`,
          };
        },
      });
    });
  },
};

export const childInNeedRules = [childInNeedReview, childInNeedVisits];
