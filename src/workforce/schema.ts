import { index, integer, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { teams, workers } from '../core/organisation/schema.js';

/**
 * Who a child is allocated to, with history: the current allocation has no end.
 * worker_id is null while a child sits with a team unallocated (for example at the front door).
 */
export const allocations = pgTable(
  'allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    childId: uuid('child_id').notNull(),
    workerId: uuid('worker_id').references(() => workers.id),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    allocatedBy: uuid('allocated_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // the child's current allocation, and allocation history on the record
    index('allocations_child_idx').on(t.childId, t.startedAt),
    // caseloads: current children per worker and per team
    index('allocations_current_worker_idx').on(t.workerId).where(sql`${t.endedAt} is null`),
    index('allocations_current_team_idx').on(t.teamId).where(sql`${t.endedAt} is null`),
  ],
);
