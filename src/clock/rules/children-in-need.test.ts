import { describe, expect, it } from 'vitest';
import { child, context, dueAndDone, facts, obligationsOf } from '../test-support.js';

describe('child in need plan reviews (local: every 3 months by default)', () => {
  it('a plan from 31 August 2025 is first reviewed by 30 November, then 3 months from the actual review, until the plan ends', () => {
    const f = facts();
    const list = obligationsOf(
      'child-in-need-review',
      child([
        f('cin_plan_started', '2025-08-31', { episode: 'n1' }),
        f('cin_plan_review_held', '2025-11-28', { episode: 'n1' }),
        f('cin_plan_ended', '2026-01-10', { episode: 'n1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2025-11-30', '2025-11-28']]);
  });

  it('while the plan continues, the next review is owed', () => {
    const f = facts();
    const list = obligationsOf(
      'child-in-need-review',
      child([f('cin_plan_started', '2025-08-31', { episode: 'n1' }), f('cin_plan_review_held', '2025-11-28', { episode: 'n1' })]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-11-30', '2025-11-28'],
      ['2026-02-28', null],
    ]);
  });
});

describe('child in need visits (local: every 6 weeks by default)', () => {
  it('chains from the last visit at which the child was seen', () => {
    const f = facts();
    const list = obligationsOf(
      'child-in-need-visit',
      child([f('cin_plan_started', '2025-09-01', { episode: 'n1' }), f('visit_made', '2025-10-10', { data: { childSeen: true } })]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-10-13', '2025-10-10'],
      ['2025-11-21', null],
    ]);
  });

  it('a local change to 4 weeks from 1 November 2025 applies to visits from then on', () => {
    const f = facts();
    const ctx = context([{ key: 'cinVisits.intervalWeeks', value: 4, effectiveFrom: '2025-11-01' }]);
    const list = obligationsOf(
      'child-in-need-visit',
      child([
        f('cin_plan_started', '2025-09-01', { episode: 'n1' }),
        f('visit_made', '2025-10-10', { data: { childSeen: true } }),
        f('visit_made', '2025-11-14', { data: { childSeen: true } }),
      ]),
      ctx,
    );
    expect(list.map((o) => o.dueAt)).toEqual(['2025-10-13', '2025-11-21', '2025-12-12']);
  });
});
