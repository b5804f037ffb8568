import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../core/auth/passwords.js';
import { accessRoles, users } from '../core/auth/schema.js';
import { endSessionsOf } from '../core/auth/sessions.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion } from '../core/db/versions.js';
import { choice, type FieldError, optionalUuidField, text, version } from '../core/http/forms.js';
import { isUuid } from '../core/ids.js';
import { type AdminResult, refused, staleRefused } from './admin-results.js';

function newPassword() {
  return text('Password', { max: 200 }).refine((v) => v.length >= 12, { message: 'Password must be at least 12 characters' });
}

/** One schema for adding a user, shared by the admin page and `opencsc users add`. */
export const newUserSchema = z.object({
  // an email address or a Microsoft user principal name is allowed: single sign-on may match users by it
  username: text('Username', { max: 100 }).refine((v) => /^[a-z0-9][a-z0-9._@-]*$/i.test(v), {
    message: 'Username must be letters, numbers, dots, dashes, underscores or @',
  }),
  displayName: text('Full name', { max: 200 }),
  role: choice('Role', accessRoles),
  teamId: optionalUuidField('Team'),
  /** The worker record this sign-in belongs to: what "allocated to me" means. */
  workerId: optionalUuidField('Worker record'),
  password: newPassword(),
});
export type NewUserInput = z.output<typeof newUserSchema>;

export function listUsers(db: Db) {
  return rows<{ id: string; username: string; displayName: string; role: string; teamName: string | null; demo: boolean; disabled: boolean }>(
    db,
    sql`select u.id, u.username, u.display_name as "displayName", u.role, t.name as "teamName", u.demo, u.disabled
          from users u left join teams t on t.id = u.team_id order by u.username`,
  );
}

export function listWorkers(db: Db) {
  return rows<{ id: string; name: string; teamId: string | null; teamName: string | null }>(
    db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName" from workers w left join teams t on t.id = w.team_id
         where w.active and not exists (select 1 from users u where u.worker_id = w.id) order by w.name`,
  );
}

/** Changing a user: everything but the username and password; `version` is the one the page showed. */
export const editUserSchema = z.object({
  displayName: text('Full name', { max: 200 }),
  role: choice('Role', accessRoles),
  teamId: optionalUuidField('Team'),
  workerId: optionalUuidField('Worker record'),
  version: version(),
});

export const passwordResetSchema = z.object({ password: newPassword(), version: version() });
export const versionSchema = z.object({ version: version() });

export interface UserDetails {
  id: string;
  username: string;
  displayName: string;
  role: (typeof accessRoles)[number];
  teamId: string | null;
  workerId: string | null;
  demo: boolean;
  disabled: boolean;
  version: number;
}

export async function userDetails(db: Db, userId: string): Promise<UserDetails | null> {
  if (!isUuid(userId)) return null;
  const [row] = await rows<UserDetails>(
    db,
    sql`select id, username, display_name as "displayName", role, team_id as "teamId", worker_id as "workerId", demo, disabled, version
          from users where id = ${userId}`,
  );
  return row ?? null;
}

/** Workers a user can be linked to: active, and not already another user's. */
export function workersFor(db: Db, userId: string) {
  return rows<{ id: string; name: string; teamId: string | null; teamName: string | null }>(
    db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName" from workers w left join teams t on t.id = w.team_id
         where w.active and not exists (select 1 from users u where u.worker_id = w.id and u.id <> ${userId}) order by w.name`,
  );
}

/**
 * The user row, locked for the change, if it is still at the version the page showed (null:
 * no such user). Every administrator row is locked too, so two administrators demoting each
 * other at once cannot leave the service with none.
 */
async function lockUser(tx: Db, userId: string, expected: number) {
  await tx.execute(sql`select id from users where role = 'administrator' and not disabled order by id for update`);
  return lockAtVersion(tx, users, userId, expected, 'The user');
}

async function otherActiveAdministrators(tx: Db, userId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from users where role = 'administrator' and not disabled and id <> ${userId}`,
  );
  return row?.n ?? 0;
}

export async function editUser(db: Db, userId: string, input: z.output<typeof editUserSchema>): Promise<AdminResult | null> {
  return staleRefused('user', () => db.transaction(async (tx) => {
    const row = await lockUser(tx, userId, input.version);
    if (row === null) return null;
    let teamId = input.teamId ?? null;
    if (input.workerId) {
      const worker = (await workersFor(tx, userId)).find((w) => w.id === input.workerId);
      if (!worker) return refused('workerId', 'Worker record must be an active worker who is not another user');
      // a user who is a worker belongs to the worker's team unless another is chosen
      teamId ??= worker.teamId;
    }
    if (row.role === 'administrator' && input.role !== 'administrator' && !row.disabled && (await otherActiveAdministrators(tx, userId)) === 0) {
      return refused('role', 'Role must stay administrator: this is the only administrator. Make someone else an administrator first');
    }
    await tx
      .update(users)
      .set({ displayName: input.displayName, role: input.role, teamId, workerId: input.workerId ?? null, version: nextVersion(users) })
      .where(eq(users.id, userId));
    return { ok: true };
  }));
}

/** Disabling a user ends every session they have, on every instance. */
export async function setUserDisabled(
  db: Db,
  userId: string,
  disabled: boolean,
  expected: number,
  by: { userId: string; now: Date },
): Promise<AdminResult | null> {
  return staleRefused('user', () => db.transaction(async (tx) => {
    const row = await lockUser(tx, userId, expected);
    if (row === null) return null;
    if (disabled && userId === by.userId) return refused('disable', 'You cannot disable your own account');
    if (disabled && row.role === 'administrator' && (await otherActiveAdministrators(tx, userId)) === 0) {
      return refused('disable', 'This is the only administrator: make someone else an administrator first');
    }
    await tx.update(users).set({ disabled, version: nextVersion(users) }).where(eq(users.id, userId));
    if (disabled) await endSessionsOf(tx, userId, 'disabled', by.now);
    return { ok: true };
  }));
}

/**
 * A new password ends every session the user has: whoever held the old one is signed out.
 * Given as its hash when the caller's transaction is already open: a second of CPU should
 * not hold a transaction (on PGlite, every other query) open.
 */
export async function resetPassword(db: Db, userId: string, password: string | { hash: string }, expected: number, now: Date): Promise<AdminResult | null> {
  const passwordHash = typeof password === 'string' ? await hashPassword(password) : password.hash;
  return staleRefused('user', () => db.transaction(async (tx) => {
    if ((await lockUser(tx, userId, expected)) === null) return null;
    await tx.update(users).set({ passwordHash, version: nextVersion(users) }).where(eq(users.id, userId));
    await endSessionsOf(tx, userId, 'password_changed', now);
    return { ok: true };
  }));
}
