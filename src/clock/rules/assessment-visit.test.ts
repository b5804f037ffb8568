import { describe, expect, it } from 'vitest';
import { child, context, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';

describe('child seen after a referral', () => {
  it('a child referred on Friday 27 February 2026 is due to be seen by Friday 6 March, and a visit without seeing them does not count', () => {
    const f = facts();
    const list = obligationsOf(
      'assessment-child-seen',
      child([
        f('referral_received', '2026-02-27', { episode: 'r1' }),
        f('visit_made', '2026-03-02', { data: { childSeen: false } }),
        f('visit_made', '2026-03-09', { data: { childSeen: true } }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2026-03-06', '2026-03-09']]);
    expect(statuses(list, '2026-03-10T12:00:00Z')).toEqual(['met_late']);
  });

  it('a visit before the referral does not count', () => {
    const f = facts();
    const list = obligationsOf(
      'assessment-child-seen',
      child([f('visit_made', '2026-02-20', { data: { childSeen: true } }), f('referral_received', '2026-02-27', { episode: 'r1' })]),
    );
    expect(dueAndDone(list)).toEqual([['2026-03-06', null]]);
  });

  it('follows the local setting in force on the referral date', () => {
    const f = facts();
    const ctx = context([{ key: 'assessment.childSeenWithinWorkingDays', value: 10, effectiveFrom: '2026-03-01' }]);
    const before = obligationsOf('assessment-child-seen', child([f('referral_received', '2026-02-27', { episode: 'r1' })]), ctx);
    const after = obligationsOf('assessment-child-seen', child([f('referral_received', '2026-03-02', { episode: 'r2' })]), ctx);
    expect(before.map((o) => o.dueAt)).toEqual(['2026-03-06']);
    expect(after.map((o) => o.dueAt)).toEqual(['2026-03-16']);
  });

  it('is no longer owed once the referral is closed', () => {
    const f = facts();
    const list = obligationsOf(
      'assessment-child-seen',
      child([f('referral_received', '2026-02-27', { episode: 'r1' }), f('referral_closed', '2026-03-03', { episode: 'r1' })]),
    );
    expect(list).toEqual([]);
  });
});
