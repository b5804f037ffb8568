import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dateFromDayNumber, dayNumber, isWeekend } from './dates.js';
import { createWorkingDayCalendar } from './working-day-calendar.js';

const calendar = createWorkingDayCalendar();

const anyDate = fc.integer({ min: dayNumber('2005-01-01'), max: dayNumber('2040-12-31') }).map(dateFromDayNumber);

describe('working days in England and Wales', () => {
  it('counts one working day from Monday to Tuesday and from Friday to Monday', () => {
    expect(calendar.addWorkingDays('2025-03-03', 1)).toBe('2025-03-04');
    expect(calendar.addWorkingDays('2025-03-07', 1)).toBe('2025-03-10');
    expect(calendar.addWorkingDays('2025-03-08', 1)).toBe('2025-03-10'); // from a Saturday
    expect(calendar.addWorkingDays('2025-03-07', 0)).toBe('2025-03-07');
    expect(calendar.nextWorkingDay('2025-03-07')).toBe('2025-03-10');
  });

  it('skips Good Friday and Easter Monday', () => {
    // Thursday 17 April 2025 + 1 working day: not Good Friday 18th, not Easter Monday 21st.
    expect(calendar.addWorkingDays('2025-04-17', 1)).toBe('2025-04-22');
    expect(calendar.isWorkingDay('2025-04-18')).toBe(false);
    expect(calendar.holidayName('2025-04-18')).toBe('Good Friday');
  });

  it('skips Christmas and its substitutes when it falls at the weekend', () => {
    // 2021: Christmas Saturday, Boxing Day Sunday, substitutes Monday 27 and Tuesday 28.
    expect(calendar.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
    // 2022: Christmas Sunday; Boxing Day Monday 26, substitute Tuesday 27.
    expect(calendar.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
    expect(calendar.isBankHoliday('2022-12-25')).toBe(true); // Christmas Day itself, on a Sunday
    expect(calendar.isWorkingDay('2022-12-27')).toBe(false);
  });

  it('holds 26 December a bank holiday when it falls on a Saturday (BFDA 1971 Sch 1: "if it be not a Sunday")', () => {
    // 2026: Christmas Friday, Boxing Day Saturday, its substitute Monday 28.
    expect(calendar.isBankHoliday('2026-12-26')).toBe(true);
    expect(calendar.holidayName('2026-12-26')).toBe('Boxing Day');
    expect(calendar.isBankHoliday('2026-12-28')).toBe(true);
    // the same past the table (2037) and before it (2015, 2020)
    for (const day of ['2015-12-26', '2020-12-26', '2037-12-26']) expect(calendar.isBankHoliday(day), day).toBe(true);
    // a Sunday 26 December is not one: its bank holiday is the 27th
    expect(calendar.isBankHoliday('2027-12-26')).toBe(false);
    expect(calendar.isBankHoliday('2027-12-27')).toBe(true);
    // working-day counts are unchanged: a Saturday was never a working day
    expect(calendar.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(calendar.holidaysIn(2026).map((h) => h.date)).not.toContain('2026-12-26');
  });

  it('crosses 29 February and month ends, including Good Friday on the last working day of March 2024', () => {
    expect(calendar.addWorkingDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(calendar.addWorkingDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(calendar.addWorkingDays('2024-03-28', 1)).toBe('2024-04-02');
    expect(calendar.addWorkingDays('2025-05-30', 1)).toBe('2025-06-02');
    expect(calendar.workingDaysBetween('2024-02-01', '2024-03-01')).toBe(21);
  });

  it('knows the 2012 Diamond Jubilee: spring holiday moved to 4 June, extra day 5 June, 28 May worked', () => {
    expect(calendar.isWorkingDay('2012-05-28')).toBe(true);
    expect(calendar.isWorkingDay('2012-06-04')).toBe(false);
    expect(calendar.isWorkingDay('2012-06-05')).toBe(false);
    expect(calendar.addWorkingDays('2012-06-01', 1)).toBe('2012-06-06');
  });

  it('knows 2020, when the early May holiday moved to Friday 8 May for VE Day', () => {
    expect(calendar.isWorkingDay('2020-05-04')).toBe(true);
    expect(calendar.isWorkingDay('2020-05-08')).toBe(false);
    expect(calendar.addWorkingDays('2020-05-07', 1)).toBe('2020-05-11');
  });

  it('knows 2022: Platinum Jubilee 2–3 June, the state funeral on 19 September, Christmas substitutes', () => {
    expect(calendar.isWorkingDay('2022-05-30')).toBe(true);
    expect(calendar.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(calendar.addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
    expect(calendar.workingDaysBetween('2022-12-23', '2022-12-30')).toBe(3);
  });

  it('counts working days after the start, up to and including the end, or inclusively as the CIN validator does', () => {
    expect(calendar.workingDaysBetween('2025-03-03', '2025-03-04')).toBe(1);
    expect(calendar.workingDaysBetween('2025-03-03', '2025-03-04', { inclusive: true })).toBe(2);
    expect(calendar.workingDaysBetween('2025-03-03', '2025-03-03')).toBe(0);
    expect(calendar.workingDaysBetween('2025-03-10', '2025-03-03')).toBe(-5);
    // Back from a Sunday to the Saturday: no working days, 0 and not -0.
    expect(calendar.workingDaysBetween('2025-03-09', '2025-03-08')).toBe(0);
    // 45 working days from a Monday referral, validator style: day 1 is the referral day.
    expect(calendar.addWorkingDays('2025-03-03', 45, { inclusive: true })).toBe(calendar.addWorkingDays('2025-03-03', 44));
    expect(calendar.addWorkingDays('2025-03-08', 1, { inclusive: true })).toBe('2025-03-10');
  });

  it('still excludes weekends, and computes the holidays, outside the shipped table', () => {
    expect(calendar.isWorkingDay('2035-12-25')).toBe(false); // Tuesday
    expect(calendar.isWorkingDay('2035-03-23')).toBe(false); // Good Friday 2035
    expect(calendar.isWorkingDay('2035-03-26')).toBe(false); // Easter Monday 2035
    expect(calendar.isWorkingDay('2035-03-27')).toBe(true);
    expect(calendar.isWorkingDay('2005-08-29')).toBe(false); // Summer bank holiday 2005
    expect(calendar.isWorkingDay('2005-08-27')).toBe(false); // Saturday
  });

  it('lets the administrator add a proclaimed day or restore a working day', () => {
    const local = createWorkingDayCalendar({ extraNonWorkingDays: ['2029-06-15'], workingDaysRestored: ['2029-05-28'] });
    expect(local.isWorkingDay('2029-06-15')).toBe(false);
    expect(local.isBankHoliday('2029-06-15')).toBe(true);
    expect(local.isWorkingDay('2029-05-28')).toBe(true);
    expect(calendar.isWorkingDay('2029-05-28')).toBe(false);
    expect(local.holidaysIn(2029).map((h) => h.date)).toContain('2029-06-15');
    expect(local.holidaysIn(2029).map((h) => h.date)).not.toContain('2029-05-28');
    expect(() => createWorkingDayCalendar({ extraNonWorkingDays: ['2029-02-30'] })).toThrow(RangeError);
  });

  it('lands every working-day deadline on a working day, and counts back to where it started', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 80 }), (date, n) => {
        const due = calendar.addWorkingDays(date, n);
        return (
          calendar.isWorkingDay(due) &&
          calendar.workingDaysBetween(date, due) === n &&
          calendar.workingDaysBetween(date, addDays(due, -1)) === n - 1
        );
      }),
      { numRuns: 300 },
    );
  });

  it('goes back as well as forward', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const start = calendar.workingDayOnOrAfter(date);
        return calendar.addWorkingDays(calendar.addWorkingDays(start, n), -n) === start;
      }),
      { numRuns: 200 },
    );
  });

  it('never calls a weekend a working day', () => {
    fc.assert(
      fc.property(anyDate, (date) => !isWeekend(date) || !calendar.isWorkingDay(date)),
      { numRuns: 300 },
    );
  });
});
