import { describe, expect, it } from 'vitest';
import { child, dueAndDone, facts, obligationsOf, statuses } from '../test-support.js';

describe('serious incidents', () => {
  it('aware on Thursday 15 September 2022: notify by Friday 23 September, the state funeral day not counted', () => {
    const f = facts();
    const c = child([f('serious_incident_known', '2022-09-15', { episode: 'i1' }), f('panel_notified', '2022-09-22', { episode: 'i1' })]);
    expect(dueAndDone(obligationsOf('serious-incident-notification', c))).toEqual([['2022-09-23', '2022-09-22']]);
    expect(dueAndDone(obligationsOf('serious-incident-rapid-review', c))).toEqual([['2022-10-07', null]]);
  });
});

describe('allegations against people who work with children', () => {
  it('an allegation on Friday 30 May 2025 is reported to the LADO by Monday 2 June', () => {
    const f = facts();
    expect(obligationsOf('lado-informed', child([f('allegation_made', '2025-05-30', { episode: 'a1' })])).map((o) => o.dueAt)).toEqual([
      '2025-06-02',
    ]);
  });

  it('resolution targets at 1, 3 and 12 months, a month from 31 January ending on 28 February', () => {
    const f = facts();
    const c = child([f('allegation_made', '2025-01-31', { episode: 'a1' }), f('allegation_concluded', '2025-03-15', { episode: 'a1' })]);
    const one = obligationsOf('lado-resolution-1-month', c);
    const three = obligationsOf('lado-resolution-3-months', c);
    const twelve = obligationsOf('lado-resolution-12-months', c);
    expect([...one, ...three, ...twelve].map((o) => o.dueAt)).toEqual(['2025-02-28', '2025-04-30', '2026-01-31']);
    expect(statuses([...one, ...three, ...twelve], '2025-06-01')).toEqual(['met_late', 'met_on_time', 'met_on_time']);
  });
});
