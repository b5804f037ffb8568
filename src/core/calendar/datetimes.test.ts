import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addHours,
  compareMoments,
  formatMoment,
  fromLondonLocal,
  instantOf,
  isIsoDateTime,
  localDateOf,
  londonLocal,
  momentSortKey,
  noonOn,
  sameTimeOnDate,
  toLondonIso,
} from './datetimes.js';

const platformLondon = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function platformLocal(instant: number): string {
  const p = Object.fromEntries(platformLondon.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

describe('UK datetimes', () => {
  it('reads datetimes with Z or an offset', () => {
    expect(isIsoDateTime('2025-03-03T14:30:00Z')).toBe(true);
    expect(isIsoDateTime('2025-06-02T09:15+01:00')).toBe(true);
    expect(isIsoDateTime('2025-06-02T09:15:00')).toBe(false); // no offset: ambiguous
    expect(isIsoDateTime('2025-06-31T09:15:00Z')).toBe(false);
    expect(instantOf('2025-06-02T09:15:00+01:00')).toBe(Date.parse('2025-06-02T08:15:00Z'));
  });

  it('knows British Summer Time as the platform time-zone data does, 2000–2040', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-12-31T00:00:00Z') }), (t) => {
        const l = londonLocal(t);
        const mine = `${l.date}T${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
        return mine === platformLocal(t);
      }),
      { numRuns: 300 },
    );
    // The exact changeovers in 2025: 30 March and 26 October, 01:00 UTC.
    expect(toLondonIso(Date.parse('2025-03-30T00:59:59Z'))).toBe('2025-03-30T00:59:59+00:00');
    expect(toLondonIso(Date.parse('2025-03-30T01:00:00Z'))).toBe('2025-03-30T02:00:00+01:00');
    expect(toLondonIso(Date.parse('2025-10-26T00:59:00Z'))).toBe('2025-10-26T01:59:00+01:00');
    expect(toLondonIso(Date.parse('2025-10-26T01:00:00Z'))).toBe('2025-10-26T01:00:00+00:00');
  });

  it('finds the instant for a UK clock time, including the hours the clocks skip and repeat', () => {
    expect(toLondonIso(fromLondonLocal('2025-07-01', 10, 30))).toBe('2025-07-01T10:30:00+01:00');
    expect(toLondonIso(fromLondonLocal('2025-01-01', 10, 30))).toBe('2025-01-01T10:30:00+00:00');
    expect(toLondonIso(fromLondonLocal('2025-03-30', 1, 30))).toBe('2025-03-30T02:30:00+01:00');
    expect(toLondonIso(fromLondonLocal('2025-10-26', 1, 30))).toBe('2025-10-26T01:30:00+01:00');
  });

  it('keeps the UK clock time when moving a datetime to another day, across the clock change', () => {
    // Received 10:30 on Friday 28 March 2025 (GMT); due 10:30 on Monday 31 March (BST).
    expect(sameTimeOnDate('2025-03-28T10:30:00Z', '2025-03-31')).toBe('2025-03-31T10:30:00+01:00');
    expect(noonOn('2025-12-26')).toBe('2025-12-26T12:00:00+00:00');
  });

  it('counts hours as elapsed time: 72 hours across the clocks going forward is 73 on the wall clock', () => {
    expect(addHours('2025-03-28T10:00:00Z', 72)).toBe('2025-03-31T11:00:00+01:00');
  });

  it('takes a datetime late in the evening UTC as the next UK day in summer', () => {
    expect(localDateOf('2025-06-02T23:30:00Z')).toBe('2025-06-03');
    expect(localDateOf('2025-12-02T23:30:00Z')).toBe('2025-12-02');
  });

  it('compares a plain date with a datetime by UK date, and datetimes by instant', () => {
    expect(compareMoments('2025-06-03', '2025-06-02T23:30:00Z')).toBe(0);
    expect(compareMoments('2025-06-02', '2025-06-02T23:30:00Z')).toBeLessThan(0);
    expect(compareMoments('2025-06-02T10:00:00+01:00', '2025-06-02T09:30:00Z')).toBeLessThan(0);
    expect(momentSortKey('2025-06-02') < momentSortKey('2025-06-02T00:00:00+01:00')).toBe(true);
    expect(momentSortKey('2025-06-02T08:00:00+01:00') < momentSortKey('2025-06-02T07:30:00Z')).toBe(true);
  });

  it('formats moments for people', () => {
    expect(formatMoment('2024-05-02')).toBe('2 May 2024');
    expect(formatMoment('2024-05-02T09:30:00Z')).toBe('10:30am on 2 May 2024');
    expect(formatMoment('2024-12-02T12:00:00Z')).toBe('12pm on 2 December 2024');
    expect(formatMoment('2024-12-02T16:05:00Z')).toBe('4:05pm on 2 December 2024');
  });
});
