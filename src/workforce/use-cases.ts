import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../core/auth/passwords.js';
import { accessRoles, users } from '../core/auth/schema.js';
import { endSessionsOf } from '../core/auth/sessions.js';
import { rows, type Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion, StaleRecordError } from '../core/db/versions.js';
import { choice, type FieldError, optionalText, optionalUuidField, text, uuidField, version, yesNo } from '../core/http/forms.js';
import { teamKinds, teams, workerRoles, workers } from '../core/organisation/schema.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { CHANGE_REASON_CODES, type ChangeReason } from './change-reasons.js';
import { currentAllocation, isCurrentAllocation, caseloadOf, otherActiveAdministrators, workersFor } from './queries.js';
import { allocations } from './schema.js';

// ── Allocation ────────────────────────────────────────────────────────────────

/**
 * Allocate a child to a team (and worker), ending the current allocation: history is kept.
 * `changeReason` is why the child's social worker changed (DfE's SW_REASON), when it did.
 */
export async function allocate(
  db: Db,
  childId: string,
  to: { teamId: string; workerId: string | null; changeReason?: ChangeReason | null },
  by: { userId: string | null; at?: Date },
): Promise<string> {
  const at = by.at ?? new Date();
  const current = await currentAllocation(db, childId);
  if (current && current.teamId === to.teamId && current.workerId === to.workerId) return current.id;
  await db
    .update(allocations)
    .set({ endedAt: at })
    .where(and(eq(allocations.childId, childId), isCurrentAllocation));
  const [row] = await db
    .insert(allocations)
    .values({
      childId,
      teamId: to.teamId,
      workerId: to.workerId,
      startedAt: at,
      allocatedBy: by.userId,
      changeReason: to.changeReason ?? null,
    })
    .returning({ id: allocations.id });
  return row!.id;
}

/** `current` is the allocation the page showed: if it has changed since, the save is refused. */
export const allocationSchema = z.object({
  workerId: uuidField('Social worker'),
  changeReason: choice('Why the social worker is changing', CHANGE_REASON_CODES),
  current: optionalText('Current allocation', { max: 36 }),
});

/**
 * A manager allocates the child to a worker, from the page that showed `expected` as the
 * child's current allocation (its id, or none). An allocation is never edited, only ended by
 * the next, so the one the page showed still being current is its version: someone else's
 * allocation since is a StaleRecordError, and nothing is saved.
 */
export async function reallocate(
  tx: Db,
  childId: string,
  to: { teamId: string; workerId: string; changeReason: ChangeReason },
  expected: string | undefined,
  by: { userId: string },
): Promise<void> {
  const current = await currentAllocation(tx, childId);
  if ((current?.id ?? undefined) !== expected) throw new StaleRecordError("The child's allocation");
  await allocate(tx, childId, to, by);
  await recomputeObligations(tx, [childId]);
}

// ── Administration results ────────────────────────────────────────────────────

/** Why an administration change was refused: a field and a reason, or someone saved first (stale). */
export type Refusal = { stale: true; message: string } | { stale: false; error: FieldError };
export type AdminResult = { ok: true } | ({ ok: false } & Refusal);

/** Someone else saved the record after the page was opened. */
export function stale(what: string): AdminResult {
  return {
    ok: false,
    stale: true,
    message: `Someone else changed this ${what} after you opened this page. Nothing has been saved: check the details below and try again`,
  };
}

export function refused(field: string, message: string): AdminResult {
  return { ok: false, stale: false, error: { field, message } };
}

/** Whether an administration use case made its change (null: no such record). */
export const done = (result: AdminResult | null): boolean => result?.ok === true;

/** An administration change, with a stale save (core's StaleRecordError) answered as a refusal. */
async function staleRefused(what: string, change: () => Promise<AdminResult | null>): Promise<AdminResult | null> {
  try {
    return await change();
  } catch (e) {
    if (e instanceof StaleRecordError) return stale(what);
    throw e;
  }
}

// ── Users ─────────────────────────────────────────────────────────────────────

function newPassword() {
  return text('Password', { max: 200 }).refine((v) => v.length >= 12, { message: 'Password must be at least 12 characters' });
}

/** One schema for adding a user, shared by the admin page and `opencsc users add`. */
export const newUserSchema = z.object({
  // an email address or a Microsoft user principal name is allowed: single sign-on may match users by it
  username: text('Username', { max: 100 }).refine((v) => /^[a-z0-9][a-z0-9._@-]*$/i.test(v), {
    message: 'Username must be letters, numbers, dots, dashes, underscores or @',
  }),
  displayName: text('Full name', { max: 200 }),
  role: choice('Role', accessRoles),
  teamId: optionalUuidField('Team'),
  /** The worker record this sign-in belongs to: what "allocated to me" means. */
  workerId: optionalUuidField('Worker record'),
  password: newPassword(),
});
export type NewUserInput = z.output<typeof newUserSchema>;

/** Changing a user: everything but the username and password; `version` is the one the page showed. */
export const editUserSchema = z.object({
  displayName: text('Full name', { max: 200 }),
  role: choice('Role', accessRoles),
  teamId: optionalUuidField('Team'),
  workerId: optionalUuidField('Worker record'),
  version: version(),
});

export const passwordResetSchema = z.object({ password: newPassword(), version: version() });
export const versionSchema = z.object({ version: version() });

/**
 * The user row, locked for the change, if it is still at the version the page showed (null:
 * no such user). Every administrator row is locked too, so two administrators demoting each
 * other at once cannot leave the service with none.
 */
async function lockUser(tx: Db, userId: string, expected: number) {
  await tx.execute(sql`select id from users where role = 'administrator' and not disabled order by id for update`);
  return lockAtVersion(tx, users, userId, expected, 'The user');
}

export async function editUser(db: Db, userId: string, input: z.output<typeof editUserSchema>): Promise<AdminResult | null> {
  return staleRefused('user', () =>
    db.transaction(async (tx) => {
      const row = await lockUser(tx, userId, input.version);
      if (row === null) return null;
      let teamId = input.teamId ?? null;
      if (input.workerId) {
        const worker = (await workersFor(tx, userId)).find((w) => w.id === input.workerId);
        if (!worker) return refused('workerId', 'Worker record must be an active worker who is not another user');
        // a user who is a worker belongs to the worker's team unless another is chosen
        teamId ??= worker.teamId;
      }
      if (
        row.role === 'administrator' &&
        input.role !== 'administrator' &&
        !row.disabled &&
        (await otherActiveAdministrators(tx, userId)) === 0
      ) {
        return refused('role', 'Role must stay administrator: this is the only administrator. Make someone else an administrator first');
      }
      await tx
        .update(users)
        .set({ displayName: input.displayName, role: input.role, teamId, workerId: input.workerId ?? null, version: nextVersion(users) })
        .where(eq(users.id, userId));
      return { ok: true };
    }),
  );
}

/** Disabling a user ends every session they have, on every instance. */
export async function setUserDisabled(
  db: Db,
  userId: string,
  disabled: boolean,
  expected: number,
  by: { userId: string; now: Date },
): Promise<AdminResult | null> {
  return staleRefused('user', () =>
    db.transaction(async (tx) => {
      const row = await lockUser(tx, userId, expected);
      if (row === null) return null;
      if (disabled && userId === by.userId) return refused('disable', 'You cannot disable your own account');
      if (disabled && row.role === 'administrator' && (await otherActiveAdministrators(tx, userId)) === 0) {
        return refused('disable', 'This is the only administrator: make someone else an administrator first');
      }
      await tx
        .update(users)
        .set({ disabled, version: nextVersion(users) })
        .where(eq(users.id, userId));
      if (disabled) await endSessionsOf(tx, userId, 'disabled', by.now);
      return { ok: true };
    }),
  );
}

/**
 * A new password ends every session the user has: whoever held the old one is signed out.
 * Given as its hash when the caller's transaction is already open: a second of CPU should
 * not hold a transaction (on PGlite, every other query) open.
 */
export async function resetPassword(
  db: Db,
  userId: string,
  password: string | { hash: string },
  expected: number,
  now: Date,
): Promise<AdminResult | null> {
  const passwordHash = typeof password === 'string' ? await hashPassword(password) : password.hash;
  return staleRefused('user', () =>
    db.transaction(async (tx) => {
      if ((await lockUser(tx, userId, expected)) === null) return null;
      await tx
        .update(users)
        .set({ passwordHash, version: nextVersion(users) })
        .where(eq(users.id, userId));
      await endSessionsOf(tx, userId, 'password_changed', now);
      return { ok: true };
    }),
  );
}

// ── Teams and workers ─────────────────────────────────────────────────────────

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
  // blank for a worker not registered with Social Work England (or not yet known): stored as null
  socialWorkEnglandNumber: optionalText('Social Work England number', { max: 12 })
    .refine((v) => v === undefined || /^SW\d{1,10}$/.test(v), {
      message: 'Social Work England number must be SW followed by digits, like SW123456',
    })
    .transform((v) => v ?? null),
});

export const editWorkerSchema = newWorkerSchema.extend({ version: version() });

export async function addTeam(db: Db, input: z.output<typeof newTeamSchema>): Promise<void> {
  await db.insert(teams).values(input);
}

export async function addWorker(db: Db, input: z.output<typeof newWorkerSchema>): Promise<void> {
  await db.insert(workers).values(input);
}

/**
 * A worker who moves team takes their sign-in with them: a user linked to the worker and in
 * the old team moves too, so "my team" follows the worker.
 */
export async function editWorker(db: Db, workerId: string, input: z.output<typeof editWorkerSchema>): Promise<AdminResult | null> {
  return staleRefused('worker', () =>
    db.transaction(async (tx) => {
      const row = await lockAtVersion(tx, workers, workerId, input.version, 'The worker');
      if (row === null) return null;
      const [team] = await tx
        .select({ id: teams.id })
        .from(teams)
        .where(and(eq(teams.id, input.teamId), eq(teams.active, true)));
      if (!team) return refused('teamId', 'Team must be one of the teams listed');
      const { version: _version, ...details } = input;
      await tx
        .update(workers)
        .set({ ...details, version: nextVersion(workers) })
        .where(eq(workers.id, workerId));
      if (row.teamId && row.teamId !== input.teamId) {
        // the user's version moves too, so a users page opened before this cannot put the old team back
        await tx
          .update(users)
          .set({ teamId: input.teamId, version: nextVersion(users) })
          .where(and(eq(users.workerId, workerId), eq(users.teamId, row.teamId)));
      }
      return { ok: true };
    }),
  );
}

/** A worker who has left keeps their history; they must hold no children, so none is left unallocated unseen. */
export async function markWorkerLeft(db: Db, workerId: string, expected: number): Promise<AdminResult | null> {
  return staleRefused('worker', () =>
    db.transaction(async (tx) => {
      if ((await lockAtVersion(tx, workers, workerId, expected, 'The worker')) === null) return null;
      const [held] = await rows<{ n: number }>(tx, sql`select ${caseloadOf(sql`${workerId}::uuid`)} as n`);
      if ((held?.n ?? 0) > 0) {
        return refused(
          'left',
          `Allocate their ${held!.n === 1 ? 'child' : `${held!.n} children`} to someone else before marking them as left`,
        );
      }
      await tx
        .update(workers)
        .set({ active: false, version: nextVersion(workers) })
        .where(eq(workers.id, workerId));
      return { ok: true };
    }),
  );
}
