import { boolean, check, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { teams, workers } from '../../workforce/schema.js';

export const accessRoles = ['practitioner', 'team_manager', 'service_manager', 'administrator'] as const;
export type AccessRole = (typeof accessRoles)[number];

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<AccessRole>().notNull(),
    workerId: uuid('worker_id').references(() => workers.id),
    teamId: uuid('team_id').references(() => teams.id),
    /** Demo accounts exist only in a demo authority and are refused in production. */
    demo: boolean('demo').notNull().default(false),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'users_role_check',
      sql`${t.role} in ('practitioner','team_manager','service_manager','administrator')`,
    ),
  ],
);
