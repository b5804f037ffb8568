/**
 * What the clock produces: an obligation is something that had to happen, or has to
 * happen, for a child by a deadline, with when it was done if it was.
 */
import {
  type IsoDate,
  type Moment,
  type WorkingDayCalendar,
  compareMoments,
  daysBetween,
  instantOf,
  isDateOnly,
  localDateOf,
} from '../core/calendar/index.js';

export interface Obligation {
  /**
   * Unique within the child and stable: `${ruleId}:${episode ?? '-'}:${trigger}` where
   * trigger is the id of the fact the deadline runs from (or a named anchor such as
   * 'birthday-16'). Keyed by trigger rather than by position, so that recording a
   * visit in the middle of a chain does not renumber the obligations after it.
   */
  key: string;
  ruleId: string;
  episode: string | null;
  /** A date (due by the end of that day), or a datetime for hour-based rules and the EPO noon rule. */
  dueAt: Moment;
  /** The meeting fact's `at`, or null while outstanding. */
  doneAt: Moment | null;
  /** The fact the deadline runs from (null for anchors that are not facts, such as a birthday). */
  triggerFactId: string | null;
  meetingFactId: string | null;
  /** The moment the deadline is counted from (the trigger's `at`, a birthday, a term start…). */
  countedFrom: Moment;
  /** Plain English: why it is due, e.g. "Review within 3 months of the first review held on 2 May 2024". */
  explanation: string;
  /**
   * For an outstanding obligation whose duty ends on a known day (a birthday: 18 for a
   * child, 25 for leaving care support; or the day its process stopped, for one already
   * overdue then), that day: from then on it is no longer owed (status 'lapsed') and work
   * lists leave it out; the child's record shows it as missed. Null otherwise.
   */
  lapsesAt: IsoDate | null;
}

/** 'lapsed': never met, and no longer owed since lapsesAt (see Obligation.lapsesAt). */
export type ObligationStatus = 'met_on_time' | 'met_late' | 'due' | 'overdue' | 'lapsed';

export function obligationStatus(o: Obligation, now: Moment): ObligationStatus {
  if (o.doneAt !== null) return compareMoments(o.doneAt, o.dueAt) <= 0 ? 'met_on_time' : 'met_late';
  if (o.lapsesAt !== null && localDateOf(now) >= o.lapsesAt) return 'lapsed';
  return compareMoments(now, o.dueAt) > 0 ? 'overdue' : 'due';
}

/** Not met and still owed at `now` (due or overdue). */
export function isOutstanding(o: Obligation, now: Moment): boolean {
  const status = obligationStatus(o, now);
  return status === 'due' || status === 'overdue';
}

export interface DayCount {
  calendarDays: number;
  workingDays: number;
}

function countDays(from: Moment, to: Moment, calendar: WorkingDayCalendar): DayCount {
  const a = localDateOf(from);
  const b = localDateOf(to);
  return { calendarDays: daysBetween(a, b), workingDays: calendar.workingDaysBetween(a, b) };
}

/**
 * Days left until an outstanding obligation falls due (0 on the day it is due); null
 * when it is met or already overdue.
 */
export function daysLeft(o: Obligation, now: Moment, calendar: WorkingDayCalendar): DayCount | null {
  if (obligationStatus(o, now) !== 'due') return null;
  return countDays(now, o.dueAt, calendar);
}

/**
 * How late: for an overdue obligation, from the due date to `now`; for one met late,
 * from the due date to when it was met. null when on time or not yet due. A datetime
 * deadline missed by hours on the same day counts 0 days (see hoursLeft).
 */
export function daysOver(o: Obligation, now: Moment, calendar: WorkingDayCalendar): DayCount | null {
  const status = obligationStatus(o, now);
  if (status === 'overdue') return countDays(o.dueAt, now, calendar);
  if (status === 'met_late') return countDays(o.dueAt, o.doneAt!, calendar);
  return null;
}

/**
 * Hours from `now` until a datetime deadline (negative once passed), for the front
 * door's "hours left to decide". null for a met obligation, a date deadline, or a
 * plain-date `now`.
 */
export function hoursLeft(o: Obligation, now: Moment): number | null {
  if (o.doneAt !== null || isDateOnly(o.dueAt) || isDateOnly(now)) return null;
  return (instantOf(o.dueAt) - instantOf(now)) / 3_600_000;
}
