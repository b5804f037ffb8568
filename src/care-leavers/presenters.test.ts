import { describe, expect, it } from 'vitest';
import { categoryText, measuresPage } from './presenters.js';
import type { MeasuredChild, Measures } from './queries.js';
import { measureListsOf } from './measures.js';

const eligibility = { eligibleOn: '2024-01-10', inCareAfter16: true, lookedAfter: false, age: 18 };

const child = (childId: string, extra: Partial<MeasuredChild>): MeasuredChild => ({
  childId,
  childName: `Young ${childId}`,
  restricted: false,
  age: 18,
  birthdayOn: '2026-01-10',
  contact: null,
  inTouch: 'not_known',
  accommodation: 'not_known',
  activity: 'not_known',
  ...extra,
});

describe('care leavers’ presenters', () => {
  it('says the category and how it was worked out, and what is not known', () => {
    expect(categoryText({ ...eligibility, category: 'former_relevant' })).toMatch(
      /^Former relevant child: .*worked out from the periods of care/,
    );
    expect(categoryText(null)).toBe('Not known: the child’s date of birth is not recorded');
    expect(categoryText({ ...eligibility, category: null, age: 25 })).toBe('No longer a care leaver: leaving care support ends at 25');
  });

  it('shows "not known" beside each measure, never counting it as no, and names no restricted record', () => {
    const contact = {
      id: 'k',
      contactOn: '2026-01-08',
      inTouch: 'YES',
      accommodationType: 'E',
      accommodationSuitable: true,
      activity: null,
    };
    const all = [child('a', { contact, inTouch: 'in_touch', accommodation: 'suitable' }), child('b', { restricted: true })];
    const m: Measures = { from: '2025-03-03', to: '2026-03-02', lists: measureListsOf(all) as Measures['lists'] };
    const page = measuresPage(m, 'activity_not_known');
    expect(page.headlines).toEqual([
      'In touch: 1 of 2 (50%); not known for 1.',
      'In suitable accommodation: 1 of 2 (50%); not known for 1.',
      'In education, employment or training: 0 of 2 (0%); not known for 2.',
    ]);
    expect(page.chosen!.rows.map((r) => r[0])).toEqual([
      expect.objectContaining({ html: expect.anything() }),
      { text: 'Restricted record' },
    ]);
    const empty = measuresPage({ ...m, lists: measureListsOf([]) as Measures['lists'] }, null);
    expect(empty.headlines[0]).toBe('In touch: no care leaver’s 17th to 21st birthday fell in the last 12 months.');
  });
});
