/**
 * Child protection: strategy discussions, section 47 enquiries, conferences, plans and core
 * groups. Names follow the Standard Safeguarding Dataset (ssd_s47_enquiry,
 * ssd_initial_cp_conference, ssd_cp_plans, ssd_cp_reviews; its field ids in the comments), so
 * the CIN census and Annex A read straight from here. Child protection visits are the visits
 * the record already has (src/children, `visits`).
 *
 * Every table carries `child_id` (the child's lock and access rule reach each row) and
 * `version` for optimistic locking. Lists recorded as a whole with their row (who took part,
 * who attended) are JSON arrays on that row, validated by the use case's schema and guarded by
 * the row's version.
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
import { children } from '../core/record/schema.js';
import { users } from '../core/auth/schema.js';
import { contacts, referrals } from '../front-door/schema.js';
import { workers } from '../core/organisation/schema.js';
import { type Agency, type Attendee } from '../casework/meetings.js';
import { planActionsTable, planContentColumns } from '../casework/plans.js';

// shared with the other areas of casework; named here too, as this area's tables use them
export { agencies, type Agency, type Attendee } from '../casework/meetings.js';
export { actionStatuses } from '../casework/plans.js';

/** Working Together 2023: a strategy discussion has the police and health at the least. */
export const requiredStrategyAgencies: readonly Agency[] = ['police', 'health'];

export const strategyDecisions = ['s47_enquiry', 'single_assessment', 'police_investigation', 'no_further_action'] as const;
export type StrategyDecision = (typeof strategyDecisions)[number];

export const s47Outcomes = ['substantiated', 'not_substantiated'] as const;

export const conferenceTypes = ['initial', 'pre_birth', 'review'] as const;
export type ConferenceType = (typeof conferenceTypes)[number];

/** An initial (or pre-birth) conference decides on a plan; a review, whether it continues. */
export const initialConferenceDecisions = ['cp_plan', 'no_plan'] as const;
export const reviewConferenceDecisions = ['continue_plan', 'end_plan'] as const;
export const conferenceDecisions = [...initialConferenceDecisions, ...reviewConferenceDecisions] as const;

export const parentParticipation = ['attended', 'views_shared', 'did_not_take_part'] as const;
export const childParticipation = ['attended', 'views_shared', 'did_not_take_part', 'too_young'] as const;

/** Why a plan ended, as chosen on the plan's end page. */
export const chosenPlanEndReasons = ['moved_to_another_authority', 'became_looked_after', 'reached_18', 'died', 'other'] as const;
/** `review_decision` is set by the review conference that ends the plan, never chosen. */
export const planEndReasons = ['review_decision', ...chosenPlanEndReasons] as const;

/** One person who took part in a strategy discussion. */
export interface Participant {
  agency: Agency;
  role: string;
  name: string;
}

const jsonArray = (column: AnyPgColumn) => sql`jsonb_typeof(${column}) = 'array'`;
/** A code column holds one of its list's codes (the list written into the constraint). */
const oneOf = (column: AnyPgColumn, codes: readonly string[]) => sql`${column} in (${sql.raw(codes.map((c) => `'${c}'`).join(','))})`;
/** The CIN census's categories of abuse (a unit test holds them to src/core/codes). */
export const categoryCodes = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;

/**
 * The concern that a child is suffering, or likely to suffer, significant harm, and the
 * strategy discussion it needs. Recorded when the concern arises (the clock starts), then
 * completed when the discussion is held. The row's id is the enquiry's episode for the clock.
 */
export const strategyDiscussions = pgTable(
  'strategy_discussions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** The referral or contact it came from, if any (an open case needs neither). */
    referralId: uuid('referral_id').references(() => referrals.id),
    contactId: uuid('contact_id').references(() => contacts.id),
    /** When the concern of significant harm arose. */
    concernAt: timestamp('concern_at', { withTimezone: true }).notNull(),
    concern: text('concern').notNull(),
    heldAt: timestamp('held_at', { withTimezone: true }),
    participants: jsonb('participants')
      .$type<Participant[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    informationShared: text('information_shared'),
    decisions: text('decisions')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    authorisedBy: uuid('authorised_by').references(() => workers.id),
    authorisedDate: date('authorised_date'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('strategy_discussions_participants_check', jsonArray(t.participants)),
    check('strategy_discussions_held_check', sql`${t.heldAt} is null or ${t.heldAt} >= ${t.concernAt}`),
    check(
      'strategy_discussions_decisions_check',
      sql`${t.decisions} <@ array[${sql.raw(strategyDecisions.map((d) => `'${d}'`).join(','))}]::text[]`,
    ),
    check('strategy_discussions_decided_check', sql`(${t.heldAt} is null) = (cardinality(${t.decisions}) = 0)`),
    check(
      'strategy_discussions_authorised_check',
      sql`(${t.authorisedDate} is null) or (${t.heldAt} is not null and ${t.authorisedBy} is not null)`,
    ),
    index('strategy_discussions_child_idx').on(t.childId, t.concernAt),
  ],
);

/** ssd_s47_enquiry: enquiries under section 47 of the Children Act 1989. */
export const s47Enquiries = pgTable(
  's47_enquiries',
  {
    /** s47e_s47_enquiry_id */
    id: uuid('id').primaryKey().defaultRandom(),
    /** s47e_person_id */
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    strategyDiscussionId: uuid('strategy_discussion_id')
      .notNull()
      .unique()
      .references(() => strategyDiscussions.id),
    /** s47e_referral_id */
    referralId: uuid('referral_id').references(() => referrals.id),
    /** s47e_s47_start_date (CIN census S47ActualStartDate) */
    startDate: date('start_date').notNull(),
    childSeen: boolean('child_seen'),
    seenAlone: boolean('seen_alone'),
    /** s47e_s47_outcome: concerns substantiated or not */
    outcome: text('outcome'),
    /** whether an initial conference is needed (CIN census ICPCnotRequired is its negation) */
    conferenceRequired: boolean('conference_required'),
    conferenceNotRequiredReason: text('conference_not_required_reason'),
    /** s47e_s47_end_date */
    endDate: date('end_date'),
    /** s47e_s47_completed_by_worker_id */
    completedBy: uuid('completed_by').references(() => workers.id),
    authorisedBy: uuid('authorised_by').references(() => workers.id),
    authorisedDate: date('authorised_date'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('s47_enquiries_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('substantiated','not_substantiated')`),
    check('s47_enquiries_end_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check(
      's47_enquiries_completed_check',
      sql`(${t.endDate} is null) = (${t.outcome} is null) and (${t.endDate} is null) = (${t.conferenceRequired} is null) and (${t.endDate} is null or ${t.childSeen} is not null)`,
    ),
    check(
      's47_enquiries_reason_check',
      sql`${t.conferenceRequired} is distinct from false or ${t.conferenceNotRequiredReason} is not null`,
    ),
    check('s47_enquiries_seen_alone_check', sql`not coalesce(${t.seenAlone}, false) or ${t.childSeen}`),
    check(
      's47_enquiries_authorised_check',
      sql`${t.authorisedDate} is null or (${t.endDate} is not null and ${t.authorisedBy} is not null)`,
    ),
    index('s47_enquiries_child_idx').on(t.childId, t.startDate),
  ],
);

/**
 * ssd_initial_cp_conference and ssd_cp_reviews in one table: the two share what is recorded
 * (chair, attendance, participation, the social worker's report), and differ in what they
 * belong to. An initial or pre-birth conference follows a section 47 enquiry; a review
 * belongs to a plan.
 */
export const cpConferences = pgTable(
  'cp_conferences',
  {
    /** icpc_icpc_id / cppr_cp_review_id */
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    type: text('type').$type<ConferenceType>().notNull(),
    /** icpc_s47_enquiry_id (initial and pre-birth) */
    s47EnquiryId: uuid('s47_enquiry_id').references(() => s47Enquiries.id),
    /** cppr_cp_plan_id (review) */
    cpPlanId: uuid('cp_plan_id').references((): AnyPgColumn => cpPlans.id),
    /** icpc_icpc_date / cppr_cp_review_date */
    conferenceDate: date('conference_date').notNull(),
    chair: text('chair').notNull(),
    attendance: jsonb('attendance')
      .$type<Attendee[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    parentsParticipation: text('parents_participation').notNull(),
    /** cppr_cp_review_participation */
    childParticipation: text('child_participation').notNull(),
    socialWorkerAttended: boolean('social_worker_attended').notNull(),
    reportSubmittedDate: date('report_submitted_date'),
    reportSharedWithFamilyDate: date('report_shared_with_family_date'),
    /** icpc_icpc_outcome_cp_flag / cppr_cp_review_outcome_continue_cp */
    decision: text('decision').notNull(),
    /** CIN census category of abuse (NEG, PHY, SAB, EMO, MUL) when a plan is made or continues */
    categoryOfAbuse: text('category_of_abuse'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('cp_conferences_type_check', sql`${t.type} in ('initial','pre_birth','review')`),
    check(
      'cp_conferences_belongs_check',
      sql`(${t.type} = 'review') = (${t.cpPlanId} is not null) and (${t.type} = 'review') = (${t.s47EnquiryId} is null)`,
    ),
    check(
      'cp_conferences_decision_check',
      sql`(${t.type} = 'review' and ${t.decision} in ('continue_plan','end_plan')) or (${t.type} <> 'review' and ${t.decision} in ('cp_plan','no_plan'))`,
    ),
    check('cp_conferences_category_check', sql`(${t.categoryOfAbuse} is not null) = (${t.decision} in ('cp_plan','continue_plan'))`),
    check('cp_conferences_category_code_check', sql`${t.categoryOfAbuse} is null or ${oneOf(t.categoryOfAbuse, categoryCodes)}`),
    check(
      'cp_conferences_participation_check',
      sql`${oneOf(t.parentsParticipation, parentParticipation)} and ${oneOf(t.childParticipation, childParticipation)}`,
    ),
    check('cp_conferences_attendance_check', jsonArray(t.attendance)),
    // one initial conference per enquiry
    uniqueIndex('cp_conferences_s47_idx')
      .on(t.s47EnquiryId)
      .where(sql`${t.s47EnquiryId} is not null`),
    index('cp_conferences_child_idx').on(t.childId, t.conferenceDate),
    index('cp_conferences_plan_idx').on(t.cpPlanId),
  ],
);

/** ssd_cp_plans: a child protection plan, made by an initial (or pre-birth) conference. */
export const cpPlans = pgTable(
  'cp_plans',
  {
    /** cppl_cp_plan_id */
    id: uuid('id').primaryKey().defaultRandom(),
    /** cppl_person_id */
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** cppl_icpc_id */
    initialConferenceId: uuid('initial_conference_id')
      .notNull()
      .unique()
      .references((): AnyPgColumn => cpConferences.id),
    /** cppl_cp_plan_start_date: the date of the conference that made it */
    startDate: date('start_date').notNull(),
    /** cppl_cp_plan_end_date */
    endDate: date('end_date'),
    endReason: text('end_reason'),
    /** cppl_cp_plan_initial_category */
    initialCategory: text('initial_category').notNull(),
    /** cppl_cp_plan_latest_category */
    latestCategory: text('latest_category').notNull(),
    /** What must change for the child, and what happens if the plan is not working (the plan builder). */
    ...planContentColumns(),
    finalisedDate: date('finalised_date'),
    finalisedBy: uuid('finalised_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('cp_plans_end_check', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check('cp_plans_end_reason_check', sql`(${t.endDate} is null) = (${t.endReason} is null)`),
    check('cp_plans_end_reason_code_check', sql`${t.endReason} is null or ${oneOf(t.endReason, planEndReasons)}`),
    check('cp_plans_category_check', sql`${oneOf(t.initialCategory, categoryCodes)} and ${oneOf(t.latestCategory, categoryCodes)}`),
    // a plan is not finalised without outcomes and a contingency plan
    check('cp_plans_finalised_check', sql`${t.finalisedDate} is null or (${t.contingency} is not null and cardinality(${t.outcomes}) > 0)`),
    // a child is on one plan at a time
    uniqueIndex('cp_plans_open_idx')
      .on(t.childId)
      .where(sql`${t.endDate} is null`),
    index('cp_plans_child_idx').on(t.childId, t.startDate),
  ],
);

/** What is to be done under a plan: by whom, by when, and how far it has got (the plan builder). */
export const cpPlanActions = planActionsTable('cp_plan_actions', 'cp_plan_id', () => cpPlans.id);

/** A core group meeting under a plan. */
export const coreGroupMeetings = pgTable(
  'core_group_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    cpPlanId: uuid('cp_plan_id')
      .notNull()
      .references(() => cpPlans.id),
    meetingDate: date('meeting_date').notNull(),
    attendance: jsonb('attendance')
      .$type<Attendee[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    /** The plan's actions the group went through. */
    actionsReviewed: uuid('actions_reviewed')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    notes: text('notes'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('core_group_meetings_attendance_check', jsonArray(t.attendance)),
    index('core_group_meetings_plan_idx').on(t.cpPlanId, t.meetingDate),
    // the clock's facts are read by child
    index('core_group_meetings_child_idx').on(t.childId),
  ],
);
