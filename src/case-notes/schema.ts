/**
 * Case notes: typed entries on the child's record, each with the date (and, when known, the
 * time) of what it records and when it was recorded, so late recording can be counted.
 */
import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { children } from '../core/record/schema.js';
import { users } from '../core/auth/schema.js';
import { workers } from '../core/organisation/schema.js';

export const caseNoteKinds = ['visit', 'telephone_call', 'management_oversight', 'supervision_discussion', 'multi_agency_meeting'] as const;
export type CaseNoteKind = (typeof caseNoteKinds)[number];

export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    kind: text('kind').$type<CaseNoteKind>().notNull(),
    /** The day of what the note records, in England. */
    eventDate: date('event_date').notNull(),
    /** Its time of day, HH:MM in England, when known. */
    eventTime: text('event_time'),
    /** One line: what the note is about (the chronology shows it). */
    summary: text('summary').notNull(),
    note: text('note').notNull(),
    /** The day it was recorded, in England, and the working days after the event that was. */
    recordedDate: date('recorded_date').notNull(),
    recordingWorkingDays: integer('recording_working_days').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid('recorded_by').references(() => users.id),
    workerId: uuid('worker_id').references(() => workers.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('case_notes_kind_check', sql`${t.kind} in (${sql.raw(caseNoteKinds.map((k) => `'${k}'`).join(','))})`),
    check('case_notes_time_check', sql`${t.eventTime} is null or ${t.eventTime} ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'`),
    check('case_notes_recorded_check', sql`${t.recordedDate} >= ${t.eventDate} and ${t.recordingWorkingDays} >= 0`),
    index('case_notes_child_idx').on(t.childId, t.eventDate),
  ],
);
