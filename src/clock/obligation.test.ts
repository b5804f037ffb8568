import { describe, expect, it } from 'vitest';
import { type Obligation, daysLeft, daysOver, hoursLeft, isOutstanding, obligationStatus } from './obligation.js';
import { calendar } from './test-support.js';

function obligation(dueAt: string, doneAt: string | null = null, lapsesAt: string | null = null): Obligation {
  return {
    key: 'r:-:t',
    ruleId: 'r',
    episode: null,
    dueAt,
    doneAt,
    triggerFactId: 't',
    meetingFactId: doneAt ? 'm' : null,
    countedFrom: '2025-01-01',
    explanation: '',
    lapsesAt,
  };
}

describe('obligation status', () => {
  it('a date deadline holds until the end of that day', () => {
    const o = obligation('2025-03-07');
    expect(obligationStatus(o, '2025-03-07T23:59:00Z')).toBe('due');
    expect(obligationStatus(o, '2025-03-08T00:00:00Z')).toBe('overdue');
    expect(obligationStatus(obligation('2025-03-07', '2025-03-07T18:00:00Z'), '2025-04-01')).toBe('met_on_time');
    expect(obligationStatus(obligation('2025-03-07', '2025-03-08'), '2025-04-01')).toBe('met_late');
  });

  it('a datetime deadline is exact; a meeting recorded with a date only gets the benefit of the day', () => {
    const o = obligation('2025-03-04T15:30:00+00:00');
    expect(obligationStatus(o, '2025-03-04T15:29:00Z')).toBe('due');
    expect(obligationStatus(o, '2025-03-04T15:31:00Z')).toBe('overdue');
    expect(obligationStatus(obligation('2025-03-04T15:30:00+00:00', '2025-03-04T15:31:00Z'), '2025-04-01')).toBe('met_late');
    expect(obligationStatus(obligation('2025-03-04T15:30:00+00:00', '2025-03-04'), '2025-04-01')).toBe('met_on_time');
  });

  it('an unmet obligation lapses on its day; a met one never does', () => {
    expect(obligationStatus(obligation('2025-03-07', null, '2025-06-15'), '2025-06-14')).toBe('overdue');
    expect(obligationStatus(obligation('2025-03-07', null, '2025-06-15'), '2025-06-15')).toBe('lapsed');
    expect(isOutstanding(obligation('2025-03-07', null, '2025-06-15'), '2025-06-15')).toBe(false);
    expect(isOutstanding(obligation('2025-03-07'), '2025-06-15')).toBe(true);
  });
});

describe('days left and days over, in calendar and working days', () => {
  it('counts days left to a deadline after the Easter weekend', () => {
    expect(daysLeft(obligation('2025-04-22'), '2025-04-17T10:00:00+01:00', calendar)).toEqual({ calendarDays: 5, workingDays: 1 });
    expect(daysLeft(obligation('2025-04-22'), '2025-04-22', calendar)).toEqual({ calendarDays: 0, workingDays: 0 });
    expect(daysLeft(obligation('2025-04-22'), '2025-04-23', calendar)).toBeNull();
  });

  it('counts days over to now, or to when it was met late', () => {
    expect(daysOver(obligation('2025-04-17'), '2025-04-22', calendar)).toEqual({ calendarDays: 5, workingDays: 1 });
    expect(daysOver(obligation('2025-04-17', '2025-04-23'), '2025-06-01', calendar)).toEqual({ calendarDays: 6, workingDays: 2 });
    expect(daysOver(obligation('2025-04-17', '2025-04-16'), '2025-06-01', calendar)).toBeNull();
    expect(daysOver(obligation('2025-04-17', null, '2025-05-01'), '2025-06-01', calendar)).toBeNull();
  });

  it('gives the front door hours left, only for datetime deadlines', () => {
    expect(hoursLeft(obligation('2025-03-04T15:30:00+00:00'), '2025-03-04T12:00:00Z')).toBe(3.5);
    expect(hoursLeft(obligation('2025-03-04'), '2025-03-04T12:00:00Z')).toBeNull();
    expect(hoursLeft(obligation('2025-03-04T15:30:00+00:00', '2025-03-04T15:00:00Z'), '2025-03-04T12:00:00Z')).toBeNull();
  });
});
