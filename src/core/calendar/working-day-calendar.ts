/**
 * The working-day calendar every statutory timescale counts in.
 *
 * A working day is any day except Saturday, Sunday, Christmas Day, Good Friday and a
 * bank holiday in England and Wales (the formula of the Banking and Financial Dealings
 * Act 1971 used across children's legislation). The administrator's override adds
 * days (a holiday proclaimed at short notice) or restores days (a projected holiday
 * that was moved).
 */
import { type BankHoliday, bankHolidaysIn } from './bank-holidays.js';
import { type IsoDate, dateFromDayNumber, dateParts, dayNumber, isIsoDate, partsFromDayNumber, weekdayOfDayNumber } from './dates.js';

export interface WorkingDayCalendarOptions {
  /** Extra non-working days (e.g. a one-off bank holiday proclaimed after the table shipped). */
  extraNonWorkingDays?: readonly IsoDate[];
  /** Days the table or the rules call holidays that are working days after all. */
  workingDaysRestored?: readonly IsoDate[];
}

export interface CountOptions {
  /**
   * false (default): count the working days after `from` up to and including `to`;
   * the trigger day is not counted, as in statutory timescales ("within 45 working
   * days of the referral"). A referral on Monday and an assessment on Tuesday is 1.
   *
   * true: count `from` too when it is a working day, i.e. the working days in
   * [from, to]. This is the sector CIN validator's convention (it adds n − 1 working
   * days), where Monday → Tuesday is 2. For a trigger on a non-working day the two
   * conventions give the same count; the validator itself differs there.
   */
  inclusive?: boolean;
}

export interface WorkingDayCalendar {
  isWorkingDay(date: IsoDate): boolean;
  /** A bank holiday, Christmas Day or Good Friday (weekday or not), including the override's extra days. */
  isBankHoliday(date: IsoDate): boolean;
  /** The holiday's name, or null. */
  holidayName(date: IsoDate): string | null;
  /**
   * The n-th working day after `date` (the day itself not counted): 1 from a Monday is
   * Tuesday, 1 from a Friday is the next Monday, 1 from a Saturday is Monday. n = 0
   * returns `date` unchanged; a negative n counts back.
   */
  addWorkingDays(date: IsoDate, n: number, options?: CountOptions): IsoDate;
  /**
   * Working days from `from` to `to`, by default those after `from` up to and including
   * `to` (see CountOptions). Negative when `to` is before `from`.
   * Exclusive convention: workingDaysBetween(d, addWorkingDays(d, n)) === n.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate, options?: CountOptions): number;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): IsoDate;
  /** `date` itself if it is a working day, else the next one. */
  workingDayOnOrAfter(date: IsoDate): IsoDate;
  /** Bank holidays of a year (table, rules outside it, then the override). */
  holidaysIn(year: number): BankHoliday[];
}

const MAX_STEPS = 1_000_000;

export function createWorkingDayCalendar(options: WorkingDayCalendarOptions = {}): WorkingDayCalendar {
  const extra = new Map<number, IsoDate>();
  const restored = new Set<number>();
  for (const d of options.extraNonWorkingDays ?? []) {
    if (!isIsoDate(d)) throw new RangeError(`extraNonWorkingDays: not a date: ${JSON.stringify(d)}`);
    extra.set(dayNumber(d), d);
  }
  for (const d of options.workingDaysRestored ?? []) {
    if (!isIsoDate(d)) throw new RangeError(`workingDaysRestored: not a date: ${JSON.stringify(d)}`);
    restored.add(dayNumber(d));
  }

  // Holidays by day number, filled a year at a time on first use.
  const holidays = new Map<number, string>();
  const loadedYears = new Set<number>();

  function loadYear(year: number): void {
    if (loadedYears.has(year)) return;
    loadedYears.add(year);
    for (const h of bankHolidaysIn(year)) holidays.set(dayNumber(h.date), h.name);
    // Christmas Day is a holiday even on a weekend, and 26 December is a bank holiday when
    // it is not a Sunday (Banking and Financial Dealings Act 1971, Sch 1), so a Saturday too.
    // The table lists only weekdays (weekends are not working days anyway), so name them here
    // for isBankHoliday: the EPO's noon rule (CA 1989 s45(2)) looks past them.
    const christmas = dayNumber(`${String(year).padStart(4, '0')}-12-25`);
    if (!holidays.has(christmas)) holidays.set(christmas, 'Christmas Day');
    const boxingDay = christmas + 1;
    if (weekdayOfDayNumber(boxingDay) === 6 && !holidays.has(boxingDay)) holidays.set(boxingDay, 'Boxing Day');
  }

  function yearOf(n: number): number {
    return partsFromDayNumber(n).year;
  }

  function holidayNameOfDay(n: number): string | null {
    if (restored.has(n)) return null;
    if (extra.has(n)) return 'Non-working day (local override)';
    loadYear(yearOf(n));
    return holidays.get(n) ?? null;
  }

  const workingCache = new Map<number, boolean>();
  function isWorkingDayNumber(n: number): boolean {
    const hit = workingCache.get(n);
    if (hit !== undefined) return hit;
    const working = weekdayOfDayNumber(n) < 6 && holidayNameOfDay(n) === null;
    if (workingCache.size >= 100_000) workingCache.clear();
    workingCache.set(n, working);
    return working;
  }

  function addWorkingDayNumbers(start: number, n: number): number {
    let day = start;
    let left = Math.abs(n);
    const step = n < 0 ? -1 : 1;
    let guard = 0;
    while (left > 0) {
      day += step;
      if (isWorkingDayNumber(day)) left -= 1;
      if (++guard > MAX_STEPS) throw new RangeError('addWorkingDays: no working days found');
    }
    return day;
  }

  const calendar: WorkingDayCalendar = {
    isWorkingDay(date) {
      return isWorkingDayNumber(dayNumber(date));
    },
    isBankHoliday(date) {
      return holidayNameOfDay(dayNumber(date)) !== null;
    },
    holidayName(date) {
      return holidayNameOfDay(dayNumber(date));
    },
    addWorkingDays(date, n, opts = {}) {
      if (!Number.isInteger(n)) throw new RangeError(`addWorkingDays: n must be a whole number, got ${n}`);
      const start = dayNumber(date);
      // Inclusive: the trigger day is day 1 when it is a working day.
      if (opts.inclusive && n > 0 && isWorkingDayNumber(start)) return dateFromDayNumber(addWorkingDayNumbers(start, n - 1));
      return dateFromDayNumber(addWorkingDayNumbers(start, n));
    },
    workingDaysBetween(from, to, opts = {}) {
      const a = dayNumber(from);
      const b = dayNumber(to);
      if (b < a) {
        // Backwards is negative; no working days between is 0, not -0.
        const n = calendar.workingDaysBetween(to, from, opts);
        return n === 0 ? 0 : -n;
      }
      let count = 0;
      for (let d = a + 1; d <= b; d++) if (isWorkingDayNumber(d)) count += 1;
      if (opts.inclusive && isWorkingDayNumber(a)) count += 1;
      return count;
    },
    nextWorkingDay(date) {
      return dateFromDayNumber(addWorkingDayNumbers(dayNumber(date), 1));
    },
    workingDayOnOrAfter(date) {
      const n = dayNumber(date);
      return isWorkingDayNumber(n) ? date : dateFromDayNumber(addWorkingDayNumbers(n, 1));
    },
    holidaysIn(year) {
      const list = bankHolidaysIn(year).filter((h) => !restored.has(dayNumber(h.date)));
      for (const d of extra.values()) {
        if (dateParts(d).year === year && !list.some((h) => h.date === d)) list.push({ date: d, name: 'Non-working day (local override)' });
      }
      return list.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
    },
  };
  return calendar;
}
