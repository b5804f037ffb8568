import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, ne, sql } from 'drizzle-orm';
import type { SessionPolicy } from '../config.js';
import type { Db } from '../db/database.js';
import { rows } from '../db/database.js';
import { recordChangeNow } from '../db/record-changes.js';
import type { SignInMethod } from './begin-session.js';
import { sessions } from './schema.js';
import type { SignedInUser } from './users.js';

/**
 * Sessions kept in the database. The cookie carries only a random id; the table holds its
 * SHA-256 hash, the user, and when the session began, was last seen, expires and ended. Any
 * instance can end a session, and every copy of its cookie then stops working.
 */
export type EndReason = 'signed_out' | 'expired' | 'idle' | 'disabled' | 'password_changed' | 'replaced';

/** last_seen_at is written at most this often, so a busy session does not cost a write per page. */
export const LAST_SEEN_PRECISION_MS = 60_000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * How long a session's row outlives its absolute end: a day, so a cookie kept past its end is
 * still told why it ended ("expired") for a while; after that it is simply not signed in.
 */
export const SESSION_ROW_KEPT_MS = 86_400_000;

/** Each sign-in starts a session and drops the rows of sessions past their end by more than a day. */
export async function startSession(db: Db, userId: string, method: SignInMethod, now: Date, policy: SessionPolicy): Promise<string> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date(now.getTime() - SESSION_ROW_KEPT_MS)));
  const token = newToken();
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    method,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.lifetimeMs),
  });
  return token;
}

export interface StoredSession {
  id: string;
  lastSeenAt: Date;
  expiresAt: Date;
  endedAt: Date | null;
  endedReason: string | null;
  userDisabled: boolean;
}

export type SessionState = { live: true; touch: boolean } | { live: false; reason: EndReason; end: boolean };

/** Whether a stored session still lets its holder in at `now`; a rule, no I/O. */
export function sessionState(s: StoredSession, now: Date, policy: SessionPolicy): SessionState {
  if (s.endedAt) return { live: false, reason: (s.endedReason ?? 'signed_out') as EndReason, end: false };
  if (s.userDisabled) return { live: false, reason: 'disabled', end: true };
  const t = now.getTime();
  if (t >= s.expiresAt.getTime()) return { live: false, reason: 'expired', end: true };
  if (t - s.lastSeenAt.getTime() >= policy.idleMs) return { live: false, reason: 'idle', end: true };
  return { live: true, touch: t - s.lastSeenAt.getTime() >= LAST_SEEN_PRECISION_MS };
}

/**
 * `recordChange` is the record's change counter as the session was read (`latestRecordChange`),
 * so a page computed from the record need not ask for it again.
 */
export type SessionLookup = { user: SignedInUser; recordChange: string } | { ended: EndReason } | null;

/**
 * The user a session cookie's id belongs to, if the session is live: one read, and a write
 * only when the session has just run out or its last-seen time is more than a minute old.
 * The read brings the record's change counter with it: a round trip fewer for every page whose
 * figures are kept until the record changes.
 */
export async function resumeSession(db: Db, token: string, now: Date, policy: SessionPolicy): Promise<SessionLookup> {
  const [row] = await rows<StoredSession & SignedInUser & { sessionId: string; recordChange: string }>(
    db,
    sql`select s.id as "sessionId", s.last_seen_at as "lastSeenAt", s.expires_at as "expiresAt", s.ended_at as "endedAt",
               s.ended_reason as "endedReason", u.disabled as "userDisabled",
               u.id, u.username, u.display_name as "displayName", u.role, u.worker_id as "workerId", u.team_id as "teamId",
               t.name as "teamName", u.demo, (${recordChangeNow}) as "recordChange"
          from sessions s join users u on u.id = s.user_id left join teams t on t.id = u.team_id
         where s.token_hash = ${hashToken(token)}`,
  );
  if (!row) return null;
  const stored: StoredSession = {
    id: row.sessionId,
    lastSeenAt: new Date(row.lastSeenAt),
    expiresAt: new Date(row.expiresAt),
    endedAt: row.endedAt ? new Date(row.endedAt) : null,
    endedReason: row.endedReason,
    userDisabled: row.userDisabled,
  };
  const state = sessionState(stored, now, policy);
  if (!state.live) {
    if (state.end) await endSession(db, row.sessionId, state.reason, now);
    return { ended: state.reason };
  }
  if (state.touch) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.sessionId));
  const { id, username, displayName, role, workerId, teamId, teamName, demo, recordChange } = row;
  return { user: { id, username, displayName, role, workerId, teamId, teamName, demo }, recordChange };
}

async function endSession(db: Db, sessionId: string, reason: EndReason, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.endedAt)));
}

/** Sign-out: the session the cookie names ends, for every copy of the cookie. */
export async function endSessionByToken(db: Db, token: string, reason: EndReason, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.endedAt)));
}

/**
 * A disabled account or a changed password ends every session the user has (but the one
 * `except` names: the person who changed their own password stays signed in there).
 */
export async function endSessionsOf(db: Db, userId: string, reason: EndReason, now: Date, except?: string): Promise<number> {
  const ended = await db
    .update(sessions)
    .set({ endedAt: now, endedReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), except ? ne(sessions.tokenHash, hashToken(except)) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

/** What the sign-in page says to someone whose session has ended. */
export function endedMessage(reason: EndReason, policy: SessionPolicy): string {
  switch (reason) {
    case 'expired':
      return `You have been signed out because you signed in more than ${policy.lifetimeMs / 3_600_000} hours ago. Sign in again to continue.`;
    case 'idle':
      return `You have been signed out because you had not used the service for ${policy.idleMs / 60_000} minutes. Sign in again to continue.`;
    case 'disabled':
    case 'password_changed':
      return 'You have been signed out because your account was changed. Sign in again to continue.';
    case 'signed_out':
    case 'replaced':
      return 'You have been signed out. Sign in again to continue.';
  }
}
