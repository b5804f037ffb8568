import { describe, expect, it } from 'vitest';
import { calendar, child, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';
import { emergencyProtectionOrderEnd } from './legal.js';

describe('police protection: 72 hours', () => {
  it('counts elapsed hours: from 10am on Friday 28 March 2025 to 11am BST on Monday 31 March', () => {
    const f = facts();
    const list = obligationsOf(
      'police-protection-72-hours',
      child([
        f('police_protection_started', '2025-03-28T10:00:00Z', { episode: 'pp1' }),
        f('police_protection_ended', '2025-03-30T09:00:00+01:00', { episode: 'pp1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2025-03-31T11:00:00+01:00', '2025-03-30T09:00:00+01:00']]);
    expect(statuses(list, '2025-04-01T00:00:00Z')).toEqual(['met_on_time']);
  });

  it('with no time recorded, counts three days', () => {
    const f = facts();
    const [o] = obligationsOf('police-protection-72-hours', child([f('police_protection_started', '2025-03-28', { episode: 'pp1' })]));
    expect(o!.dueAt).toBe('2025-03-31');
    expect(o!.explanation).toContain('no time recorded');
  });
});

describe('emergency protection orders: 8 days, and the noon rule of s45(2)', () => {
  it('an order made on Monday 3 March 2025 lasts to the end of Tuesday 11 March', () => {
    expect(emergencyProtectionOrderEnd('2025-03-03', calendar)).toEqual({ end: '2025-03-11', noonRule: false });
  });

  it('when the eighth day is a Sunday it may run to noon on Monday', () => {
    expect(emergencyProtectionOrderEnd('2025-03-22', calendar)).toEqual({ end: '2025-03-31T12:00:00+01:00', noonRule: true });
  });

  it('when the eighth day is Good Friday it may run to noon on Saturday, which s45(2) does not exclude', () => {
    expect(emergencyProtectionOrderEnd('2025-04-10', calendar).end).toBe('2025-04-19T12:00:00+01:00');
  });

  it('when the eighth day is Christmas Day 2025 it runs past Boxing Day to noon on Saturday 27 December', () => {
    expect(emergencyProtectionOrderEnd('2025-12-17', calendar).end).toBe('2025-12-27T12:00:00+00:00');
  });

  it('Christmas Day 2027 falls on a Saturday: the order runs past the Sunday and both substitute days to Wednesday', () => {
    expect(emergencyProtectionOrderEnd('2027-12-17', calendar).end).toBe('2027-12-29T12:00:00+00:00');
  });

  it('when the eighth day is Saturday 26 December 2026, a bank holiday, it runs past the Sunday and Monday 28 (substitute) to noon on Tuesday 29', () => {
    expect(emergencyProtectionOrderEnd('2026-12-18', calendar)).toEqual({ end: '2026-12-29T12:00:00+00:00', noonRule: true });
    // the same in 2020, and in 2037, past the shipped table
    expect(emergencyProtectionOrderEnd('2020-12-18', calendar).end).toBe('2020-12-29T12:00:00+00:00');
    expect(emergencyProtectionOrderEnd('2037-12-18', calendar).end).toBe('2037-12-29T12:00:00+00:00');
    const f = facts();
    const [o] = obligationsOf('emergency-protection-order-limit', child([f('epo_made', '2026-12-18T16:30:00Z', { episode: 'o1' })]));
    expect(o!.dueAt).toBe('2026-12-29T12:00:00+00:00');
    expect(o!.explanation).toContain('the eighth day, 26 December 2026, is Boxing Day, so it may run to');
  });

  it('an ordinary Saturday eighth day ends the order that day: s45(2) looks past Sundays and holidays only', () => {
    // made on Friday 12 March 2027
    expect(emergencyProtectionOrderEnd('2027-03-12', calendar)).toEqual({ end: '2027-03-20', noonRule: false });
  });

  it('one extension adds up to 7 days, keeping the noon end', () => {
    const f = facts();
    const plain = obligationsOf(
      'emergency-protection-order-limit',
      child([f('epo_made', '2025-03-03', { episode: 'o1' }), f('epo_extended', '2025-03-10', { episode: 'o1' })]),
    );
    expect(plain.map((o) => o.dueAt)).toEqual(['2025-03-18']);
    const noon = obligationsOf(
      'emergency-protection-order-limit',
      child([
        f('epo_made', '2025-03-22', { episode: 'o2' }),
        f('epo_extended', '2025-03-28', { episode: 'o2' }),
        f('epo_ended', '2025-04-04', { episode: 'o2' }),
      ]),
    );
    expect(dueAndDone(noon)).toEqual([['2025-04-07T12:00:00+01:00', '2025-04-04']]);
    expect(noon[0]!.explanation).toContain('extended on 28 March 2025');
  });
});

describe('child assessment order: 7 days beginning with the start date', () => {
  it('an assessment starting on Monday 3 March 2025 must end by Sunday 9 March', () => {
    const f = facts();
    expect(
      obligationsOf('child-assessment-order-limit', child([f('child_assessment_order_started', '2025-03-03', { episode: 'o1' })])).map(
        (o) => o.dueAt,
      ),
    ).toEqual(['2025-03-09']);
  });
});

describe('care proceedings: 26 weeks beginning with the day of issue', () => {
  const issued = (f: ReturnType<typeof facts>) => f('care_proceedings_issued', '2025-01-06', { episode: 'cp1' });

  it('issued on Monday 6 January 2025: the 26th week ends on Sunday 6 July', () => {
    const f = facts();
    expect(obligationsOf('care-proceedings-26-weeks', child([issued(f)])).map((o) => o.dueAt)).toEqual(['2025-07-06']);
  });

  it('each extension adds up to 8 weeks to the limit then in force', () => {
    const f = facts();
    const once = obligationsOf(
      'care-proceedings-26-weeks',
      child([issued(f), f('care_proceedings_extended', '2025-06-30', { episode: 'cp1' })]),
    );
    expect(once.map((o) => o.dueAt)).toEqual(['2025-08-31']);
    const twice = obligationsOf(
      'care-proceedings-26-weeks',
      child([
        issued(f),
        f('care_proceedings_extended', '2025-06-30', { episode: 'cp1' }),
        f('care_proceedings_extended', '2025-08-25', { episode: 'cp1' }),
      ]),
    );
    expect(twice.map((o) => o.dueAt)).toEqual(['2025-10-26']);
    const shorter = obligationsOf(
      'care-proceedings-26-weeks',
      child([issued(f), f('care_proceedings_extended', '2025-06-30', { episode: 'cp1', data: { weeks: 4 } })]),
    );
    expect(shorter.map((o) => o.dueAt)).toEqual(['2025-08-03']);
  });

  it('is met by the final hearing', () => {
    const f = facts();
    const list = obligationsOf(
      'care-proceedings-26-weeks',
      child([issued(f), f('care_proceedings_concluded', '2025-07-04', { episode: 'cp1' })]),
    );
    expect(statuses(list, '2025-08-01')).toEqual(['met_on_time']);
  });
});
