import { describe, expect, it } from 'vitest';
import { anchorAt, chain } from './rule-kit.js';
import { facts } from './test-support.js';

const f = facts();
const start = f('cin_plan_started', '2025-01-01', { id: 'start' });
const m1 = f('cin_plan_review_held', '2025-01-10', { id: 'm1' });
const m2 = f('cin_plan_review_held', '2025-01-20', { id: 'm2' });
const link = (label: string) => ({ dueAt: '2025-01-15', explanation: label });

describe('chains', () => {
  it('each meeting fact starts the next link, counted from it', () => {
    const out = chain({
      ruleId: 'r',
      episode: 'e',
      anchor: anchorAt(start),
      candidates: [m1, m2],
      first: link('first'),
      next: (p) => ({ dueAt: p.at, explanation: `from ${p.id}` }),
    });
    expect(out.map((o) => [o.key, o.countedFrom, o.meetingFactId])).toEqual([
      ['r:e:start', '2025-01-01', 'm1'],
      ['r:e:m1', '2025-01-10', 'm2'],
      ['r:e:m2', '2025-01-20', null],
    ]);
  });

  it('drops the unmet obligation once the process has stopped, but keeps one met on the day it stopped', () => {
    const stopped = chain({
      ruleId: 'r',
      episode: 'e',
      anchor: anchorAt(start),
      candidates: [m1, m2],
      stop: '2025-01-10',
      first: link('first'),
      next: () => link('next'),
    });
    expect(stopped.map((o) => o.meetingFactId)).toEqual(['m1']);
    const early = chain({
      ruleId: 'r',
      episode: 'e',
      anchor: anchorAt(start),
      candidates: [m1, m2],
      stop: '2025-01-05',
      first: link('first'),
      next: () => link('next'),
    });
    expect(early).toEqual([]);
  });

  it('keeps an obligation missed before the process stopped, lapsed on the stop’s day, and drops one not yet due', () => {
    const run = (stop: string) => chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(start), candidates: [], stop, first: link('first') });
    // due on 15 January, never met, the plan ended on the 20th: it was missed, and stays on the record as such
    expect(run('2025-01-20').map((o) => [o.dueAt, o.meetingFactId, o.lapsesAt])).toEqual([['2025-01-15', null, '2025-01-20']]);
    // ended on the day it fell due: it was never overdue, so nothing is kept
    expect(run('2025-01-15')).toEqual([]);
  });

  it('never lets a fact meet the obligation it started', () => {
    const out = chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(m1), candidates: [m1, m2], first: link('first') });
    expect(out.map((o) => o.meetingFactId)).toEqual(['m2']);
  });

  it('a meeting fact before the anchor counts only when the rule allows it', () => {
    const before = f('care_plan_completed', '2024-12-30', { id: 'early' });
    expect(
      chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(start), candidates: [before], first: link('x') }).map((o) => o.meetingFactId),
    ).toEqual([null]);
    expect(
      chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(start), candidates: [before], firstFrom: null, first: link('x') }).map(
        (o) => o.meetingFactId,
      ),
    ).toEqual(['early']);
  });

  it('keeps an unmet obligation with the day it lapses, and owes nothing falling due after that day', () => {
    const kept = chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(start), candidates: [], lapsesAt: '2025-02-01', first: link('x') });
    expect(kept.map((o) => o.lapsesAt)).toEqual(['2025-02-01']);
    expect(chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(start), candidates: [], lapsesAt: '2025-01-15', first: link('x') })).toEqual(
      [],
    );
    const late = chain({ ruleId: 'r', episode: 'e', anchor: anchorAt(start), candidates: [m2], lapsesAt: '2025-01-16', first: link('x') });
    expect(late.map((o) => [o.meetingFactId, o.lapsesAt])).toEqual([[null, '2025-01-16']]);
  });
});
