import { describe, expect, it } from 'vitest';
import { dayNumber } from '../../core/calendar/index.js';
import { addYears, day, dayAsGiven, isRealDate, isWeekend } from './dates.js';

describe('CIN dates', () => {
  it('turns a real YYYY-MM-DD date into its day number and anything else into NaN', () => {
    expect(day('2024-02-29')).toBe(dayNumber('2024-02-29'));
    for (const bad of [null, '2023-02-29', '2024-13-01', '2024-1-01', '01/04/2024', '2024-04-01T00:00', '']) expect(day(bad)).toBeNaN();
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2025-02-29')).toBe(false);
  });

  it('knows weekends and whole years', () => {
    expect(isWeekend(day('2024-06-22'))).toBe(true);
    expect(isWeekend(day('2024-06-24'))).toBe(false);
    expect(addYears(day('2024-02-29'), 1)).toBe(day('2025-02-28'));
  });
});

describe('a date as the rules read it', () => {
  it('takes a date written with slashes as the day it says, and nothing else that is not a date', () => {
    expect(dayAsGiven('2025/06/06')).toBe(day('2025-06-06'));
    expect(dayAsGiven('2025-06-06')).toBe(day('2025-06-06'));
    for (const text of ['2025/06/31', '06/06/2025', '2025.06.06', 'X', '', null])
      expect(Number.isNaN(dayAsGiven(text)), String(text)).toBe(true);
  });
  it('takes the year first with a one-digit month or day as the day it says; never a day-first date, whose order is a guess', () => {
    expect(dayAsGiven('2025-6-1')).toBe(day('2025-06-01'));
    expect(dayAsGiven('2025/6/01')).toBe(day('2025-06-01'));
    expect(dayAsGiven('2025-12-9')).toBe(day('2025-12-09'));
    for (const text of ['2025-6/1', '2025-13-1', '2025-2-29', '2025-06-001', '31/03/2026', '1/6/2025', '31-03-2026', '25-6-1']) {
      expect(Number.isNaN(dayAsGiven(text)), text).toBe(true);
    }
  });
});
