import { describe, expect, it } from 'vitest';
import type { Fact } from '../facts.js';
import { child, dueAndDone, facts, obligationsOf } from '../test-support.js';

const seen = { childSeen: true };
const visit = (f: ReturnType<typeof facts>, at: string): Fact => f('visit_made', at, { data: seen });

describe('visits to looked after children (reg 28)', () => {
  it('within a week of a placement starting on Friday 19 December 2025, then within 6 weeks in its first year', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2025-12-19', { episode: 'p1' }),
        f('placement_started', '2025-12-19', { episode: 'pl1' }),
        visit(f, '2025-12-24'),
      ]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-12-26', '2025-12-24'],
      ['2026-02-04', null],
    ]);
    expect(list[1]!.explanation).toBe(
      'Visit the child within 6 weeks of the last visit on 24 December 2025: first year of the placement (reg 28(2)(b)).',
    );
  });

  it('after a year, every 3 months if the placement is meant to last until 18, otherwise still every 6 weeks', () => {
    const story = (intendedToAge18: boolean) => {
      const f = facts();
      return obligationsOf(
        'looked-after-visit',
        child([
          f('became_looked_after', '2025-01-10', { episode: 'p1' }),
          f('placement_started', '2025-01-10', { episode: 'pl1', data: { intendedToAge18 } }),
          visit(f, '2025-01-15'),
          visit(f, '2026-01-05'),
          visit(f, '2026-02-10'),
        ]),
      ).map((o) => o.dueAt);
    };
    // 15 Jan 2025 → 26 Feb (late visits are still met); 5 Jan 2026 is in the first year → 16 Feb; 10 Feb 2026 is not.
    expect(story(true)).toEqual(['2025-01-17', '2025-02-26', '2026-02-16', '2026-05-10']);
    expect(story(false)).toEqual(['2025-01-17', '2025-02-26', '2026-02-16', '2026-03-24']);
  });

  it('a placement confirmed as long term part-way through uses 3 months from visits after the change', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2024-01-10', { episode: 'p1' }),
        f('placement_started', '2024-01-10', { episode: 'pl1' }),
        visit(f, '2024-01-12'),
        visit(f, '2025-02-03'),
        f('placement_changed', '2025-02-10', { episode: 'pl1', data: { intendedToAge18: true } }),
        visit(f, '2025-03-01'),
      ]),
    );
    expect(list.map((o) => o.dueAt)).toEqual(['2024-01-17', '2024-02-23', '2025-03-17', '2025-06-01']);
  });

  it('placed with a parent before assessment (reg 19): weekly until the first review, then every 6 weeks', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2025-03-03', { episode: 'p1' }),
        f('placement_started', '2025-03-03', { episode: 'pl1', data: { visitRegime: 'parent_pending_assessment' } }),
        visit(f, '2025-03-07'),
        visit(f, '2025-03-14'),
        f('looked_after_review_held', '2025-03-20', { episode: 'p1' }),
        visit(f, '2025-03-21'),
      ]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-03-10', '2025-03-07'],
      ['2025-03-14', '2025-03-14'],
      ['2025-03-21', '2025-03-21'],
      ['2025-05-02', null],
    ]);
    expect(list[3]!.explanation).toContain('reg 28(3)(b)');
  });

  it('a temporarily approved connected person (reg 24): weekly until the first review, then every 4 weeks', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2025-03-03', { episode: 'p1' }),
        f('placement_started', '2025-03-03', { episode: 'pl1', data: { visitRegime: 'temporary_connected_person' } }),
        visit(f, '2025-03-07'),
        f('looked_after_review_held', '2025-03-25', { episode: 'p1' }),
        visit(f, '2025-03-26'),
      ]),
    );
    // 7 March → due 14 March, met late on 26 March; after the first review, 4 weeks from 26 March.
    expect(dueAndDone(list)).toEqual([
      ['2025-03-10', '2025-03-07'],
      ['2025-03-14', '2025-03-26'],
      ['2025-04-23', null],
    ]);
  });

  it('living at home under a care order (reg 28(5)): within a week of the order, then every 6 weeks', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2025-03-03', { episode: 'p1' }),
        f('placement_started', '2025-03-03', { episode: 'home', data: { visitRegime: 'care_order_at_home' } }),
        visit(f, '2025-03-06'),
      ]),
    );
    expect(list.map((o) => o.dueAt)).toEqual(['2025-03-10', '2025-04-17']);
    expect(list[0]!.explanation).toContain('the care order made');
  });

  it('a new placement restarts the week; visits owed to an ended placement are not', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2025-03-03', { episode: 'p1' }),
        f('placement_started', '2025-03-03', { episode: 'pl1' }),
        visit(f, '2025-03-05'),
        f('placement_ended', '2025-04-01', { episode: 'pl1' }),
        f('placement_started', '2025-04-01', { episode: 'pl2' }),
        visit(f, '2025-04-04'),
      ]),
    );
    expect(list.map((o) => [o.episode, o.dueAt, o.doneAt])).toEqual([
      ['pl1', '2025-03-10', '2025-03-05'],
      ['pl2', '2025-04-08', '2025-04-04'],
      ['pl2', '2025-05-16', null],
    ]);
  });

  it('visits stop when the child ceases to be looked after', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-visit',
      child([
        f('became_looked_after', '2025-03-03', { episode: 'p1' }),
        f('placement_started', '2025-03-03', { episode: 'pl1' }),
        visit(f, '2025-03-05'),
        f('ceased_looked_after', '2025-03-20', { episode: 'p1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2025-03-10', '2025-03-05']]);
  });
});
