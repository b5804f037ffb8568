import { describe, expect, it } from 'vitest';
import type { Fact } from '../facts.js';
import { child, dueAndDone, facts, obligationsOf } from '../test-support.js';

const seen = { childSeen: true };

describe('adoption reviews while waiting to be placed (reg 36(1))', () => {
  it('within 3 months of authority to place, then 6 months from the last review, until placed', () => {
    const f = facts();
    const waiting = obligationsOf(
      'adoption-review-awaiting-placement',
      child([f('authority_to_place_given', '2025-01-31', { episode: 'a1' }), f('adoption_review_held', '2025-04-28')]),
    );
    expect(dueAndDone(waiting)).toEqual([
      ['2025-04-30', '2025-04-28'],
      ['2025-10-28', null],
    ]);
    const placed = obligationsOf(
      'adoption-review-awaiting-placement',
      child([
        f('authority_to_place_given', '2025-01-31', { episode: 'a1' }),
        f('adoption_review_held', '2025-04-28'),
        f('adoptive_placement_started', '2025-06-02', { episode: 'ap1' }),
      ]),
    );
    expect(dueAndDone(placed)).toEqual([['2025-04-30', '2025-04-28']]);
  });

  it('when a placement ends without an order, reviews resume 6 months from the last review', () => {
    const f = facts();
    const list = obligationsOf(
      'adoption-review-awaiting-placement',
      child([
        f('authority_to_place_given', '2025-01-31', { episode: 'a1' }),
        f('adoption_review_held', '2025-04-28'),
        f('adoptive_placement_started', '2025-06-02', { episode: 'ap1' }),
        f('adoption_review_held', '2025-06-27'),
        f('adoptive_placement_ended', '2025-08-01', { episode: 'ap1', id: 'disruption' }),
      ]),
    );
    expect(list.map((o) => [o.triggerFactId, o.dueAt, o.doneAt])).toEqual([
      ['f1', '2025-04-30', '2025-04-28'],
      ['disruption', '2025-12-27', null],
    ]);
  });
});

describe('a child placed for adoption (reg 36(3)–(4))', () => {
  const placement = (f: ReturnType<typeof facts>): Fact[] => [
    f('adoptive_placement_started', '2025-06-02', { episode: 'ap1' }),
    f('visit_made', '2025-06-06', { data: seen }),
    f('visit_made', '2025-06-13', { data: seen }),
    f('visit_made', '2025-06-20', { data: seen }),
    f('adoption_review_held', '2025-06-27', { data: { visitIntervalWeeks: 6 } }),
    f('visit_made', '2025-06-27', { data: seen }),
  ];

  it('reviews within 4 weeks, then 3 months, then 6 months', () => {
    const f = facts();
    const list = obligationsOf('adoption-placement-review', child(placement(f)));
    expect(dueAndDone(list)).toEqual([
      ['2025-06-30', '2025-06-27'],
      ['2025-09-27', null],
    ]);
  });

  it('visits within a week, weekly until the first review, then as the review decided', () => {
    const f = facts();
    const list = obligationsOf('adoption-placement-visit', child(placement(f)));
    expect(dueAndDone(list)).toEqual([
      ['2025-06-09', '2025-06-06'],
      ['2025-06-13', '2025-06-13'],
      ['2025-06-20', '2025-06-20'],
      ['2025-06-27', '2025-06-27'],
      ['2025-08-08', null],
    ]);
  });

  it('reviews and visits stop when the adoption order is made', () => {
    const f = facts();
    const c = child([...placement(f), f('adoption_order_made', '2025-08-01')]);
    expect(dueAndDone(obligationsOf('adoption-placement-review', c))).toEqual([['2025-06-30', '2025-06-27']]);
    expect(obligationsOf('adoption-placement-visit', c).map((o) => o.doneAt)).toEqual([
      '2025-06-06',
      '2025-06-13',
      '2025-06-20',
      '2025-06-27',
    ]);
  });
});

describe('adopter approval', () => {
  it('stage one in 2 months, stage two in 4; nothing owed once the process ends', () => {
    const f = facts();
    const adopter = child(
      [
        f('adopter_registration_accepted', '2025-01-31', { episode: 'h1' }),
        f('adopter_stage_one_completed', '2025-03-28', { episode: 'h1' }),
        f('adopter_stage_two_started', '2025-04-01', { episode: 'h1' }),
      ],
      { dateOfBirth: null },
    );
    expect(dueAndDone(obligationsOf('adopter-stage-one', adopter))).toEqual([['2025-03-31', '2025-03-28']]);
    expect(dueAndDone(obligationsOf('adopter-stage-two', adopter))).toEqual([['2025-08-01', null]]);
    const withdrawn = child([...adopter.facts, f('adopter_process_ended', '2025-05-01', { episode: 'h1' })], { dateOfBirth: null });
    expect(obligationsOf('adopter-stage-two', withdrawn)).toEqual([]);
  });
});
