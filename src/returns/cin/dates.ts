/**
 * Dates as the CIN rules compare them: a day number (days since 1970-01-01), NaN when
 * the date is missing or not a real 'YYYY-MM-DD' date. NaN makes every comparison
 * false, so "if both dates are present" is the default reading of a comparison; a rule
 * that needs a date to be present says so with `has`.
 */
import { type WorkingDayCalendar, createWorkingDayCalendar, dateFromDayNumber, dayNumberFromParts } from '../../core/calendar/index.js';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Day number of a 'YYYY-MM-DD' text; NaN for null or anything that is not a real date. */
export function day(text: string | null): number {
  if (text === null || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NaN;
  const y = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const m = digit(text, 5) * 10 + digit(text, 6);
  const d = digit(text, 8) * 10 + digit(text, 9);
  if (!(m >= 1 && m <= 12 && d >= 1)) return NaN;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const max = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!;
  if (d > max) return NaN;
  return dayNumberFromParts(y, m, d);
}

/** The year first, then the month and day of one or two digits, all separated by '-' or all by '/'. */
const YEAR_FIRST = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})$/;

/**
 * The day a date in the message means. The schema's dates are xs:date, YYYY-MM-DD. A date
 * with the year first that departs from that only in its separators or in leaving out a
 * leading zero (2025/05/03, 2025-5-3) is in the wrong form, which the reader notes, but it
 * still says plainly which day: the rules read it as that day, as other validators do. A
 * date with the day first (03/05/2025) is not read: whether that is 3 May or 5 March is a
 * guess. Text that is no date, or a day its month does not have, gives none (NaN).
 */
export function dayAsGiven(text: string | null): number {
  const d = day(text);
  if (has(d) || text === null) return d;
  const m = YEAR_FIRST.exec(text);
  if (!m) return NaN;
  return day(`${m[1]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`);
}

export function isRealDate(text: string): boolean {
  return day(text) === day(text);
}

/** True when a day number is present (not NaN). */
export function has(n: number): boolean {
  return n === n;
}

/** 1 Monday … 7 Sunday. */
export function isoWeekdayOf(n: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(n: number): boolean {
  return isoWeekdayOf(n) >= 6;
}

export function dateText(n: number): string {
  return dateFromDayNumber(n);
}

/** The same calendar date `years` later (29 February → 28 February in a common year). */
export function addYears(n: number, years: number): number {
  const [y, m, d] = dateFromDayNumber(n).split('-').map(Number) as [number, number, number];
  const ny = y + years;
  const leap = (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0;
  const max = m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]!;
  return dayNumberFromParts(ny, m, Math.min(d, max));
}

/** Whole years from `from` to `on` (an age on a day). */
export function yearsBetween(from: number, on: number): number {
  const [fy, fm, fd] = dateFromDayNumber(from).split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = dateFromDayNumber(on).split('-').map(Number) as [number, number, number];
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}

let calendar: WorkingDayCalendar | null = null;

/** The England and Wales working-day calendar (src/core/calendar), made once. */
export function workingDays(): WorkingDayCalendar {
  calendar ??= createWorkingDayCalendar();
  return calendar;
}
