import { describe, expect, it } from 'vitest';
import { FOLD, presentEvent } from './presenters.js';
import type { ChronologyEvent } from './queries.js';

const visit: ChronologyEvent = {
  day: '2026-03-04',
  time: null,
  kind: 'visits',
  type: 'visit_seen_alone',
  code: 'child_protection',
  detail: 'Ana Fictional',
  body: 'Short note.',
  recordId: null,
  parentId: null,
};

describe('the chronology presenters', () => {
  it('show a visit with who and why, its note in line when short', () => {
    const e = presentEvent('c1', visit, { whole: false });
    expect([e.title, e.detail, e.body, e.folded]).toEqual([
      'Visit: child seen alone',
      'Ana Fictional, child protection visit',
      'Short note.',
      false,
    ]);
  });

  it('fold a long note behind a details component on the page, and never in the print view', () => {
    const long = { ...visit, body: 'x'.repeat(FOLD + 1) };
    expect(presentEvent('c1', long, { whole: false }).folded).toBe(true);
    expect(presentEvent('c1', long, { whole: true }).folded).toBe(false);
    expect(presentEvent('c1', { ...visit, body: 'x'.repeat(FOLD) }, { whole: false }).folded).toBe(false);
    // a visit's note has no other page, so it is never cut
    expect(presentEvent('c1', { ...visit, body: 'y'.repeat(1000) }, { whole: false }).body).toBe('y'.repeat(1000));
  });
});
