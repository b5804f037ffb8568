/**
 * The demo's care leavers: its own looked after children who left care at 16 to 18 having
 * become eligible (the care leavers area works that out from their periods of care), each with
 * a leaving care record (needs assessment, pathway plan, personal adviser), pathway plan reviews
 * about every 6 months and contacts about every 2 months from leaving care to today. In touch at
 * Manchester's 2014 rate (94.6% of care leavers); the activity is left unrecorded at many
 * contacts, as in 2014, when nobody could count how many were in education, employment or
 * training, so the measures show "not known" honestly. Drawn from streams of its own, after the
 * rest, so the rest of the authority is unchanged by it.
 */
import { eligibleOn } from '../care-leavers/eligibility.js';
import { addCalendarMonths, addDays, ageOn, birthday } from '../core/calendar/index.js';
import type { careLeaverContacts, careLeavers, pathwayPlanReviews } from '../schema.js';
import type { Random } from './random.js';

type IsoDate = string;

export interface CareLeaverRows {
  careLeavers: (typeof careLeavers.$inferInsert)[];
  pathwayPlanReviews: (typeof pathwayPlanReviews.$inferInsert)[];
  careLeaverContacts: (typeof careLeaverContacts.$inferInsert)[];
}

export function emptyCareLeaverRows(): CareLeaverRows {
  return { careLeavers: [], pathwayPlanReviews: [], careLeaverContacts: [] };
}

/** The parts of the planned record the care leavers are drawn from. */
export interface CareLeaverSource {
  children: { id?: string; dateOfBirth?: string | null }[];
  carePeriods: { childId: string; startDate: string; endDate?: string | null; shortBreaks?: boolean; reasonCeased?: string | null }[];
}

export interface CareLeaverContext {
  today: IsoDate;
  rng: Random;
  ids: Random;
  /** A synthetic person's full name (the personal adviser's). */
  name: () => string;
}

/** Manchester, 2014: care leavers in touch with the authority. */
export const IN_TOUCH_2014 = 0.946;
/** Share of contacts in touch that record the young person's activity: many did not. */
const ACTIVITY_RECORDED = 0.45;
/** Share of contacts in touch that record the accommodation. */
const ACCOMMODATION_RECORDED = 0.85;
const notInTouch = { NO: 70, REFU: 25, NREQ: 5 } as const;
const accommodation = { U: 30, E: 15, D: 20, B: 12, Z: 10, T: 5, K: 4, S: 2, X: 2 } as const;
const activities = { F2: 25, P2: 5, F1: 8, F4: 6, F5: 14, P5: 8, G4: 8, G5: 20, G6: 6 } as const;
const reviewSummaries = [
  'Accommodation and budgeting reviewed with the young person; the plan carries on.',
  'College course and travel costs discussed; the plan updated with a bursary application.',
  'Health and wellbeing reviewed: registered with a GP; the plan adds help with a dentist.',
  'Plans for a tenancy at 18 agreed; the personal adviser to support the housing application.',
];

export function planCareLeavers(source: CareLeaverSource, ctx: CareLeaverContext): CareLeaverRows {
  const { today: T, rng, ids, name } = ctx;
  const out = emptyCareLeaverRows();
  const periodsOf = new Map<string, { startDate: string; endDate: string | null; shortBreaks: boolean; reasonCeased: string | null }[]>();
  for (const p of source.carePeriods) {
    const list = periodsOf.get(p.childId) ?? [];
    list.push({
      startDate: p.startDate,
      endDate: p.endDate ?? null,
      shortBreaks: p.shortBreaks ?? false,
      reasonCeased: p.reasonCeased ?? null,
    });
    periodsOf.set(p.childId, list);
  }
  for (const child of source.children) {
    const periods = child.id ? periodsOf.get(child.id) : undefined;
    if (!periods || !child.dateOfBirth) continue;
    const dob = child.dateOfBirth;
    // left care at 16 to 18, and not looked after again since
    if (periods.some((p) => p.endDate === null)) continue;
    const last = [...periods].sort((a, b) => a.endDate!.localeCompare(b.endDate!)).at(-1)!;
    const left = last.endDate!;
    const ageLeaving = ageOn(dob, left);
    if (ageLeaving < 16 || ageLeaving > 18 || ageOn(dob, T) >= 25) continue;
    const eligible = eligibleOn(dob, periods);
    if (!eligible) continue;
    const childId = child.id!;
    const assessed = addDays(eligible, rng.int(0, 120));
    const planned = addDays(assessed, rng.int(7, 60));
    if (planned > T) continue;
    out.careLeavers.push({
      id: ids.uuid(),
      childId,
      needsAssessmentCompletedOn: assessed,
      pathwayPlanCompletedOn: planned,
      personalAdviserName: name(),
      personalAdviserAppointedOn: planned,
      // those who left care at 18 staying with their foster carers (DfE's E17) are Staying Put
      stayingPutFrom: ageLeaving === 18 && left === birthday(dob, 18) && last.reasonCeased === 'E17' ? left : null,
    });
    // reviews about every 6 months after the plan
    for (
      let on = addDays(addCalendarMonths(planned, 6), rng.int(-14, 30));
      on <= T;
      on = addDays(addCalendarMonths(on, 6), rng.int(-14, 30))
    ) {
      out.pathwayPlanReviews.push({ id: ids.uuid(), childId, reviewedOn: on, summary: rng.pick(reviewSummaries) });
    }
    // contacts about every 2 months from leaving care
    for (let on = addDays(left, rng.int(3, 40)); on <= T; on = addDays(on, rng.int(40, 75))) {
      const inTouch = rng.chance(IN_TOUCH_2014) ? 'YES' : rng.weighted(notInTouch);
      const recordsAccommodation = inTouch === 'YES' && rng.chance(ACCOMMODATION_RECORDED);
      const drawn = recordsAccommodation ? rng.weighted(accommodation) : null;
      // a foyer, and staying with former foster carers, are for 18 and over (DfE's rules 347 and
      // 3001): a younger care leaver is in semi-independent accommodation
      const type = (drawn === 'T' || drawn === 'Z') && ageOn(dob, on) < 18 ? 'D' : drawn;
      out.careLeaverContacts.push({
        id: ids.uuid(),
        childId,
        contactOn: on,
        inTouch,
        seenByAdviser: inTouch === 'YES' && rng.chance(0.9),
        accommodationType: type,
        accommodationSuitable: type ? !['S', 'X'].includes(type) && rng.chance(0.9) : null,
        activity: inTouch === 'YES' && rng.chance(ACTIVITY_RECORDED) ? rng.weighted(activities) : null,
      });
    }
  }
  return out;
}
