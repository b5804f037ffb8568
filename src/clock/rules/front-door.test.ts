import { describe, expect, it } from 'vitest';
import { hoursLeft } from '../obligation.js';
import { child, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';

describe('contact decision within 1 working day', () => {
  it('a contact at 3:30pm on Friday 19 December 2025 is due by 3:30pm on Monday 22 December', () => {
    const f = facts();
    const list = obligationsOf(
      'contact-decision',
      child([
        f('contact_received', '2025-12-19T15:30:00Z', { episode: 'c1' }),
        f('contact_decided', '2025-12-22T11:00:00Z', { episode: 'c1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2025-12-22T15:30:00+00:00', '2025-12-22T11:00:00Z']]);
    expect(statuses(list, '2026-01-05T09:00:00Z')).toEqual(['met_on_time']);
  });

  it('a contact on Christmas Eve 2025 is due on Monday 29 December, after Christmas, Boxing Day and the weekend', () => {
    const f = facts();
    const list = obligationsOf('contact-decision', child([f('contact_received', '2025-12-24T10:00:00Z', { episode: 'c1' })]));
    expect(list.map((o) => o.dueAt)).toEqual(['2025-12-29T10:00:00+00:00']);
    expect(statuses(list, '2025-12-29T09:59:00Z')).toEqual(['due']);
    expect(statuses(list, '2025-12-29T10:01:00Z')).toEqual(['overdue']);
  });

  it('a contact on the Thursday before Good Friday 2026 is due on the Tuesday after Easter Monday', () => {
    const f = facts();
    const list = obligationsOf('contact-decision', child([f('contact_received', '2026-04-02T09:00:00+01:00', { episode: 'c1' })]));
    expect(list.map((o) => o.dueAt)).toEqual(['2026-04-07T09:00:00+01:00']);
  });

  it('Christmas 2022 fell on a Sunday: a contact on Friday 23 December is due on Wednesday 28th, after Boxing Day and the substitute day', () => {
    const f = facts();
    const list = obligationsOf('contact-decision', child([f('contact_received', '2022-12-23T09:00:00Z', { episode: 'c1' })]));
    expect(list.map((o) => o.dueAt)).toEqual(['2022-12-28T09:00:00+00:00']);
  });

  it('keeps the clock time across the change to summer time', () => {
    const f = facts();
    const list = obligationsOf('contact-decision', child([f('contact_received', '2026-03-27T16:00:00Z', { episode: 'c1' })]));
    expect(list.map((o) => o.dueAt)).toEqual(['2026-03-30T16:00:00+01:00']);
  });

  it('knows VE Day 2020 moved the May holiday to Friday 8 May', () => {
    const f = facts();
    const list = obligationsOf('contact-decision', child([f('contact_received', '2020-05-07T14:00:00+01:00', { episode: 'c1' })]));
    expect(list.map((o) => o.dueAt)).toEqual(['2020-05-11T14:00:00+01:00']);
  });

  it('a decision a minute late is met late, and the front door sees the hours left before then', () => {
    const f = facts();
    const [o] = obligationsOf(
      'contact-decision',
      child([
        f('contact_received', '2025-03-03T09:00:00Z', { episode: 'c1' }),
        f('contact_decided', '2025-03-04T09:01:00Z', { episode: 'c1' }),
      ]),
    );
    expect(statuses([o!], '2025-03-05T09:00:00Z')).toEqual(['met_late']);
    const [open] = obligationsOf('contact-decision', child([f('contact_received', '2025-03-03T09:00:00Z', { episode: 'c2' })]));
    expect(hoursLeft(open!, '2025-03-03T15:00:00Z')).toBe(18);
    expect(hoursLeft(open!, '2025-03-04T11:00:00Z')).toBe(-2);
  });

  it('pairs each decision with its own contact', () => {
    const f = facts();
    const list = obligationsOf(
      'contact-decision',
      child([
        f('contact_received', '2025-03-03T09:00:00Z', { episode: 'c1' }),
        f('contact_received', '2025-03-03T10:00:00Z', { episode: 'c2' }),
        f('contact_decided', '2025-03-03T12:00:00Z', { episode: 'c2' }),
      ]),
    );
    expect(list.map((o) => [o.episode, o.doneAt])).toEqual([
      ['c1', null],
      ['c2', '2025-03-03T12:00:00Z'],
    ]);
  });

  it('a contact recorded with a date only is due by the end of the next working day', () => {
    const f = facts();
    expect(obligationsOf('contact-decision', child([f('contact_received', '2025-12-19', { episode: 'c1' })])).map((o) => o.dueAt)).toEqual([
      '2025-12-22',
    ]);
  });
});

describe('child and family assessment within 45 working days of the referral', () => {
  it('a referral on Monday 3 March 2025 is due by Thursday 8 May, past Good Friday, Easter Monday and the May holiday', () => {
    const f = facts();
    const list = obligationsOf('assessment-45-working-days', child([f('referral_received', '2025-03-03', { episode: 'r1' })]));
    expect(list.map((o) => o.dueAt)).toEqual(['2025-05-08']);
    expect(list[0]!.explanation).toBe(
      'Complete and authorise the assessment within 45 working days of the referral received on 3 March 2025.',
    );
  });

  it('a referral on Friday 19 December 2025 is due by Wednesday 25 February 2026, past Christmas and New Year', () => {
    const f = facts();
    const list = obligationsOf(
      'assessment-45-working-days',
      child([f('referral_received', '2025-12-19', { episode: 'r1' }), f('assessment_completed', '2026-02-26', { episode: 'r1' })]),
    );
    expect(dueAndDone(list)).toEqual([['2026-02-25', '2026-02-26']]);
    expect(statuses(list, '2026-03-01')).toEqual(['met_late']);
  });

  it('only the assessment of the same referral meets it', () => {
    const f = facts();
    const list = obligationsOf(
      'assessment-45-working-days',
      child([
        f('referral_received', '2025-03-03', { episode: 'r1' }),
        f('referral_received', '2025-04-01', { episode: 'r2' }),
        f('assessment_completed', '2025-04-10', { episode: 'r2' }),
      ]),
    );
    expect(list.map((o) => [o.episode, o.doneAt])).toEqual([
      ['r1', null],
      ['r2', '2025-04-10'],
    ]);
  });

  it('a referral closed without an assessment owes nothing; one closed after its assessment keeps the record', () => {
    const f = facts();
    expect(
      obligationsOf(
        'assessment-45-working-days',
        child([f('referral_received', '2025-03-03', { episode: 'r1' }), f('referral_closed', '2025-03-20', { episode: 'r1' })]),
      ),
    ).toEqual([]);
    const kept = obligationsOf(
      'assessment-45-working-days',
      child([
        f('referral_received', '2025-03-03', { episode: 'r1' }),
        f('assessment_completed', '2025-03-20', { episode: 'r1' }),
        f('referral_closed', '2025-03-20', { episode: 'r1' }),
      ]),
    );
    expect(dueAndDone(kept)).toEqual([['2025-05-08', '2025-03-20']]);
  });
});
