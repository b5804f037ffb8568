import { describe, expect, it } from 'vitest';
import { createWorkingDayCalendar } from '../core/calendar/index.js';
import { bandCutoffs, bandOf } from './queries.js';

function daysBefore(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

describe('age bands as ranges of referral dates', () => {
  const calendar = createWorkingDayCalendar();
  // a Monday, a day after Easter Monday, a Saturday, the day after Boxing Day, New Year's Day
  for (const today of ['2026-03-02', '2026-04-07', '2026-06-13', '2025-12-27', '2026-01-01']) {
    it(`puts every referral date in the band its working-day age gives, on ${today}`, () => {
      const cutoffs = bandCutoffs(today, calendar);
      const bandByDate = (date: string) => cutoffs.find((c) => c.from === null || date >= c.from)!.id;
      for (let n = -5; n <= 200; n++) {
        const referral = daysBefore(today, n);
        const age = Math.max(0, calendar.workingDaysBetween(referral, today));
        expect({ referral, band: bandByDate(referral) }).toEqual({ referral, band: bandOf(age) });
      }
    });
  }
});
