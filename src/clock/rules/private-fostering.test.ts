import { describe, expect, it } from 'vitest';
import { child, dueAndDone, facts, obligationsOf } from '../test-support.js';

const seen = { childSeen: true };

describe('private fostering visits', () => {
  it('notified on Monday 1 September 2025: visit within 7 working days (Wednesday 10 September), then 6-weekly', () => {
    const f = facts();
    const list = obligationsOf(
      'private-fostering-visit',
      child([f('private_fostering_notified', '2025-09-01', { episode: 'pf1' }), f('visit_made', '2025-09-09', { data: seen })]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-09-10', '2025-09-09'],
      ['2025-10-21', null],
    ]);
  });

  it('after the arrangement’s first year, every 12 weeks', () => {
    const f = facts();
    const list = obligationsOf(
      'private-fostering-visit',
      child([
        f('private_fostering_notified', '2025-09-01', { episode: 'pf1', data: { arrangementStartedOn: '2024-10-01' } }),
        f('visit_made', '2025-09-09', { data: seen }),
        f('visit_made', '2025-10-20', { data: seen }),
      ]),
    );
    expect(list.map((o) => o.dueAt)).toEqual(['2025-09-10', '2025-10-21', '2026-01-12']);
    expect(list[2]!.explanation).toContain('after the first year');
  });

  it('stops when the arrangement ends', () => {
    const f = facts();
    const list = obligationsOf(
      'private-fostering-visit',
      child([
        f('private_fostering_notified', '2025-09-01', { episode: 'pf1' }),
        f('private_fostering_ended', '2025-09-05', { episode: 'pf1' }),
      ]),
    );
    expect(list).toEqual([]);
  });
});
