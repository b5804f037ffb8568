import { describe, expect, it } from 'vitest';
import { InvalidFactError, computeObligations } from './engine.js';
import type { Fact } from './facts.js';
import { obligationStatus } from './obligation.js';
import { child, context, facts } from './test-support.js';

describe('the clock engine', () => {
  it('follows a child from contact to care through one set of facts', () => {
    const f = facts();
    const list = computeObligations(
      child([
        f('contact_received', '2025-12-15T11:00:00Z', { episode: 'c1' }),
        f('contact_decided', '2025-12-15T16:00:00Z', { episode: 'c1' }),
        f('referral_received', '2025-12-15', { episode: 'r1' }),
        f('became_looked_after', '2025-12-19', { episode: 'p1' }),
        f('placement_started', '2025-12-19', { episode: 'pl1' }),
        f('visit_made', '2025-12-23', { data: { childSeen: true } }),
      ]),
      context(),
    );
    const now = '2026-01-09T12:00:00Z';
    const byRule = Object.fromEntries(list.map((o) => [`${o.ruleId}@${o.countedFrom}`, [o.dueAt, obligationStatus(o, now)]]));
    expect(byRule).toMatchObject({
      'contact-decision@2025-12-15T11:00:00Z': ['2025-12-16T11:00:00+00:00', 'met_on_time'],
      'assessment-45-working-days@2025-12-15': ['2026-02-19', 'due'],
      'looked-after-review@2025-12-19': ['2026-01-21', 'due'],
      'care-plan@2025-12-19': ['2026-01-07', 'overdue'],
      'looked-after-visit@2025-12-19': ['2025-12-26', 'met_on_time'],
      'looked-after-visit@2025-12-23': ['2026-02-03', 'due'],
    });
  });

  it('sorts obligations by due date, then key', () => {
    const f = facts();
    const list = computeObligations(
      child([f('referral_received', '2025-03-03', { episode: 'r1' }), f('contact_received', '2025-03-03T09:00:00Z', { episode: 'c1' })]),
      context(),
    );
    const dues = list.filter((o) => o.ruleId === 'contact-decision' || o.ruleId === 'assessment-45-working-days').map((o) => o.dueAt);
    expect(dues).toEqual(['2025-03-04T09:00:00+00:00', '2025-05-08']);
    const keys = list.map((o) => [o.dueAt.slice(0, 10), o.key].join(' '));
    expect(keys).toEqual([...keys].sort());
  });

  it('ignores kinds it does not know, so new areas can add facts before rules read them', () => {
    const f = facts();
    const unknown = { id: 'x', kind: 'something_new', at: '2025-03-03' } as unknown as Fact;
    expect(
      computeObligations(child([unknown, f('contact_received', '2025-03-03T09:00:00Z', { episode: 'c1' })]), context()).map(
        (o) => o.ruleId,
      ),
    ).toEqual(['contact-decision']);
  });

  it('refuses facts with malformed dates or repeated ids rather than computing a wrong deadline', () => {
    const f = facts();
    expect(() => computeObligations(child([f('referral_received', '2025-02-30', { episode: 'r1' })]), context())).toThrow(InvalidFactError);
    expect(() => computeObligations(child([f('referral_received', '2025-03-03 10:00:00+00', { episode: 'r1' })]), context())).toThrow(
      /ISO datetime/,
    );
    expect(() =>
      computeObligations(child([f('referral_received', '2025-03-03', { id: 'a' }), f('visit_made', '2025-03-04', { id: 'a' })]), context()),
    ).toThrow(/share/);
    expect(() => computeObligations(child([], { dateOfBirth: '15/06/2015' }), context())).toThrow(/date of birth/);
  });

  it('gives nothing for a child with no facts', () => {
    expect(computeObligations(child([]), context())).toEqual([]);
  });
});
