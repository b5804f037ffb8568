import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Finding } from './findings.js';

/**
 * A return a performance officer uploaded for validation, and what was found. Kept in the
 * database, not in one process's memory, so any instance can show its progress and result.
 */
export const returnRuns = pgTable(
  'return_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** ssda903 or cin */
    kind: text('kind').notNull(),
    /** queued, running, done, unreadable, failed */
    status: text('status').notNull().default('queued'),
    files: jsonb('files').$type<string[]>().notNull(),
    collectionYear: integer('collection_year'),
    rulesDone: integer('rules_done').notNull().default(0),
    rulesTotal: integer('rules_total').notNull().default(0),
    /** Why it could not be read, or what the reader changed (never a stack trace). */
    messages: jsonb('messages')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    findings: jsonb('findings').$type<Finding[]>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('return_runs_kind_check', sql`${t.kind} in ('ssda903', 'cin')`),
    check('return_runs_status_check', sql`${t.status} in ('queued', 'running', 'done', 'unreadable', 'failed')`),
    // a user's recent runs
    index('return_runs_created_idx').on(t.createdBy, t.createdAt),
  ],
);
