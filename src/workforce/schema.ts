import { check, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { teams, workers } from '../core/organisation/schema.js';
import { children } from '../core/record/schema.js';

/**
 * Who a child is allocated to, with history: the current allocation has no end, and a child
 * has at most one. worker_id is null while a child sits with a team unallocated (for example
 * at the front door). A row is never edited but to end it, so it carries no version: a page
 * names the allocation it showed (workforce/allocation.ts).
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id')
      .notNull()
      .references(() => children.id),
    workerId: uuid('worker_id').references(() => workers.id),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    allocatedBy: uuid('allocated_by'),
    /**
     * Why the child's social worker changed to this one (DfE's SW_REASON, change-reasons.ts):
     * given when a manager allocates to a worker; null for a team without a worker, and for
     * allocations made before it was asked.
     */
    changeReason: text('change_reason'),
  },
  (t) => [
    check(
      'allocations_change_reason_check',
      sql`${t.changeReason} is null or ${t.changeReason} in ('MANAGE', 'FCONTA', 'LEFTRL', 'ORGRST', 'TSPROC', 'ABSENC', 'CHCHAN', 'PCCHAN', 'SWDIED', 'OTHERS')`,
    ),
    // allocation history on the record
    index('allocations_child_idx').on(t.childId, t.startedAt),
    // the child's current allocation: at most one
    uniqueIndex('allocations_current_child_idx')
      .on(t.childId)
      .where(sql`${t.endedAt} is null`),
    // caseloads: current children per worker and per team
    index('allocations_current_worker_idx')
      .on(t.workerId)
      .where(sql`${t.endedAt} is null`),
    index('allocations_current_team_idx')
      .on(t.teamId)
      .where(sql`${t.endedAt} is null`),
  ],
);
