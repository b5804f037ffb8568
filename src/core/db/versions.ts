import { eq, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './database.js';

/**
 * Optimistic locking, the one way it is done: a record people edit carries a `version`; a
 * page shows it, the save names it, and a save against a version someone else has moved on
 * is refused with nothing changed.
 */
export class StaleRecordError extends Error {
  constructor(readonly what: string) {
    super(`${what} was changed by someone else after you opened it`);
    this.name = 'StaleRecordError';
  }
}

type Versioned = PgTable & { id: PgColumn; version: PgColumn };

/**
 * The row, locked until the transaction ends, if it is still at the version the page showed;
 * null if there is no such row. Someone saved since: StaleRecordError, naming `what` ("This
 * contact"). The change then saves with `version: nextVersion(table)`.
 */
export async function lockAtVersion<T extends Versioned>(
  tx: Db,
  table: T,
  id: string,
  expected: number,
  what: string,
): Promise<T['$inferSelect'] | null> {
  const [row] = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for('update')) as T['$inferSelect'][];
  if (!row) return null;
  if ((row as { version: number }).version !== expected) throw new StaleRecordError(what);
  return row;
}

/** The version a change saves: one more than the row's, so a page opened before it is stale. */
export function nextVersion(table: Versioned): SQL {
  return sql`${table.version} + 1`;
}
