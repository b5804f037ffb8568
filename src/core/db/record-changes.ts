import { sql } from 'drizzle-orm';
import { pgSequence } from 'drizzle-orm/pg-core';
import { rows, type Db } from './database.js';

/**
 * A counter that moves whenever the record changes, kept in the database so every process
 * serving it sees the same value. Figures and lists computed from the record are kept until
 * it moves (`RecordCache`), so a busy dashboard is computed once per change, not per view.
 */
export const recordChanges = pgSequence('record_changes');

/** The record has changed (or is changing, inside a transaction that will commit it). */
export async function noteRecordChange(db: Db): Promise<void> {
  await db.execute(sql`select nextval('record_changes')`);
}

/** The counter's current value: equal values mean nothing was written in between. */
export async function latestRecordChange(db: Db): Promise<string> {
  // a new sequence's first nextval returns its last_value unchanged: is_called tells them apart
  const [row] = await rows<{ value: string }>(
    db,
    sql`select case when is_called then last_value else 0 end::text as value from record_changes`,
  );
  return row!.value;
}
