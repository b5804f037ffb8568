import type { Db } from '../db/database.js';
import { auditEvents } from './schema.js';

/** One row of the append-only trail: who did what, to which child, through which page or API call. */
export interface AuditEntry {
  userId: string | null;
  username: string | null;
  childId?: string | null;
  /** Other children the response showed (a search's results, a list). */
  childIds?: readonly string[];
  action: string;
  route: string;
  recordId?: string | null;
}

/**
 * The trail's trigger chains each row to the one before under a lock held until commit, so
 * in a transaction that changes a record, write the audit row last.
 */
export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values(auditRow(entry));
}

/** The row an entry becomes. */
export function auditRow(entry: AuditEntry): typeof auditEvents.$inferInsert {
  const childIds = [...new Set(entry.childIds ?? [])];
  return {
    userId: entry.userId,
    username: entry.username,
    childId: entry.childId ?? null,
    childIds: childIds.length ? childIds : null,
    action: entry.action,
    route: entry.route,
    recordId: entry.recordId ?? null,
  };
}
