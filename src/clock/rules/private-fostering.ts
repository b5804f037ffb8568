/** Private fostering: visits after notification and through the arrangement. */
import { type IsoDate, type Moment, addCalendarYears, isIsoDate, localDateOf } from '../../core/calendar/index.js';
import { describePeriod, dueFrom, weeks, workingDays } from '../deadlines.js';
import type { ClockRule } from '../rule.js';
import { anchorAt, chain, childSeen, dataString, when } from '../rule-kit.js';

export const privateFosteringVisits: ClockRule = {
  id: 'private-fostering-visit',
  name: 'Private fostering visit',
  area: 'private fostering',
  statement:
    'The authority visits a privately fostered child within 7 working days of being notified of the arrangement, then at least every 6 weeks in the arrangement’s first year and every 12 weeks after that.',
  startsWith: ['private_fostering_notified', 'visit_made'],
  metBy: ['visit_made'],
  stoppedBy: ['private_fostering_ended'],
  deadline: '7 working days after notification; then 6 weeks (first year of the arrangement) or 12 weeks after the last visit',
  recurrence: 'from each visit where the child was seen to the next',
  stopsWhen: 'The private fostering arrangement ends.',
  source: {
    document: 'Children (Private Arrangements for Fostering) Regulations 2005',
    reference: 'reg 4(1) (first visit); reg 8 (later visits)',
    status: 'statute',
    verification: 'primary',
  },
  settings: [],
  compute(t, ctx) {
    const visits = t.of('visit_made');
    return t.spans('private_fostering_notified', 'private_fostering_ended').flatMap(({ start: notified, end, episode }) => {
      const startedOn = dataString(notified, 'arrangementStartedOn');
      const arrangementStart: IsoDate = startedOn && isIsoDate(startedOn) ? startedOn : localDateOf(notified.at);
      const firstYearEnds = addCalendarYears(arrangementStart, 1);
      return chain({
        ruleId: 'private-fostering-visit',
        episode,
        anchor: anchorAt(notified),
        candidates: visits,
        accept: childSeen,
        stop: end?.at,
        first: {
          dueAt: dueFrom(notified.at, workingDays(7), ctx.calendar),
          explanation: `Visit the privately fostered child within 7 working days of the notification received ${when(notified.at)} (reg 4).`,
        },
        next: (previous: { at: Moment }) => {
          const inFirstYear = localDateOf(previous.at) < firstYearEnds;
          const gap = weeks(inFirstYear ? 6 : 12);
          return {
            dueAt: dueFrom(previous.at, gap, ctx.calendar),
            explanation: `Visit the child within ${describePeriod(gap)} of the last visit ${when(previous.at)}: ${inFirstYear ? 'first year' : 'after the first year'} of the arrangement (reg 8).`,
          };
        },
      });
    });
  },
};

export const privateFosteringRules = [privateFosteringVisits];
