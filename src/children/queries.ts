import { Param, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { optionalDateField, optionalText } from '../core/http/forms.js';
import { isUuid } from '../core/ids.js';
import { normaliseNhsNumber } from '../core/record/identifiers.js';
import { childSummary, type ChildSummary } from '../core/record/summary.js';
import { currentAllocation, type CurrentAllocation, currentAllocations } from '../workforce/queries.js';
import { childInScopeOf, childVisibleTo, visibleAmong } from './access.js';

/** The reads of a child's record: search, likely matches, the record page, and restricted records. */

// ── Finding a child ─────────────────────────────────────────────────────────────

/** One schema for a search, from the search page's query string or the API's. */
export const childSearchSchema = z.object({
  name: optionalText('Name', { max: 200 }),
  dateOfBirth: optionalDateField('Date of birth'),
  nhsNumber: optionalText('NHS number', { max: 20 }),
  upn: optionalText('Unique pupil number (UPN)', { max: 20 }),
});
export type ChildSearch = z.output<typeof childSearchSchema>;

export interface ChildListItem {
  id: string;
  reference: number;
  firstName: string;
  lastName: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  postcode: string | null;
}

const listColumns = sql`c.id, c.reference::int as reference, c.first_name as "firstName", c.last_name as "lastName",
  c.date_of_birth::text as "dateOfBirth", c.expected_date_of_birth::text as "expectedDateOfBirth",
  (select a.postcode from addresses a where a.child_id = c.id order by a.from_date desc limit 1) as postcode`;

/** Find children the user may see, by any of name, date of birth, NHS number or UPN. */
export async function findChildren(db: Db, user: SignedInUser, q: ChildSearch, limit = 50): Promise<ChildListItem[]> {
  const conditions = [childVisibleTo(user)];
  if (q.name) {
    for (const word of q.name.trim().toLowerCase().split(/\s+/).slice(0, 4)) {
      conditions.push(
        sql`(lower(c.first_name) like ${`${word}%`} or lower(c.last_name) like ${`${word}%`} or lower(coalesce(c.other_names, '')) like ${`%${word}%`})`,
      );
    }
  }
  if (q.dateOfBirth) conditions.push(sql`c.date_of_birth = ${q.dateOfBirth}`);
  if (q.nhsNumber) conditions.push(sql`c.nhs_number = ${normaliseNhsNumber(q.nhsNumber)}`);
  if (q.upn) conditions.push(sql`c.upn = ${q.upn.trim().toUpperCase()}`);
  if (conditions.length === 1) return [];
  return rows<ChildListItem>(
    db,
    sql`select ${listColumns} from children c where ${sql.join(conditions, sql` and `)} order by c.last_name, c.first_name limit ${limit}`,
  );
}

/**
 * Before a child is created: children already on the record who may be the same child.
 * A match on NHS number or UPN, or on date of birth with a similar name. Searched across
 * the whole record, not only what the user may open, so nobody creates a duplicate of a
 * child they cannot see; only the fact of a possible match and a reference are shown.
 */
export async function likelyMatches(
  db: Db,
  input: {
    nhsNumber?: string | undefined;
    upn?: string | undefined;
    dateOfBirth?: string | undefined;
    firstName?: string | undefined;
    lastName?: string | undefined;
  },
): Promise<ChildListItem[]> {
  const alternatives = [];
  if (input.nhsNumber) alternatives.push(sql`c.nhs_number = ${normaliseNhsNumber(input.nhsNumber)}`);
  if (input.upn) alternatives.push(sql`c.upn = ${input.upn.toUpperCase()}`);
  if (input.dateOfBirth && input.lastName) {
    alternatives.push(
      sql`(c.date_of_birth = ${input.dateOfBirth} and (lower(c.last_name) = ${input.lastName.toLowerCase()} or lower(c.first_name) = ${(input.firstName ?? '').toLowerCase()}))`,
    );
  }
  if (input.firstName && input.lastName) {
    alternatives.push(
      sql`(lower(c.first_name) = ${input.firstName.toLowerCase()} and lower(c.last_name) = ${input.lastName.toLowerCase()})`,
    );
  }
  if (alternatives.length === 0) return [];
  return rows<ChildListItem>(
    db,
    sql`select ${listColumns} from children c where ${sql.join(alternatives, sql` or `)} order by c.last_name limit 10`,
  );
}

/**
 * Likely matches as the user may be shown them: a child they may open with the details to
 * recognise them; any other only by reference, to ask the front door or the child's team.
 */
export type ShownMatch = ({ visible: true } & ChildListItem) | { visible: false; reference: number };

export async function matchesShownTo(db: Db, user: SignedInUser, matches: ChildListItem[]): Promise<ShownMatch[]> {
  const visible = await visibleAmong(
    db,
    user,
    matches.map((m) => m.id),
  );
  return matches.map((m) => (visible.has(m.id) ? { visible: true as const, ...m } : { visible: false as const, reference: m.reference }));
}

// ── The record ──────────────────────────────────────────────────────────────────

/**
 * A person in the child's life, or another child on the record. Another child the viewer may
 * not open is withheld: no name and no id, only that such a child is known to the service.
 */
export interface Relationship {
  name: string | null;
  relationship: string;
  parentalResponsibility: boolean;
  livesWithChild: boolean;
  childId: string | null;
  withheld: boolean;
}

export interface ChildRecord {
  child: ChildSummary;
  disabilities: string[];
  address: { line1: string; line2: string | null; town: string | null; postcode: string; fromDate: string } | null;
  previousAddresses: number;
  relationships: Relationship[];
  allocation: CurrentAllocation | null;
  workersInLastYear: number;
  openReferral: { id: string; referralDate: string; repeatReferral: boolean; source: string } | null;
  lastSeen: string | null;
}

/** The child's record as one viewer may see it: other children they may not open are withheld. */
export async function childRecord(db: Db, childId: string, now: Date, viewer: SignedInUser): Promise<ChildRecord | null> {
  const child = await childSummary(db, childId);
  if (!child) return null;
  const [disabilities, addressRows, relationships, allocation, workers, openReferral, lastSeen] = await Promise.all([
    rows<{ code: string }>(db, sql`select code from child_disabilities where child_id = ${childId} order by code`),
    rows<{ line1: string; line2: string | null; town: string | null; postcode: string; fromDate: string }>(
      db,
      sql`select line1, line2, town, postcode, from_date::text as "fromDate" from addresses where child_id = ${childId} order by from_date desc`,
    ),
    // The withholding is done here, in the query, so a withheld name never leaves the database.
    rows<Relationship>(
      db,
      sql`select case when withheld then null else name end as name, relationship, "parentalResponsibility", "livesWithChild",
                 case when withheld then null else "childId" end as "childId", withheld
            from (select coalesce(p.first_name || ' ' || p.last_name, c.first_name || ' ' || c.last_name) as name, r.relationship,
                         r.parental_responsibility as "parentalResponsibility", r.lives_with_child as "livesWithChild",
                         r.related_child_id as "childId",
                         (r.related_child_id is not null and not ${childVisibleTo(viewer)}) as withheld
                    from relationships r left join people p on p.id = r.person_id left join children c on c.id = r.related_child_id
                   where r.child_id = ${childId}) x
           order by relationship, withheld, name`,
    ),
    currentAllocation(db, childId),
    rows<{ n: number }>(
      db,
      sql`select count(distinct worker_id)::int as n from allocations
           where child_id = ${childId} and worker_id is not null
             and (ended_at is null or ended_at > ${now.toISOString()}::timestamptz - interval '12 months')`,
    ),
    rows<NonNullable<ChildRecord['openReferral']>>(
      db,
      sql`select id, referral_date::text as "referralDate", repeat_referral as "repeatReferral", source
            from referrals where child_id = ${childId} and closed_date is null order by referral_date desc limit 1`,
    ),
    rows<{ d: string | null }>(db, sql`select max(visit_date)::text as d from visits where child_id = ${childId} and child_seen`),
  ]);
  return {
    child,
    disabilities: disabilities.map((d) => d.code),
    address: addressRows[0] ?? null,
    previousAddresses: Math.max(0, addressRows.length - 1),
    relationships,
    allocation,
    workersInLastYear: workers[0]?.n ?? 0,
    openReferral: openReferral[0] ?? null,
    lastSeen: lastSeen[0]?.d ?? null,
  };
}

/** The other children a record names to its viewer, for the audit row. */
export function namedChildren(record: ChildRecord | null): string[] {
  return (record?.relationships ?? []).flatMap((r) => (r.childId ? [r.childId] : []));
}

export interface AddressHistoryEntry {
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  fromDate: string;
  toDate: string | null;
}

/** Every address the child has had, newest first. */
export function addressHistory(db: Db, childId: string): Promise<AddressHistoryEntry[]> {
  return rows<AddressHistoryEntry>(
    db,
    sql`select line1, line2, town, postcode, from_date::text as "fromDate", to_date::text as "toDate"
          from addresses where child_id = ${childId} order by from_date desc`,
  );
}

export async function namedUsers(db: Db, childId: string): Promise<string[]> {
  return (
    await rows<{ username: string }>(
      db,
      sql`select u.username from restricted_record_access r join users u on u.id = r.user_id where r.child_id = ${childId} order by u.username`,
    )
  ).map((r) => r.username);
}

// ── Restricted records, and requests for access ─────────────────────────────────

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

/**
 * Who may grant or decline: the users named on the restricted record, and service managers;
 * never the person who asked, or a service manager could open any restricted record alone.
 */
export const decidableBy = (user: SignedInUser) =>
  sql`ar.requested_by <> ${user.id} and ${
    user.role === 'service_manager'
      ? sql`true`
      : sql`exists (select 1 from restricted_record_access x where x.child_id = ar.child_id and x.user_id = ${user.id})`
  }`;

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

/**
 * What a home page tells the user about access requests: one statement, which marks the outcomes
 * it returns as seen and counts the requests waiting (the count reads no column the mark writes).
 */
export async function accessNotices(db: Db, user: SignedInUser): Promise<AccessNotices> {
  const [row] = await rows<AccessNotices>(
    db,
    sql`with seen as (
          update access_requests ar set outcome_seen_at = now()
            from children c
           where c.id = ar.child_id and ar.requested_by = ${user.id} and ar.status <> 'pending' and ar.outcome_seen_at is null
       returning ar.status, case when ${childVisibleTo(user)} then c.id end as "childId",
                 case when ${childVisibleTo(user)} then c.first_name || ' ' || c.last_name end as "childName")
        select (select coalesce(json_agg(seen), '[]'::json) from seen) as outcomes,
               (select count(*)::int from access_requests ar where ar.status = 'pending' and ${decidableBy(user)}) as "toDecide"`,
  );
  return row!;
}

// ── Visits ──────────────────────────────────────────────────────────────────────

export interface VisitView {
  id: string;
  visitDate: string;
  childSeen: boolean;
  seenAlone: boolean;
  purpose: string;
  notes: string | null;
  workerName: string | null;
  recordedAt: string;
}

/** The child's visits, newest first (the latest `limit` of them, or all), with how many there are. */
export async function visitsOf(db: Db, childId: string, limit?: number): Promise<{ visits: VisitView[]; total: number }> {
  const [found, count] = await Promise.all([
    rows<VisitView>(
      db,
      sql`select v.id, v.visit_date::text as "visitDate", v.child_seen as "childSeen", v.seen_alone as "seenAlone", v.purpose,
                 v.notes, w.name as "workerName", v.recorded_at::text as "recordedAt"
            from visits v left join workers w on w.id = v.worker_id
           where v.child_id = ${childId}
           order by v.visit_date desc, v.recorded_at desc ${limit === undefined ? sql`` : sql`limit ${limit}`}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from visits where child_id = ${childId}`),
  ]);
  return { visits: found, total: count[0]?.n ?? 0 };
}
