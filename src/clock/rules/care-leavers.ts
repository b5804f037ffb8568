/** Care leavers: the needs assessment, pathway plan reviews and personal adviser contact. */
import {
  type IsoDate,
  type Moment,
  addCalendarMonths,
  addDays,
  birthday,
  daysBetween,
  formatDate,
  localDateOf,
  maxDate,
} from '../../core/calendar/index.js';
import { describePeriod, dueFrom, months, weeks, calendarDays } from '../deadlines.js';
import type { Fact } from '../facts.js';
import type { Obligation } from '../obligation.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, firstFrom, namedAnchor, single, when } from '../rule-kit.js';
import type { Timeline } from '../timeline.js';
import { periodsOfCare } from './periods-of-care.js';

/** 13 weeks, the looked-after time since 14 that makes a 16- or 17-year-old eligible. */
const THIRTEEN_WEEKS = 91;

/**
 * The day the child became an eligible child (CA 1989 Sch 2 para 19B; CPPCR reg 40):
 * looked after, aged 16 or 17, and looked after for 13 weeks in all since turning 14.
 * Short breaks are not counted. A recorded `became_eligible` fact takes precedence.
 */
export function eligibilityDate(t: Timeline): { date: IsoDate; fact: Fact | null } | null {
  const recorded = t.of('became_eligible')[0];
  if (recorded) return { date: localDateOf(recorded.at), fact: recorded };
  const dob = t.dateOfBirth;
  if (!dob) return null;
  const from14 = birthday(dob, 14);
  const at16 = birthday(dob, 16);
  const at18 = birthday(dob, 18);
  let counted = 0;
  for (const period of periodsOfCare(t)) {
    const start = localDateOf(period.start.at);
    const end = period.end ? localDateOf(period.end.at) : null; // the day care ended is not a day in care
    const countFrom = maxDate(start, from14);
    // The day on which 13 weeks since 14 have been completed, if it falls in this period.
    const reached = addDays(countFrom, Math.max(0, THIRTEEN_WEEKS - counted));
    const eligible = maxDate(maxDate(reached, at16), start);
    if ((end === null || eligible < end) && eligible < at18) return { date: eligible, fact: null };
    if (end !== null && end > countFrom) counted += daysBetween(countFrom, end);
  }
  return null;
}

export const eligibleNeedsAssessment: ClockRule = {
  id: 'eligible-needs-assessment',
  name: 'Leaving care needs assessment',
  area: 'care leavers',
  statement:
    'The authority assesses an eligible child’s needs not more than 3 months after they turn 16 or, if later, become an eligible child.',
  startsWith: ['became_looked_after', 'became_eligible'],
  metBy: ['needs_assessment_completed'],
  stoppedBy: ['leaving_care_support_ended'],
  deadline: '3 months after the 16th birthday or becoming eligible (an assessment in the 3 months before counts)',
  recurrence: null,
  stopsWhen: 'The young person turns 18, or leaving care support ends.',
  source: {
    document: 'Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'reg 42(1); eligibility: Children Act 1989 Sch 2 para 19B and reg 40',
    status: 'statute',
    verification: 'primary',
  },
  settings: [],
  compute(t, ctx) {
    const eligibility = eligibilityDate(t);
    if (!eligibility) return [];
    const { date, fact } = eligibility;
    const at18 = t.dateOfBirth ? birthday(t.dateOfBirth, 18) : null;
    return single({
      ruleId: 'eligible-needs-assessment',
      episode: null,
      anchor: fact ? anchorAt(fact) : namedAnchor(date, 'eligible'),
      candidates: t.of('needs_assessment_completed'),
      firstFrom: addCalendarMonths(date, -3),
      stop: firstFrom(t.of('leaving_care_support_ended'), date)?.at,
      lapsesAt: at18,
      first: {
        dueAt: dueFrom(date, months(3), ctx.calendar),
        explanation: `Assess the young person’s needs within 3 months of becoming an eligible child on ${formatDate(date)}.`,
      },
    });
  },
};

/** Leaving care support ends when recorded as ended, and at 25 whatever else is recorded (CSWA 2017 s3). */
function supportEnds(t: Timeline, from: Moment): { stop: Moment | null; lapsesAt: IsoDate | null } {
  return {
    stop: firstFrom(t.of('leaving_care_support_ended'), from)?.at ?? null,
    lapsesAt: t.dateOfBirth ? birthday(t.dateOfBirth, 25) : null,
  };
}

export const pathwayPlanReview: ClockRule = {
  id: 'pathway-plan-review',
  name: 'Pathway plan review',
  area: 'care leavers',
  statement: 'The pathway plan is reviewed at least every 6 months (and whenever the young person or personal adviser asks).',
  startsWith: ['pathway_plan_completed', 'pathway_plan_reviewed'],
  metBy: ['pathway_plan_reviewed', 'pathway_plan_completed'],
  stoppedBy: ['leaving_care_support_ended'],
  deadline: '6 months after the plan or its last review',
  recurrence: 'from each review to the next',
  stopsWhen: 'Leaving care support ends, or the young person turns 25.',
  source: {
    document: 'Care Leavers (England) Regulations 2010; Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'CLR reg 7; CPPCR reg 44',
    status: 'statute',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    const plans = t.of('pathway_plan_completed', 'pathway_plan_reviewed');
    const first = plans[0];
    if (!first) return [];
    const link = (previous: Fact) => ({
      dueAt: dueFrom(previous.at, months(6), ctx.calendar),
      explanation: `Review the pathway plan within 6 months of the ${previous.kind === 'pathway_plan_completed' ? 'plan made' : 'review held'} ${when(previous.at)}.`,
    });
    const out: Obligation[] = [];
    // A chain per stretch of support: after support ends, the next plan starts a new one.
    let anchor: Fact | undefined = first;
    while (anchor) {
      const { stop, lapsesAt } = supportEnds(t, anchor.at);
      const links = chain({
        ruleId: 'pathway-plan-review',
        episode: null,
        anchor: anchorAt(anchor),
        candidates: plans,
        stop,
        lapsesAt,
        first: stop && localDateOf(stop) <= localDateOf(anchor.at) ? null : link(anchor),
        next: link,
      });
      out.push(...links);
      if (!stop) break;
      const after = maxDate(localDateOf(stop), localDateOf(anchor.at));
      anchor = plans.find((p) => localDateOf(p.at) > after);
    }
    return out;
  },
};

export const personalAdviserContact: ClockRule = {
  id: 'personal-adviser-contact',
  name: 'Personal adviser contact',
  area: 'care leavers',
  statement:
    'The personal adviser sees the young person within 7 days of the authority starting to provide accommodation for them, and then at least every 2 months (or as often as local policy sets, e.g. every 8 weeks).',
  startsWith: ['leaving_care_accommodation_started', 'personal_adviser_contact'],
  metBy: ['personal_adviser_contact'],
  stoppedBy: ['leaving_care_support_ended'],
  deadline: '7 days after accommodation begins; then 2 months (or 8 weeks) after the last contact',
  recurrence: 'from each contact to the next',
  stopsWhen: 'Leaving care support ends, or the young person turns 25.',
  source: {
    document: 'Care Leavers (England) Regulations 2010',
    reference: 'reg 8(2)',
    status: 'statute',
    verification: 'primary',
  },
  settings: [
    {
      key: 'personalAdviser.contactInterval',
      label: 'Personal advisers see young people at least every',
      unit: 'choice',
      default: 'two_months',
      standing: 'statutory',
      statutoryPosition:
        'The Care Leavers (England) Regulations 2010, reg 8(2), set contact at least every 2 months; many authorities use 8 weeks.',
      options: ['two_months', 'eight_weeks'],
    },
  ],
  compute(t, ctx) {
    const contacts = t.of('personal_adviser_contact');
    const out: Obligation[] = [];
    for (const accommodation of t.of('leaving_care_accommodation_started')) {
      out.push(
        ...single({
          ruleId: 'personal-adviser-contact',
          episode: null,
          anchor: anchorAt(accommodation),
          candidates: contacts,
          ...supportEnds(t, accommodation.at),
          first: {
            dueAt: dueFrom(accommodation.at, calendarDays(7), ctx.calendar),
            explanation: `The personal adviser sees the young person within 7 days of accommodation starting ${when(accommodation.at)}.`,
          },
        }),
      );
    }
    contacts.forEach((contact, i) => {
      const ends = supportEnds(t, contact.at);
      if (ends.stop && localDateOf(ends.stop) <= localDateOf(contact.at)) return;
      const gap = ctx.policy.string('personalAdviser.contactInterval', contact.at) === 'eight_weeks' ? weeks(8) : months(2);
      out.push(
        ...single({
          ruleId: 'personal-adviser-contact',
          episode: null,
          anchor: anchorAt(contact),
          candidates: contacts.slice(i + 1),
          ...ends,
          first: {
            dueAt: dueFrom(contact.at, gap, ctx.calendar),
            explanation: `The personal adviser sees the young person within ${describePeriod(gap)} of the last contact ${when(contact.at)}.`,
          },
        }),
      );
    });
    return out;
  },
};

export const careLeaverRules = [eligibleNeedsAssessment, pathwayPlanReview, personalAdviserContact];
