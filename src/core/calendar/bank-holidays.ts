/**
 * Bank holidays and other non-working weekdays in England and Wales.
 *
 * Two sources, in this order:
 * 1. The shipped table (england-and-wales-bank-holidays.json): 2012–2027 as GOV.UK
 *    publishes them, 2010–2011 and 2028–2030 computed. It carries the one-off
 *    proclaimed days (royal wedding 2011, jubilees 2012 and 2022, VE Day moved in
 *    2020, state funeral 2022, coronation 2023) that no rule can predict.
 * 2. For any other year, the standing rules: the Banking and Financial Dealings Act
 *    1971 Schedule 1 and the annual proclamations that have followed the same pattern
 *    since 1978 (early May bank holiday), plus Good Friday and Christmas Day, which are
 *    common-law holidays, with weekend substitutes.
 */
import table from './england-and-wales-bank-holidays.json' with { type: 'json' };
import {
  type IsoDate,
  addDays,
  isoWeekday,
  makeDate,
  dayNumberFromParts,
  daysInMonth,
  weekdayOfDayNumber,
  dateFromDayNumber,
} from './dates.js';

export interface BankHoliday {
  date: IsoDate;
  name: string;
}

interface HolidayTable {
  days: Record<string, BankHoliday[]>;
}

const shipped = (table as HolidayTable).days;

/** The first and last years the shipped table covers. */
export const TABLE_FIRST_YEAR = Math.min(...Object.keys(shipped).map(Number));
export const TABLE_LAST_YEAR = Math.max(...Object.keys(shipped).map(Number));

/** Easter Sunday (Gregorian), by the anonymous ("Meeus/Jones/Butcher") algorithm. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeDate(year, month, day);
}

function firstMonday(year: number, month: number): IsoDate {
  const first = dayNumberFromParts(year, month, 1);
  const offset = (8 - weekdayOfDayNumber(first)) % 7;
  return dateFromDayNumber(first + offset);
}

function lastMonday(year: number, month: number): IsoDate {
  const last = dayNumberFromParts(year, month, daysInMonth(year, month));
  const back = (weekdayOfDayNumber(last) + 6) % 7;
  return dateFromDayNumber(last - back);
}

/**
 * England and Wales non-working weekdays for a year by the standing rules, without
 * one-off proclamations. A holiday falling on a weekend is not listed itself (the
 * weekend is not a working day anyway); its substitute weekday is.
 */
export function computeBankHolidays(year: number): BankHoliday[] {
  const days: BankHoliday[] = [];
  const newYear = makeDate(year, 1, 1);
  const nyDay = isoWeekday(newYear);
  if (nyDay <= 5) days.push({ date: newYear, name: "New Year's Day" });
  else days.push({ date: addDays(newYear, 8 - nyDay), name: "New Year's Day (substitute)" });

  const easter = easterSunday(year);
  days.push({ date: addDays(easter, -2), name: 'Good Friday' });
  days.push({ date: addDays(easter, 1), name: 'Easter Monday' });
  days.push({ date: firstMonday(year, 5), name: 'Early May bank holiday' });
  days.push({ date: lastMonday(year, 5), name: 'Spring bank holiday' });
  days.push({ date: lastMonday(year, 8), name: 'Summer bank holiday' });

  // Christmas Day and Boxing Day: a day lost to the weekend moves to the next free weekday.
  const christmas = makeDate(year, 12, 25);
  const xDay = isoWeekday(christmas);
  if (xDay <= 4) {
    // Monday to Thursday: both days are weekdays.
    days.push({ date: christmas, name: 'Christmas Day' });
    days.push({ date: addDays(christmas, 1), name: 'Boxing Day' });
  } else if (xDay === 5) {
    days.push({ date: christmas, name: 'Christmas Day' });
    days.push({ date: makeDate(year, 12, 28), name: 'Boxing Day (substitute)' });
  } else if (xDay === 6) {
    days.push({ date: makeDate(year, 12, 27), name: 'Christmas Day (substitute)' });
    days.push({ date: makeDate(year, 12, 28), name: 'Boxing Day (substitute)' });
  } else {
    days.push({ date: makeDate(year, 12, 26), name: 'Boxing Day' });
    days.push({ date: makeDate(year, 12, 27), name: 'Christmas Day (substitute)' });
  }
  return days;
}

/** The shipped table's entries for a year, or undefined when the table does not cover it. */
export function tabledBankHolidays(year: number): BankHoliday[] | undefined {
  const days = shipped[String(year)];
  return days ? days.map((d) => ({ ...d })) : undefined;
}

/** Table first, the standing rules for years outside it. */
export function bankHolidaysIn(year: number): BankHoliday[] {
  return tabledBankHolidays(year) ?? computeBankHolidays(year);
}
