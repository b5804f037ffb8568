/** Reads for the care leavers pages, the API, the measures and the SSDA903's OC3 table. Dates are 'YYYY-MM-DD'. */
import { sql } from 'drizzle-orm';
import { childInScopeOf } from '../children/access.js';
import { restrictedAmong } from '../children/queries.js';
import { clockRules } from '../clock/index.js';
import { addCalendarYears, addDays } from '../core/calendar/index.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ObligationView } from '../obligations/queries.js';
import { type Eligibility, type PeriodOfCare, eligibilityOn, eligibleOn } from './eligibility.js';
import {
  type BirthdayMeasure,
  type MeasureList,
  type MeasuredContact,
  type MeasuredYoungPerson,
  type Oc3Codes,
  birthdaysBetween,
  measureListsOf,
  oc3Codes,
} from './measures.js';

export interface CareLeaverView {
  id: string;
  childId: string;
  needsAssessmentCompletedOn: string | null;
  pathwayPlanCompletedOn: string | null;
  personalAdviserName: string | null;
  personalAdviserAppointedOn: string | null;
  accommodationProvidedFrom: string | null;
  stayingPutFrom: string | null;
  stayingPutTo: string | null;
  healthSummary: string | null;
  healthSummaryGivenOn: string | null;
  supportEndedOn: string | null;
  supportEndReason: string | null;
  version: number;
}

export interface ReviewView {
  id: string;
  reviewedOn: string;
  summary: string;
}

export interface ContactView {
  id: string;
  contactOn: string;
  inTouch: string;
  seenByAdviser: boolean;
  accommodationType: string | null;
  accommodationSuitable: boolean | null;
  activity: string | null;
  notes: string | null;
  version: number;
}

/** The young person's leaving care record, or null before anything is recorded. */
export async function careLeaverOf(db: Db, childId: string): Promise<CareLeaverView | null> {
  const [found] = await rows<CareLeaverView>(
    db,
    sql`select id, child_id as "childId", needs_assessment_completed_on::text as "needsAssessmentCompletedOn",
               pathway_plan_completed_on::text as "pathwayPlanCompletedOn", personal_adviser_name as "personalAdviserName",
               personal_adviser_appointed_on::text as "personalAdviserAppointedOn",
               accommodation_provided_from::text as "accommodationProvidedFrom", staying_put_from::text as "stayingPutFrom",
               staying_put_to::text as "stayingPutTo", health_summary as "healthSummary", health_summary_given_on::text as "healthSummaryGivenOn",
               support_ended_on::text as "supportEndedOn", support_end_reason as "supportEndReason", version
          from care_leavers where child_id = ${childId}`,
  );
  return found ?? null;
}

/** The pathway plan's reviews, newest first. */
export function reviewsOf(db: Db, childId: string): Promise<ReviewView[]> {
  return rows<ReviewView>(
    db,
    sql`select id, reviewed_on::text as "reviewedOn", summary from pathway_plan_reviews where child_id = ${childId} order by reviewed_on desc`,
  );
}

const contactColumns = sql`id, contact_on::text as "contactOn", in_touch as "inTouch", seen_by_adviser as "seenByAdviser",
  accommodation_type as "accommodationType", accommodation_suitable as "accommodationSuitable", activity, notes, version`;

/** The young person's contacts, newest first. */
export function contactsOf(db: Db, childId: string): Promise<ContactView[]> {
  return rows<ContactView>(
    db,
    sql`select ${contactColumns} from care_leaver_contacts where child_id = ${childId} order by contact_on desc, created_at desc`,
  );
}

export async function contactOf(db: Db, childId: string, id: string): Promise<ContactView | null> {
  if (!isUuid(id)) return null;
  const [found] = await rows<ContactView>(
    db,
    sql`select ${contactColumns} from care_leaver_contacts where child_id = ${childId} and id = ${id}`,
  );
  return found ?? null;
}

/** The child's periods of care as eligibility reads them. */
export function periodsOfCareOf(db: Db, childId: string): Promise<PeriodOfCare[]> {
  return rows<PeriodOfCare>(
    db,
    sql`select start_date::text as "startDate", end_date::text as "endDate", short_breaks as "shortBreaks", reason_ceased as "reasonCeased"
          from care_periods where child_id = ${childId} order by start_date`,
  );
}

/** Whether the young person is a care leaver on `today`, and of which category, from their date of birth and periods of care. */
export async function eligibilityOf(db: Db, childId: string, today: string): Promise<Eligibility | null> {
  const [child] = await rows<{ dateOfBirth: string | null }>(
    db,
    sql`select date_of_birth::text as "dateOfBirth" from children where id = ${childId}`,
  );
  if (!child?.dateOfBirth) return null;
  return eligibilityOn(child.dateOfBirth, await periodsOfCareOf(db, childId), today);
}

const careLeaverRuleIds = new Set(clockRules.filter((r) => r.area === 'care leavers').map((r) => r.id));

/** The child's obligations under the care leaver rules. */
export function onlyCareLeavers(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => careLeaverRuleIds.has(o.ruleId));
}

// ── the measures at 17 to 21 ─────────────────────────────────────────────────

interface YoungPersonRow {
  childId: string;
  childName: string;
  reference: string;
  dateOfBirth: string;
  periods: PeriodOfCare[];
  contacts: MeasuredContact[];
}

/**
 * Everyone who was looked after at some time after their 16th birthday and whose 17th to 21st
 * birthday may fall from `from` to `to`, with their periods of care and contacts, among the
 * children `scope` allows (an SQL condition on `c`).
 */
async function youngPeople(db: Db, from: string, to: string, scope: ReturnType<typeof childInScopeOf>): Promise<YoungPersonRow[]> {
  // born so that a 17th birthday is on or before `to` and a 21st on or after `from`
  const bornAfter = addCalendarYears(from, -22);
  const bornBy = addCalendarYears(to, -17);
  return rows<YoungPersonRow>(
    db,
    sql`select c.id as "childId", c.first_name || ' ' || c.last_name as "childName", c.reference::text as reference,
               c.date_of_birth::text as "dateOfBirth",
               (select coalesce(jsonb_agg(jsonb_build_object('startDate', p.start_date::text, 'endDate', p.end_date::text, 'shortBreaks', p.short_breaks, 'reasonCeased', p.reason_ceased)
                                 order by p.start_date), '[]'::jsonb)
                  from care_periods p where p.child_id = c.id) as periods,
               (select coalesce(jsonb_agg(jsonb_build_object('id', k.id, 'contactOn', k.contact_on::text, 'inTouch', k.in_touch,
                                 'accommodationType', k.accommodation_type, 'accommodationSuitable', k.accommodation_suitable, 'activity', k.activity)
                                 order by k.contact_on), '[]'::jsonb)
                  from care_leaver_contacts k where k.child_id = c.id) as contacts
          from children c
         where c.date_of_birth > ${bornAfter} and c.date_of_birth <= ${bornBy}
           and exists (select 1 from care_periods p where p.child_id = c.id and not p.short_breaks
                        and (p.end_date is null or p.end_date > (c.date_of_birth + interval '16 years')::date))
           and ${scope}
         order by c.id`,
  );
}

const measured = (y: YoungPersonRow): MeasuredYoungPerson => ({
  childId: y.childId,
  dateOfBirth: y.dateOfBirth,
  eligibleOn: eligibleOn(y.dateOfBirth, y.periods),
  lookedAfterOn: (day) => y.periods.some((p) => !p.shortBreaks && p.startDate <= day && (p.endDate === null || p.endDate > day)),
  contacts: y.contacts,
});

/** Each care leaver's birthday from `from` to `to`, with what the contact around it records: the OC3 table's rows. */
export async function birthdayMeasures(
  db: Db,
  from: string,
  to: string,
  childId?: string,
): Promise<(BirthdayMeasure & { reference: string; dateOfBirth: string })[]> {
  const people = await youngPeople(db, from, to, childId ? sql`c.id = ${childId}` : sql`true`);
  const byId = new Map(people.map((p) => [p.childId, p]));
  return birthdaysBetween(people.map(measured), from, to).map((m) => ({
    ...m,
    reference: byId.get(m.childId)!.reference,
    dateOfBirth: byId.get(m.childId)!.dateOfBirth,
  }));
}

/** The SSDA903 OC3 table's rows of the days `start` to `end` (a collection year): each care leaver at their birthday, with its codes; one young person's when `childId` is given. */
export async function oc3Rows(db: Db, start: string, end: string, childId?: string): Promise<({ childId: string } & Oc3Codes)[]> {
  const all = await birthdayMeasures(db, start, end, childId);
  return all.map((m) => ({ childId: m.childId, ...oc3Codes(m.contact) }));
}

export interface MeasuredChild extends BirthdayMeasure {
  childName: string;
  /** Counted, not named, when the user may not open the record. */
  restricted: boolean;
}

export interface Measures {
  from: string;
  to: string;
  lists: Record<MeasureList, MeasuredChild[]>;
}

/** The measures for the 12 months to `today`, over the young people in the user's scope: restricted records counted and not named. */
export async function measuresFor(db: Db, user: SignedInUser, today: string): Promise<Measures> {
  const from = addDays(addCalendarYears(today, -1), 1);
  const people = await youngPeople(db, from, today, childInScopeOf(user));
  const names = new Map(people.map((p) => [p.childId, p.childName]));
  const all = birthdaysBetween(people.map(measured), from, today);
  const restricted = await restrictedAmong(
    db,
    user,
    all.map((m) => m.childId),
  );
  const children = all.map((m) => ({ ...m, childName: names.get(m.childId)!, restricted: restricted.has(m.childId) }));
  const lists = measureListsOf(children) as Record<MeasureList, MeasuredChild[]>;
  return { from, to: today, lists };
}

/** The ids of a list's children, for the audit row of whose names a page showed. */
export const namedIn = (list: readonly MeasuredChild[]) => [...new Set(list.filter((c) => !c.restricted).map((c) => c.childId))];
