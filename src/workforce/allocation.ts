import { and, eq, isNull, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { allocations } from './schema.js';
import { teams } from '../core/organisation/schema.js';

export interface CurrentAllocation {
  id: string;
  teamId: string;
  teamName: string;
  workerId: string | null;
  workerName: string | null;
  startedAt: string;
  version: number;
}

export async function currentAllocation(db: Db, childId: string): Promise<CurrentAllocation | null> {
  const [row] = await rows<CurrentAllocation>(
    db,
    sql`select a.id, a.team_id as "teamId", t.name as "teamName", a.worker_id as "workerId", w.name as "workerName",
               a.started_at::text as "startedAt", a.version
          from allocations a join teams t on t.id = a.team_id left join workers w on w.id = a.worker_id
         where a.child_id = ${childId} and a.ended_at is null
         order by a.started_at desc limit 1`,
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
    .where(and(eq(allocations.childId, childId), isNull(allocations.endedAt)));
  const [row] = await db
    .insert(allocations)
    .values({ childId, teamId: to.teamId, workerId: to.workerId, startedAt: at, allocatedBy: by.userId })
    .returning({ id: allocations.id });
  return row!.id;
}

export async function frontDoorTeamId(db: Db): Promise<string | null> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.kind, 'front_door')).limit(1);
  return row?.id ?? null;
}
