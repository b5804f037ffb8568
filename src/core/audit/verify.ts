import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/database.js';

export interface ChainBreak {
  id: number;
  at: string;
  action: string;
}

export interface ChainCheck {
  /** Rows found to chain correctly before the break (all rows when intact). */
  rows: number;
  /** The first row whose hash does not follow from the row before it and its own content. */
  broken: ChainBreak | null;
}

const BATCH = 5000;

/**
 * Walk the audit trail oldest first, recomputing each row's hash from the previous row's
 * hash and this row's content (in the form the database's trigger hashed), and stop at the
 * first row that does not match: that row, or the one before it, was changed or removed.
 * The hashing is done here rather than trusted to the database.
 */
export async function verifyAuditChain(db: Db, progress?: (done: number) => void): Promise<ChainCheck> {
  let previous = '';
  let after = 0;
  let checked = 0;
  for (;;) {
    const batch = await rows<{ id: string | number; hash: string | null; at: string; action: string; canonical: string }>(
      db,
      sql`select id, hash, at::text as at, action, audit_event_canonical(a) as canonical
            from audit_events a where id > ${after} order by id limit ${BATCH}`,
    );
    if (batch.length === 0) return { rows: checked, broken: null };
    for (const row of batch) {
      const expected = createHash('sha256')
        .update(previous + row.canonical, 'utf8')
        .digest('hex');
      if (row.hash !== expected) return { rows: checked, broken: { id: Number(row.id), at: row.at, action: row.action } };
      previous = expected;
      checked += 1;
    }
    after = Number(batch[batch.length - 1]!.id);
    progress?.(checked);
  }
}
