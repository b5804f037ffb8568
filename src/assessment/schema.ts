import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { children } from '../core/record/schema.js';
import { referrals } from '../front-door/schema.js';
import { workers } from '../core/organisation/schema.js';
import { users } from '../core/auth/schema.js';

export const assessmentOutcomes = [
  'no_further_action',
  'early_help',
  'child_in_need_plan',
  'strategy_discussion',
  'section_47',
  'looked_after',
  'other',
] as const;

/** Outcomes that start child protection work: a section 47 enquiry starts from a strategy discussion. */
export const outcomesStartingStrategyDiscussion: readonly string[] = ['strategy_discussion', 'section_47'];

/** What a manager decides on a submitted assessment. */
export const assessmentReviewDecisions = ['returned', 'authorised'] as const;

/** The single (child and family) assessment. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    referralId: uuid('referral_id')
      .notNull()
      .references(() => referrals.id),
    startDate: date('start_date').notNull(),
    workerId: uuid('worker_id').references(() => workers.id),
    /** DfE assessment factor codes (1A ... 24A) */
    factors: text('factors')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The social worker's analysis of the child's needs and risks, and the family's strengths. */
    analysis: text('analysis'),
    /** The child's wishes and feelings, in their words where possible. */
    childViews: text('child_views'),
    /** The views of the parents, carers and family. */
    familyViews: text('family_views'),
    /** What is recommended and planned next, and by whom. */
    plan: text('plan'),
    outcome: text('outcome'),
    submittedAt: date('submitted_at'),
    authorisedAt: date('authorised_at'),
    authorisedBy: uuid('authorised_by').references(() => workers.id),
    /** Why it ran past its due date, recorded by a manager. */
    lateReason: text('late_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('assessments_authorised_check', sql`${t.authorisedAt} is null or ${t.submittedAt} is not null`),
    check('assessments_dates_check', sql`${t.submittedAt} is null or ${t.submittedAt} >= ${t.startDate}`),
    index('assessments_child_idx').on(t.childId),
    index('assessments_referral_idx').on(t.referralId),
    // open assessments (backlog by age), and those awaiting authorisation
    index('assessments_open_idx')
      .on(t.startDate)
      .where(sql`${t.authorisedAt} is null`),
  ],
);

/**
 * Management oversight of an assessment: each time a manager returns it to the worker with
 * comments, or authorises it (with comments if they add any). Kept, never edited.
 */
export const assessmentReviews = pgTable(
  'assessment_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id),
    decision: text('decision').$type<(typeof assessmentReviewDecisions)[number]>().notNull(),
    comments: text('comments'),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedByWorker: uuid('decided_by_worker').references(() => workers.id),
  },
  (t) => [
    check('assessment_reviews_decision_check', sql`${t.decision} in ('returned', 'authorised')`),
    check('assessment_reviews_returned_check', sql`${t.decision} <> 'returned' or ${t.comments} is not null`),
    index('assessment_reviews_assessment_idx').on(t.assessmentId, t.decidedAt),
  ],
);
