import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { teams } from '../core/organisation/schema.js';
import { rows, type Db } from '../core/db/database.js';
import { StaleRecordError } from '../core/db/versions.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { allocations } from './schema.js';

/**
 * The child's current allocation, the one definition: the allocation with no end. A child has
 * at most one (a unique index on allocations), and a new one ends it (`allocate`).
 */
const isCurrent = isNull(allocations.endedAt);

/** The current allocations, as a table to select from or join: `join ${currentAllocations} a on a.child_id = c.id`. */
export const currentAllocations: SQL = sql`(select * from ${allocations} where ${isCurrent})`;

/** A worker's caseload: the children currently allocated to them, for a worker's id column. */
export const caseloadOf = (workerId: SQL): SQL => sql`(select count(*)::int from ${currentAllocations} cl where cl.worker_id = ${workerId})`;

export interface CurrentAllocation {
  id: string;
  teamId: string;
  teamName: string;
  workerId: string | null;
  workerName: string | null;
  startedAt: string;
}

export async function currentAllocation(db: Db, childId: string): Promise<CurrentAllocation | null> {
  const [row] = await rows<CurrentAllocation>(
    db,
    sql`select a.id, a.team_id as "teamId", t.name as "teamName", a.worker_id as "workerId", w.name as "workerName",
               a.started_at::text as "startedAt"
          from ${currentAllocations} a join teams t on t.id = a.team_id left join workers w on w.id = a.worker_id
         where a.child_id = ${childId}`,
  );
  return row ?? null;
}

/** Allocate a child to a team (and worker), ending the current allocation: history is kept. */
export async function allocate(
  db: Db,
  childId: string,
  to: { teamId: string; workerId: string | null },
  by: { userId: string | null; at?: Date },
): Promise<string> {
  const at = by.at ?? new Date();
  const current = await currentAllocation(db, childId);
  if (current && current.teamId === to.teamId && current.workerId === to.workerId) return current.id;
  await db
    .update(allocations)
    .set({ endedAt: at })
    .where(and(eq(allocations.childId, childId), isCurrent));
  const [row] = await db
    .insert(allocations)
    .values({ childId, teamId: to.teamId, workerId: to.workerId, startedAt: at, allocatedBy: by.userId })
    .returning({ id: allocations.id });
  return row!.id;
}

/**
 * A manager allocates the child to a worker, from the page that showed `expected` as the
 * child's current allocation (its id, or '' for none). An allocation is never edited, only
 * ended by the next, so the one the page showed still being current is its version: someone
 * else's allocation since is a StaleRecordError, and nothing is saved.
 */
export async function reallocate(
  tx: Db,
  childId: string,
  to: { teamId: string; workerId: string },
  expected: string | undefined,
  by: { userId: string },
): Promise<void> {
  const current = await currentAllocation(tx, childId);
  if ((current?.id ?? undefined) !== expected) throw new StaleRecordError("The child's allocation");
  await allocate(tx, childId, to, by);
  await recomputeObligations(tx, [childId]);
}

export async function frontDoorTeamId(db: Db): Promise<string | null> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.kind, 'front_door')).limit(1);
  return row?.id ?? null;
}
