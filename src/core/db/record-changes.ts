import { AsyncLocalStorage } from 'node:async_hooks';
import { sql } from 'drizzle-orm';
import { pgSequence } from 'drizzle-orm/pg-core';
import { rows, type Db } from './database.js';

/**
 * A counter that moves whenever the record changes, kept in the database so every process
 * serving it sees the same value. Figures and lists computed from the record are kept until
 * it moves (`RecordCache`), so a busy dashboard is computed once per change, not per view.
 */
export const recordChanges = pgSequence('record_changes');

const notedOnCommit = new AsyncLocalStorage<true>();

/**
 * Run a unit of work whose caller notes the change once the work has committed: a change noted
 * within it waits for that. Moving the counter inside the transaction as well would only have
 * the views that arrive before the commit compute the figures from the record as it was, then
 * compute them all again at the commit.
 */
export function changeNotedOnCommit<T>(work: () => Promise<T>): Promise<T> {
  return notedOnCommit.run(true, work);
}

/** The record has changed (or is changing, inside a transaction that will commit it). */
export async function noteRecordChange(db: Db): Promise<void> {
  if (notedOnCommit.getStore()) return;
  await db.execute(sql`select nextval('record_changes')`);
}

/**
 * The counter's value as a scalar subquery, for a statement that reads it beside something else.
 * A new sequence's first nextval returns its last_value unchanged: is_called tells them apart.
 */
export const recordChangeNow = sql`select case when is_called then last_value else 0 end::text from record_changes`;

/** The counter's current value: equal values mean nothing was written in between. */
export async function latestRecordChange(db: Db): Promise<string> {
  const [row] = await rows<{ value: string }>(db, sql`select (${recordChangeNow}) as value`);
  return row!.value;
}
