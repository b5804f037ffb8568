import { describe, expect, it } from 'vitest';
import { child, context, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';
import { endOfNextTerm, parseTermStarts } from './health-and-education.js';

const lac = (f: ReturnType<typeof facts>, at = '2025-12-19') => f('became_looked_after', at, { episode: 'p1' });

describe('initial health assessment: in time for the first review', () => {
  it('looked after from Friday 19 December 2025: due by Wednesday 21 January 2026', () => {
    const f = facts();
    expect(obligationsOf('initial-health-assessment', child([lac(f)])).map((o) => o.dueAt)).toEqual(['2026-01-21']);
  });

  it('an assessment in the 3 months before counts; one earlier does not', () => {
    const f = facts();
    const recent = obligationsOf('initial-health-assessment', child([f('health_assessment_completed', '2025-10-01'), lac(f)]));
    expect(dueAndDone(recent)).toEqual([['2026-01-21', '2025-10-01']]);
    const old = obligationsOf('initial-health-assessment', child([f('health_assessment_completed', '2025-09-01'), lac(f)]));
    expect(dueAndDone(old)).toEqual([['2026-01-21', null]]);
  });
});

describe('review health assessments: 6-monthly under 5, yearly from 5', () => {
  it('a three-year-old assessed on 10 January 2026 is due again by 10 July', () => {
    const f = facts();
    const list = obligationsOf(
      'review-health-assessment',
      child([lac(f), f('health_assessment_completed', '2026-01-10')], { dateOfBirth: '2022-06-15' }),
    );
    expect(list.map((o) => o.dueAt)).toEqual(['2026-07-10']);
  });

  it('counts by the age at the last assessment: the interval grows once the child is 5', () => {
    const f = facts();
    const list = obligationsOf(
      'review-health-assessment',
      child([lac(f, '2026-01-05'), f('health_assessment_completed', '2026-01-10'), f('health_assessment_completed', '2026-07-01')], {
        dateOfBirth: '2021-06-15',
      }),
    );
    expect(dueAndDone(list)).toEqual([
      ['2026-07-10', '2026-07-01'],
      ['2027-07-01', null],
    ]);
  });
});

describe('dental checks (local: every 12 months by default)', () => {
  it('a check in the year before becoming looked after counts, and the next is a year after it', () => {
    const f = facts();
    const list = obligationsOf('dental-check', child([f('dental_check_completed', '2025-03-01'), lac(f)]));
    // Listed by due date: the next check (1 March 2026) before the met one counted from becoming looked after.
    expect(dueAndDone(list)).toEqual([
      ['2026-03-01', null],
      ['2026-12-19', '2025-03-01'],
    ]);
  });

  it('a 6-monthly local policy applies to the next check counted from a check after it took effect', () => {
    const f = facts();
    const ctx = context([{ key: 'dentalCheck.intervalMonths', value: 6, effectiveFrom: '2026-01-01' }]);
    const list = obligationsOf('dental-check', child([lac(f), f('dental_check_completed', '2026-02-28')]), ctx);
    expect(dueAndDone(list)).toEqual([
      ['2026-08-28', null],
      ['2026-12-19', '2026-02-28'],
    ]);
  });
});

describe('personal education plans', () => {
  it('started within 10 working days of becoming looked after: Wednesday 7 January 2026', () => {
    const f = facts();
    expect(obligationsOf('pep-initiated', child([lac(f)], { dateOfBirth: '2017-05-01' })).map((o) => o.dueAt)).toEqual(['2026-01-07']);
  });

  it('for a baby, from the local starting age: turning 3 on Saturday 20 November 2027, due Friday 3 December', () => {
    const f = facts();
    const [o] = obligationsOf('pep-initiated', child([lac(f)], { dateOfBirth: '2024-11-20' }));
    expect([o!.dueAt, o!.triggerFactId, o!.countedFrom]).toEqual(['2027-12-03', null, '2027-11-20']);
  });

  it('reviewed each school term: after a PEP in the spring term, the next is due by the end of the summer term', () => {
    const f = facts();
    const list = obligationsOf(
      'pep-review',
      child([lac(f), f('pep_initiated', '2026-01-07', { episode: 'p1' }), f('pep_reviewed', '2026-05-10', { episode: 'p1' })]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2026-08-31', '2026-05-10'],
      ['2026-12-31', null],
    ]);
  });

  it('a missed term is met late by the next PEP meeting', () => {
    const f = facts();
    const list = obligationsOf(
      'pep-review',
      child([lac(f), f('pep_initiated', '2026-01-07', { episode: 'p1' }), f('pep_reviewed', '2026-09-15', { episode: 'p1' })]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2026-08-31', '2026-09-15'],
      ['2027-03-31', null],
    ]);
    expect(statuses(list, '2026-10-01')).toEqual(['met_late', 'due']);
  });

  it('uses the authority’s own term dates', () => {
    const f = facts();
    const ctx = context([{ key: 'pep.termStartDates', value: '09-04,01-06,04-22', effectiveFrom: '2025-01-01' }]);
    const list = obligationsOf('pep-review', child([lac(f), f('pep_initiated', '2026-01-07', { episode: 'p1' })]), ctx);
    expect(list.map((o) => o.dueAt)).toEqual(['2026-09-03']);
  });

  it('reads term dates strictly', () => {
    expect(parseTermStarts('01-06, 09-04')).toEqual([
      [1, 6],
      [9, 4],
    ]);
    expect(() => parseTermStarts('13-01')).toThrow(RangeError);
    expect(() => context([{ key: 'pep.termStartDates', value: 'autumn', effectiveFrom: '2025-01-01' }])).toThrow(/MM-DD/);
    expect(endOfNextTerm('2026-12-31', '09-01,01-01,04-01')).toEqual({ nextTermStart: '2027-01-01', nextTermEnd: '2027-03-31' });
  });
});

describe('return home interview within 72 hours', () => {
  it('a child back at 10pm on 28 March 2025 is due an interview 72 hours later: 11pm BST on 31 March', () => {
    const f = facts();
    const list = obligationsOf(
      'return-home-interview',
      child([
        f('missing_episode_ended', '2025-03-28T22:00:00Z', { episode: 'm1' }),
        f('return_interview_held', '2025-03-31', { episode: 'm1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2025-03-31T23:00:00+01:00', '2025-03-31']]);
    expect(statuses(list, '2025-04-02T00:00:00Z')).toEqual(['met_on_time']);
  });

  it('an interview offered and declined meets it', () => {
    const f = facts();
    const list = obligationsOf(
      'return-home-interview',
      child([
        f('missing_episode_ended', '2025-03-28T22:00:00Z', { episode: 'm1' }),
        f('return_interview_declined', '2025-03-29T10:00:00Z', { episode: 'm1' }),
      ]),
    );
    expect(statuses(list, '2025-04-02T00:00:00Z')).toEqual(['met_on_time']);
  });
});
