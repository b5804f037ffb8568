import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  addDays,
  addWeeks,
  ageOn,
  birthday,
  compareDates,
  dateFromDayNumber,
  dayNumber,
  daysBetween,
  formatDate,
  formatDateWithWeekday,
  isIsoDate,
  isoWeekday,
} from './dates.js';

describe('calendar dates', () => {
  it('knows real days from impossible ones', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2024-04-31')).toBe(false);
    expect(isIsoDate('2024-4-1')).toBe(false);
    expect(isIsoDate('2024-04-01T00:00:00Z')).toBe(false);
  });

  it('numbers days from 1970 and back again', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2000-03-01')).toBe(11017);
    expect(dateFromDayNumber(-1)).toBe('1969-12-31');
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (n) => dayNumber(dateFromDayNumber(n)) === n),
      { numRuns: 200 },
    );
  });

  it('agrees with the platform on weekdays', () => {
    expect(isoWeekday('2025-12-19')).toBe(5); // Friday
    expect(isoWeekday('2024-02-29')).toBe(4); // Thursday
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 40_000 }), (n) => {
        const date = dateFromDayNumber(n);
        const jsDay = new Date(`${date}T00:00:00Z`).getUTCDay();
        return isoWeekday(date) === (jsDay === 0 ? 7 : jsDay);
      }),
      { numRuns: 200 },
    );
  });

  it('adds days and weeks across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addWeeks('2025-12-19', 6)).toBe('2026-01-30');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });

  it('adds calendar months the Dodds v Walker way: the same date, or the last day of a shorter month', () => {
    expect(addCalendarMonths('2024-05-02', 3)).toBe('2024-08-02');
    expect(addCalendarMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addCalendarMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addCalendarMonths('2024-08-31', 6)).toBe('2025-02-28');
    expect(addCalendarMonths('2024-03-31', 3)).toBe('2024-06-30');
    expect(addCalendarMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addCalendarMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addCalendarMonths('2025-03-15', -3)).toBe('2024-12-15');
  });

  it('never lets a calendar month run past the corresponding date', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 1, max: 24 }), (n, months) => {
        const from = dateFromDayNumber(n);
        const to = addCalendarMonths(from, months);
        const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
        const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
        return ty * 12 + tm - (fy * 12 + fm) === months && td <= fd && (td === fd || addDays(to, 1).endsWith('-01'));
      }),
      { numRuns: 300 },
    );
  });

  it('works out ages and birthdays, a 29 February child reaching a birthday on 28 February', () => {
    expect(birthday('2009-06-15', 16)).toBe('2025-06-15');
    expect(ageOn('2009-06-15', '2025-06-14')).toBe(15);
    expect(ageOn('2009-06-15', '2025-06-15')).toBe(16);
    expect(birthday('2008-02-29', 16)).toBe('2024-02-29');
    expect(birthday('2008-02-29', 17)).toBe('2025-02-28');
    expect(ageOn('2008-02-29', '2025-02-27')).toBe(16);
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(17);
    expect(ageOn('2020-01-01', '2019-12-31')).toBe(-1);
  });

  it('compares and formats dates for people', () => {
    expect(compareDates('2024-01-02', '2024-01-10')).toBeLessThan(0);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(formatDate('2024-05-02')).toBe('2 May 2024');
    expect(formatDateWithWeekday('2025-12-19')).toBe('Friday 19 December 2025');
  });

  it('refuses a malformed date instead of guessing', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('02/03/2024', 1)).toThrow(RangeError);
  });
});
