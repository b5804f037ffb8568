import { sql } from 'drizzle-orm';
import { computeObligations } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { factsForChildren } from './sources.js';
import { loadClockContext, obligationRow, recomputeObligations } from './recompute.js';

const BATCH = 500;

async function allChildIds(db: Db): Promise<string[]> {
  return (await rows<{ id: string }>(db, sql`select id from children order by id`)).map((r) => r.id);
}

/**
 * Recompute every child's obligations, in batches, each batch in its own transaction. A few
 * batches run at once, so the database works on one while the engine computes another.
 */
export async function rebuildAllObligations(
  db: Db,
  progress?: (done: number, total: number) => void,
  opts: { concurrency?: number } = {},
): Promise<{ children: number; obligations: number }> {
  const ids = await allChildIds(db);
  const context = await loadClockContext(db);
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
  let obligations = 0;
  let done = 0;
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const stored = await db.transaction((tx) => recomputeObligations(tx, batch, context));
      obligations += stored;
      done += batch.length;
      progress?.(done, ids.length);
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 3 }, worker));
  return { children: ids.length, obligations };
}

export interface ObligationDifference {
  childId: string;
  missing: string[];
  unexpected: string[];
  changed: string[];
}

/** Children whose stored obligations differ from a fresh computation. None, if the record and the clock agree. */
export async function checkObligations(
  db: Db,
  progress?: (done: number, total: number) => void,
): Promise<{ children: number; differences: ObligationDifference[] }> {
  const ids = await allChildIds(db);
  const context = await loadClockContext(db);
  const differences: ObligationDifference[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const records = await factsForChildren(db, batch);
    const stored = await rows<{ child_id: string; key: string; rule_id: string; due: string; done: string | null; explanation: string }>(
      db,
      sql`select child_id, key, rule_id, due, done, explanation from obligations where child_id in ${batch}`,
    );
    const storedByChild = new Map<string, Map<string, string>>();
    for (const s of stored) {
      let m = storedByChild.get(s.child_id);
      if (!m) storedByChild.set(s.child_id, (m = new Map()));
      m.set(s.key, JSON.stringify([s.rule_id, s.due, s.done, s.explanation]));
    }
    for (const record of records) {
      const fresh = new Map(
        computeObligations(record, context).map((o) => {
          const r = obligationRow(record.childId, o);
          return [r.key, JSON.stringify([r.ruleId, r.due, r.done, r.explanation])] as const;
        }),
      );
      const have = storedByChild.get(record.childId) ?? new Map<string, string>();
      const missing = [...fresh.keys()].filter((k) => !have.has(k));
      const unexpected = [...have.keys()].filter((k) => !fresh.has(k));
      const changed = [...fresh.keys()].filter((k) => have.has(k) && have.get(k) !== fresh.get(k));
      if (missing.length || unexpected.length || changed.length)
        differences.push({ childId: record.childId, missing, unexpected, changed });
    }
    progress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  return { children: ids.length, differences };
}
