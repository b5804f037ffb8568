import { Param, sql } from 'drizzle-orm';
import type { Db } from '../db/database.js';
import { isUuid } from '../ids.js';

/**
 * Lock these children's rows until the transaction ends, so writes to one child run one
 * after another (each then reads what the one before committed) instead of colliding.
 * Always in id order, so two transactions locking several children cannot deadlock.
 */
export async function lockChildren(tx: Db, childIds: readonly (string | null | undefined)[]): Promise<void> {
  const ids = [...new Set(childIds.filter((id): id is string => isUuid(id)).map((id) => id.toLowerCase()))].sort();
  if (ids.length === 0) return;
  await tx.execute(sql`select id from children where id = any(${new Param(ids)}::uuid[]) order by id for update`);
}
