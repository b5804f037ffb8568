import { eq, isNull, Param, sql, type SQL } from 'drizzle-orm';
import type { AccessRole } from '../core/auth/schema.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ChangeReason } from './change-reasons.js';
import { caseholdingWorkerRoles, teams, workers } from '../core/organisation/schema.js';
import { allocations } from './schema.js';

/**
 * The child's current allocation, the one definition: the allocation with no end. A child has
 * at most one (a unique index on allocations), and a new one ends it (`allocate`).
 */
export const isCurrentAllocation = isNull(allocations.endedAt);

/** The current allocations, as a table to select from or join: `join ${currentAllocations} a on a.child_id = c.id`. */
export const currentAllocations: SQL = sql`(select * from ${allocations} where ${isCurrentAllocation})`;

/** A worker's caseload: the children currently allocated to them, for a worker's id column. */
export const caseloadOf = (workerId: SQL): SQL =>
  sql`(select count(*)::int from ${currentAllocations} cl where cl.worker_id = ${workerId})`;

/** The worker roles that hold a caseload, as an SQL array. */
export const caseholding = sql`${new Param([...caseholdingWorkerRoles])}::text[]`;

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

export interface AllocationHistoryEntry {
  started: string;
  ended: string | null;
  team: string;
  worker: string | null;
  /** Why the social worker changed to this one, when asked (allocations to a worker from a manager's page). */
  changeReason: ChangeReason | null;
}

/** Every allocation the child has had, newest first. */
export function allocationHistory(db: Db, childId: string): Promise<AllocationHistoryEntry[]> {
  return rows<AllocationHistoryEntry>(
    db,
    sql`select a.started_at::text as started, a.ended_at::text as ended, t.name as team, w.name as worker,
               a.change_reason as "changeReason"
          from allocations a join teams t on t.id = a.team_id left join workers w on w.id = a.worker_id
         where a.child_id = ${childId} order by a.started_at desc`,
  );
}

export interface Candidate {
  id: string;
  name: string;
  teamId: string;
  teamName: string;
  caseload: number;
  newlyQualified: boolean;
  agency: boolean;
}

/** Workers a manager can allocate to (in one team, or any), lightest caseload first, so the load is seen before it is added to. */
export function allocationCandidates(db: Db, teamId: string | null): Promise<Candidate[]> {
  return rows<Candidate>(
    db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName", w.newly_qualified as "newlyQualified", w.agency,
               ${caseloadOf(sql`w.id`)} as caseload
          from workers w join teams t on t.id = w.team_id
         where w.active and w.role = any(${caseholding})
           ${teamId ? sql`and w.team_id = ${teamId}` : sql``}
         order by caseload, w.name`,
  );
}

export async function frontDoorTeamId(db: Db): Promise<string | null> {
  const [row] = await db.select({ id: teams.id }).from(teams).where(eq(teams.kind, 'front_door')).limit(1);
  return row?.id ?? null;
}

// ── Users ─────────────────────────────────────────────────────────────────────

export interface UserListItem {
  id: string;
  username: string;
  displayName: string;
  role: string;
  teamName: string | null;
  demo: boolean;
  disabled: boolean;
}

export function listUsers(db: Db): Promise<UserListItem[]> {
  return rows<UserListItem>(
    db,
    sql`select u.id, u.username, u.display_name as "displayName", u.role, t.name as "teamName", u.demo, u.disabled
          from users u left join teams t on t.id = u.team_id order by u.username`,
  );
}

export interface LinkableWorker {
  id: string;
  name: string;
  teamId: string | null;
  teamName: string | null;
}

/** Active workers with no sign-in yet: those a new user can be. */
export function listWorkers(db: Db): Promise<LinkableWorker[]> {
  return rows<LinkableWorker>(
    db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName" from workers w left join teams t on t.id = w.team_id
         where w.active and not exists (select 1 from users u where u.worker_id = w.id) order by w.name`,
  );
}

/** Workers a user can be linked to: active, and not already another user's. */
export function workersFor(db: Db, userId: string): Promise<LinkableWorker[]> {
  return rows<LinkableWorker>(
    db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName" from workers w left join teams t on t.id = w.team_id
         where w.active and not exists (select 1 from users u where u.worker_id = w.id and u.id <> ${userId}) order by w.name`,
  );
}

export interface UserDetails {
  id: string;
  username: string;
  displayName: string;
  role: AccessRole;
  teamId: string | null;
  workerId: string | null;
  demo: boolean;
  disabled: boolean;
  version: number;
}

export async function userDetails(db: Db, userId: string): Promise<UserDetails | null> {
  if (!isUuid(userId)) return null;
  const [row] = await rows<UserDetails>(
    db,
    sql`select id, username, display_name as "displayName", role, team_id as "teamId", worker_id as "workerId", demo, disabled, version
          from users where id = ${userId}`,
  );
  return row ?? null;
}

/** Active administrators other than this user: the service must always keep one. */
export async function otherActiveAdministrators(db: Db, userId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from users where role = 'administrator' and not disabled and id <> ${userId}`,
  );
  return row?.n ?? 0;
}

// ── Teams and workers ─────────────────────────────────────────────────────────

export interface TeamListItem {
  id: string;
  name: string;
  kind: string;
  workers: number;
}

export interface WorkerListItem {
  id: string;
  name: string;
  role: string;
  team: string | null;
  qualified: boolean;
  newlyQualified: boolean;
  agency: boolean;
}

/** The active teams, each with its number of workers, and the active workers. */
export function workforceLists(db: Db): Promise<[TeamListItem[], WorkerListItem[]]> {
  return Promise.all([
    rows<TeamListItem>(
      db,
      sql`select t.id, t.name, t.kind, (select count(*)::int from workers w where w.team_id = t.id and w.active) as workers
            from teams t where t.active order by t.name`,
    ),
    rows<WorkerListItem>(
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

/** A worker as the administration page shows them: the row, and the children they hold now. */
export type WorkerDetails = typeof workers.$inferSelect & { caseload: number };

export async function workerDetails(db: Db, workerId: string): Promise<WorkerDetails | null> {
  if (!isUuid(workerId)) return null;
  const [row] = await rows<WorkerDetails>(
    db,
    sql`select w.id, w.name, w.role, w.team_id as "teamId", w.qualified, w.newly_qualified as "newlyQualified", w.agency, w.active, w.version,
               w.social_work_england_number as "socialWorkEnglandNumber", ${caseloadOf(sql`w.id`)} as caseload
          from workers w where w.id = ${workerId}`,
  );
  return row ?? null;
}
