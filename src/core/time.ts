/**
 * Time in England. Plain dates are 'YYYY-MM-DD' strings; instants are Date objects.
 * Deadlines stated as a date end when that day ends in England.
 */
const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const offsetFormat = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, timeZoneName: 'shortOffset' });

/** The date in England at an instant. */
export function londonDate(instant: Date): string {
  return dateFormat.format(instant);
}

/** Minutes England is ahead of UTC at an instant (0 in winter, 60 in summer). */
function londonOffsetMinutes(instant: Date): number {
  const name = offsetFormat.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-]\d+)(?::(\d+))?/.exec(name);
  if (!m) return 0;
  const hours = Number(m[1]);
  return hours * 60 + Math.sign(hours) * Number(m[2] ?? 0);
}

/** The instant a day begins in England. Clocks change at 01:00 UTC, so midnight is never skipped. */
export function startOfLondonDay(date: string): Date {
  const utcMidnight = new Date(`${date}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - londonOffsetMinutes(utcMidnight) * 60_000);
}

/** The instant a day ends in England (the start of the next day). */
export function endOfLondonDay(date: string): Date {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return startOfLondonDay(next.toISOString().slice(0, 10));
}

/** An ISO datetime or plain date, as the instant by which it is late. */
export function deadlineInstant(due: string): Date {
  return due.length === 10 ? endOfLondonDay(due) : new Date(due);
}

/** When something stated as a date or datetime happened, as an instant (a date counts from its start). */
export function eventInstant(at: string): Date {
  return at.length === 10 ? startOfLondonDay(at) : new Date(at);
}

/** A source of the current time, passed in so tests and the demo can fix it. */
export interface TimeSource {
  now(): Date;
}

export const systemTime: TimeSource = { now: () => new Date() };

export function fixedTime(at: Date | string): TimeSource {
  const instant = typeof at === 'string' ? new Date(at) : at;
  return { now: () => new Date(instant) };
}

export function todayIn(time: TimeSource): string {
  return londonDate(time.now());
}
