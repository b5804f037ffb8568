/**
 * The authority's organisation: its teams and the workers in them. Users sign in as workers
 * in teams, access to children follows team and worker, and every area records which worker
 * did what, so these tables sit in core; the workforce area administers them.
 */
import { boolean, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

export const teams = pgTable('teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  /** One of teamKinds. */
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

/** Worker roles that hold a caseload: everyone but managers and administrators. */
export const caseholdingWorkerRoles = [
  'social_worker',
  'senior_practitioner',
  'family_support_worker',
  'personal_adviser',
] as const satisfies readonly WorkerRole[];
/** Worker roles that can hold a single assessment. */
export const assessorWorkerRoles = ['social_worker', 'senior_practitioner'] as const satisfies readonly WorkerRole[];

export const teamKinds = ['locality', 'front_door', 'looked_after', 'leaving_care', 'disabled_children', 'other'] as const;

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
    /** A social worker's Social Work England registration number (SW and digits): their SW_ID in the SSDA903. */
    socialWorkEnglandNumber: text('social_work_england_number'),
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
