import { Param, type SQL, sql } from 'drizzle-orm';
import type { ChildAccess } from '../core/auth/access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import { currentAllocations } from '../workforce/queries.js';

/**
 * Who may see a child: a service manager, any child; a practitioner or team manager, children
 * allocated to them or to their team. A restricted record only to the users named on it.
 * Administrators manage the system, not children's records; nor does the designated officer,
 * who manages allegations (an allegation names the children linked to it to them).
 *
 * Returned as an SQL condition on a children row aliased `c`, so lists, search and single
 * records apply the same rule in the database.
 */
export function childVisibleTo(user: SignedInUser): SQL {
  const named = sql`exists (select 1 from restricted_record_access rra where rra.child_id = c.id and rra.user_id = ${user.id})`;
  const notRestricted = sql`(not c.restricted or ${named})`;
  switch (user.role) {
    case 'service_manager':
      return notRestricted;
    case 'practitioner':
    case 'team_manager':
      return sql`(${notRestricted} and ${childInScopeOf(user)})`;
    case 'designated_officer':
    case 'administrator':
      return sql`false`;
  }
}

/**
 * The children the user's role and allocations give them, before any restriction: a
 * restricted one among them appears in their lists as a restricted record, and they may ask
 * to be named on it. Same alias `c` as childVisibleTo.
 */
export function childInScopeOf(user: SignedInUser): SQL {
  switch (user.role) {
    case 'service_manager':
      return sql`true`;
    case 'practitioner':
    case 'team_manager':
      return sql`exists (select 1 from ${currentAllocations} va where va.child_id = c.id and (va.worker_id = ${user.workerId} or va.team_id = ${user.teamId}))`;
    case 'designated_officer':
    case 'administrator':
      return sql`false`;
  }
}

export async function canSeeChild(db: Db, user: SignedInUser, childId: string): Promise<boolean> {
  if (!isUuid(childId)) return false;
  const found = await rows<{ ok: boolean }>(db, sql`select ${childVisibleTo(user)} as ok from children c where c.id = ${childId}`);
  return found[0]?.ok === true;
}

/** Which of these children the user may open: one query for a whole list. */
export async function visibleAmong(db: Db, user: SignedInUser, childIds: readonly string[]): Promise<Set<string>> {
  if (childIds.length === 0) return new Set();
  const found = await rows<{ id: string }>(
    db,
    sql`select c.id from children c where c.id = any(${new Param([...new Set(childIds)])}::uuid[]) and ${childVisibleTo(user)}`,
  );
  return new Set(found.map((f) => f.id));
}

/** The rule as core's route wrapper asks it, given to core by the composition root. */
export const childAccess: ChildAccess = { canSee: canSeeChild };
