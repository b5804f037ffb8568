import { bigserial, boolean, check, index, integer, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { teams, workers } from '../organisation/schema.js';

/** `designated_officer`: the local authority designated officer (LADO), who manages allegations against adults and holds no child's record. */
export const accessRoles = ['practitioner', 'team_manager', 'service_manager', 'designated_officer', 'administrator'] as const;
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
    /** Optimistic locking for the administration pages. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    check('users_role_check', sql`${t.role} in ('practitioner','team_manager','service_manager','designated_officer','administrator')`),
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

/**
 * Signed-in sessions, kept in the database so that ending one ends every copy of its cookie,
 * on every instance. Only a SHA-256 hash of the random session id is stored: the id itself is
 * in the cookie alone, so a copy of this table cannot be used to sign in.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** password or oidc */
    method: text('method').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Updated at most once a minute, not on every request. */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** The absolute end, however active the session is. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** signed_out, expired, idle, disabled, password_changed, replaced */
    endedReason: text('ended_reason'),
  },
  (t) => [
    // ending every session of a user
    index('sessions_open_user_idx')
      .on(t.userId)
      .where(sql`${t.endedAt} is null`),
  ],
);

/**
 * Failed sign-ins, counted per account (the username as typed, whether or not it exists) and
 * per client address, so every instance throttles alike. Pruned after a day.
 */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    account: text('account').notNull(),
    address: text('address').notNull(),
    /** Set when the account then signs in: its own count starts again, its address's does not. */
    cleared: boolean('cleared').notNull().default(false),
  },
  (t) => [index('sign_in_failures_account_idx').on(t.account, t.at), index('sign_in_failures_address_idx').on(t.address, t.at)],
);

/** Roles an API token may act as: administration has no API. */
export const apiTokenRoles = ['practitioner', 'team_manager', 'service_manager'] as const;

/**
 * Tokens integrations send as `Authorization: Bearer`. Only a SHA-256 hash is stored; the
 * token is shown once, when it is created.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull().unique(),
    tokenHash: text('token_hash').notNull().unique(),
    role: text('role').$type<(typeof apiTokenRoles)[number]>().notNull(),
    teamId: uuid('team_id').references(() => teams.id),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [check('api_tokens_role_check', sql`${t.role} in ('practitioner','team_manager','service_manager')`)],
);
