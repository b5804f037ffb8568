/**
 * Allegations against adults who work with children, as the local authority designated
 * officer (LADO) manages them (Working Together 2023, chapter 2): the adult, what is alleged,
 * the children concerned, the strategy and evaluation meetings, and the outcome. The adult is
 * not a child's record: only the link to each child concerned is, so the clock runs on them.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Attendee } from '../casework/meetings.js';
import { children } from '../core/record/schema.js';

/** The sector the adult works or volunteers in. */
export const sectors = [
  'education',
  'early_years',
  'health',
  'police',
  'faith',
  'sport',
  'residential_care',
  'foster_carer',
  'other',
] as const;
export type Sector = (typeof sectors)[number];

/** What the adult is alleged to have done, in the three ways Working Together names. */
export const allegationCategories = ['harm', 'possible_offence', 'unsuitability'] as const;
export type AllegationCategory = (typeof allegationCategories)[number];

/** The kind of abuse alleged, in the categories of child protection. */
export const abuseTypes = ['physical', 'emotional', 'sexual', 'neglect'] as const;
export type AbuseType = (typeof abuseTypes)[number];

/** The outcome of an allegation, in the five terms of Working Together's definitions. */
export const allegationOutcomes = ['substantiated', 'false', 'malicious', 'unsubstantiated', 'unfounded'] as const;
export type AllegationOutcome = (typeof allegationOutcomes)[number];

/** What was done about the adult when the allegation concluded. */
export const outcomeActions = [
  'dbs_referral',
  'regulator_referral',
  'criminal_prosecution',
  'dismissal',
  'resignation',
  'disciplinary_action',
  'training_or_supervision',
  'no_further_action',
] as const;
export type OutcomeAction = (typeof outcomeActions)[number];

export const meetingKinds = ['strategy', 'evaluation'] as const;
export type MeetingKind = (typeof meetingKinds)[number];

const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

export const allegations = pgTable(
  'allegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    adultName: text('adult_name').notNull(),
    adultRole: text('adult_role').notNull(),
    employer: text('employer').notNull(),
    sector: text('sector').$type<Sector>().notNull(),
    category: text('category').$type<AllegationCategory>().notNull(),
    abuseType: text('abuse_type').$type<AbuseType>(),
    /** What is alleged, in the words of the referral. */
    detail: text('detail').notNull(),
    /** The day the employer or organisation was told: the clock's allegation_made. */
    madeDate: date('made_date').notNull(),
    ladoInformedDate: date('lado_informed_date').notNull(),
    /** Children concerned who have no record here: how many, and who they are in a few words. */
    otherChildrenCount: integer('other_children_count').notNull().default(0),
    otherChildrenDescription: text('other_children_description'),
    outcome: text('outcome').$type<AllegationOutcome>(),
    concludedDate: date('concluded_date'),
    outcomeActions: jsonb('outcome_actions').$type<OutcomeAction[]>(),
    outcomeNotes: text('outcome_notes'),
    /** The user, or the API token, that recorded it (no foreign key: a token is not a user). */
    recordedBy: uuid('recorded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Every change to the allegation, its children or its meetings moves it on. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('allegations_sector_check', sql`${t.sector} in (${inList(sectors)})`),
    check('allegations_category_check', sql`${t.category} in (${inList(allegationCategories)})`),
    check('allegations_abuse_type_check', sql`${t.abuseType} is null or ${t.abuseType} in (${inList(abuseTypes)})`),
    check('allegations_outcome_check', sql`${t.outcome} is null or ${t.outcome} in (${inList(allegationOutcomes)})`),
    check('allegations_lado_check', sql`${t.ladoInformedDate} >= ${t.madeDate}`),
    check(
      'allegations_concluded_check',
      sql`(${t.outcome} is null) = (${t.concludedDate} is null) and (${t.concludedDate} is null or ${t.concludedDate} >= ${t.madeDate})`,
    ),
    check('allegations_other_children_check', sql`${t.otherChildrenCount} >= 0`),
    index('allegations_made_idx').on(t.madeDate),
    index('allegations_concluded_idx').on(t.concludedDate),
  ],
);

/** A child on the record the allegation concerns: their facts carry the allegation as episode. */
export const allegationChildren = pgTable(
  'allegation_children',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allegationId: uuid('allegation_id')
      .notNull()
      .references(() => allegations.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('allegation_children_idx').on(t.allegationId, t.childId), index('allegation_children_child_idx').on(t.childId)],
);

/** A strategy or evaluation meeting about the allegation. */
export const allegationMeetings = pgTable(
  'allegation_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    allegationId: uuid('allegation_id')
      .notNull()
      .references(() => allegations.id),
    kind: text('kind').$type<MeetingKind>().notNull(),
    meetingDate: date('meeting_date').notNull(),
    attendance: jsonb('attendance').$type<Attendee[]>().notNull(),
    decisions: text('decisions').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('allegation_meetings_kind_check', sql`${t.kind} in (${inList(meetingKinds)})`),
    index('allegation_meetings_allegation_idx').on(t.allegationId, t.meetingDate),
  ],
);
