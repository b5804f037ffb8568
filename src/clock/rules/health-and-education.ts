/** Health and education of looked after children, and return home interviews. */
import {
  type IsoDate,
  type Moment,
  addCalendarMonths,
  addDays,
  ageOn,
  birthday,
  dateParts,
  formatDate,
  isDateOnly,
  isIsoDate,
  localDateOf,
  makeDate,
} from '../../core/calendar/index.js';
import { describePeriod, dueFrom, hours, months, workingDays } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, firstFrom, namedAnchor, single, when } from '../rule-kit.js';
import { episodeOf } from '../timeline.js';
import { periodsOfCare } from './periods-of-care.js';

export const initialHealthAssessment: ClockRule = {
  id: 'initial-health-assessment',
  name: 'Initial health assessment',
  area: 'looked after',
  statement:
    'A health assessment is done before the child is placed or, if not practicable, before the first review (so within 20 working days of becoming looked after), unless one was done in the 3 months before.',
  startsWith: ['became_looked_after'],
  metBy: ['health_assessment_completed'],
  stoppedBy: ['ceased_looked_after'],
  deadline: '20 working days after becoming looked after (an assessment in the 3 months before counts)',
  recurrence: null,
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document:
      'Care Planning, Placement and Case Review (England) Regulations 2010; Promoting the health and well-being of looked-after children (statutory guidance, 2015)',
    reference: 'reg 7(1)–(2)',
    status: 'statute',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    const assessments = t.of('health_assessment_completed');
    return periodsOfCare(t).flatMap((period) =>
      single({
        ruleId: 'initial-health-assessment',
        episode: period.episode,
        anchor: anchorAt(period.start),
        candidates: assessments,
        firstFrom: addCalendarMonths(localDateOf(period.start.at), -3),
        stop: period.end?.at,
        first: {
          dueAt: dueFrom(period.start.at, workingDays(20), ctx.calendar),
          explanation: `Complete a health assessment in time for the first review, within 20 working days of the child becoming looked after ${when(period.start.at)} (one done in the 3 months before counts).`,
        },
      }),
    );
  },
};

export const reviewHealthAssessment: ClockRule = {
  id: 'review-health-assessment',
  name: 'Review health assessment',
  area: 'looked after',
  statement:
    'The child’s health is reviewed at least once every 6 months before their fifth birthday and at least once every 12 months after it, counted from the last assessment.',
  startsWith: ['health_assessment_completed'],
  metBy: ['health_assessment_completed'],
  stoppedBy: ['ceased_looked_after'],
  deadline: '6 months after the last assessment for a child under 5 at that assessment; 12 months from 5',
  recurrence: 'from each health assessment to the next',
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document: 'Care Planning, Placement and Case Review (England) Regulations 2010',
    reference: 'reg 7(3)–(4)',
    status: 'statute',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    const assessments = t.of('health_assessment_completed');
    const dob = t.dateOfBirth;
    const link = (previous: { at: Moment }) => {
      const day = localDateOf(previous.at);
      const under5 = dob === null || ageOn(dob, day) < 5;
      const gap = months(under5 ? 6 : 12);
      const reason = dob === null ? 'date of birth not recorded, so counted as under 5' : under5 ? 'under 5' : 'aged 5 or over';
      return {
        dueAt: dueFrom(previous.at, gap, ctx.calendar),
        explanation: `Review the child’s health within ${describePeriod(gap)} of the last health assessment ${when(previous.at)} (${reason}).`,
      };
    };
    return periodsOfCare(t).flatMap((period) => {
      const first = firstFrom(assessments, addCalendarMonths(localDateOf(period.start.at), -3));
      // Nothing to chain until the first assessment, nor once care has ended.
      if (!first || (period.end && localDateOf(period.end.at) <= localDateOf(first.at))) return [];
      return chain({
        ruleId: 'review-health-assessment',
        episode: period.episode,
        anchor: anchorAt(first),
        candidates: assessments,
        stop: period.end?.at,
        first: link(first),
        next: link,
      });
    });
  },
};

export const dentalCheck: ClockRule = {
  id: 'dental-check',
  name: 'Dental check',
  area: 'looked after',
  statement:
    'A looked after child has a dental check at least as often as local policy sets, counted from becoming looked after (a check in the interval before counts) and then from the last check.',
  startsWith: ['became_looked_after', 'dental_check_completed'],
  metBy: ['dental_check_completed'],
  stoppedBy: ['ceased_looked_after'],
  deadline: 'the local interval after becoming looked after, then after the last check (default 12 months)',
  recurrence: 'from each dental check to the next',
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document:
      'Local practice; the default follows the DfE measure (SSDA903 OC2: teeth checked by a dentist in the last 12 months) and the health plan under CPPCR reg 7',
    reference: 'SSDA903 OC2 DENTAL_CHECK',
    status: 'local practice',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'dentalCheck.intervalMonths',
      label: 'Looked after children have a dental check at least every',
      unit: 'months',
      default: 12,
      standing: 'local practice',
      statutoryPosition: 'No regulation sets an interval; the DfE measure (SSDA903 OC2) counts a dental check in the last 12 months.',
      range: {
        min: 3,
        max: 12,
        why: 'the DfE measure (SSDA903 OC2) counts a dental check in the last 12 months, so a longer interval would plan to miss it',
      },
    },
  ],
  compute(t, ctx) {
    const checks = t.of('dental_check_completed');
    return periodsOfCare(t).flatMap((period) => {
      const n0 = ctx.policy.number('dentalCheck.intervalMonths', period.start.at);
      return chain({
        ruleId: 'dental-check',
        episode: period.episode,
        anchor: anchorAt(period.start),
        candidates: checks,
        firstFrom: addCalendarMonths(localDateOf(period.start.at), -n0),
        stop: period.end?.at,
        first: {
          dueAt: dueFrom(period.start.at, months(n0), ctx.calendar),
          explanation: `Dental check within ${describePeriod(months(n0))} of the child becoming looked after ${when(period.start.at)} (local policy).`,
        },
        next: (previous) => {
          const n = ctx.policy.number('dentalCheck.intervalMonths', previous.at);
          return {
            dueAt: dueFrom(previous.at, months(n), ctx.calendar),
            explanation: `Dental check within ${describePeriod(months(n))} of the last one ${when(previous.at)} (local policy).`,
          };
        },
      });
    });
  },
};

export const pepInitiated: ClockRule = {
  id: 'pep-initiated',
  name: 'Personal education plan started',
  area: 'looked after',
  statement:
    'The personal education plan is started within 10 working days of the child becoming looked after (or of reaching the age from which the authority keeps one), so that it is ready for the first review.',
  startsWith: ['became_looked_after'],
  metBy: ['pep_initiated', 'pep_reviewed'],
  stoppedBy: ['ceased_looked_after'],
  deadline: '10 working days after becoming looked after or reaching the local starting age (default 3)',
  recurrence: null,
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document:
      'Promoting the education of looked-after and previously looked-after children (statutory guidance, 2018); the starting age is local',
    reference: 'personal education plans; CPPCR reg 5(b)(ii)',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'pep.fromAgeYears',
      label: 'Personal education plans kept from age',
      unit: 'years',
      default: 3,
      standing: 'statutory',
      statutoryPosition:
        'Statutory guidance (Promoting the education of looked after children, 2018) expects a personal education plan from the early years, and every looked after child of compulsory school age must have one.',
      range: {
        min: 2,
        max: 5,
        why: 'statutory guidance (2018) expects a plan from the early years, and every looked after child of compulsory school age (from 5) must have one',
      },
    },
  ],
  compute(t, ctx) {
    return periodsOfCare(t).flatMap((period) => {
      const startDay = localDateOf(period.start.at);
      const fromAge = ctx.policy.number('pep.fromAgeYears', period.start.at);
      const ageDay = t.dateOfBirth ? birthday(t.dateOfBirth, fromAge) : null;
      const byAge = ageDay !== null && ageDay > startDay;
      const from = byAge ? ageDay : startDay;
      return single({
        ruleId: 'pep-initiated',
        episode: period.episode,
        anchor: byAge ? namedAnchor(from, `age-${fromAge}`) : anchorAt(period.start),
        candidates: t.inEpisode(period.episode, 'pep_initiated', 'pep_reviewed'),
        stop: period.end?.at,
        first: {
          dueAt: dueFrom(byAge ? from : period.start.at, workingDays(10), ctx.calendar),
          explanation: byAge
            ? `Start the personal education plan within 10 working days of the child turning ${fromAge} on ${formatDate(from)} (local policy on the starting age).`
            : `Start the personal education plan within 10 working days of the child becoming looked after ${when(period.start.at)}.`,
        },
      });
    });
  },
};

/** 'MM-DD,MM-DD,…': the days school terms start, in any order. */
export function parseTermStarts(value: string): Array<[number, number]> {
  const parts = value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) throw new RangeError('pep.termStartDates: at least one term start (MM-DD) is needed');
  return parts.map((p) => {
    if (!/^\d{2}-\d{2}$/.test(p) || !isIsoDate(`2024-${p}`)) throw new RangeError(`pep.termStartDates: not a month and day (MM-DD): ${p}`);
    const { month, day } = dateParts(`2024-${p}`);
    return [month, day];
  });
}

const termCache = new Map<string, IsoDate[]>();

function termStartsAround(year: number, starts: Array<[number, number]>): IsoDate[] {
  const list: IsoDate[] = [];
  for (let y = year - 1; y <= year + 2; y++) {
    for (const [m, d] of starts) list.push(isIsoDate(makeDate(y, m, d)) ? makeDate(y, m, d) : makeDate(y, m, 28));
  }
  return [...new Set(list)].sort();
}

/** The last day of the school term after the one containing `date`. */
export function endOfNextTerm(date: IsoDate, termStarts: string): { nextTermStart: IsoDate; nextTermEnd: IsoDate } {
  const year = dateParts(date).year;
  const cacheKey = `${year}|${termStarts}`;
  let starts = termCache.get(cacheKey);
  if (!starts) {
    if (termCache.size > 1000) termCache.clear();
    termCache.set(cacheKey, (starts = termStartsAround(year, parseTermStarts(termStarts))));
  }
  const current = starts.reduce((found, s, i) => (s <= date ? i : found), -1);
  const nextTermStart = starts[current + 1]!;
  const following = starts[current + 2]!;
  return { nextTermStart, nextTermEnd: addDays(following, -1) };
}

export const pepReview: ClockRule = {
  id: 'pep-review',
  name: 'Personal education plan review',
  area: 'looked after',
  statement:
    'The personal education plan is reviewed every school term: after each PEP meeting, the next is due by the end of the following term. Term start dates are a local setting.',
  startsWith: ['pep_initiated', 'pep_reviewed'],
  metBy: ['pep_reviewed', 'pep_initiated'],
  stoppedBy: ['ceased_looked_after'],
  deadline: 'by the last day of the school term after the term of the last PEP meeting',
  recurrence: 'from each PEP meeting to the next',
  stopsWhen: 'The child ceases to be looked after.',
  source: {
    document: 'Promoting the education of looked-after and previously looked-after children (statutory guidance, 2018)',
    reference: 'personal education plans: reviewed every school term',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [
    {
      key: 'pep.termStartDates',
      label: 'School terms start on (month-day, comma separated)',
      unit: 'list',
      default: '09-01,01-01,04-01',
      standing: 'local practice',
      statutoryPosition:
        'Statutory guidance has the personal education plan reviewed every school term; the term dates are those of the authority’s schools.',
      validate: (v: unknown) => {
        try {
          parseTermStarts(String(v));
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      },
    },
  ],
  compute(t, ctx) {
    return periodsOfCare(t).flatMap((period) => {
      const meetings = t.inEpisode(period.episode, 'pep_initiated', 'pep_reviewed');
      const first = firstFrom(meetings, period.start.at);
      if (!first || (period.end && localDateOf(period.end.at) <= localDateOf(first.at))) return [];
      const link = (previous: { at: Moment }) => {
        const day = localDateOf(previous.at);
        const { nextTermStart, nextTermEnd } = endOfNextTerm(day, ctx.policy.string('pep.termStartDates', previous.at));
        return {
          dueAt: nextTermEnd,
          explanation: `Review the personal education plan in the school term starting ${formatDate(nextTermStart)}, the term after the PEP meeting ${when(previous.at)}.`,
        };
      };
      return chain({
        ruleId: 'pep-review',
        episode: period.episode,
        anchor: anchorAt(first),
        candidates: meetings,
        stop: period.end?.at,
        first: link(first),
        next: link,
      });
    });
  },
};

export const returnHomeInterview: ClockRule = {
  id: 'return-home-interview',
  name: 'Return home interview',
  area: 'missing',
  statement:
    'When a child returns or is found after being missing, an independent return home interview is offered and held within 72 hours.',
  startsWith: ['missing_episode_ended'],
  metBy: ['return_interview_held', 'return_interview_declined'],
  stoppedBy: [],
  deadline: '72 hours after the child returned or was found',
  recurrence: 'for each missing episode (M; not an absence without authorisation, A)',
  stopsWhen: 'Never (an offer the child declines meets it).',
  source: {
    document: 'Statutory guidance on children who run away or go missing from home or care (January 2014)',
    reference:
      'independent return interviews: a child found after going missing (M), not one away from placement without authorisation (A)',
    status: 'statutory guidance',
    verification: 'secondary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('missing_episode_ended').flatMap((returned) => {
      const episode = episodeOf(returned);
      const untimed = isDateOnly(returned.at) ? ' (no time recorded: counted as 3 days)' : '';
      return single({
        ruleId: 'return-home-interview',
        episode,
        anchor: anchorAt(returned),
        candidates: t.inEpisode(episode, 'return_interview_held', 'return_interview_declined'),
        first: {
          dueAt: dueFrom(returned.at, hours(72), ctx.calendar),
          explanation: `Offer and hold a return home interview within 72 hours of the child returning ${when(returned.at)}${untimed}.`,
        },
      });
    });
  },
};

export const healthAndEducationRules = [
  initialHealthAssessment,
  reviewHealthAssessment,
  dentalCheck,
  pepInitiated,
  pepReview,
  returnHomeInterview,
];
