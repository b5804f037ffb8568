import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: a trigger in the migrations refuses UPDATE and DELETE, and another chains each
 * new row to the one before by a hash, so a row changed or removed afterwards shows.
 * Holds who did what to which child, never the child's data itself.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    username: text('username'),
    childId: uuid('child_id'),
    /** Other children the response named or listed (a search's results, a work list). */
    childIds: uuid('child_ids').array(),
    /** e.g. VIEW_CHILD, RECORD_VISIT, SIGN_IN_FAILED */
    action: text('action').notNull(),
    /** the page or API call, e.g. "GET /children/:childId" */
    route: text('route').notNull(),
    /** id of the record changed, when the action changes one */
    recordId: text('record_id'),
    /** SHA-256 (hex) of the previous row's hash and this row's content; set by the database. */
    hash: text('hash'),
  },
  (t) => [
    // a child's audit trail, newest first
    index('audit_child_idx').on(t.childId, t.at),
    // the rows where a child appeared in a list or search
    index('audit_child_ids_idx').using('gin', t.childIds),
    // a user's activity
    index('audit_user_idx').on(t.userId, t.at),
  ],
);
