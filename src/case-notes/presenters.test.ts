import { describe, expect, it } from 'vitest';
import { dateWithTime, timeOfDay } from '../casework/format.js';
import { lateness } from './presenters.js';
import { caseNoteSettings } from './settings.js';

describe('late recording of a case note', () => {
  const five = () => 5;

  it('is late only past the setting: on the fifth working day is in time, on the sixth late', () => {
    expect(lateness({ recordedDate: '2026-03-11', recordingWorkingDays: 5 }, five)).toMatchObject({
      late: false,
      text: '5 working days after',
      tag: null,
    });
    expect(lateness({ recordedDate: '2026-03-11', recordingWorkingDays: 6 }, five)).toMatchObject({
      late: true,
      tag: { text: 'Recorded late', classes: 'govuk-tag--orange' },
    });
    expect(lateness({ recordedDate: '2026-03-11', recordingWorkingDays: 0 }, five).text).toBe('On the day');
    expect(lateness({ recordedDate: '2026-03-11', recordingWorkingDays: 1 }, five).text).toBe('1 working day after');
  });

  it('has a default inside the range the setting states, with the reason for the range', () => {
    const [setting] = caseNoteSettings;
    expect(setting!.default).toBe(5);
    expect(setting!.range!.min).toBeLessThanOrEqual(5);
    expect(setting!.range!.max).toBeGreaterThanOrEqual(5);
    expect(setting!.range!.why).toMatch(/no statute/);
  });
});

describe('a time of day in words', () => {
  it('reads as the record does elsewhere', () => {
    expect(timeOfDay('09:15')).toBe('9:15am');
    expect(timeOfDay('12:00')).toBe('12pm');
    expect(timeOfDay('00:05')).toBe('12:05am');
    expect(dateWithTime('2026-03-11', null)).toBe('11 March 2026');
    expect(dateWithTime('2026-03-11', '14:00')).toBe('11 March 2026 at 2pm');
  });
});
