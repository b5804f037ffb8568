import { describe, expect, it } from 'vitest';
import { childCell, relationshipLines, relationshipRows, searchRows, visitRows } from './presenters.js';
import type { Relationship } from './queries.js';

const sibling: Relationship = {
  name: 'Bo <B>',
  relationship: 'half_sibling',
  parentalResponsibility: false,
  livesWithChild: true,
  childId: 'c2',
  withheld: false,
};
const withheld: Relationship = {
  name: null,
  relationship: 'sibling',
  parentalResponsibility: false,
  livesWithChild: false,
  childId: null,
  withheld: true,
};

describe('the children presenters', () => {
  it('name another child with a link to their record, and withhold one the viewer may not open', () => {
    const [shown, hidden] = relationshipRows([sibling, withheld]);
    expect(String((shown![0] as { html: unknown }).html)).toBe('<a class="govuk-link" href="/children/c2">Bo &lt;B&gt;</a>');
    expect(hidden![0]).toEqual({ text: 'Another child known to the service: you do not have access to their record' });
    expect(relationshipLines([sibling]).map(String)).toEqual([
      '<a class="govuk-link" href="/children/c2">Bo &lt;B&gt;</a>, half sibling, lives with the child',
    ]);
  });

  it('show an unborn child’s expected date of birth in a search', () => {
    const [row] = searchRows([
      { id: 'c1', reference: 7, firstName: 'Baby', lastName: 'Doe', dateOfBirth: null, expectedDateOfBirth: '2026-09-01', postcode: null },
    ]);
    expect(row!.slice(1)).toEqual([{ text: 'Unborn: expected 1 September 2026' }, { text: '' }, { text: 7 }]);
  });

  it('show a restricted record without the child’s name, with a way to ask', () => {
    const cell = String(childCell({ restricted: { childId: 'c3', worker: null, team: 'North 1', requested: true } }));
    expect(cell).toContain('held by no social worker, North 1');
    expect(cell).toContain('Access requested');
    expect(cell).not.toContain('/access-requests/new');
  });

  it('show a visit: date, seen alone or not seen, purpose, who, and the note cut when asked', () => {
    const visit = {
      id: 'v1',
      visitDate: '2026-03-04',
      childSeen: true,
      seenAlone: true,
      purpose: 'child_protection',
      notes: 'Twelve chars and more',
      workerName: null,
      recordedAt: '2026-03-04T10:00:00Z',
    };
    const [alone, notSeen] = visitRows([visit, { ...visit, childSeen: false, seenAlone: false, notes: null }], { cut: 12 });
    expect(alone).toEqual([
      { text: '4 March 2026' },
      { text: 'Seen alone' },
      { text: 'Child protection' },
      { text: 'Not recorded' },
      { text: 'Twelve chars…', classes: 'app-note' },
    ]);
    expect(String((notSeen![1] as { html: unknown }).html)).toBe('<strong class="govuk-tag govuk-tag--red">Not seen</strong>');
    expect(notSeen![4]).toEqual({ text: 'No note recorded', classes: 'app-note' });
    expect(visitRows([{ ...visit, seenAlone: false }])[0]![1]).toEqual({ text: 'Seen, with someone else present' });
    expect(visitRows([visit])[0]![4]).toEqual({ text: 'Twelve chars and more', classes: 'app-note' });
  });
});
