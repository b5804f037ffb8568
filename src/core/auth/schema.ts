import { boolean, check, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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

/**
 * A person's account at the authority's identity provider, linked to one OpenCSC user on
 * their first single sign-on: the provider's issuer and its subject (`sub`), which never
 * changes for that person, unlike a username or an email address.
 */
export const userIdentities = pgTable(
  'user_identities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('user_identities_subject_key').on(t.issuer, t.subject),
    // one account at each provider per user, so a second person cannot take over a linked user
    unique('user_identities_user_key').on(t.userId, t.issuer),
  ],
);
