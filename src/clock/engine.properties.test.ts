import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarMonths,
  addDays,
  createWorkingDayCalendar,
  dateFromDayNumber,
  dayNumber,
  daysBetween,
  localDateOf,
} from '../core/calendar/index.js';
import { clockRules, policySettings, ruleById } from './catalogue.js';
import { computeObligations } from './engine.js';
import { type ChildFacts, type Fact, FACT_KINDS, FACT_KIND_LIST, type FactKind, type FactValue } from './facts.js';
import { type Obligation, obligationStatus } from './obligation.js';
import { createLocalPolicy } from './policy.js';
import type { ClockContext } from './rule.js';
import { context } from './test-support.js';
import { VISIT_REGIMES } from './rules/looked-after-visits.js';

const RUNS = { numRuns: Number(process.env.CLOCK_RUNS ?? 60) };
const NOW = '2032-01-01T12:00:00Z';
const BASE = dayNumber('2018-01-01');

const day = fc.integer({ min: 0, max: 3000 }).map((n) => dateFromDayNumber(BASE + n));
const time = fc.option(fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })), { freq: 4 });

/** Kinds that make up the longer stories (periods of care, enquiries), drawn more often so that they meet. */
const STORY_KINDS: FactKind[] = [
  'became_looked_after',
  'placement_started',
  'visit_made',
  'looked_after_review_held',
  'health_assessment_completed',
  'pep_initiated',
  'pep_reviewed',
  'strategy_discussion',
  's47_started',
  's47_completed',
  'initial_conference_held',
  'cp_plan_started',
  'core_group_held',
  'review_conference_held',
];

function dataFor(kind: FactKind): fc.Arbitrary<Record<string, FactValue> | undefined> {
  switch (kind) {
    case 'visit_made':
      return fc.record({ childSeen: fc.boolean() });
    case 's47_completed':
      return fc.record({ conferenceRequired: fc.boolean() });
    case 'placement_started':
    case 'placement_changed':
      return fc.record({ visitRegime: fc.constantFrom(...VISIT_REGIMES), intendedToAge18: fc.boolean() });
    case 'became_looked_after':
      return fc.record({ shortBreaks: fc.boolean() }).map((d) => (d.shortBreaks ? d : undefined));
    case 'care_proceedings_extended':
      return fc.record({ weeks: fc.integer({ min: 1, max: 10 }) });
    case 'adoption_review_held':
      return fc.record({ visitIntervalWeeks: fc.integer({ min: 0, max: 8 }) });
    default:
      return fc.constant(undefined);
  }
}

/** A fact on a day within about two years of the child's story starting. */
function factArb(start: number): fc.Arbitrary<Omit<Fact, 'id'>> {
  return fc
    .oneof(fc.constantFrom(...FACT_KIND_LIST), fc.constantFrom(...STORY_KINDS))
    .chain((kind) =>
      fc.record({
        kind: fc.constant(kind),
        offset: fc.integer({ min: 0, max: 700 }),
        time,
        episode: FACT_KINDS[kind].episode === null ? fc.constant(undefined) : fc.constantFrom('e1', 'e1', 'e2'),
        data: dataFor(kind),
      }),
    )
    .map(({ kind, offset, time: t, episode, data }) => {
      const d = dateFromDayNumber(start + offset);
      const f: Omit<Fact, 'id'> = { kind, at: t ? `${d}T${String(t[0]).padStart(2, '0')}:${String(t[1]).padStart(2, '0')}:00Z` : d };
      if (episode) f.episode = episode;
      if (data) f.data = data;
      return f;
    });
}

const childArb: fc.Arbitrary<ChildFacts> = fc
  .integer({ min: BASE, max: BASE + 3000 })
  .chain((start) =>
    fc.record({
      dateOfBirth: fc.option(fc.integer({ min: dayNumber('2000-01-01'), max: dayNumber('2024-12-31') }).map(dateFromDayNumber), {
        freq: 6,
      }),
      disabled: fc.boolean(),
      facts: fc.array(factArb(start), { maxLength: 60 }),
    }),
  )
  .map(({ dateOfBirth, disabled, facts }) => ({
    childId: 'c',
    dateOfBirth,
    disabled,
    facts: facts.map((f, i) => ({ id: `f${i}`, ...f })),
  }));

const ctx = context();

/** Days late: to when it was met, to `now` while outstanding, to the lapse day once lapsed. */
function lateness(o: Obligation): number {
  const due = localDateOf(o.dueAt);
  const status = obligationStatus(o, NOW);
  const until = status === 'lapsed' ? o.lapsesAt! : o.doneAt !== null ? localDateOf(o.doneAt) : localDateOf(NOW);
  return Math.max(0, daysBetween(due, until));
}

describe('the clock, for any facts', () => {
  it('gives the same obligations whatever order the facts come in', () => {
    fc.assert(
      fc.property(
        childArb.chain((c) =>
          fc.tuple(fc.constant(c), fc.shuffledSubarray(c.facts as Fact[], { minLength: c.facts.length, maxLength: c.facts.length })),
        ),
        ([c, shuffled]) => {
          expect(computeObligations({ ...c, facts: shuffled }, ctx)).toEqual(computeObligations(c, ctx));
        },
      ),
      RUNS,
    );
  });

  it('gives the same obligations after a fact is removed and added back', () => {
    fc.assert(
      fc.property(
        childArb.filter((c) => c.facts.length > 0),
        fc.nat(),
        (c, pick) => {
          const i = pick % c.facts.length;
          const without = c.facts.filter((_, j) => j !== i);
          const removed = computeObligations({ ...c, facts: without }, ctx);
          const restored = computeObligations({ ...c, facts: [...without, c.facts[i]!] }, ctx);
          expect(restored).toEqual(computeObligations(c, ctx));
          // And removing it changes nothing beyond what that fact touches: keys stay unique.
          expect(new Set(removed.map((o) => o.key)).size).toBe(removed.length);
        },
      ),
      RUNS,
    );
  });

  it('never lands a working-day deadline on a non-working day, whatever days the administrator closes', () => {
    const workingDayRules = new Set([
      'contact-decision',
      'assessment-45-working-days',
      'strategy-discussion',
      's47-enquiry',
      'initial-child-protection-conference',
      'first-core-group',
      'child-protection-visit',
      'serious-incident-notification',
      'serious-incident-rapid-review',
      'lado-informed',
      'care-plan',
      'placement-plan',
      'iro-appointed',
      'review-decisions',
      'review-record',
      'initial-health-assessment',
      'pep-initiated',
    ]);
    fc.assert(
      fc.property(childArb, fc.array(day, { maxLength: 30 }), (c, closed) => {
        const calendar = createWorkingDayCalendar({ extraNonWorkingDays: closed });
        const local: ClockContext = { calendar, policy: ctx.policy };
        const kindOf = new Map(c.facts.map((f) => [f.id, f.kind]));
        for (const o of computeObligations(c, local)) {
          const firstLink =
            (o.ruleId === 'looked-after-review' && kindOf.get(o.triggerFactId ?? '') === 'became_looked_after') ||
            (o.ruleId === 'private-fostering-visit' && kindOf.get(o.triggerFactId ?? '') === 'private_fostering_notified');
          if (workingDayRules.has(o.ruleId) || firstLink)
            expect(calendar.isWorkingDay(localDateOf(o.dueAt)), `${o.key} due ${o.dueAt}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never makes an obligation more overdue by recording a fact that meets it', () => {
    fc.assert(
      fc.property(childArb, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 400 }), (c, pickObligation, pickKind, offset) => {
        const before = computeObligations(c, ctx);
        if (before.length === 0) return;
        const target = before[pickObligation % before.length]!;
        const rule = ruleById.get(target.ruleId)!;
        const kind = rule.metBy[pickKind % rule.metBy.length]!;
        const at = addDays(localDateOf(target.countedFrom), offset);
        if (at > localDateOf(NOW)) return; // recorded facts are in the past
        const meeting: Fact = { id: 'recorded', kind, at };
        if (FACT_KINDS[kind].episode !== null && target.episode !== null) meeting.episode = target.episode;
        if (kind === 'visit_made') meeting.data = { childSeen: true };
        const after = new Map(computeObligations({ ...c, facts: [...c.facts, meeting] }, ctx).map((o) => [o.key, o]));
        for (const o of before) {
          const now = after.get(o.key);
          if (now) expect(lateness(now), o.key).toBeLessThanOrEqual(lateness(o));
        }
      }),
      { numRuns: Number(process.env.CLOCK_RUNS ?? 100) },
    );
  });

  it('applies a change of local policy only to deadlines counted from its effective date on', () => {
    const numeric = policySettings.filter((s) => typeof s.default === 'number');
    fc.assert(
      fc.property(childArb, fc.constantFrom(...numeric), fc.integer({ min: 1, max: 20 }), day, (c, setting, value, effectiveFrom) => {
        const changed: ClockContext = {
          calendar: ctx.calendar,
          policy: createLocalPolicy([{ key: setting.key, value, effectiveFrom }], policySettings),
        };
        const earlier = (list: Obligation[]) => list.filter((o) => localDateOf(o.countedFrom) < effectiveFrom);
        expect(earlier(computeObligations(c, changed))).toEqual(earlier(computeObligations(c, ctx)));
      }),
      RUNS,
    );
  });
});

describe('recurring rules chain from the actual previous event', () => {
  it('looked after reviews: 20 working days, then 3 months from the actual first review, then 6 months from each actual review', () => {
    fc.assert(
      fc.property(day, fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 6 }), (start, gaps) => {
        const reviews: string[] = [];
        let at = start;
        for (const g of gaps) reviews.push((at = addDays(at, g)));
        const c: ChildFacts = {
          childId: 'c',
          dateOfBirth: null,
          facts: [
            { id: 'lac', kind: 'became_looked_after', at: start, episode: 'p' },
            ...reviews.map((r, i): Fact => ({ id: `r${i}`, kind: 'looked_after_review_held', at: r, episode: 'p' })),
          ],
        };
        const list = computeObligations(c, ctx).filter((o) => o.ruleId === 'looked-after-review');
        const expected = [ctx.calendar.addWorkingDays(start, 20), ...reviews.map((r, i) => addCalendarMonths(r, i === 0 ? 3 : 6))];
        expect(list.map((o) => o.dueAt).sort()).toEqual(expected.sort());
        expect(
          list
            .filter((o) => o.doneAt !== null)
            .map((o) => o.doneAt)
            .sort(),
        ).toEqual(reviews);
      }),
      RUNS,
    );
  });

  it('child protection visits: 10 working days from the last visit at which the child was actually seen', () => {
    fc.assert(
      fc.property(day, fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.boolean()), { maxLength: 12 }), (start, visits) => {
        const facts: Fact[] = [{ id: 'plan', kind: 'cp_plan_started', at: start, episode: 'cp' }];
        let at = start;
        visits.forEach(([gap, childSeen], i) =>
          facts.push({ id: `v${i}`, kind: 'visit_made', at: (at = addDays(at, gap)), data: { childSeen } }),
        );
        const seenDates = facts.filter((f) => f.data?.childSeen === true).map((f) => f.at);
        const list = computeObligations({ childId: 'c', dateOfBirth: null, facts }, ctx).filter(
          (o) => o.ruleId === 'child-protection-visit',
        );
        const expected = [start, ...seenDates].map((d) => ctx.calendar.addWorkingDays(d, 10));
        expect(list.map((o) => o.dueAt).sort()).toEqual(expected.sort());
      }),
      RUNS,
    );
  });
});

it('every rule in the catalogue is exercised by the generated facts', () => {
  // A guard on the generators above: a rule no random child ever triggers would go untested.
  const seen = new Set<string>();
  fc.assert(
    fc.property(childArb, (c) => {
      for (const o of computeObligations(c, ctx)) seen.add(o.ruleId);
    }),
    { numRuns: 300, seed: 42 },
  );
  expect(
    clockRules
      .map((r) => r.id)
      .filter((id) => !seen.has(id))
      .join(', '),
  ).toBe('');
});
