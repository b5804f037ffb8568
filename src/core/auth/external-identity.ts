import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import type { ProvedIdentity } from './oidc.js';
import { userIdentities, users } from './schema.js';
import { findSignedInUser, type SignedInUser } from './users.js';

export type IdentityMatch =
  | { ok: true; user: SignedInUser; linkedNow: boolean }
  | { ok: false; reason: 'unknown' | 'disabled' | 'demo_refused'; userId: string | null };

interface Candidate {
  id: string;
  disabled: boolean;
  demo: boolean;
}

/** Whether a user found for a person may sign in: the OpenCSC record decides, not the provider. */
export function mayUseAccount(user: Candidate, opts: { production: boolean }): 'ok' | 'disabled' | 'demo_refused' {
  if (user.disabled) return 'disabled';
  if (user.demo && opts.production) return 'demo_refused';
  return 'ok';
}

const candidateColumns = { id: users.id, disabled: users.disabled, demo: users.demo };

/**
 * The OpenCSC user a person proved at the identity provider is. A person's provider account
 * (issuer and subject) once linked always finds the same user, whatever their username or
 * email becomes. Before that, the configured claim is matched to a username, and the
 * account is linked on that first sign-in, unless the user is already linked to someone
 * else's provider account. Role and team come from the user record alone.
 */
export async function userForIdentity(db: Db, identity: ProvedIdentity, opts: { production: boolean }): Promise<IdentityMatch> {
  const [linked] = await db
    .select(candidateColumns)
    .from(userIdentities)
    .innerJoin(users, eq(users.id, userIdentities.userId))
    .where(and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject)));
  let candidate = linked;
  if (!candidate) {
    if (identity.username === null) return { ok: false, reason: 'unknown', userId: null };
    [candidate] = await db
      .select(candidateColumns)
      .from(users)
      .where(eq(sql`lower(${users.username})`, identity.username.toLowerCase()));
    if (!candidate) return { ok: false, reason: 'unknown', userId: null };
  }

  const verdict = mayUseAccount(candidate, opts);
  if (verdict !== 'ok') return { ok: false, reason: verdict, userId: candidate.id };

  let linkedNow = false;
  if (!linked) {
    const inserted = await db
      .insert(userIdentities)
      .values({ userId: candidate.id, issuer: identity.issuer, subject: identity.subject })
      .onConflictDoNothing()
      .returning({ id: userIdentities.id });
    if (inserted.length === 0) {
      // the user is linked to another provider account, or a sign-in at the same moment linked this one
      const [now] = await db
        .select({ userId: userIdentities.userId })
        .from(userIdentities)
        .where(and(eq(userIdentities.issuer, identity.issuer), eq(userIdentities.subject, identity.subject)));
      if (now?.userId !== candidate.id) return { ok: false, reason: 'unknown', userId: null };
    } else {
      linkedNow = true;
    }
  }

  const user = await findSignedInUser(db, candidate.id);
  return user ? { ok: true, user, linkedNow } : { ok: false, reason: 'disabled', userId: candidate.id };
}
