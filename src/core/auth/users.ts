import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { rows } from '../db/database.js';
import { nextVersion } from '../db/versions.js';
import { teams } from '../organisation/schema.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { type AccessRole, users } from './schema.js';
import { endSessionsOf } from './sessions.js';

/** The signed-in user, as every page and use case sees them. */
export interface SignedInUser {
  id: string;
  username: string;
  displayName: string;
  role: AccessRole;
  workerId: string | null;
  teamId: string | null;
  teamName: string | null;
  demo: boolean;
}

export async function findSignedInUser(db: Db, id: string): Promise<SignedInUser | null> {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      workerId: users.workerId,
      teamId: users.teamId,
      teamName: teams.name,
      demo: users.demo,
      disabled: users.disabled,
    })
    .from(users)
    .leftJoin(teams, eq(teams.id, users.teamId))
    .where(eq(users.id, id));
  if (!row || row.disabled) return null;
  const { disabled: _disabled, ...user } = row;
  return user;
}

export type SignInResult = { ok: true; user: SignedInUser } | { ok: false; reason: 'unknown' | 'demo_refused' | 'disabled' };

export async function signIn(db: Db, username: string, password: string, opts: { production: boolean }): Promise<SignInResult> {
  const [row] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.username})`, username.trim().toLowerCase()));
  if (!row) {
    // spend the same time as a real check, so a missing username is not told apart by timing
    await verifyPassword('$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$ZmFrZWZha2VmYWtlZmFrZWZha2VmYWtlZmFrZWZha2U', password);
    return { ok: false, reason: 'unknown' };
  }
  if (!(await verifyPassword(row.passwordHash, password))) return { ok: false, reason: 'unknown' };
  if (row.demo && opts.production) return { ok: false, reason: 'demo_refused' };
  if (row.disabled) return { ok: false, reason: 'disabled' };
  const user = await findSignedInUser(db, row.id);
  return user ? { ok: true, user } : { ok: false, reason: 'unknown' };
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  role: AccessRole;
  workerId?: string | null;
  teamId?: string | null;
  demo?: boolean;
}

export async function addUser(db: Db, input: NewUser): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      username: input.username.trim().toLowerCase(),
      displayName: input.displayName,
      passwordHash: await hashPassword(input.password),
      role: input.role,
      workerId: input.workerId ?? null,
      teamId: input.teamId ?? null,
      demo: input.demo ?? false,
    })
    .returning({ id: users.id });
  return row!.id;
}

export async function usernameTaken(db: Db, username: string): Promise<boolean> {
  const found = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from users where lower(username) = ${username.trim().toLowerCase()}`,
  );
  return (found[0]?.n ?? 0) > 0;
}

export async function passwordMatches(db: Db, userId: string, password: string): Promise<boolean> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row ? verifyPassword(row.hash, password) : false;
}

/** A person's own new password: every other session of theirs ends; the one they are using stays. */
export async function changeOwnPassword(
  db: Db,
  userId: string,
  password: { hash: string },
  keep: { sessionToken: string; now: Date },
): Promise<void> {
  // hashed by the caller before its transaction opened: a second of CPU holds no transaction
  const passwordHash = password.hash;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, version: nextVersion(users) })
      .where(eq(users.id, userId));
    await endSessionsOf(tx, userId, 'password_changed', keep.now, keep.sessionToken);
  });
}
