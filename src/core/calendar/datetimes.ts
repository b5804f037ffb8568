/**
 * Datetimes as ISO strings with an offset or Z ('2025-03-03T14:30:00Z',
 * '2025-06-02T09:15:00+01:00'), read in UK local time (Europe/London), because
 * the working day, "the same time the next working day" and "noon on the next
 * day" are all days and hours on the clock in England.
 *
 * British Summer Time is computed from the rule in force since 1996 (from 01:00 UTC
 * on the last Sunday in March to 01:00 UTC on the last Sunday in October), which
 * keeps this pure and quick; it is checked against the platform's time-zone data in
 * the tests. Instants before 1996 are not expected here.
 */
import {
  type IsoDate,
  dateFromDayNumber,
  dayNumber,
  dayNumberFromParts,
  daysInMonth,
  formatDate,
  isIsoDate,
  partsFromDayNumber,
  weekdayOfDayNumber,
} from './dates.js';

/** An instant, 'YYYY-MM-DDTHH:MM[:SS[.sss]]' followed by Z or ±HH:MM. */
export type IsoDateTime = string;

/** Either a plain date or a datetime: how facts and deadlines are dated. */
export type Moment = IsoDate | IsoDateTime;

const ISO_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|[+-]\d{2}:\d{2})$/;

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;

export function isIsoDateTime(value: string): boolean {
  if (instantCache.has(value)) return true;
  const m = ISO_DATETIME.exec(value);
  if (!m || !isIsoDate(m[1]!)) return false;
  return Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4] ?? 0) < 60;
}

export function isMoment(value: string): boolean {
  return isIsoDate(value) || isIsoDateTime(value);
}

/** True for a plain date ('YYYY-MM-DD'), false for a datetime. */
export function isDateOnly(moment: Moment): boolean {
  return moment.length === 10;
}

const CACHE_LIMIT = 50_000;
const instantCache = new Map<string, number>();
const sortKeyCache = new Map<string, string>();

function remember<V>(cache: Map<string, V>, key: string, value: V): V {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Milliseconds since the epoch for a datetime. */
export function instantOf(datetime: IsoDateTime): number {
  const hit = instantCache.get(datetime);
  if (hit !== undefined) return hit;
  return remember(instantCache, datetime, parseInstant(datetime));
}

function parseInstant(datetime: IsoDateTime): number {
  const m = ISO_DATETIME.exec(datetime);
  if (!m || !isIsoDate(m[1]!)) throw new RangeError(`Not a datetime with an offset: ${JSON.stringify(datetime)}`);
  const [, date, hh, mm, ss, frac, zone] = m;
  const fraction = frac ? Number(frac.padEnd(3, '0')) : 0;
  let ms = dayNumber(date!) * MS_PER_DAY + Number(hh) * MS_PER_HOUR + Number(mm) * MS_PER_MINUTE + Number(ss ?? 0) * 1000 + fraction;
  if (zone !== 'Z') {
    const sign = zone!.startsWith('-') ? -1 : 1;
    ms -= sign * (Number(zone!.slice(1, 3)) * MS_PER_HOUR + Number(zone!.slice(4, 6)) * MS_PER_MINUTE);
  }
  return ms;
}

function lastSundayDayNumber(year: number, month: number): number {
  const last = dayNumberFromParts(year, month, daysInMonth(year, month));
  return last - (weekdayOfDayNumber(last) % 7);
}

const summerTimeByYear = new Map<number, [number, number]>();

/** Is UK clock time one hour ahead of UTC (British Summer Time) at this instant? */
export function isBritishSummerTime(instant: number): boolean {
  const year = partsFromDayNumber(Math.floor(instant / MS_PER_DAY)).year;
  let span = summerTimeByYear.get(year);
  if (!span) {
    span = [lastSundayDayNumber(year, 3) * MS_PER_DAY + MS_PER_HOUR, lastSundayDayNumber(year, 10) * MS_PER_DAY + MS_PER_HOUR];
    summerTimeByYear.set(year, span);
  }
  return instant >= span[0] && instant < span[1];
}

/** UK clock offset from UTC in minutes (0 or 60) at this instant. */
export function londonOffsetMinutes(instant: number): number {
  return isBritishSummerTime(instant) ? 60 : 0;
}

export interface LocalDateTime {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** The UK wall-clock date and time of an instant. */
export function londonLocal(instant: number): LocalDateTime {
  const local = instant + londonOffsetMinutes(instant) * MS_PER_MINUTE;
  const days = Math.floor(local / MS_PER_DAY);
  let rest = local - days * MS_PER_DAY;
  const hour = Math.floor(rest / MS_PER_HOUR);
  rest -= hour * MS_PER_HOUR;
  const minute = Math.floor(rest / MS_PER_MINUTE);
  rest -= minute * MS_PER_MINUTE;
  const second = Math.floor(rest / 1000);
  return { date: dateFromDayNumber(days), hour, minute, second, millisecond: rest - second * 1000 };
}

/**
 * The instant at which UK clocks show this date and time. A time that does not exist
 * (the hour skipped when clocks go forward) moves an hour later; a time that happens
 * twice (when clocks go back) is the first of the two.
 */
export function fromLondonLocal(date: IsoDate, hour: number, minute = 0, second = 0, millisecond = 0): number {
  const asUtc = dayNumber(date) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond;
  const inSummer = asUtc - MS_PER_HOUR;
  if (isBritishSummerTime(inSummer)) return inSummer;
  return asUtc;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** ISO datetime in UK local time with its offset: '2025-06-02T09:15:00+01:00'. */
export function toLondonIso(instant: number): IsoDateTime {
  const l = londonLocal(instant);
  const offset = londonOffsetMinutes(instant) === 60 ? '+01:00' : '+00:00';
  const ms = l.millisecond ? `.${pad(l.millisecond, 3)}` : '';
  return `${l.date}T${pad(l.hour)}:${pad(l.minute)}:${pad(l.second)}${ms}${offset}`;
}

/** The UK calendar date of a moment (a plain date is its own date). */
export function localDateOf(moment: Moment): IsoDate {
  return isDateOnly(moment) ? moment : londonLocal(instantOf(moment)).date;
}

export function addHours(datetime: IsoDateTime, hours: number): IsoDateTime {
  return toLondonIso(instantOf(datetime) + hours * MS_PER_HOUR);
}

/** The same UK clock time on another date: '…T10:30' on Friday → '…T10:30' on Monday. */
export function sameTimeOnDate(datetime: IsoDateTime, date: IsoDate): IsoDateTime {
  const l = londonLocal(instantOf(datetime));
  return toLondonIso(fromLondonLocal(date, l.hour, l.minute, l.second, l.millisecond));
}

/** Noon UK time on a date. */
export function noonOn(date: IsoDate): IsoDateTime {
  return toLondonIso(fromLondonLocal(date, 12));
}

/** "10:30am" / "12pm" / "4:05pm", GOV.UK style, UK time. */
export function formatTime(datetime: IsoDateTime): string {
  const { hour, minute } = londonLocal(instantOf(datetime));
  const suffix = hour < 12 ? 'am' : 'pm';
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return minute === 0 ? `${h}${suffix}` : `${h}:${pad(minute)}${suffix}`;
}

/** "2 May 2024" for a date, "10:30am on 2 May 2024" for a datetime. */
export function formatMoment(moment: Moment): string {
  if (isDateOnly(moment)) return formatDate(moment);
  return `${formatTime(moment)} on ${formatDate(localDateOf(moment))}`;
}

/**
 * Order two moments. Datetimes compare as instants; when either is a plain date the
 * two compare by UK calendar date, because a date says nothing about the hour.
 * Returns negative, zero or positive.
 */
export function compareMoments(a: Moment, b: Moment): number {
  if (a.length === 10 && b.length === 10) return a < b ? -1 : a > b ? 1 : 0;
  if (isDateOnly(a) || isDateOnly(b)) {
    const da = localDateOf(a);
    const db = localDateOf(b);
    return da < db ? -1 : da > db ? 1 : 0;
  }
  return instantOf(a) - instantOf(b);
}

/** A sort key that orders moments by UK date, a plain date before any time on that day. */
export function momentSortKey(moment: Moment): string {
  if (isDateOnly(moment)) return moment;
  const hit = sortKeyCache.get(moment);
  if (hit !== undefined) return hit;
  const instant = instantOf(moment);
  return remember(sortKeyCache, moment, `${londonLocal(instant).date}T${new Date(instant).toISOString()}`);
}
