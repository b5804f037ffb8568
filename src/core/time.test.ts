import { describe, expect, it } from 'vitest';
import { deadlineInstant, endOfLondonDay, londonDate, startOfLondonDay } from './time.js';

describe('time in England', () => {
  it('starts a winter day at midnight UTC and a summer day at 23:00 UTC the day before', () => {
    expect(startOfLondonDay('2026-01-15').toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfLondonDay('2026-07-15').toISOString()).toBe('2026-07-14T23:00:00.000Z');
  });

  it('ends the day the clocks go forward after 23 hours', () => {
    const start = startOfLondonDay('2026-03-29');
    const end = endOfLondonDay('2026-03-29');
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(23);
  });

  it('reads the date in England, not in UTC', () => {
    expect(londonDate(new Date('2026-07-14T23:30:00Z'))).toBe('2026-07-15');
    expect(londonDate(new Date('2026-01-14T23:30:00Z'))).toBe('2026-01-14');
  });

  it('treats a date deadline as the end of that day and a datetime as itself', () => {
    expect(deadlineInstant('2026-01-15').toISOString()).toBe('2026-01-16T00:00:00.000Z');
    expect(deadlineInstant('2026-01-15T14:00:00Z').toISOString()).toBe('2026-01-15T14:00:00.000Z');
  });
});
