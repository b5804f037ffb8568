/**
 * Health and education of looked after children: the statutory health assessments and dental
 * checks (CPPCR reg 7), immunisations and health surveillance as at a date, the Strengths and
 * Difficulties Questionnaire, substance misuse and offending (what the SSDA903 OC2 table
 * needs), the child's school, personal education plans and their meetings, and the hours of
 * education the child receives a week. Names follow the Standard Safeguarding Dataset where
 * it has them (ssd_cla_health, ssd_cla_immunisations, ssd_sdq_scores,
 * ssd_cla_substance_misuse, ssd_cla_convictions).
 *
 * Every table carries `child_id` (the child's lock and access rule reach each row). A health
 * check and a personal education plan carry `version`: a health check can be corrected, and
 * a PEP's meetings move its version on, so two people working from pages opened at the same
 * time cannot both succeed.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';
import { carePeriods } from '../looked-after/schema.js';

/** What a health check is: the statutory health assessment (reg 7) or a dental check. */
export const healthCheckTypes = ['health_assessment', 'dental_check'] as const;
/** A health assessment is the initial one (reg 7(1)) or a review (reg 7(3)–(4)). */
export const assessmentTypes = ['initial', 'review'] as const;
/** Health the authority records as up to date or not, as at a date (OC2 IMMUNISATIONS and HEALTH_CHECK). */
export const healthStatusKinds = ['immunisations', 'health_surveillance'] as const;
/** SDQ_REASON: why there is no SDQ score (DfE's SSDA903 codes). */
export const sdqReasonCodes = ['SDQ1', 'SDQ2', 'SDQ3', 'SDQ4', 'SDQ5'] as const;
/** What counts for OC2 CONVICTED: a conviction, a youth caution or a youth conditional caution. */
export const offendingOutcomes = ['conviction', 'youth_caution', 'youth_conditional_caution'] as const;
/** The school's Ofsted grade, as the authority records it. */
export const ofstedGrades = ['outstanding', 'good', 'requires_improvement', 'inadequate', 'not_yet_inspected'] as const;
/** Statutory guidance on the education of looked after children expects at least this much a week. */
export const FULL_TIME_HOURS = 25;
/** The most hours a week of education a record may hold: more is a typing mistake. */
export const MAX_HOURS = 60;
/** SDQ scores run from 0 to 40 (SSDA903 OC2 SDQ_SCORE). */
export const SDQ_MAX = 40;

const oneOf = (column: AnyPgColumn, list: readonly string[]) => sql`${column} in (${sql.raw(list.map((c) => `'${c}'`).join(','))})`;

const stamps = () => ({
  recordedBy: uuid('recorded_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

const childColumn = () =>
  uuid('child_id')
    .notNull()
    .references(() => children.id);

/** A statutory health assessment or a dental check, with when it was done and by whom. */
export const healthChecks = pgTable(
  'cla_health_checks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    checkType: text('check_type').notNull(),
    /** initial or review, for a health assessment */
    assessmentType: text('assessment_type'),
    checkDate: date('check_date').notNull(),
    completedBy: text('completed_by'),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('cla_health_checks_type_check', oneOf(t.checkType, healthCheckTypes)),
    check(
      'cla_health_checks_assessment_check',
      sql`(${t.checkType} = 'health_assessment') = (${t.assessmentType} is not null) and (${t.assessmentType} is null or ${oneOf(t.assessmentType, assessmentTypes)})`,
    ),
    index('cla_health_checks_child_idx').on(t.childId, t.checkDate),
  ],
);

/** Immunisations or health surveillance checks up to date (or not), as at a date. */
export const healthStatuses = pgTable(
  'cla_health_statuses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    kind: text('kind').notNull(),
    asAtDate: date('as_at_date').notNull(),
    upToDate: boolean('up_to_date').notNull(),
    ...stamps(),
  },
  (t) => [
    check('cla_health_statuses_kind_check', oneOf(t.kind, healthStatusKinds)),
    uniqueIndex('cla_health_statuses_child_kind_date_idx').on(t.childId, t.kind, t.asAtDate),
  ],
);

/** A Strengths and Difficulties Questionnaire: its score, or DfE's reason there is none. */
export const sdqScores = pgTable(
  'cla_sdq_scores',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    completedDate: date('completed_date').notNull(),
    score: integer('score'),
    reason: text('reason'),
    ...stamps(),
  },
  (t) => [
    check('cla_sdq_scores_one_check', sql`(${t.score} is null) <> (${t.reason} is null)`),
    check('cla_sdq_scores_range_check', sql`${t.score} is null or ${t.score} between 0 and ${sql.raw(String(SDQ_MAX))}`),
    check('cla_sdq_scores_reason_check', sql`${t.reason} is null or ${oneOf(t.reason, sdqReasonCodes)}`),
    index('cla_sdq_scores_child_idx').on(t.childId, t.completedDate),
  ],
);

/** A substance misuse problem identified, and whether the child received or was offered an intervention. */
export const substanceMisuse = pgTable(
  'cla_substance_misuse',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    identifiedDate: date('identified_date').notNull(),
    substance: text('substance'),
    interventionReceived: boolean('intervention_received').notNull(),
    /** Only when no intervention was received (OC2 INTERVENTION_OFFERED). */
    interventionOffered: boolean('intervention_offered'),
    ...stamps(),
  },
  (t) => [
    check('cla_substance_misuse_offered_check', sql`not (${t.interventionReceived} and ${t.interventionOffered} is not null)`),
    index('cla_substance_misuse_child_idx').on(t.childId, t.identifiedDate),
  ],
);

/** A conviction, youth caution or youth conditional caution. */
export const convictions = pgTable(
  'cla_convictions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    outcomeDate: date('outcome_date').notNull(),
    outcome: text('outcome').notNull(),
    ...stamps(),
  },
  (t) => [check('cla_convictions_outcome_check', oneOf(t.outcome, offendingOutcomes)), index('cla_convictions_child_idx').on(t.childId)],
);

/** The school the child attends from a date (the latest is the school now). */
export const childSchools = pgTable(
  'cla_schools',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    fromDate: date('from_date').notNull(),
    schoolName: text('school_name').notNull(),
    /** The school's unique reference number (Get Information about Schools), if known. */
    urn: text('urn'),
    ofstedGrade: text('ofsted_grade').notNull(),
    ...stamps(),
  },
  (t) => [
    check('cla_schools_grade_check', oneOf(t.ofstedGrade, ofstedGrades)),
    uniqueIndex('cla_schools_child_date_idx').on(t.childId, t.fromDate),
  ],
);

/** A personal education plan: one for each period of care, from the day it was initiated. */
export const personalEducationPlans = pgTable(
  'personal_education_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    carePeriodId: uuid('care_period_id')
      .notNull()
      .references(() => carePeriods.id),
    initiatedDate: date('initiated_date').notNull(),
    ...stamps(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('personal_education_plans_period_idx').on(t.carePeriodId), index('personal_education_plans_child_idx').on(t.childId)],
);

/** A PEP meeting, at which the plan is reviewed. */
export const pepMeetings = pgTable(
  'pep_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    pepId: uuid('pep_id')
      .notNull()
      .references(() => personalEducationPlans.id),
    meetingDate: date('meeting_date').notNull(),
    ...stamps(),
  },
  (t) => [uniqueIndex('pep_meetings_pep_date_idx').on(t.pepId, t.meetingDate), index('pep_meetings_child_idx').on(t.childId)],
);

/** The hours of education a week the child receives, as at a date. */
export const educationHours = pgTable(
  'education_hours',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: childColumn(),
    asAtDate: date('as_at_date').notNull(),
    hoursPerWeek: doublePrecision('hours_per_week').notNull(),
    ...stamps(),
  },
  (t) => [
    check('education_hours_range_check', sql`${t.hoursPerWeek} >= 0 and ${t.hoursPerWeek} <= ${sql.raw(String(MAX_HOURS))}`),
    uniqueIndex('education_hours_child_date_idx').on(t.childId, t.asAtDate),
  ],
);
