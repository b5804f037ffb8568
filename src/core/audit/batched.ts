import type { Db } from '../db/database.js';
import { auditRow, type AuditEntry } from './audit.js';
import { auditEvents } from './schema.js';

interface Waiting {
  entry: AuditEntry;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Writer {
  waiting: Waiting[];
  flushing: boolean;
}

const writers = new WeakMap<Db, Writer>();

/**
 * Record a view's audit row, resolving once it has committed. Rows that arrive while a batch is
 * being written wait for the next one and are written together, in one statement, which is one
 * transaction with no round trips to begin and commit it: the chain's lock is taken once per
 * batch rather than once per page view, which is what limits how many pages a second the
 * service can show. A lone row is written at once.
 */
export function recordAuditBatched(db: Db, entry: AuditEntry): Promise<void> {
  let writer = writers.get(db);
  if (!writer) {
    writer = { waiting: [], flushing: false };
    writers.set(db, writer);
  }
  const done = new Promise<void>((resolve, reject) => writer.waiting.push({ entry, resolve, reject }));
  if (!writer.flushing) void flush(db, writer);
  return done;
}

async function flush(db: Db, writer: Writer): Promise<void> {
  writer.flushing = true;
  try {
    while (writer.waiting.length > 0) {
      const batch = writer.waiting.splice(0, MAX_BATCH);
      try {
        // one statement is one transaction of its own: the chain's lock is held to its commit
        await db.insert(auditEvents).values(batch.map((w) => auditRow(w.entry)));
        for (const w of batch) w.resolve();
      } catch {
        // one bad row must not fail the others' pages: write them one by one
        for (const w of batch) {
          try {
            await db.insert(auditEvents).values(auditRow(w.entry));
            w.resolve();
          } catch (error) {
            w.reject(error);
          }
        }
      }
    }
  } finally {
    writer.flushing = false;
  }
}

const MAX_BATCH = 200;
