/**
 * The statutory measures of care leavers at 17 to 21, as DfE counts them in the SSDA903's OC3
 * table: each young person who was looked after for 13 weeks since turning 14, some of it after
 * 16, and was no longer looked after on their 17th, 18th, 19th, 20th or 21st birthday, is
 * counted once, at that birthday, from the contact closest to it in the window DfE asks about
 * (from 3 months before the birthday to 1 month after). Whether they were in touch, in suitable
 * accommodation, and in education, employment or training is read from that contact; when no
 * contact in the window records it, the figure is "not known", never "no".
 *
 * Pure: the queries give the young people and their contacts, the page and the return both read
 * what this module makes of them.
 */
import { type IsoDate, addCalendarMonths, birthday } from '../core/calendar/index.js';

/** The birthdays at which DfE asks about a care leaver. */
export const MEASURED_AGES = [17, 18, 19, 20, 21] as const;

export interface MeasuredContact {
  id: string;
  contactOn: IsoDate;
  inTouch: string;
  accommodationType: string | null;
  accommodationSuitable: boolean | null;
  activity: string | null;
}

export interface MeasuredYoungPerson {
  childId: string;
  dateOfBirth: IsoDate;
  /** The day they became an eligible child, or null. */
  eligibleOn: IsoDate | null;
  /** Whether they were looked after on a given day. */
  lookedAfterOn: (day: IsoDate) => boolean;
  contacts: readonly MeasuredContact[];
}

/** The window of contacts DfE reads a birthday's circumstances from. */
export function birthdayWindow(birthdayOn: IsoDate): { from: IsoDate; to: IsoDate } {
  return { from: addCalendarMonths(birthdayOn, -3), to: addCalendarMonths(birthdayOn, 1) };
}

/** The contact closest to the birthday within its window (the later of two as close), or null. */
export function contactAround(contacts: readonly MeasuredContact[], birthdayOn: IsoDate): MeasuredContact | null {
  const { from, to } = birthdayWindow(birthdayOn);
  const distance = (d: IsoDate) => Math.abs(Date.parse(d) - Date.parse(birthdayOn));
  let best: MeasuredContact | null = null;
  for (const c of contacts) {
    if (c.contactOn < from || c.contactOn > to) continue;
    if (
      !best ||
      distance(c.contactOn) < distance(best.contactOn) ||
      (distance(c.contactOn) === distance(best.contactOn) && c.contactOn > best.contactOn)
    )
      best = c;
  }
  return best;
}

export type InTouch = 'in_touch' | 'not_in_touch' | 'not_known';
export type Accommodation = 'suitable' | 'not_suitable' | 'not_known';
export type Activity = 'eet' | 'not_eet' | 'not_known';

/** One young person at one birthday. */
export interface BirthdayMeasure {
  childId: string;
  age: number;
  birthdayOn: IsoDate;
  contact: MeasuredContact | null;
  inTouch: InTouch;
  accommodation: Accommodation;
  activity: Activity;
}

/** Education, employment or training: ACTIV's F (full time) and P (part time) codes; G is neither. */
export const isEet = (activity: string) => activity.startsWith('F') || activity.startsWith('P');

export function measureAt(y: MeasuredYoungPerson, age: number, birthdayOn: IsoDate): BirthdayMeasure {
  const contact = contactAround(y.contacts, birthdayOn);
  const inTouch: InTouch = !contact ? 'not_known' : contact.inTouch === 'YES' ? 'in_touch' : 'not_in_touch';
  const accommodation: Accommodation =
    contact?.accommodationType && contact.accommodationSuitable !== null
      ? contact.accommodationSuitable
        ? 'suitable'
        : 'not_suitable'
      : 'not_known';
  const activity: Activity = contact?.activity ? (isEet(contact.activity) ? 'eet' : 'not_eet') : 'not_known';
  return { childId: y.childId, age, birthdayOn, contact, inTouch, accommodation, activity };
}

/**
 * Each young person whose 17th to 21st birthday fell from `from` to `to` (inclusive) and who
 * was a care leaver then: eligible by the birthday (before 18), and not looked after on it.
 */
export function birthdaysBetween(people: readonly MeasuredYoungPerson[], from: IsoDate, to: IsoDate): BirthdayMeasure[] {
  const out: BirthdayMeasure[] = [];
  for (const y of people) {
    if (!y.eligibleOn) continue;
    for (const age of MEASURED_AGES) {
      const on = birthday(y.dateOfBirth, age);
      // a care leaver at the birthday: eligible by then (one who came into care after it was not)
      if (on < from || on > to || y.eligibleOn > on || y.lookedAfterOn(on)) continue;
      out.push(measureAt(y, age, on));
    }
  }
  return out.sort((a, b) => a.birthdayOn.localeCompare(b.birthdayOn) || a.childId.localeCompare(b.childId));
}

/** An OC3 row's codes: null where the record does not say, so the return's rules flag what is missing rather than a guess. */
export interface Oc3Codes {
  IN_TOUCH: string | null;
  ACTIV: string | null;
  ACCOM: string | null;
}

/**
 * The OC3 codes of the contact around a birthday. No contact in the window: all three blank (not
 * known). Died or home with parents for 6 months: no activity or accommodation (DfE's rule 344).
 * In touch: what the contact records, blank where it records nothing. Otherwise (not in touch,
 * refused, no longer needs services): what the contact records, else 0, DfE's "no information".
 */
export function oc3Codes(c: MeasuredContact | null): Oc3Codes {
  if (!c) return { IN_TOUCH: null, ACTIV: null, ACCOM: null };
  if (c.inTouch === 'DIED' || c.inTouch === 'RHOM') return { IN_TOUCH: c.inTouch, ACTIV: null, ACCOM: null };
  const accom =
    c.accommodationType && c.accommodationSuitable !== null ? `${c.accommodationType}${c.accommodationSuitable ? '1' : '2'}` : null;
  if (c.inTouch === 'YES') return { IN_TOUCH: 'YES', ACTIV: c.activity, ACCOM: accom };
  return { IN_TOUCH: c.inTouch, ACTIV: c.activity ?? '0', ACCOM: accom ?? '0' };
}

/** The lists behind the measures page's figures, by name. */
export const measureLists = [
  'all',
  'in_touch',
  'not_in_touch',
  'contact_not_known',
  'suitable',
  'not_suitable',
  'accommodation_not_known',
  'eet',
  'not_eet',
  'activity_not_known',
] as const;
export type MeasureList = (typeof measureLists)[number];
export const isMeasureList = (v: unknown): v is MeasureList => typeof v === 'string' && (measureLists as readonly string[]).includes(v);

export function measureListsOf(all: readonly BirthdayMeasure[]): Record<MeasureList, BirthdayMeasure[]> {
  return {
    all: [...all],
    in_touch: all.filter((m) => m.inTouch === 'in_touch'),
    not_in_touch: all.filter((m) => m.inTouch === 'not_in_touch'),
    contact_not_known: all.filter((m) => m.inTouch === 'not_known'),
    suitable: all.filter((m) => m.accommodation === 'suitable'),
    not_suitable: all.filter((m) => m.accommodation === 'not_suitable'),
    accommodation_not_known: all.filter((m) => m.accommodation === 'not_known'),
    eet: all.filter((m) => m.activity === 'eet'),
    not_eet: all.filter((m) => m.activity === 'not_eet'),
    activity_not_known: all.filter((m) => m.activity === 'not_known'),
  };
}

/** A share of the young people counted, or null when there is no one to count. */
export const percentOf = (part: number, whole: number) => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
