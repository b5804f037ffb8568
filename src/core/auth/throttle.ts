import { and, eq, gte, lt } from 'drizzle-orm';
import type { SignInPolicy } from '../config.js';
import type { Db } from '../db/database.js';
import { signInFailures } from './schema.js';

/**
 * Failed sign-ins are counted in the database, per account and per client address, so that
 * every instance refuses alike. The account is the username as typed (lower case), whether or
 * not such a user exists: an unknown name locks the same way, so a lock says nothing about
 * who has an account.
 */

/**
 * When a run of failures locks until: `limit` failures within `periodMs` of each other lock for
 * `periodMs` after the last of them. Attempts refused while locked are not counted (they check no
 * password), so the lock ends when it says. `failures` are instants in ascending order.
 */
export function lockedUntil(failures: readonly Date[], limit: number, periodMs: number): Date | null {
  let until: number | null = null;
  for (let i = limit - 1; i < failures.length; i++) {
    const last = failures[i]!.getTime();
    if (last - failures[i - limit + 1]!.getTime() <= periodMs) until = Math.max(until ?? 0, last + periodMs);
  }
  return until === null ? null : new Date(until);
}

export type Lock = { by: 'account' | 'address'; until: Date };

export function accountKey(username: string): string {
  return username.trim().toLowerCase().slice(0, 100);
}

async function failuresSince(db: Db, column: 'account' | 'address', value: string, since: Date): Promise<Date[]> {
  const found = await db
    .select({ at: signInFailures.at })
    .from(signInFailures)
    .where(
      and(
        column === 'account' ? eq(signInFailures.account, value) : eq(signInFailures.address, value),
        column === 'account' ? eq(signInFailures.cleared, false) : undefined,
        gte(signInFailures.at, since),
      ),
    )
    .orderBy(signInFailures.at)
    .limit(10_000);
  return found.map((f) => new Date(f.at));
}

/** The lock in force on this account or address at `now`, the one that lasts longer first. */
export async function currentLock(db: Db, account: string, address: string, now: Date, policy: SignInPolicy): Promise<Lock | null> {
  // a run of failures spans at most one period and locks for one more: older failures cannot matter
  const since = new Date(now.getTime() - 2 * policy.lockoutMs);
  const locks: Lock[] = [];
  const byAccount = lockedUntil(await failuresSince(db, 'account', account, since), policy.maxFailures, policy.lockoutMs);
  if (byAccount && byAccount > now) locks.push({ by: 'account', until: byAccount });
  const byAddress = lockedUntil(await failuresSince(db, 'address', address, since), policy.maxFailuresPerAddress, policy.lockoutMs);
  if (byAddress && byAddress > now) locks.push({ by: 'address', until: byAddress });
  return locks.sort((a, b) => b.until.getTime() - a.until.getTime())[0] ?? null;
}

export async function recordFailure(db: Db, account: string, address: string, now: Date): Promise<void> {
  await db.insert(signInFailures).values({ at: now, account, address });
}

/**
 * A successful sign-in starts the account's count again (its address's count stands, so one
 * good account cannot reset an address that is guessing others), and drops rows a day old.
 */
export async function clearFailures(db: Db, account: string, now: Date): Promise<void> {
  await db
    .update(signInFailures)
    .set({ cleared: true })
    .where(and(eq(signInFailures.account, account), eq(signInFailures.cleared, false)));
  await db.delete(signInFailures).where(lt(signInFailures.at, new Date(now.getTime() - 86_400_000)));
}

/** "15 minutes", "1 minute": how long until a lock ends, rounded up. */
export function minutesUntil(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
