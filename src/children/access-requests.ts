import { and, eq, Param, sql } from 'drizzle-orm';
import { z } from 'zod';
import { childInScopeOf, childVisibleTo } from './access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { lockChildren } from '../core/record/locks.js';
import { text, uuidField } from '../core/http/forms.js';
import { nameOnRecord } from './restriction.js';
import { accessRequests } from './schema.js';
import { isUuid } from '../core/ids.js';
import { currentAllocations } from '../workforce/queries.js';

/**
 * A restricted record in a list, as someone who may not open it sees it: no name, no
 * details, only who holds the case and whether they have already asked for access. The id
 * is there only for the request form.
 */
export interface RestrictedRecord {
  childId: string;
  worker: string | null;
  team: string | null;
  requested: boolean;
}

/** Who holds the case of a child aliased `c`: the worker and team of the current allocation. */
const holder = sql`
  (select w.name from ${currentAllocations} a join workers w on w.id = a.worker_id where a.child_id = c.id) as worker,
  (select t.name from ${currentAllocations} a join teams t on t.id = a.team_id where a.child_id = c.id) as team`;

const holderColumns = (user: SignedInUser) => sql`${holder},
  exists (select 1 from access_requests ar where ar.child_id = c.id and ar.requested_by = ${user.id} and ar.status = 'pending') as requested`;

/** Of the children a list holds, those the user may not open, each as a restricted record. */
export async function restrictedAmong(db: Db, user: SignedInUser, childIds: readonly string[]): Promise<Map<string, RestrictedRecord>> {
  if (childIds.length === 0) return new Map();
  const found = await rows<RestrictedRecord>(
    db,
    sql`select c.id as "childId", ${holderColumns(user)}
          from children c where c.id = any(${new Param([...new Set(childIds)])}::uuid[]) and not ${childVisibleTo(user)}`,
  );
  return new Map(found.map((f) => [f.childId, f]));
}

/** The one restricted record a request form is about: only a child in the user's work that they may not open. */
export async function restrictedRecordFor(db: Db, user: SignedInUser, childId: string): Promise<RestrictedRecord | 'visible' | null> {
  if (!isUuid(childId)) return null;
  const [found] = await rows<RestrictedRecord & { visible: boolean; inScope: boolean }>(
    db,
    sql`select c.id as "childId", ${childVisibleTo(user)} as visible, ${childInScopeOf(user)} as "inScope", ${holderColumns(user)}
          from children c where c.id = ${childId}`,
  );
  if (!found?.inScope) return null;
  if (found.visible) return 'visible';
  const { visible: _v, inScope: _s, ...record } = found;
  return record;
}

export const accessRequestSchema = z.object({
  child: uuidField('Record'),
  reason: text('Why you need access', { max: 2000 }),
});
export type NewAccessRequest = z.output<typeof accessRequestSchema>;

/** Records the request; asking again while one is waiting changes nothing. Returns the waiting request's id. */
export async function requestAccess(db: Db, input: NewAccessRequest, by: { userId: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(accessRequests)
      .values({ childId: input.child, requestedBy: by.userId, reason: input.reason })
      .onConflictDoNothing()
      .returning({ id: accessRequests.id });
    if (created) return created.id;
    const [waiting] = await tx
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .where(and(eq(accessRequests.childId, input.child), eq(accessRequests.requestedBy, by.userId), eq(accessRequests.status, 'pending')));
    return waiting!.id;
  });
}

/**
 * Who may grant or decline: the users named on the restricted record, and service managers;
 * never the person who asked, or a service manager could open any restricted record alone.
 */
const decidableBy = (user: SignedInUser) =>
  sql`ar.requested_by <> ${user.id} and ${
    user.role === 'service_manager'
      ? sql`true`
      : sql`exists (select 1 from restricted_record_access x where x.child_id = ar.child_id and x.user_id = ${user.id})`
  }`;

export class NotYoursToDecideError extends Error {
  constructor() {
    super('Only the people named on the record, or a service manager, can decide this request, and not the person who asked');
    this.name = 'NotYoursToDecideError';
  }
}

export class AlreadyDecidedError extends Error {
  constructor() {
    super('This request has already been decided');
    this.name = 'AlreadyDecidedError';
  }
}

/**
 * Grant (name the requester on the record, through the restriction code) or decline a
 * waiting request. Returns the child it was about, for the audit row.
 */
export async function decideAccessRequest(db: Db, requestId: string, decision: 'granted' | 'declined', by: SignedInUser): Promise<{ childId: string }> {
  if (!isUuid(requestId)) throw new NotYoursToDecideError();
  return db.transaction(async (tx) => {
    const [request] = await rows<{ childId: string; requestedBy: string; status: string; mayDecide: boolean }>(
      tx,
      sql`select ar.child_id as "childId", ar.requested_by as "requestedBy", ar.status, ${decidableBy(by)} as "mayDecide"
            from access_requests ar where ar.id = ${requestId} for update`,
    );
    if (!request?.mayDecide) throw new NotYoursToDecideError();
    if (request.status !== 'pending') throw new AlreadyDecidedError();
    await tx
      .update(accessRequests)
      .set({ status: decision, decidedBy: by.id, decidedAt: new Date() })
      .where(eq(accessRequests.id, requestId));
    if (decision === 'granted') {
      // the child's lock, as every write to the child takes it: a grant and a change of who is
      // named on the record (which replaces the list) then take turns instead of interleaving
      await lockChildren(tx, [request.childId]);
      await nameOnRecord(tx, request.childId, request.requestedBy);
    }
    return { childId: request.childId };
  });
}

export interface AccessRequestView {
  id: string;
  /** Null when the viewer may not open the record: then only who holds it is shown. */
  childId: string | null;
  childName: string | null;
  worker: string | null;
  team: string | null;
  requester: string;
  reason: string;
  requestedAt: string;
  status: string;
  decidedAt: string | null;
}

const viewColumns = (user: SignedInUser) => sql`
  ar.id, case when ${childVisibleTo(user)} then c.id end as "childId",
  case when ${childVisibleTo(user)} then c.first_name || ' ' || c.last_name end as "childName",
  ${holder},
  u.display_name as requester, ar.reason, ar.requested_at::text as "requestedAt", ar.status, ar.decided_at::text as "decidedAt"`;

/** Requests waiting for this user's decision, oldest first. */
export function requestsToDecide(db: Db, user: SignedInUser): Promise<AccessRequestView[]> {
  return rows<AccessRequestView>(
    db,
    sql`select ${viewColumns(user)}
          from access_requests ar join children c on c.id = ar.child_id join users u on u.id = ar.requested_by
         where ar.status = 'pending' and ${decidableBy(user)}
         order by ar.requested_at`,
  );
}

/** The user's own requests, newest first. */
export function requestsMadeBy(db: Db, user: SignedInUser): Promise<AccessRequestView[]> {
  return rows<AccessRequestView>(
    db,
    sql`select ${viewColumns(user)}
          from access_requests ar join children c on c.id = ar.child_id join users u on u.id = ar.requested_by
         where ar.requested_by = ${user.id}
         order by ar.requested_at desc limit 50`,
  );
}

export interface AccessNotices {
  /** Decisions on the user's requests not yet shown to them: shown once, then marked seen. */
  outcomes: { status: string; childId: string | null; childName: string | null }[];
  /** Requests waiting for the user's decision. */
  toDecide: number;
}

/** What a home page tells the user about access requests. */
export async function accessNotices(db: Db, user: SignedInUser): Promise<AccessNotices> {
  const [outcomes, waiting] = await Promise.all([
    rows<AccessNotices['outcomes'][number]>(
      db,
      sql`update access_requests ar set outcome_seen_at = now()
            from children c
           where c.id = ar.child_id and ar.requested_by = ${user.id} and ar.status <> 'pending' and ar.outcome_seen_at is null
       returning ar.status, case when ${childVisibleTo(user)} then c.id end as "childId",
                 case when ${childVisibleTo(user)} then c.first_name || ' ' || c.last_name end as "childName"`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from access_requests ar where ar.status = 'pending' and ${decidableBy(user)}`),
  ]);
  return { outcomes, toDecide: waiting[0]?.n ?? 0 };
}
