import { describe, expect, it } from 'vitest';
import { child, context, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';
import { prepareTimeline } from '../timeline.js';
import { eligibilityDate } from './care-leavers.js';

const dob = '2009-06-15';

describe('becoming an eligible child', () => {
  it('in care since before 14: eligible on the 16th birthday', () => {
    const f = facts();
    expect(
      eligibilityDate(prepareTimeline(child([f('became_looked_after', '2022-01-10', { episode: 'p1' })], { dateOfBirth: dob })))?.date,
    ).toBe('2025-06-15');
  });

  it('in care from just before 16: eligible when 13 weeks are complete', () => {
    const f = facts();
    expect(
      eligibilityDate(prepareTimeline(child([f('became_looked_after', '2025-05-01', { episode: 'p1' })], { dateOfBirth: dob })))?.date,
    ).toBe('2025-07-31');
  });

  it('adds up periods of care since the 14th birthday', () => {
    const f = facts();
    const t = prepareTimeline(
      child(
        [
          f('became_looked_after', '2023-01-01', { episode: 'p1' }),
          f('ceased_looked_after', '2023-09-01', { episode: 'p1' }),
          f('became_looked_after', '2025-07-01', { episode: 'p2' }),
        ],
        { dateOfBirth: dob },
      ),
    );
    // 78 days from the 14th birthday (15 June 2023) to 1 September 2023; 13 more from 1 July 2025.
    expect(eligibilityDate(t)?.date).toBe('2025-07-14');
  });

  it('a month in care after 16 is not enough', () => {
    const f = facts();
    const t = prepareTimeline(
      child([f('became_looked_after', '2025-06-01', { episode: 'p1' }), f('ceased_looked_after', '2025-07-01', { episode: 'p1' })], {
        dateOfBirth: dob,
      }),
    );
    expect(eligibilityDate(t)).toBeNull();
  });
});

describe('leaving care needs assessment within 3 months', () => {
  it('born 29 February 2008 and in care: eligible on 29 February 2024, assessment due 29 May', () => {
    const f = facts();
    const list = obligationsOf(
      'eligible-needs-assessment',
      child([f('became_looked_after', '2021-03-01', { episode: 'p1' })], { dateOfBirth: '2008-02-29' }),
    );
    expect(list.map((o) => [o.dueAt, o.countedFrom, o.lapsesAt])).toEqual([['2024-05-29', '2024-02-29', '2026-02-28']]);
  });

  it('an unmet assessment lapses on the 18th birthday', () => {
    const f = facts();
    const list = obligationsOf(
      'eligible-needs-assessment',
      child([f('became_looked_after', '2021-03-01', { episode: 'p1' })], { dateOfBirth: dob }),
    );
    expect(statuses(list, '2025-12-01')).toEqual(['overdue']);
    expect(statuses(list, '2027-06-15')).toEqual(['lapsed']);
  });

  it('a recorded eligibility date is used as recorded', () => {
    const f = facts();
    const list = obligationsOf(
      'eligible-needs-assessment',
      child([f('became_eligible', '2025-09-01'), f('needs_assessment_completed', '2025-11-20')], { dateOfBirth: dob }),
    );
    expect(dueAndDone(list)).toEqual([['2025-12-01', '2025-11-20']]);
  });
});

describe('pathway plan reviews every 6 months', () => {
  it('chain from the plan, stop when support ends', () => {
    const f = facts();
    const list = obligationsOf(
      'pathway-plan-review',
      child(
        [
          f('pathway_plan_completed', '2025-09-01'),
          f('pathway_plan_reviewed', '2026-02-20'),
          f('leaving_care_support_ended', '2026-05-01'),
        ],
        { dateOfBirth: '2007-01-01' },
      ),
    );
    expect(dueAndDone(list)).toEqual([['2026-03-01', '2026-02-20']]);
  });
});

describe('personal adviser contact', () => {
  it('within 7 days of accommodation starting, then every 2 months', () => {
    const f = facts();
    const list = obligationsOf(
      'personal-adviser-contact',
      child([f('leaving_care_accommodation_started', '2025-09-01', { episode: 'a1' }), f('personal_adviser_contact', '2025-09-05')], {
        dateOfBirth: '2007-08-01',
      }),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-09-08', '2025-09-05'],
      ['2025-11-05', null],
    ]);
  });

  it('every 8 weeks where local policy says so', () => {
    const f = facts();
    const ctx = context([{ key: 'personalAdviser.contactInterval', value: 'eight_weeks', effectiveFrom: '2025-01-01' }]);
    expect(
      obligationsOf(
        'personal-adviser-contact',
        child([f('personal_adviser_contact', '2025-09-05')], { dateOfBirth: '2007-08-01' }),
        ctx,
      ).map((o) => o.dueAt),
    ).toEqual(['2025-10-31']);
    expect(() => context([{ key: 'personalAdviser.contactInterval', value: 'monthly', effectiveFrom: '2025-01-01' }])).toThrow(RangeError);
  });

  it('owes nothing falling due after the 25th birthday', () => {
    const f = facts();
    const c = child([f('personal_adviser_contact', '2025-07-01'), f('personal_adviser_contact', '2025-09-01')], {
      dateOfBirth: '2000-10-20',
    });
    const list = obligationsOf('personal-adviser-contact', c);
    expect(list.map((o) => [o.dueAt, o.doneAt, o.lapsesAt])).toEqual([['2025-09-01', '2025-09-01', null]]);
  });
});
