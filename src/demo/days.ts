/**
 * Date arithmetic for generating years of history quickly: the working-day calendar laid
 * out once as a table over the years the demo spans, so that "the 45th working day after"
 * is a lookup. Answers are the calendar's own (it decides every day's status); outside the
 * table the calendar is asked directly.
 */
import {
  type IsoDate,
  type WorkingDayCalendar,
  addCalendarMonths,
  dateFromDayNumber,
  dayNumber,
  fromLondonLocal,
} from '../core/calendar/index.js';

const MS_HOUR = 3_600_000;
const MS_DAY = 24 * MS_HOUR;

export interface Days {
  num(date: IsoDate): number;
  iso(n: number): IsoDate;
  addDays(date: IsoDate, n: number): IsoDate;
  addMonths(date: IsoDate, n: number): IsoDate;
  isWorkingDay(date: IsoDate): boolean;
  /** As WorkingDayCalendar.addWorkingDays (the day itself not counted). */
  addWorkingDays(date: IsoDate, n: number): IsoDate;
  /** As WorkingDayCalendar.workingDaysBetween (exclusive of `from`). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number;
  nextWorkingDay(date: IsoDate): IsoDate;
  workingDayOnOrAfter(date: IsoDate): IsoDate;
  workingDayOnOrBefore(date: IsoDate): IsoDate;
  /** The instant UK clocks show this date and time. */
  at(date: IsoDate, hour: number, minute?: number): number;
}

export function createDays(calendar: WorkingDayCalendar, from: IsoDate, to: IsoDate): Days {
  const first = dayNumber(from);
  const last = dayNumber(to);
  const size = last - first + 1;
  const isoOf: string[] = new Array(size);
  const working = new Uint8Array(size);
  // upTo[i]: working days from the table's first day up to and including day i.
  const upTo = new Int32Array(size);
  const workingDays: number[] = [];
  const numOf = new Map<string, number>();
  let count = 0;
  for (let i = 0; i < size; i++) {
    const iso = dateFromDayNumber(first + i);
    isoOf[i] = iso;
    numOf.set(iso, first + i);
    if (calendar.isWorkingDay(iso)) {
      working[i] = 1;
      count++;
      workingDays.push(first + i);
    }
    upTo[i] = count;
  }
  const inside = (n: number) => n >= first && n <= last;
  const num = (date: IsoDate) => numOf.get(date) ?? dayNumber(date);
  const iso = (n: number) => (inside(n) ? isoOf[n - first]! : dateFromDayNumber(n));
  const offsets = new Map<string, number | null>();

  const days: Days = {
    num,
    iso,
    addDays: (date, n) => iso(num(date) + n),
    addMonths(date, n) {
      // The common case without parsing: the same day of the month exists in the target month.
      const day = Number(date.slice(8, 10));
      if (day > 28) return addCalendarMonths(date, n);
      const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + n;
      const year = Math.floor(index / 12);
      const month = index - year * 12 + 1;
      return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${date.slice(8, 10)}`;
    },
    isWorkingDay(date) {
      const n = num(date);
      return inside(n) ? working[n - first] === 1 : calendar.isWorkingDay(date);
    },
    addWorkingDays(date, n) {
      const d = num(date);
      if (n === 0) return date;
      if (n > 0) {
        const target = upTo[d - first]! + n - 1;
        if (inside(d) && target < workingDays.length) return iso(workingDays[target]!);
      } else if (inside(d - 1)) {
        const target = upTo[d - 1 - first]! + n;
        if (target >= 0) return iso(workingDays[target]!);
      }
      return calendar.addWorkingDays(date, n);
    },
    workingDaysBetween(a, b) {
      const x = num(a);
      const y = num(b);
      if (inside(x) && inside(y)) return upTo[y - first]! - upTo[x - first]!;
      return calendar.workingDaysBetween(a, b);
    },
    nextWorkingDay: (date) => days.addWorkingDays(date, 1),
    workingDayOnOrAfter: (date) => (days.isWorkingDay(date) ? date : days.addWorkingDays(date, 1)),
    workingDayOnOrBefore: (date) => (days.isWorkingDay(date) ? date : days.addWorkingDays(date, -1)),
    at(date, hour, minute = 0) {
      // The UK offset is the same all day except on the two days the clocks change.
      let offset = offsets.get(date);
      if (offset === undefined) {
        const base = num(date) * MS_DAY;
        const midnight = fromLondonLocal(date, 0) - base;
        const evening = fromLondonLocal(date, 23) - (base + 23 * MS_HOUR);
        offset = midnight === evening ? midnight : null;
        offsets.set(date, offset);
      }
      if (offset === null) return fromLondonLocal(date, hour, minute);
      return num(date) * MS_DAY + hour * MS_HOUR + minute * 60_000 + offset;
    },
  };
  return days;
}
