import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { rows, type Db } from '../core/db/database.js';
import { optionalText, yesNo } from '../core/http/forms.js';
import { children } from '../core/record/schema.js';
import { restrictedRecordAccess } from './schema.js';

export const restrictionSchema = z.object({
  restricted: yesNo('the record is restricted'),
  usernames: optionalText('Who may open it', { max: 2000, multiline: true }),
});

export class UnknownUsersError extends Error {
  constructor(readonly usernames: string[]) {
    super(`No user is called ${usernames.join(', ')}`);
    this.name = 'UnknownUsersError';
  }
}

export async function namedUsers(db: Db, childId: string): Promise<string[]> {
  return (
    await rows<{ username: string }>(
      db,
      sql`select u.username from restricted_record_access r join users u on u.id = r.user_id where r.child_id = ${childId} order by u.username`,
    )
  ).map((r) => r.username);
}

/**
 * Restrict a record to named users, or lift the restriction. The person restricting it is
 * always named, so nobody locks themselves out of a record they are working on.
 */
export async function setRestriction(db: Db, childId: string, input: z.output<typeof restrictionSchema>, by: { userId: string }): Promise<void> {
  const wanted = [...new Set((input.usernames ?? '').split(/[\s,;]+/).map((u) => u.trim().toLowerCase()).filter(Boolean))];
  await db.transaction(async (tx) => {
    const found = wanted.length
      ? await rows<{ id: string; username: string }>(tx, sql`select id, username from users where lower(username) in ${wanted}`)
      : [];
    const missing = wanted.filter((u) => !found.some((f) => f.username.toLowerCase() === u));
    if (missing.length) throw new UnknownUsersError(missing);
    await tx.update(children).set({ restricted: input.restricted, updatedAt: new Date() }).where(eq(children.id, childId));
    await tx.delete(restrictedRecordAccess).where(eq(restrictedRecordAccess.childId, childId));
    if (input.restricted) {
      const ids = new Set([by.userId, ...found.map((f) => f.id)]);
      await tx.insert(restrictedRecordAccess).values([...ids].map((userId) => ({ childId, userId })));
    }
  });
}

/** Name one more user on a restricted record (a request for access granted). */
export async function nameOnRecord(db: Db, childId: string, userId: string): Promise<void> {
  await db.insert(restrictedRecordAccess).values({ childId, userId }).onConflictDoNothing();
}
