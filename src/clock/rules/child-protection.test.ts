import { describe, expect, it } from 'vitest';
import { child, context, dueAndDone, facts, obligationsOf } from '../test-support.js';

const seen = { childSeen: true };

describe('strategy discussion (local: 1 working day by default)', () => {
  it('a concern on Friday 30 May 2025 needs a strategy discussion by Monday 2 June', () => {
    const f = facts();
    const list = obligationsOf(
      'strategy-discussion',
      child([f('significant_harm_concern', '2025-05-30', { episode: 'e1' }), f('strategy_discussion', '2025-06-02', { episode: 'e1' })]),
    );
    expect(dueAndDone(list)).toEqual([['2025-06-02', '2025-06-02']]);
  });

  it('a concern at 5pm on a Friday is due at 5pm on Monday', () => {
    const f = facts();
    expect(
      obligationsOf('strategy-discussion', child([f('significant_harm_concern', '2025-04-04T17:00:00+01:00', { episode: 'e1' })])).map(
        (o) => o.dueAt,
      ),
    ).toEqual(['2025-04-07T17:00:00+01:00']);
  });

  it('a change of local policy to 2 working days from 1 June 2025 applies to concerns from that day only', () => {
    const f = facts();
    const ctx = context([{ key: 'strategyDiscussion.workingDays', value: 2, effectiveFrom: '2025-06-01' }]);
    const list = obligationsOf(
      'strategy-discussion',
      child([
        f('significant_harm_concern', '2025-05-30', { episode: 'e1' }),
        f('significant_harm_concern', '2025-06-02', { episode: 'e2' }),
      ]),
      ctx,
    );
    expect(list.map((o) => [o.episode, o.dueAt])).toEqual([
      ['e1', '2025-06-02'],
      ['e2', '2025-06-04'],
    ]);
    expect(list[1]!.explanation).toContain('2 working days');
  });
});

describe('section 47 enquiry (local: 10 working days by default)', () => {
  it('an enquiry started on Monday 3 March 2025 is due to conclude by Monday 17 March', () => {
    const f = facts();
    expect(obligationsOf('s47-enquiry', child([f('s47_started', '2025-03-03', { episode: 'e1' })])).map((o) => o.dueAt)).toEqual([
      '2025-03-17',
    ]);
  });
});

describe('initial child protection conference within 15 working days of the strategy discussion', () => {
  it('in the Diamond Jubilee week of 2012: strategy discussion Friday 1 June, conference due Tuesday 26 June', () => {
    const f = facts();
    const list = obligationsOf(
      'initial-child-protection-conference',
      child([
        f('strategy_discussion', '2012-06-01', { episode: 'e1', id: 'sd' }),
        f('s47_started', '2012-06-01', { episode: 'e1' }),
        f('s47_completed', '2012-06-12', { episode: 'e1', data: { conferenceRequired: true } }),
        f('initial_conference_held', '2012-06-25', { episode: 'e1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2012-06-26', '2012-06-25']]);
    expect(list[0]!.triggerFactId).toBe('sd');
  });

  it('counts from the strategy discussion that started the enquiry, not a later one', () => {
    const f = facts();
    const list = obligationsOf(
      'initial-child-protection-conference',
      child([
        f('strategy_discussion', '2025-03-10', { episode: 'e1', id: 'first' }),
        f('s47_started', '2025-03-12', { episode: 'e1' }),
        f('strategy_discussion', '2025-03-20', { episode: 'e1', id: 'second' }),
        f('s47_completed', '2025-03-24', { episode: 'e1', data: { conferenceRequired: true } }),
      ]),
    );
    expect(list.map((o) => [o.dueAt, o.triggerFactId])).toEqual([['2025-03-31', 'first']]);
  });

  it('says when the discussion was held: at its time, on its day', () => {
    const f = facts();
    const list = obligationsOf(
      'initial-child-protection-conference',
      child([
        f('strategy_discussion', '2025-03-10T09:50:00Z', { episode: 'e1' }),
        f('s47_started', '2025-03-10', { episode: 'e1' }),
        f('s47_completed', '2025-03-14', { episode: 'e1', data: { conferenceRequired: true } }),
      ]),
    );
    expect(list[0]!.explanation).toBe(
      'Hold the initial child protection conference within 15 working days of the strategy discussion held at 9:50am on 10 March 2025.',
    );
  });

  it('is not owed while the enquiry is open, nor when it concludes that no conference is needed', () => {
    const f = facts();
    expect(
      obligationsOf(
        'initial-child-protection-conference',
        child([f('strategy_discussion', '2025-03-10', { episode: 'e1' }), f('s47_started', '2025-03-10', { episode: 'e1' })]),
      ),
    ).toEqual([]);
    expect(
      obligationsOf(
        'initial-child-protection-conference',
        child([
          f('strategy_discussion', '2025-03-10', { episode: 'e1' }),
          f('s47_started', '2025-03-10', { episode: 'e1' }),
          f('s47_completed', '2025-03-14', { episode: 'e1', data: { conferenceRequired: false } }),
        ]),
      ),
    ).toEqual([]);
  });
});

describe('core groups', () => {
  const plan = (f: ReturnType<typeof facts>) => [f('cp_plan_started', '2025-03-03', { episode: 'p1' })];

  it('the first core group is due within 10 working days of the conference that made the plan', () => {
    const f = facts();
    const list = obligationsOf('first-core-group', child([...plan(f), f('core_group_held', '2025-03-14', { episode: 'p1' })]));
    expect(dueAndDone(list)).toEqual([['2025-03-17', '2025-03-14']]);
  });

  it('later core groups run 6 weeks from the last actual meeting, and stop when the plan ends', () => {
    const f = facts();
    const list = obligationsOf(
      'core-group',
      child([
        ...plan(f),
        f('core_group_held', '2025-03-14', { episode: 'p1' }),
        f('core_group_held', '2025-05-02', { episode: 'p1' }),
        f('cp_plan_ended', '2025-06-01', { episode: 'p1' }),
      ]),
    );
    // 14 March + 6 weeks = 25 April, met late on 2 May; the next (13 June) was never owed: the plan ended.
    expect(dueAndDone(list)).toEqual([['2025-04-25', '2025-05-02']]);
  });

  it('a change to 4-weekly core groups from 1 May 2025 applies from the first meeting on or after that day', () => {
    const f = facts();
    const ctx = context([{ key: 'coreGroup.intervalWeeks', value: 4, effectiveFrom: '2025-05-01' }]);
    const list = obligationsOf(
      'core-group',
      child([...plan(f), f('core_group_held', '2025-03-14', { episode: 'p1' }), f('core_group_held', '2025-05-02', { episode: 'p1' })]),
      ctx,
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-04-25', '2025-05-02'],
      ['2025-05-30', null],
    ]);
  });
});

describe('review child protection conferences', () => {
  it('first within 3 months (31 August → 30 November), then 6 months from the actual review', () => {
    const f = facts();
    const list = obligationsOf(
      'review-child-protection-conference',
      child([f('cp_plan_started', '2024-08-31', { episode: 'p1' }), f('review_conference_held', '2024-11-29', { episode: 'p1' })]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2024-11-30', '2024-11-29'],
      ['2025-05-29', null],
    ]);
    expect(list[1]!.explanation).toBe('Hold the next review conference within 6 months of the review held on 29 November 2024.');
  });

  it('a plan made on 30 November 2023 is first reviewed by 29 February 2024, a leap day', () => {
    const f = facts();
    expect(
      obligationsOf('review-child-protection-conference', child([f('cp_plan_started', '2023-11-30', { episode: 'p1' })])).map(
        (o) => o.dueAt,
      ),
    ).toEqual(['2024-02-29']);
  });

  it('a review conference that ends the plan is the last one owed', () => {
    const f = facts();
    const list = obligationsOf(
      'review-child-protection-conference',
      child([
        f('cp_plan_started', '2024-08-31', { episode: 'p1' }),
        f('review_conference_held', '2024-11-29', { episode: 'p1' }),
        f('cp_plan_ended', '2024-11-29', { episode: 'p1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2024-11-30', '2024-11-29']]);
  });
});

describe('the first review of a pre-birth plan: the sooner of 10 working days after the birth (local) and 3 months', () => {
  const story = (f: ReturnType<typeof facts>) => [
    f('cp_plan_started', '2025-11-03', { episode: 'p1' }),
    f('review_conference_held', '2026-01-06', { episode: 'p1' }),
  ];

  it('a baby born on Friday 19 December 2025 under a plan made on 3 November: one review due Wednesday 7 January 2026', () => {
    const f = facts();
    const c = child(story(f), { dateOfBirth: '2025-12-19' });
    const [first, ...rest] = obligationsOf('pre-birth-review-conference', c);
    expect(rest).toEqual([]);
    expect([first!.dueAt, first!.doneAt]).toEqual(['2026-01-07', '2026-01-06']);
    expect(first!.explanation).toBe(
      'Hold the first review conference within 10 working days of the birth on 19 December 2025 (local policy), sooner than 3 months after the initial conference on 3 November 2025.',
    );
    // Not a second first review 3 months after the conference: the ordinary rule runs on from that review.
    expect(dueAndDone(obligationsOf('review-child-protection-conference', c))).toEqual([['2026-07-06', null]]);
  });

  it('3 months after the conference when that is sooner: a baby born on Friday 30 January 2026 is reviewed by Tuesday 3 February', () => {
    const f = facts();
    const c = child([f('cp_plan_started', '2025-11-03', { episode: 'p1' })], { dateOfBirth: '2026-01-30' });
    const list = obligationsOf('pre-birth-review-conference', c);
    expect(list.map((o) => o.dueAt)).toEqual(['2026-02-03']);
    expect(list[0]!.explanation).toContain('within 3 months of the initial conference on 3 November 2025, sooner than 10 working days');
    expect(obligationsOf('review-child-protection-conference', c)).toEqual([]);
  });

  it('before the birth, 3 months after the conference; the same obligation moves nearer once the birth is recorded', () => {
    const f = facts();
    const plan = [f('cp_plan_started', '2025-11-03', { id: 'plan', episode: 'p1' })];
    const [unborn] = obligationsOf('pre-birth-review-conference', child(plan, { dateOfBirth: null, expectedDateOfBirth: '2025-12-20' }));
    expect(unborn!.dueAt).toBe('2026-02-03');
    expect(unborn!.explanation).toContain('or within 10 working days of the birth if that comes sooner');
    expect(
      obligationsOf('review-child-protection-conference', child(plan, { dateOfBirth: null, expectedDateOfBirth: '2025-12-20' })),
    ).toEqual([]);
    const [born] = obligationsOf('pre-birth-review-conference', child(plan, { dateOfBirth: '2025-12-19' }));
    expect(born!.dueAt).toBe('2026-01-07');
    expect(born!.key).toBe(unborn!.key);
  });

  it('20 working days where local policy says so (Liverpool)', () => {
    const f = facts();
    const ctx = context([{ key: 'preBirthReview.workingDaysAfterBirth', value: 20, effectiveFrom: '2020-01-01' }]);
    expect(
      obligationsOf(
        'pre-birth-review-conference',
        child([f('cp_plan_started', '2025-11-03', { episode: 'p1' })], { dateOfBirth: '2025-12-19' }),
        ctx,
      ).map((o) => o.dueAt),
    ).toEqual(['2026-01-21']);
  });

  it('is not owed for a plan made after the birth, whose first review is the ordinary 3 months', () => {
    const f = facts();
    const c = child([f('cp_plan_started', '2026-01-05', { episode: 'p1' })], { dateOfBirth: '2025-12-19' });
    expect(obligationsOf('pre-birth-review-conference', c)).toEqual([]);
    expect(obligationsOf('review-child-protection-conference', c).map((o) => o.dueAt)).toEqual(['2026-04-05']);
  });
});

describe('child protection visits (local: every 10 working days by default)', () => {
  it('chains from each visit at which the child was seen; a visit without seeing the child does not count', () => {
    const f = facts();
    const list = obligationsOf(
      'child-protection-visit',
      child([
        f('cp_plan_started', '2025-03-03', { episode: 'p1' }),
        f('visit_made', '2025-03-14', { data: seen }),
        f('visit_made', '2025-03-20', { data: { childSeen: false } }),
        f('visit_made', '2025-03-31', { data: seen }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([
      ['2025-03-17', '2025-03-14'],
      ['2025-03-28', '2025-03-31'],
      ['2025-04-14', null],
    ]);
  });

  it('a visit on the Thursday before Easter 2025 makes the next due on Tuesday 6 May, past both Easter holidays and the May holiday', () => {
    const f = facts();
    const list = obligationsOf(
      'child-protection-visit',
      child([f('cp_plan_started', '2025-04-10', { episode: 'p1' }), f('visit_made', '2025-04-17', { data: seen })]),
    );
    expect(list.map((o) => o.dueAt)).toEqual(['2025-04-28', '2025-05-06']);
  });

  it('stops with the plan: no visit is owed after it ends', () => {
    const f = facts();
    const list = obligationsOf(
      'child-protection-visit',
      child([
        f('cp_plan_started', '2025-03-03', { episode: 'p1' }),
        f('visit_made', '2025-03-14', { data: seen }),
        f('cp_plan_ended', '2025-03-25', { episode: 'p1' }),
      ]),
    );
    expect(dueAndDone(list)).toEqual([['2025-03-17', '2025-03-14']]);
  });
});
