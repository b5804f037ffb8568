/**
 * Private fostering: a child under 16 (18 if disabled) cared for by someone who is not a
 * parent or close relative for 28 days or more, by private arrangement (Children Act 1989
 * s66). The authority is notified of the arrangement, visits the child (the record's visits)
 * and assesses the carer's suitability (Children (Private Arrangements for Fostering)
 * Regulations 2005).
 *
 * The table carries `child_id` (the child's lock and access rule reach each row) and
 * `version` for optimistic locking.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';

/** Who told the authority about the arrangement. */
export const privateFosteringNotifiers = ['parent', 'carer', 'school', 'other'] as const;
export type Notifier = (typeof privateFosteringNotifiers)[number];

/** The outcome of the assessment of the carer's suitability (regs 4, 7; s69 prohibition). */
export const carerAssessmentOutcomes = ['suitable', 'not_suitable', 'requirements_imposed', 'prohibited'] as const;
export type CarerAssessmentOutcome = (typeof carerAssessmentOutcomes)[number];

/** Why the arrangement ended. */
export const arrangementEndReasons = [
  'returned_to_parents',
  'moved_to_another_carer',
  'became_looked_after',
  'reached_age_limit',
  'prohibited',
  'left_the_area',
  'other',
] as const;
export type ArrangementEndReason = (typeof arrangementEndReasons)[number];

const oneOf = (column: AnyPgColumn, codes: readonly string[]) => sql`${column} in (${sql.raw(codes.map((c) => `'${c}'`).join(','))})`;

export const privateFosteringArrangements = pgTable(
  'private_fostering_arrangements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** The day the authority was notified: the first visit's clock counts from here (reg 4(1)). */
    notifiedOn: date('notified_on').notNull(),
    notifiedBy: text('notified_by').notNull(),
    /** Who notified, in a few words (a named school, a neighbour). */
    notifierDetail: text('notifier_detail'),
    /** The day the child went to live with the carer; may be before the notification, or after it when notified in advance. */
    arrangementStartedOn: date('arrangement_started_on').notNull(),
    carerName: text('carer_name').notNull(),
    carerPostcode: text('carer_postcode').notNull(),
    /** How the carer is related to, or knows, the child or family. */
    carerRelationship: text('carer_relationship').notNull(),
    /** The parents' names, and where they live or how to reach them. */
    parentsDetails: text('parents_details').notNull(),
    expectedDuration: text('expected_duration').notNull(),
    assessmentStartedOn: date('assessment_started_on'),
    assessmentCompletedOn: date('assessment_completed_on'),
    assessmentOutcome: text('assessment_outcome'),
    endedOn: date('ended_on'),
    endReason: text('end_reason'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('pf_notified_by_check', oneOf(t.notifiedBy, privateFosteringNotifiers)),
    check('pf_end_check', sql`${t.endedOn} is null or (${t.endedOn} >= ${t.arrangementStartedOn} and ${t.endedOn} >= ${t.notifiedOn})`),
    check('pf_end_reason_check', sql`(${t.endedOn} is null) = (${t.endReason} is null)`),
    check('pf_end_reason_code_check', sql`${t.endReason} is null or ${oneOf(t.endReason, arrangementEndReasons)}`),
    check(
      'pf_assessment_check',
      sql`(${t.assessmentCompletedOn} is null or (${t.assessmentStartedOn} is not null and ${t.assessmentCompletedOn} >= ${t.assessmentStartedOn}))
          and (${t.assessmentCompletedOn} is null) = (${t.assessmentOutcome} is null)`,
    ),
    check('pf_assessment_outcome_check', sql`${t.assessmentOutcome} is null or ${oneOf(t.assessmentOutcome, carerAssessmentOutcomes)}`),
    // a child lives in one private fostering arrangement at a time
    uniqueIndex('pf_open_idx')
      .on(t.childId)
      .where(sql`${t.endedOn} is null`),
    index('pf_child_idx').on(t.childId, t.notifiedOn),
    index('pf_notified_idx').on(t.notifiedOn),
  ],
);
