/**
 * Plain calendar dates as ISO strings ('YYYY-MM-DD'): no time of day, no time zone.
 *
 * Arithmetic goes through a day number (days since 1970-01-01) computed with the
 * proleptic Gregorian civil-calendar formulas, so nothing here depends on the
 * machine's time zone or on the Date object.
 */

/** A calendar date, 'YYYY-MM-DD'. */
export type IsoDate = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a well-formed 'YYYY-MM-DD' that names a real day (no 30 February). */
export function isIsoDate(value: string): boolean {
  if (dayNumberCache.has(value)) return true;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

// The clock converts the same few thousand dates over and over: remember them. The
// caches are bounded (a century is about 36,500 days) and emptied if they ever fill.
const CACHE_LIMIT = 100_000;
const dayNumberCache = new Map<string, number>();
const dateCache = new Map<number, IsoDate>();

function remember<K, V>(cache: Map<K, V>, key: K, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

export function makeDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (negative before). */
export function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function dateParts(date: IsoDate): DateParts {
  // A date already converted once is known to be well formed.
  if (dayNumberCache.has(date)) return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`Not a date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) {
    throw new RangeError(`No such day: ${date}`);
  }
  return parts;
}

export function dayNumber(date: IsoDate): number {
  const hit = dayNumberCache.get(date);
  if (hit !== undefined) return hit;
  const { year, month, day } = dateParts(date);
  return remember(dayNumberCache, date, dayNumberFromParts(year, month, day));
}

export function partsFromDayNumber(n: number): DateParts {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function dateFromDayNumber(n: number): IsoDate {
  const hit = dateCache.get(n);
  if (hit !== undefined) return hit;
  const { year, month, day } = partsFromDayNumber(n);
  return remember(dateCache, n, makeDate(year, month, day));
}

/** 1 = Monday … 7 = Sunday (ISO weekday). */
export function isoWeekday(date: IsoDate): number {
  return weekdayOfDayNumber(dayNumber(date));
}

export function weekdayOfDayNumber(n: number): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateFromDayNumber(dayNumber(date) + days);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addDays(date, weeks * 7);
}

/**
 * The same date n calendar months later (or earlier), or the last day of the target
 * month when it has no such date: a month from 31 January is 28 or 29 February
 * (Dodds v Walker [1981], applying the Interpretation Act's "month" = calendar month).
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(dayNumber(date));
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return makeDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addCalendarYears(date: IsoDate, years: number): IsoDate {
  return addCalendarMonths(date, years * 12);
}

/** Negative, zero or positive, like a sort comparator. ISO dates compare as strings. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Calendar days from `from` to `to` (positive when `to` is later; 0 for the same day). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The day a person born on `dateOfBirth` reaches `years` years of age. A child born on
 * 29 February reaches it on 28 February in a common year: the same "corresponding date
 * or last day of the month" rule as calendar months, and what DfE's validators compute.
 */
export function birthday(dateOfBirth: IsoDate, years: number): IsoDate {
  return addCalendarYears(dateOfBirth, years);
}

/** Age in whole years on `onDate` (0 before the first birthday). */
export function ageOn(dateOfBirth: IsoDate, onDate: IsoDate): number {
  const b = partsFromDayNumber(dayNumber(dateOfBirth));
  const d = partsFromDayNumber(dayNumber(onDate));
  let age = d.year - b.year;
  if (birthday(dateOfBirth, age) > onDate) age -= 1;
  return age;
}

/** "2 May 2024" (GOV.UK style). */
export function formatDate(date: IsoDate): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTH_NAMES[month - 1]} ${year}`;
}

/** "Friday 2 May 2024". */
export function formatDateWithWeekday(date: IsoDate): string {
  return `${WEEKDAY_NAMES[isoWeekday(date) - 1]} ${formatDate(date)}`;
}
