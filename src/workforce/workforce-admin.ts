import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { users } from '../core/auth/schema.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion } from '../core/db/versions.js';
import { choice, text, uuidField, version, yesNo } from '../core/http/forms.js';
import { teams, workerRoles, workers } from '../core/organisation/schema.js';
import { type AdminResult, refused, staleRefused } from './admin-results.js';
import { isUuid } from '../core/ids.js';
import { caseloadOf } from './allocation.js';

export const teamKinds = ['locality', 'front_door', 'looked_after', 'leaving_care', 'disabled_children', 'other'] as const;

export const newTeamSchema = z.object({
  name: text('Team name', { max: 100 }),
  kind: choice('Kind of team', teamKinds),
});

export const newWorkerSchema = z.object({
  name: text('Worker’s name', { max: 200 }),
  role: choice('Role', workerRoles),
  teamId: uuidField('Team'),
  qualified: yesNo('they are a qualified social worker'),
  newlyQualified: yesNo('they are newly qualified'),
  agency: yesNo('they are an agency worker'),
});

export function workforceLists(db: Db) {
  return Promise.all([
    rows<{ id: string; name: string; kind: string; workers: number }>(
      db,
      sql`select t.id, t.name, t.kind, (select count(*)::int from workers w where w.team_id = t.id and w.active) as workers
            from teams t where t.active order by t.name`,
    ),
    rows<{ id: string; name: string; role: string; team: string | null; qualified: boolean; newlyQualified: boolean; agency: boolean }>(
      db,
      sql`select w.id, w.name, w.role, t.name as team, w.qualified, w.newly_qualified as "newlyQualified", w.agency
            from workers w left join teams t on t.id = w.team_id where w.active order by t.name nulls first, w.name limit 500`,
    ),
  ]);
}

export async function teamNameTaken(db: Db, name: string): Promise<boolean> {
  const [row] = await rows<{ n: number }>(db, sql`select count(*)::int as n from teams where lower(name) = ${name.toLowerCase()}`);
  return (row?.n ?? 0) > 0;
}

export async function addTeam(db: Db, input: z.output<typeof newTeamSchema>): Promise<void> {
  await db.insert(teams).values(input);
}

export async function addWorker(db: Db, input: z.output<typeof newWorkerSchema>): Promise<void> {
  await db.insert(workers).values(input);
}

export const editWorkerSchema = newWorkerSchema.extend({ version: version() });

export interface WorkerDetails {
  id: string;
  name: string;
  role: (typeof workerRoles)[number];
  teamId: string | null;
  qualified: boolean;
  newlyQualified: boolean;
  agency: boolean;
  active: boolean;
  version: number;
  caseload: number;
}

export async function workerDetails(db: Db, workerId: string): Promise<WorkerDetails | null> {
  if (!isUuid(workerId)) return null;
  const [row] = await rows<WorkerDetails>(
    db,
    sql`select w.id, w.name, w.role, w.team_id as "teamId", w.qualified, w.newly_qualified as "newlyQualified", w.agency, w.active, w.version,
               ${caseloadOf(sql`w.id`)} as caseload
          from workers w where w.id = ${workerId}`,
  );
  return row ?? null;
}


/**
 * A worker who moves team takes their sign-in with them: a user linked to the worker and in
 * the old team moves too, so "my team" follows the worker.
 */
export async function editWorker(db: Db, workerId: string, input: z.output<typeof editWorkerSchema>): Promise<AdminResult | null> {
  return staleRefused('worker', () => db.transaction(async (tx) => {
    const row = await lockAtVersion(tx, workers, workerId, input.version, 'The worker');
    if (row === null) return null;
    const [team] = await tx.select({ id: teams.id }).from(teams).where(and(eq(teams.id, input.teamId), eq(teams.active, true)));
    if (!team) return refused('teamId', 'Team must be one of the teams listed');
    const { version: _version, ...details } = input;
    await tx.update(workers).set({ ...details, version: nextVersion(workers) }).where(eq(workers.id, workerId));
    if (row.teamId && row.teamId !== input.teamId) {
      // the user's version moves too, so a users page opened before this cannot put the old team back
      await tx.update(users).set({ teamId: input.teamId, version: nextVersion(users) }).where(and(eq(users.workerId, workerId), eq(users.teamId, row.teamId)));
    }
    return { ok: true };
  }));
}

/** A worker who has left keeps their history; they must hold no children, so none is left unallocated unseen. */
export async function markWorkerLeft(db: Db, workerId: string, expected: number): Promise<AdminResult | null> {
  return staleRefused('worker', () => db.transaction(async (tx) => {
    if ((await lockAtVersion(tx, workers, workerId, expected, 'The worker')) === null) return null;
    const [held] = await rows<{ n: number }>(tx, sql`select ${caseloadOf(sql`${workerId}::uuid`)} as n`);
    if ((held?.n ?? 0) > 0) {
      return refused('left', `Allocate their ${held!.n === 1 ? 'child' : `${held!.n} children`} to someone else before marking them as left`);
    }
    await tx.update(workers).set({ active: false, version: nextVersion(workers) }).where(eq(workers.id, workerId));
    return { ok: true };
  }));
}
