/**
 * Time in England, for the edges of the service (stored deadlines, "today", pages).
 * Plain dates are 'YYYY-MM-DD' strings; instants are Date objects. Deadlines stated as a
 * date end when that day ends in England. The arithmetic is the calendar's.
 */
import { addDays, fromLondonLocal, instantOf, londonLocal } from './calendar/index.js';

/** The date in England at an instant. */
export function londonDate(instant: Date): string {
  return londonLocal(instant.getTime()).date;
}

/** The instant a day begins in England. Clocks change at 01:00 UTC, so midnight is never skipped. */
export function startOfLondonDay(date: string): Date {
  return new Date(fromLondonLocal(date, 0));
}

/** The instant a day ends in England (the start of the next day). */
export function endOfLondonDay(date: string): Date {
  return startOfLondonDay(addDays(date, 1));
}

/** An ISO datetime or plain date, as the instant by which it is late. */
export function deadlineInstant(due: string): Date {
  return due.length === 10 ? endOfLondonDay(due) : new Date(instantOf(due));
}

/** When something stated as a date or datetime happened, as an instant (a date counts from its start). */
export function eventInstant(at: string): Date {
  return at.length === 10 ? startOfLondonDay(at) : new Date(instantOf(at));
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
