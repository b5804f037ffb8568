import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { children } from '../core/record/schema.js';
import { referrals } from '../front-door/schema.js';
import { workers } from '../core/organisation/schema.js';

export const assessmentOutcomes = ['no_further_action', 'early_help', 'child_in_need_plan', 'section_47', 'looked_after', 'other'] as const;

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
