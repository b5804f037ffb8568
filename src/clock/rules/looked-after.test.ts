import { describe, expect, it } from 'vitest';
import { child, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';

const lac = (f: ReturnType<typeof facts>, at = '2025-12-19') => f('became_looked_after', at, { episode: 'p1', id: 'lac' });

describe('looked after reviews: 20 working days, 3 months, then 6 months', () => {
  it('a child looked after from Friday 19 December 2025 has a first review due by Wednesday 21 January 2026', () => {
    const f = facts();
    const list = obligationsOf('looked-after-review', child([lac(f)]));
    expect(list.map((o) => o.dueAt)).toEqual(['2026-01-21']);
    expect(list[0]!.explanation).toBe(
      'Hold the first review within 20 working days of the child becoming looked after on 19 December 2025.',
    );
  });

  it('counts the second review from the actual first review, and later ones 6 months from the last', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-review',
      child([
        lac(f),
        f('looked_after_review_held', '2026-01-20', { episode: 'p1' }),
        f('looked_after_review_held', '2026-04-17', { episode: 'p1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2026-01-21', '2026-01-20'],
      ['2026-04-20', '2026-04-17'],
      ['2026-10-17', null],
    ]);
    expect(list[1]!.explanation).toBe('Hold the second review within 3 months of the first review held on 20 January 2026.');
  });

  it('month ends: a first review on 31 August makes the second due on 30 November, and then 30 May', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-review',
      child([
        lac(f, '2025-08-01'),
        f('looked_after_review_held', '2025-08-31', { episode: 'p1' }),
        f('looked_after_review_held', '2025-11-30', { episode: 'p1' }),
      ]),
    );
    // 20 working days from 1 August 2025 skip the summer bank holiday on 25 August.
    expect(list.map((o) => o.dueAt)).toEqual(['2025-09-01', '2025-11-30', '2026-05-30']);
    expect(statuses(list, '2026-01-01')).toEqual(['met_on_time', 'met_on_time', 'due']);
  });

  it('in the Platinum Jubilee week of 2022: looked after from Wednesday 1 June, first review due Friday 1 July', () => {
    const f = facts();
    expect(obligationsOf('looked-after-review', child([lac(f, '2022-06-01')])).map((o) => o.dueAt)).toEqual(['2022-07-01']);
  });

  it('when the child leaves care the next review is no longer owed', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-review',
      child([
        lac(f),
        f('looked_after_review_held', '2026-01-20', { episode: 'p1' }),
        f('ceased_looked_after', '2026-03-01', { episode: 'p1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2026-01-21', '2026-01-20']]);
  });

  it('a new period of care starts the reviews again; short breaks are left aside', () => {
    const f = facts();
    const list = obligationsOf(
      'looked-after-review',
      child([
        f('became_looked_after', '2025-01-06', { episode: 'p1' }),
        f('ceased_looked_after', '2025-01-20', { episode: 'p1' }),
        f('became_looked_after', '2025-12-19', { episode: 'p2' }),
        f('became_looked_after', '2025-06-02', { episode: 'sb', data: { shortBreaks: true } }),
      ]),
    );
    expect(list.map((o) => [o.episode, o.dueAt])).toEqual([['p2', '2026-01-21']]);
  });
});

describe('care plan, placement plan and IRO', () => {
  it('a care plan made the day before the child became looked after meets the 10-working-day rule', () => {
    const f = facts();
    const list = obligationsOf('care-plan', child([lac(f), f('care_plan_completed', '2025-12-18', { episode: 'p1' })]));
    expect(dueAndDone(list)).toEqual([['2026-01-07', '2025-12-18']]);
    expect(statuses(list, '2026-02-01')).toEqual(['met_on_time']);
  });

  it('the placement plan is due within 5 working days of each placement (Tuesday 30 December for 19 December 2025)', () => {
    const f = facts();
    const list = obligationsOf(
      'placement-plan',
      child([
        lac(f),
        f('placement_started', '2025-12-19', { episode: 'pl1' }),
        f('placement_ended', '2026-02-02', { episode: 'pl1' }),
        f('placement_started', '2026-02-02', { episode: 'pl2' }),
        f('placement_plan_completed', '2026-02-05', { episode: 'pl2' }),
      ]),
    );
    // The first placement's plan was never made and the placement has ended: no longer owed,
    // and kept as missed (it lapsed the day the placement ended), not dropped.
    expect(list.map((o) => [o.episode, o.dueAt, o.doneAt, o.lapsesAt])).toEqual([
      ['pl1', '2025-12-30', null, '2026-02-02'],
      ['pl2', '2026-02-09', '2026-02-05', null],
    ]);
    const open = obligationsOf('placement-plan', child([lac(f), f('placement_started', '2025-12-19', { episode: 'pl1' })]));
    expect(open.map((o) => o.dueAt)).toEqual(['2025-12-30']);
  });

  it('the IRO is appointed within 5 working days', () => {
    const f = facts();
    expect(dueAndDone(obligationsOf('iro-appointed', child([lac(f), f('iro_appointed', '2026-01-02', { episode: 'p1' })])))).toEqual([
      ['2025-12-30', '2026-01-02'],
    ]);
  });
});

describe('review decisions (5 working days) and record (20 working days)', () => {
  it('follow each review, each fact belonging to the latest review before it unless linked', () => {
    const f = facts();
    const c = child([
      lac(f),
      f('looked_after_review_held', '2026-01-20', { episode: 'p1', id: 'r1' }),
      f('review_decisions_circulated', '2026-01-26', { episode: 'p1' }),
      f('looked_after_review_held', '2026-04-17', { episode: 'p1', id: 'r2' }),
      f('review_record_completed', '2026-04-20', { episode: 'p1', data: { reviewFactId: 'r1' } }),
    ]);
    expect(obligationsOf('review-decisions', c).map((o) => [o.triggerFactId, o.dueAt, o.doneAt])).toEqual([
      ['r1', '2026-01-27', '2026-01-26'],
      ['r2', '2026-04-24', null],
    ]);
    expect(obligationsOf('review-record', c).map((o) => [o.triggerFactId, o.dueAt, o.doneAt])).toEqual([
      ['r1', '2026-02-17', '2026-04-20'],
      ['r2', '2026-05-18', null],
    ]);
  });
});
