import type { Db } from '../db/database.js';
import { auditEvents } from './schema.js';

/** One row of the append-only trail: who did what, to which child, through which page or API call. */
export interface AuditEntry {
  userId: string | null;
  username: string | null;
  childId?: string | null;
  action: string;
  route: string;
  recordId?: string | null;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    userId: entry.userId,
    username: entry.username,
    childId: entry.childId ?? null,
    action: entry.action,
    route: entry.route,
    recordId: entry.recordId ?? null,
  });
}
