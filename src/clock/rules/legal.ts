/** Emergency powers and care proceedings: time limits set by the Children Act 1989. */
import {
  type IsoDate,
  type Moment,
  addDays,
  formatDate,
  formatMoment,
  isDateOnly,
  isoWeekday,
  localDateOf,
  noonOn,
  sameTimeOnDate,
} from '../../core/calendar/index.js';
import type { WorkingDayCalendar } from '../../core/calendar/index.js';
import { dueFrom, hours, weeks, calendarDays } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, dataNumber, firstFrom, single, when } from '../rule-kit.js';
import { episodeOf } from '../timeline.js';

export const policeProtection: ClockRule = {
  id: 'police-protection-72-hours',
  name: 'Police protection ends within 72 hours',
  area: 'child protection',
  statement: 'No child may be kept in police protection for more than 72 hours.',
  startsWith: ['police_protection_started'],
  metBy: ['police_protection_ended'],
  stoppedBy: [],
  deadline: '72 hours after the child was taken into police protection',
  recurrence: null,
  stopsWhen: 'Never.',
  source: { document: 'Children Act 1989', reference: 's46(6)', status: 'statute', verification: 'secondary' },
  settings: [],
  compute(t, ctx) {
    return t.of('police_protection_started').flatMap((started) => {
      const episode = episodeOf(started);
      const untimed = isDateOnly(started.at) ? ' (no time recorded: counted as 3 days)' : '';
      return single({
        ruleId: 'police-protection-72-hours',
        episode,
        anchor: anchorAt(started),
        candidates: t.inEpisode(episode, 'police_protection_ended'),
        first: {
          dueAt: dueFrom(started.at, hours(72), ctx.calendar),
          explanation: `Police protection from ${formatMoment(started.at)} may last no more than 72 hours${untimed}.`,
        },
      });
    });
  },
};

/** Christmas Day, Good Friday, a bank holiday or a Sunday: the days s45(2) looks past. */
function isPublicHolidayOrSunday(date: IsoDate, calendar: WorkingDayCalendar): boolean {
  return isoWeekday(date) === 7 || date.endsWith('-12-25') || calendar.isBankHoliday(date);
}

/** The latest end of an EPO made on `madeAt` (s45(1)–(2)). */
export function emergencyProtectionOrderEnd(madeAt: Moment, calendar: WorkingDayCalendar): { end: Moment; noonRule: boolean } {
  const eighthDay = addDays(localDateOf(madeAt), 8);
  if (!isPublicHolidayOrSunday(eighthDay, calendar)) return { end: eighthDay, noonRule: false };
  let day = addDays(eighthDay, 1);
  while (isPublicHolidayOrSunday(day, calendar)) day = addDays(day, 1);
  return { end: noonOn(day), noonRule: true };
}

export const emergencyProtectionOrder: ClockRule = {
  id: 'emergency-protection-order-limit',
  name: 'Emergency protection order ends in time',
  area: 'child protection',
  statement:
    'An emergency protection order lasts at most 8 days; if the eighth day is Christmas Day, Good Friday, a bank holiday (26 December is one even on a Saturday) or a Sunday, it may run to noon on the next day that is none of these. It may be extended once, by up to 7 days.',
  startsWith: ['epo_made'],
  metBy: ['epo_ended'],
  stoppedBy: [],
  deadline: '8 days after the order (or noon on the next ordinary day), plus 7 days if extended',
  recurrence: null,
  stopsWhen: 'Never.',
  source: { document: 'Children Act 1989', reference: 's45(1), (2), (4)–(6)', status: 'statute', verification: 'secondary' },
  settings: [],
  compute(t, ctx) {
    return t.of('epo_made').flatMap((made) => {
      const episode = episodeOf(made);
      const { end, noonRule } = emergencyProtectionOrderEnd(made.at, ctx.calendar);
      const extension = firstFrom(t.inEpisode(episode, 'epo_extended'), made.at);
      let dueAt: Moment = end;
      let why = `The emergency protection order made ${when(made.at)} may last no more than 8 days`;
      if (noonRule) {
        const eighth = addDays(localDateOf(made.at), 8);
        const holiday = isoWeekday(eighth) === 7 ? 'a Sunday' : (ctx.calendar.holidayName(eighth) ?? 'a public holiday');
        why += `; the eighth day, ${formatDate(eighth)}, is ${holiday}, so it may run to ${formatMoment(end)}`;
      }
      if (extension) {
        dueAt = isDateOnly(end) ? addDays(end, 7) : sameTimeOnDate(end, addDays(localDateOf(end), 7));
        why += `; extended ${when(extension.at)} by up to 7 days`;
      }
      return single({
        ruleId: 'emergency-protection-order-limit',
        episode,
        anchor: anchorAt(made),
        candidates: t.inEpisode(episode, 'epo_ended'),
        first: { dueAt, explanation: `${why}.` },
      });
    });
  },
};

export const childAssessmentOrder: ClockRule = {
  id: 'child-assessment-order-limit',
  name: 'Child assessment order ends in time',
  area: 'child protection',
  statement: 'A child assessment order has effect for at most 7 days beginning with the date the order says the assessment begins.',
  startsWith: ['child_assessment_order_started'],
  metBy: ['child_assessment_order_ended'],
  stoppedBy: [],
  deadline: '7 days beginning with the start date (the start date is day 1)',
  recurrence: null,
  stopsWhen: 'Never.',
  source: { document: 'Children Act 1989', reference: 's43(5)', status: 'statute', verification: 'secondary' },
  settings: [],
  compute(t, ctx) {
    return t.of('child_assessment_order_started').flatMap((started) => {
      const episode = episodeOf(started);
      return single({
        ruleId: 'child-assessment-order-limit',
        episode,
        anchor: anchorAt(started),
        candidates: t.inEpisode(episode, 'child_assessment_order_ended'),
        first: {
          dueAt: dueFrom(started.at, calendarDays(7, { countsTriggerDay: true }), ctx.calendar),
          explanation: `The child assessment order beginning ${when(started.at)} has effect for no more than 7 days, that day included.`,
        },
      });
    });
  },
};

export const careProceedings: ClockRule = {
  id: 'care-proceedings-26-weeks',
  name: 'Care proceedings within 26 weeks',
  area: 'legal',
  statement:
    'Care and supervision proceedings are disposed of within 26 weeks beginning with the day the application was issued. The court may extend the limit by up to 8 weeks at a time, and not routinely.',
  startsWith: ['care_proceedings_issued'],
  metBy: ['care_proceedings_concluded'],
  stoppedBy: [],
  deadline: '26 weeks beginning with the day of issue (that day is day 1), plus each extension of up to 8 weeks',
  recurrence: null,
  stopsWhen: 'Never.',
  source: {
    document: 'Children Act 1989 (as amended by the Children and Families Act 2014 s14)',
    reference: 's32(1)(a)(ii), (5), (8)',
    status: 'statute',
    verification: 'primary',
  },
  settings: [],
  compute(t, ctx) {
    return t.of('care_proceedings_issued').flatMap((issued) => {
      const episode = episodeOf(issued);
      let dueAt = dueFrom(issued.at, weeks(26, { countsTriggerDay: true }), ctx.calendar);
      let why = `Conclude the proceedings issued ${when(issued.at)} within 26 weeks, that day included`;
      for (const extension of t.inEpisode(episode, 'care_proceedings_extended')) {
        if (localDateOf(extension.at) < localDateOf(issued.at)) continue;
        const asked = dataNumber(extension, 'weeks');
        const granted = asked !== null && asked > 0 && asked < 8 ? Math.floor(asked) : 8;
        dueAt = addDays(localDateOf(dueAt), granted * 7);
        why += `; extended ${when(extension.at)} by ${granted} week${granted === 1 ? '' : 's'}`;
      }
      return single({
        ruleId: 'care-proceedings-26-weeks',
        episode,
        anchor: anchorAt(issued),
        candidates: t.inEpisode(episode, 'care_proceedings_concluded'),
        first: { dueAt, explanation: `${why}.` },
      });
    });
  },
};

export const legalRules = [policeProtection, emergencyProtectionOrder, childAssessmentOrder, careProceedings];
