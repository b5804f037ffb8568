import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** locality, front_door, looked_after, leaving_care, disabled_children, other */
  kind: text('kind').notNull().default('locality'),
  active: boolean('active').notNull().default(true),
});

export const workerRoles = [
  'social_worker',
  'senior_practitioner',
  'family_support_worker',
  'personal_adviser',
  'team_manager',
  'service_manager',
  'administrator',
] as const;
export type WorkerRole = (typeof workerRoles)[number];

export const workers = pgTable(
  'workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    role: text('role').$type<WorkerRole>().notNull(),
    teamId: uuid('team_id').references(() => teams.id),
    qualified: boolean('qualified').notNull().default(true),
    newlyQualified: boolean('newly_qualified').notNull().default(false),
    agency: boolean('agency').notNull().default(false),
    active: boolean('active').notNull().default(true),
    /** Optimistic locking for the administration pages. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // My team: the workers of one team
    index('workers_team_idx').on(t.teamId),
    check(
      'workers_role_check',
      sql`${t.role} in ('social_worker','senior_practitioner','family_support_worker','personal_adviser','team_manager','service_manager','administrator')`,
    ),
  ],
);

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
