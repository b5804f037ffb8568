import { describe, expect, it } from 'vitest';
import { type MeasuredContact, birthdayWindow, birthdaysBetween, contactAround, measureListsOf, oc3Codes, percentOf } from './measures.js';

const contact = (contactOn: string, extra: Partial<MeasuredContact> = {}): MeasuredContact => ({
  id: contactOn,
  contactOn,
  inTouch: 'YES',
  accommodationType: null,
  accommodationSuitable: null,
  activity: null,
  ...extra,
});

describe('the care leaver measures', () => {
  it('reads the contact closest to the birthday, from 3 months before to 1 month after', () => {
    const contacts = [contact('2025-10-09'), contact('2025-10-10'), contact('2026-02-10'), contact('2026-02-11')];
    expect(contactAround(contacts, '2026-01-10')?.contactOn).toBe('2026-02-10');
    expect(contactAround([contact('2025-10-09'), contact('2026-02-11')], '2026-01-10')).toBeNull();
    // as close before as after: the later
    expect(contactAround([contact('2026-01-05'), contact('2026-01-15')], '2026-01-10')?.contactOn).toBe('2026-01-15');
  });

  it('takes DfE’s window whole: a contact on the day 3 months before, or 1 month after, counts; a month end stays in its month', () => {
    // the SSDA903 guide: the young person's circumstances "in the period from three months before to one month after" the birthday
    expect(birthdayWindow('2026-01-10')).toEqual({ from: '2025-10-10', to: '2026-02-10' });
    expect(contactAround([contact('2025-10-10')], '2026-01-10')?.contactOn).toBe('2025-10-10');
    expect(contactAround([contact('2026-02-10')], '2026-01-10')?.contactOn).toBe('2026-02-10');
    // 31 May: 3 months before is the last day of February; 31 January: 1 month after is the last day of February
    expect(birthdayWindow('2026-05-31')).toEqual({ from: '2026-02-28', to: '2026-06-30' });
    expect(birthdayWindow('2028-01-31')).toEqual({ from: '2027-10-31', to: '2028-02-29' });
    expect(contactAround([contact('2026-02-27'), contact('2026-07-01')], '2026-05-31')).toBeNull();
  });

  it('counts each care leaver at their 17th to 21st birthday, not known where no contact says', () => {
    const careLeaver = {
      childId: 'a',
      dateOfBirth: '2008-01-10',
      eligibleOn: '2024-01-10',
      lookedAfterOn: () => false,
      contacts: [contact('2026-01-08', { accommodationType: 'U', accommodationSuitable: false, activity: 'G5' })],
    };
    const stillInCare = { ...careLeaver, childId: 'b', lookedAfterOn: () => true };
    const neverEligible = { ...careLeaver, childId: 'c', eligibleOn: null };
    const quiet = { ...careLeaver, childId: 'd', dateOfBirth: '2005-06-15', contacts: [] };
    // came into care at 17 and eligible only since: not a care leaver at that birthday
    const eligibleSince = { ...careLeaver, childId: 'e', eligibleOn: '2026-01-11' };
    const all = birthdaysBetween([careLeaver, stillInCare, neverEligible, quiet, eligibleSince], '2025-03-03', '2026-03-02');
    expect(all.map((m) => [m.childId, m.age, m.birthdayOn])).toEqual([
      ['d', 20, '2025-06-15'],
      ['a', 18, '2026-01-10'],
    ]);
    const lists = measureListsOf(all);
    expect(lists.in_touch.map((m) => m.childId)).toEqual(['a']);
    expect(lists.not_suitable.map((m) => m.childId)).toEqual(['a']);
    expect(lists.not_eet.map((m) => m.childId)).toEqual(['a']);
    expect(lists.contact_not_known.map((m) => m.childId)).toEqual(['d']);
    expect(lists.activity_not_known.map((m) => m.childId)).toEqual(['d']);
    expect(percentOf(lists.in_touch.length, all.length)).toBe(50);
    expect(percentOf(0, 0)).toBeNull();
  });

  it('gives OC3 the contact’s codes, blank where the record does not say, and 0 only for a young person not in touch', () => {
    expect(oc3Codes(null)).toEqual({ IN_TOUCH: null, ACTIV: null, ACCOM: null });
    expect(oc3Codes(contact('2026-01-08', { accommodationType: 'U', accommodationSuitable: false, activity: 'G5' }))).toEqual({
      IN_TOUCH: 'YES',
      ACTIV: 'G5',
      ACCOM: 'U2',
    });
    expect(oc3Codes(contact('2026-01-08', { accommodationType: 'Z', accommodationSuitable: true }))).toEqual({
      IN_TOUCH: 'YES',
      ACTIV: null,
      ACCOM: 'Z1',
    });
    expect(oc3Codes(contact('2026-01-08', { inTouch: 'REFU' }))).toEqual({ IN_TOUCH: 'REFU', ACTIV: '0', ACCOM: '0' });
    expect(oc3Codes(contact('2026-01-08', { inTouch: 'RHOM', activity: 'F1' }))).toEqual({ IN_TOUCH: 'RHOM', ACTIV: null, ACCOM: null });
  });
});
