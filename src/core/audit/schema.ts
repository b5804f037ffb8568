import { bigserial, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: a trigger in the migrations refuses UPDATE and DELETE.
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
    /** e.g. VIEW_CHILD, RECORD_VISIT, SIGN_IN_FAILED */
    action: text('action').notNull(),
    /** the page or API call, e.g. "GET /children/:childId" */
    route: text('route').notNull(),
    /** id of the record changed, when the action changes one */
    recordId: text('record_id'),
  },
  (t) => [
    // a child's audit trail, newest first
    index('audit_child_idx').on(t.childId, t.at),
    // a user's activity
    index('audit_user_idx').on(t.userId, t.at),
  ],
);
