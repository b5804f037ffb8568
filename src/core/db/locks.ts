import { Param, sql } from 'drizzle-orm';
import { type Db } from './database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string | null | undefined): boolean {
  return typeof value === 'string' && UUID.test(value);
}

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
