import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, createWorkingDayCalendar, dateFromDayNumber, dayNumber, fromLondonLocal } from '../core/calendar/index.js';
import { createDays } from './days.js';
import { createRandom } from './random.js';

const calendar = createWorkingDayCalendar();
const days = createDays(calendar, '2005-01-01', '2016-12-31');
// Dates inside and a little outside the table, so both paths are exercised.
const date = fc.integer({ min: dayNumber('2004-06-01'), max: dayNumber('2017-06-30') }).map(dateFromDayNumber);

describe('the demo’s day arithmetic agrees with the working-day calendar', () => {
  it('adds working days, forwards and back, as the calendar does', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -300, max: 300 }), (d, n) => {
        expect(days.addWorkingDays(d, n)).toBe(calendar.addWorkingDays(d, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts working days between two dates as the calendar does', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        expect(days.workingDaysBetween(a, b)).toBe(calendar.workingDaysBetween(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('adds calendar months as the calendar does, month ends included', () => {
    fc.assert(
      fc.property(date, fc.integer({ min: -70, max: 70 }), (d, n) => {
        expect(days.addMonths(d, n)).toBe(addCalendarMonths(d, n));
      }),
      { numRuns: 2000 },
    );
  });

  it('turns a UK date and time into the same instant, on the days the clocks change too', () => {
    for (const d of ['2014-03-30', '2014-10-26', '2014-07-01', '2014-12-25']) {
      for (const hour of [0, 1, 2, 9, 23]) expect(days.at(d, hour, 30)).toBe(fromLondonLocal(d, hour, 30));
    }
  });
});

describe('the demo’s random source', () => {
  it('gives the same sequence for the same seed and stream, and another for another stream', () => {
    const a = createRandom(7, 'children');
    const b = createRandom(7, 'children');
    const c = createRandom(7, 'visits');
    const first = Array.from({ length: 5 }, () => a.uuid());
    expect(Array.from({ length: 5 }, () => b.uuid())).toEqual(first);
    expect(c.uuid()).not.toBe(first[0]);
  });

  it('makes version 4 UUIDs', () => {
    const rng = createRandom(1);
    for (let i = 0; i < 200; i++) expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
