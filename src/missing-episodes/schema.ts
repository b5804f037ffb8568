/**
 * Missing and absent episodes: a child (looked after or not) missing from home or care, or
 * away from placement without authorisation, from when they went to when they returned or
 * were found, with the return home interview, any strategy meeting and the child exploitation
 * risk screening it led to. The kinds are SSDA903's MISSING codes as the returns module holds
 * them (src/returns/ssda903/tables.ts), so the record and the return refuse the same codes.
 *
 * Start and end are instants (the 72-hour clock runs from the return's time). The episode
 * carries `version`, and every change to it moves it on, so two people changing one episode
 * from pages opened at the same time cannot both succeed.
 */
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../core/auth/schema.js';
import { children } from '../core/record/schema.js';
import { RECORD_903_YEAR } from '../looked-after/schema.js';
import { codesFor } from '../returns/ssda903/tables.js';

/** MISSING: M, missing; A, away from placement without authorisation (the collection year looked after's record follows). */
export const missingCodes = (() => {
  const list = codesFor('Missing', 'MISSING', RECORD_903_YEAR);
  if (list.length === 0) throw new Error('no SSDA903 codes for Missing.MISSING');
  return list as readonly [string, ...string[]];
})();

/** Where the return home interview stands: offered and waiting, held, or declined by the child. */
export const interviewOutcomes = ['offered', 'held', 'declined'] as const;
export type InterviewOutcome = (typeof interviewOutcomes)[number];

/** What the child exploitation risk screening found. */
export const screeningOutcomes = ['no_concerns', 'concerns', 'referred_on'] as const;
export type ScreeningOutcome = (typeof screeningOutcomes)[number];

const oneOf = (column: AnyPgColumn, list: readonly string[]) => sql`${column} in (${sql.raw(list.map((c) => `'${c}'`).join(','))})`;

export const missingEpisodes = pgTable(
  'missing_episodes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    /** MISSING */
    missingCode: text('missing_code').notNull(),
    /** MIS_START, with its time */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** MIS_END, with its time: when the child returned or was found */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    whereFound: text('where_found'),
    interviewOfferedAt: timestamp('interview_offered_at', { withTimezone: true }),
    interviewOutcome: text('interview_outcome').$type<InterviewOutcome>(),
    /** When the interview was held, or when the child declined it. */
    interviewOutcomeAt: timestamp('interview_outcome_at', { withTimezone: true }),
    interviewHeldBy: text('interview_held_by'),
    interviewIndependent: boolean('interview_independent'),
    strategyMeetingDate: date('strategy_meeting_date'),
    screeningDate: date('screening_date'),
    screeningOutcome: text('screening_outcome').$type<ScreeningOutcome>(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('missing_episodes_code_check', oneOf(t.missingCode, missingCodes)),
    check('missing_episodes_end_check', sql`${t.endedAt} is null or ${t.endedAt} > ${t.startedAt}`),
    // an interview follows the return: offered after it, and held or declined after the offer
    check(
      'missing_episodes_interview_check',
      sql`(${t.interviewOfferedAt} is null) = (${t.interviewOutcome} is null)
          and (${t.interviewOfferedAt} is null or (${t.endedAt} is not null and ${t.interviewOfferedAt} >= ${t.endedAt}))
          and (${t.interviewOutcome} is null or ${oneOf(t.interviewOutcome, interviewOutcomes)})
          and ((${t.interviewOutcome} in ('held', 'declined')) = (${t.interviewOutcomeAt} is not null))
          and (${t.interviewOutcomeAt} is null or ${t.interviewOutcomeAt} >= ${t.interviewOfferedAt})
          and ((${t.interviewOutcome} = 'held') = (${t.interviewHeldBy} is not null and ${t.interviewIndependent} is not null))`,
    ),
    check(
      'missing_episodes_screening_check',
      sql`(${t.screeningDate} is null) = (${t.screeningOutcome} is null)
          and (${t.screeningOutcome} is null or ${oneOf(t.screeningOutcome, screeningOutcomes)})`,
    ),
    index('missing_episodes_child_idx').on(t.childId, t.startedAt),
  ],
);
