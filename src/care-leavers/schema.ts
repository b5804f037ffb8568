/**
 * Care leavers: what the authority keeps about a young person who was looked after, as they
 * leave care and after (Children (Leaving Care) Act 2000; Care Leavers (England) Regulations
 * 2010; CPPCR 2010 Part 7). Whether the young person is a care leaver, and of which category,
 * is worked out from the periods of care (eligibility.ts), never typed.
 *
 * - `care_leavers`: one row per young person: the needs assessment, the pathway plan, the
 *   personal adviser, Staying Put, the health summary given to them, and the end of support.
 * - `pathway_plan_reviews`: each review of the pathway plan.
 * - `care_leaver_contacts`: each contact, whether the young person was in touch, and at it their
 *   accommodation (type, suitable or not) and activity, in the SSDA903 OC3's codes, so the
 *   measures and the return read the same record.
 *
 * Every table carries `child_id` (the child's lock and access rule reach each row) and
 * `version` for optimistic locking.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';
import { RECORD_903_YEAR } from '../looked-after/schema.js';
import { codesFor } from '../returns/ssda903/tables.js';

const codes = (column: string, leaveOut: readonly string[] = []) => {
  const list = codesFor('OC3', column, RECORD_903_YEAR).filter((c) => !leaveOut.includes(c));
  if (list.length === 0) throw new Error(`no SSDA903 codes for OC3.${column}`);
  return list as unknown as readonly [string, ...string[]];
};

/** IN_TOUCH: whether the authority was in touch with the young person at the contact. */
export const inTouchCodes = codes('IN_TOUCH');
/**
 * ACTIV: the young person's main activity. '0' is the return's "no information" (for a young
 * person not in touch), which the record says by leaving the activity unrecorded.
 */
export const activityCodes = codes('ACTIV', ['0']);
/**
 * ACCOM's letter: the type of accommodation. The return writes it with 1 (suitable) or 2 (not
 * suitable); the record keeps the two apart.
 */
export const accommodationTypes = [
  ...new Set(
    codesFor('OC3', 'ACCOM', RECORD_903_YEAR)
      .filter((c) => c !== '0')
      .map((c) => c.charAt(0)),
  ),
] as unknown as readonly [string, ...string[]];

/** Why leaving care support ended before the young person turned 25. */
export const supportEndReasons = ['no_longer_wanted', 'returned_home', 'moved_to_another_authority', 'died', 'other'] as const;
export type SupportEndReason = (typeof supportEndReasons)[number];

const oneOf = (column: AnyPgColumn, list: readonly string[]) => sql`${column} in (${sql.raw(list.map((c) => `'${c}'`).join(','))})`;

export const careLeavers = pgTable(
  'care_leavers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** The leaving care needs assessment's completion (CPPCR reg 42). */
    needsAssessmentCompletedOn: date('needs_assessment_completed_on'),
    /** The first pathway plan (CPPCR reg 43); its reviews are `pathway_plan_reviews`. */
    pathwayPlanCompletedOn: date('pathway_plan_completed_on'),
    personalAdviserName: text('personal_adviser_name'),
    personalAdviserAppointedOn: date('personal_adviser_appointed_on'),
    /** The day the authority began to provide accommodation for the young person as a relevant child (CLR reg 8(2)(a)). */
    accommodationProvidedFrom: date('accommodation_provided_from'),
    /** Staying Put: living on with former foster carers after 18 (CA 1989 s23CZA). */
    stayingPutFrom: date('staying_put_from'),
    stayingPutTo: date('staying_put_to'),
    /** The summary of their health history the young person is given as they leave care. */
    healthSummary: text('health_summary'),
    healthSummaryGivenOn: date('health_summary_given_on'),
    supportEndedOn: date('support_ended_on'),
    supportEndReason: text('support_end_reason'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('care_leavers_child_idx').on(t.childId),
    check('care_leavers_adviser_check', sql`(${t.personalAdviserAppointedOn} is null) = (${t.personalAdviserName} is null)`),
    check(
      'care_leavers_staying_put_check',
      sql`${t.stayingPutTo} is null or (${t.stayingPutFrom} is not null and ${t.stayingPutTo} >= ${t.stayingPutFrom})`,
    ),
    check('care_leavers_health_summary_check', sql`${t.healthSummaryGivenOn} is null or ${t.healthSummary} is not null`),
    check('care_leavers_end_check', sql`(${t.supportEndedOn} is null) = (${t.supportEndReason} is null)`),
    check('care_leavers_end_reason_check', sql`${t.supportEndReason} is null or ${oneOf(t.supportEndReason, supportEndReasons)}`),
  ],
);

export const pathwayPlanReviews = pgTable(
  'pathway_plan_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    reviewedOn: date('reviewed_on').notNull(),
    /** What changed in the plan, in a few lines. */
    summary: text('summary').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('pathway_plan_reviews_day_idx').on(t.childId, t.reviewedOn)],
);

export const careLeaverContacts = pgTable(
  'care_leaver_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    contactOn: date('contact_on').notNull(),
    /** IN_TOUCH: YES, NO, DIED, REFU (refused contact), NREQ (no longer requires services), RHOM (returned home). */
    inTouch: text('in_touch').notNull(),
    /** Whether the personal adviser saw the young person (the clock's personal adviser contact). */
    seenByAdviser: boolean('seen_by_adviser').notNull(),
    /** ACCOM's letter, and whether the accommodation is suitable; both null when not known. */
    accommodationType: text('accommodation_type'),
    accommodationSuitable: boolean('accommodation_suitable'),
    /** ACTIV; null when not known. */
    activity: text('activity'),
    notes: text('notes'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('clc_in_touch_check', oneOf(t.inTouch, inTouchCodes)),
    check('clc_activity_check', sql`${t.activity} is null or ${oneOf(t.activity, activityCodes)}`),
    check('clc_accommodation_check', sql`${t.accommodationType} is null or ${oneOf(t.accommodationType, accommodationTypes)}`),
    check('clc_suitable_check', sql`(${t.accommodationType} is null) = (${t.accommodationSuitable} is null)`),
    // a young person not in touch was not seen
    check('clc_seen_check', sql`${t.inTouch} = 'YES' or not ${t.seenByAdviser}`),
    index('clc_child_idx').on(t.childId, t.contactOn),
  ],
);
