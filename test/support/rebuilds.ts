import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../src/core/db/database.js';

/** Wait until no recompute of obligations is queued or running, and return the newest job's row. */
export async function rebuildsSettled(
  db: Db,
  timeoutMs = 30_000,
): Promise<{ id: number; state: string; children_done: number; children_total: number | null }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [open] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from obligation_rebuilds where state in ('queued', 'running')`,
    );
    if (open!.n === 0) break;
    if (Date.now() > until) throw new Error('recompute did not finish in time');
    await new Promise((r) => setTimeout(r, 50));
  }
  const [newest] = await rows<{ id: number; state: string; children_done: number; children_total: number | null }>(
    db,
    sql`select id::int as id, state, children_done, children_total from obligation_rebuilds order by id desc limit 1`,
  );
  return newest!;
}

/** The one-time token of the form on a page. */
export function submissionOf(html: string): string {
  const m = /name="submission" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('no submission token on the page');
  return m[1]!;
}
