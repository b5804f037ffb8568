import { describe, expect, it } from 'vitest';
import { child, context, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';

describe('transition planning for disabled children (local: by 16 by default)', () => {
  it('is due by the 16th birthday, and met by planning started before it', () => {
    const f = facts();
    const list = obligationsOf(
      'transition-planning',
      child([f('referral_received', '2020-01-06', { episode: 'r1' }), f('transition_planning_started', '2025-12-01')], {
        dateOfBirth: '2010-03-04',
        disabled: true,
      }),
    );
    expect(dueAndDone(list)).toEqual([['2026-03-04', '2025-12-01']]);
    expect(list[0]!.explanation).toBe('Start transition planning by the child’s 16th birthday on 4 March 2026 (local policy).');
  });

  it('is not owed for a child without a disability, nor once the case is closed', () => {
    const f = facts();
    const referred = () => f('referral_received', '2020-01-06', { episode: 'r1' });
    expect(obligationsOf('transition-planning', child([referred()], { dateOfBirth: '2010-03-04', disabled: false }))).toEqual([]);
    expect(
      obligationsOf('transition-planning', child([f('case_closed', '2021-05-01')], { dateOfBirth: '2010-03-04', disabled: true })),
    ).toEqual([]);
    const reopened = obligationsOf(
      'transition-planning',
      child([f('case_closed', '2021-05-01'), f('referral_received', '2024-02-01', { episode: 'r2' })], {
        dateOfBirth: '2010-03-04',
        disabled: true,
      }),
    );
    expect(reopened.map((o) => o.dueAt)).toEqual(['2026-03-04']);
  });

  it('is not owed for a disabled child whose contacts never opened a case', () => {
    const f = facts();
    const contactOnly = child(
      [f('contact_received', '2025-01-06T10:00:00Z', { episode: 'c1' }), f('contact_decided', '2025-01-07', { episode: 'c1' })],
      { dateOfBirth: '2010-03-04', disabled: true },
    );
    expect(obligationsOf('transition-planning', contactOnly)).toEqual([]);
  });

  it('lapses on the 18th birthday if never started', () => {
    const f = facts();
    const list = obligationsOf(
      'transition-planning',
      child([f('referral_received', '2020-01-06', { episode: 'r1' })], { dateOfBirth: '2010-03-04', disabled: true }),
    );
    expect(statuses(list, '2027-01-01')).toEqual(['overdue']);
    expect(statuses(list, '2028-03-04')).toEqual(['lapsed']);
  });

  it('a local policy of 14 from 2020 brings it forward to the 14th birthday', () => {
    const ctx = context([{ key: 'transitionPlanning.ageYears', value: 14, effectiveFrom: '2020-01-01' }]);
    const f = facts();
    const referred = child([f('referral_received', '2020-01-06', { episode: 'r1' })], { dateOfBirth: '2010-03-04', disabled: true });
    expect(obligationsOf('transition-planning', referred, ctx).map((o) => o.dueAt)).toEqual(['2024-03-04']);
  });
});
