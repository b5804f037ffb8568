/**
 * Children in need: child in need plans (on the plan builder child protection's plans use),
 * their reviews, the closure of a case (with step-down to early help) and transition planning
 * for disabled children. Names follow the Standard Safeguarding Dataset where it has them
 * (ssd_cin_plans: cinp_*), so the CIN census reads plan dates straight from here.
 *
 * Every table carries `child_id` (the child's lock and access rule reach each row) and
 * `version` for optimistic locking.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Attendee } from '../casework/meetings.js';
import { planActionsTable, planContentColumns } from '../casework/plans.js';
import { children } from '../core/record/schema.js';
import { users } from '../core/auth/schema.js';
import { referrals } from '../front-door/schema.js';

/** Why a child in need plan ended, as chosen on the plan's end page. */
export const chosenCinPlanEndReasons = [
  'needs_met',
  'step_down_early_help',
  'child_protection_plan',
  'became_looked_after',
  'moved_to_another_authority',
  'family_withdrew_consent',
  'other',
] as const;
/** `case_closed` is set by closing the case, never chosen. */
export const cinPlanEndReasons = [...chosenCinPlanEndReasons, 'case_closed'] as const;
export type CinPlanEndReason = (typeof cinPlanEndReasons)[number];

/** The CIN census's reasons for closure (RC1 to RC9; a unit test holds them to src/core/codes). */
export const closureReasonCodes = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
/** RC9: closed after assessment and referred to early help, which is a step-down. */
export const earlyHelpClosureReason = 'RC9';

const oneOf = (column: AnyPgColumn, codes: readonly string[]) => sql`${column} in (${sql.raw(codes.map((c) => `'${c}'`).join(','))})`;

/** ssd_cin_plans: a child in need plan under section 17 of the Children Act 1989. */
export const cinPlans = pgTable(
  'cin_plans',
  {
    /** cinp_cin_plan_id */
    id: uuid('id').primaryKey().defaultRandom(),
    /** cinp_person_id */
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** cinp_referral_id: the children in need episode the plan belongs to */
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    /** cinp_cin_plan_start_date (CIN census CINPlanStartDate) */
    startDate: date('start_date').notNull(),
    /** cinp_cin_plan_end_date (CIN census CINPlanEndDate) */
    endDate: date('end_date'),
    endReason: text('end_reason'),
    /** What must change for the child, and what happens if the plan is not working (the plan builder). */
    ...planContentColumns(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('cin_plans_end_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check('cin_plans_end_reason_check', sql`(${t.endDate} is null) = (${t.endReason} is null)`),
    check('cin_plans_end_reason_code_check', sql`${t.endReason} is null or ${oneOf(t.endReason, cinPlanEndReasons)}`),
    // a child is on one child in need plan at a time
    uniqueIndex('cin_plans_open_idx')
      .on(t.childId)
      .where(sql`${t.endDate} is null`),
    index('cin_plans_child_idx').on(t.childId, t.startDate),
  ],
);

/** What is to be done under a child in need plan (the plan builder). */
export const cinPlanActions = planActionsTable('cin_plan_actions', 'cin_plan_id', () => cinPlans.id);

/** A child in need plan review meeting: who came, what the child said, what was decided. */
export const cinPlanReviews = pgTable(
  'cin_plan_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    cinPlanId: uuid('cin_plan_id')
      .notNull()
      .references(() => cinPlans.id),
    reviewDate: date('review_date').notNull(),
    attendance: jsonb('attendance')
      .$type<Attendee[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    childViews: text('child_views'),
    decisions: text('decisions').notNull(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('cin_plan_reviews_attendance_check', sql`jsonb_typeof(${t.attendance}) = 'array'`),
    index('cin_plan_reviews_plan_idx').on(t.cinPlanId, t.reviewDate),
    // the clock's facts are read by child
    index('cin_plan_reviews_child_idx').on(t.childId),
  ],
);

/**
 * The child's case closed to children's social care: every open referral closed with the
 * census's reason, an open child in need plan ended, and, on a step-down, who takes the work
 * on in early help.
 */
export const caseClosures = pgTable(
  'case_closures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    closedDate: date('closed_date').notNull(),
    /** CIN census ReasonForClosure (RC1 to RC9) */
    reason: text('reason').notNull(),
    /** Why the case closed, in plain words, for the family and the next worker. */
    summary: text('summary').notNull(),
    stepDownToEarlyHelp: boolean('step_down_to_early_help').notNull().default(false),
    /** The early help service or lead professional taking the work on. */
    earlyHelpProvider: text('early_help_provider'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('case_closures_reason_check', oneOf(t.reason, closureReasonCodes)),
    check('case_closures_step_down_check', sql`${t.stepDownToEarlyHelp} = (${t.earlyHelpProvider} is not null)`),
    index('case_closures_child_idx').on(t.childId, t.closedDate),
  ],
);

/**
 * Transition planning towards adulthood for a disabled child: when it started (the fact the
 * clock's transition rule is met by), who leads it and what it covers.
 */
export const transitionPlans = pgTable('transition_plans', {
  id: uuid('id').primaryKey().defaultRandom(),
  childId: uuid('child_id')
    .notNull()
    .unique()
    .references(() => children.id),
  startedDate: date('started_date').notNull(),
  /** Who leads the planning (a person, a team, adult social care). */
  lead: text('lead').notNull(),
  adultServicesInvolved: boolean('adult_services_involved').notNull(),
  summary: text('summary').notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
});
