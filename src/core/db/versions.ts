import { and, eq, sql, type SQL } from 'drizzle-orm';
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

/**
 * The same rule in one statement, for a change that has already read what it checks: save
 * `values` (and the next version) if the row is still at the version the page showed, else
 * StaleRecordError naming `what`. The child's row lock (state.write) keeps the read current.
 */
export async function updateAtVersion<T extends Versioned>(
  tx: Db,
  table: T,
  id: string,
  expected: number,
  values: Partial<T['$inferInsert']>,
  what: string,
): Promise<void> {
  const changed = await tx
    .update(table as PgTable)
    .set({ ...values, version: nextVersion(table) } as Record<string, unknown>)
    .where(and(eq(table.id, id), eq(table.version, expected)))
    .returning({ id: table.id });
  if (changed.length === 0) throw new StaleRecordError(what);
}
