/**
 * Turning "within 45 working days of the referral" into a date.
 *
 * The trigger day is not counted unless the law says "beginning with" that day
 * (countsTriggerDay), and a month is a calendar month ending on the corresponding
 * date or the last day of a shorter month (Dodds v Walker).
 */
import {
  type Moment,
  type WorkingDayCalendar,
  addCalendarMonths,
  addDays,
  addHours,
  isDateOnly,
  localDateOf,
  sameTimeOnDate,
} from '../core/calendar/index.js';

export type PeriodUnit = 'working_days' | 'calendar_days' | 'weeks' | 'months' | 'hours';

export interface Period {
  amount: number;
  unit: PeriodUnit;
  /** "beginning with the day…": the trigger day is day 1 (CA 1989 s32, s43). */
  countsTriggerDay?: boolean;
  /** For a datetime trigger counted in working days: due at the same UK clock time (contacts). */
  sameTimeOfDay?: boolean;
}

export function workingDays(amount: number, extra: Partial<Period> = {}): Period {
  return { amount, unit: 'working_days', ...extra };
}
export function calendarDays(amount: number, extra: Partial<Period> = {}): Period {
  return { amount, unit: 'calendar_days', ...extra };
}
export function weeks(amount: number, extra: Partial<Period> = {}): Period {
  return { amount, unit: 'weeks', ...extra };
}
export function months(amount: number, extra: Partial<Period> = {}): Period {
  return { amount, unit: 'months', ...extra };
}
export function hours(amount: number): Period {
  return { amount, unit: 'hours' };
}

/**
 * The deadline for a period counted from a moment. Day-based periods give a date
 * (due by the end of that day) counted from the trigger's UK date; hours give a
 * datetime (or, from a plain date with no time, the date that many whole days on).
 */
export function dueFrom(from: Moment, period: Period, calendar: WorkingDayCalendar): Moment {
  const { amount, unit, countsTriggerDay = false } = period;
  if (unit === 'hours') {
    return isDateOnly(from) ? addDays(from, Math.ceil(amount / 24)) : addHours(from, amount);
  }
  const date = localDateOf(from);
  if (unit === 'working_days') {
    const due = calendar.addWorkingDays(date, amount, { inclusive: countsTriggerDay });
    return period.sameTimeOfDay && !isDateOnly(from) ? sameTimeOnDate(from, due) : due;
  }
  const back = countsTriggerDay ? -1 : 0;
  if (unit === 'calendar_days') return addDays(date, amount + back);
  if (unit === 'weeks') return addDays(date, amount * 7 + back);
  return addDays(addCalendarMonths(date, amount), back);
}

const UNIT_NAMES: Record<PeriodUnit, [string, string]> = {
  working_days: ['working day', 'working days'],
  calendar_days: ['day', 'days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
  hours: ['hour', 'hours'],
};

/** "45 working days", "1 week", "3 months", "72 hours". */
export function describePeriod(period: Period): string {
  const [one, many] = UNIT_NAMES[period.unit];
  return `${period.amount} ${period.amount === 1 ? one : many}`;
}
