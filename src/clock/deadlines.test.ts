import { describe, expect, it } from 'vitest';
import { calendar } from './test-support.js';
import { calendarDays, describePeriod, dueFrom, hours, months, weeks, workingDays } from './deadlines.js';

describe('deadlines', () => {
  it('does not count the trigger day, unless the law says "beginning with"', () => {
    expect(dueFrom('2025-03-03', calendarDays(7), calendar)).toBe('2025-03-10');
    expect(dueFrom('2025-03-03', calendarDays(7, { countsTriggerDay: true }), calendar)).toBe('2025-03-09');
    expect(dueFrom('2025-01-06', weeks(26, { countsTriggerDay: true }), calendar)).toBe('2025-07-06');
    expect(dueFrom('2025-03-03', workingDays(1), calendar)).toBe('2025-03-04');
    expect(dueFrom('2025-03-03', workingDays(1, { countsTriggerDay: true }), calendar)).toBe('2025-03-03');
  });

  it('counts months to the corresponding date or the end of a shorter month', () => {
    expect(dueFrom('2025-11-30', months(3), calendar)).toBe('2026-02-28');
    expect(dueFrom('2023-11-30', months(3), calendar)).toBe('2024-02-29');
  });

  it('counts day-based periods from the UK date of a datetime', () => {
    // 11:30pm UTC on 2 June is 12:30am on 3 June in London.
    expect(dueFrom('2025-06-02T23:30:00Z', calendarDays(1), calendar)).toBe('2025-06-04');
    expect(dueFrom('2025-06-02T23:30:00Z', workingDays(1, { sameTimeOfDay: true }), calendar)).toBe('2025-06-04T00:30:00+01:00');
  });

  it('counts hours as elapsed time, or whole days from a plain date', () => {
    expect(dueFrom('2025-10-24T12:00:00+01:00', hours(72), calendar)).toBe('2025-10-27T11:00:00+00:00');
    expect(dueFrom('2025-10-24', hours(72), calendar)).toBe('2025-10-27');
  });

  it('describes periods in words', () => {
    expect([
      describePeriod(workingDays(45)),
      describePeriod(weeks(1)),
      describePeriod(months(3)),
      describePeriod(hours(72)),
      describePeriod(calendarDays(1)),
    ]).toEqual(['45 working days', '1 week', '3 months', '72 hours', '1 day']);
  });
});
