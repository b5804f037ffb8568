import { sql } from 'drizzle-orm';
import { childVisibleTo } from './access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { childSummary, type ChildSummary } from '../core/record/summary.js';
import { currentAllocation, type CurrentAllocation } from '../workforce/queries.js';

export interface ChronologyEntry {
  at: string;
  kind: string;
  title: string;
  detail: string | null;
  href: string | null;
}

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

/** Dated events on the child's record, newest first. */
export async function chronology(db: Db, childId: string, limit = 200): Promise<ChronologyEntry[]> {
  return rows<ChronologyEntry>(
    db,
    sql`
      select * from (
        select received_at::text as at, 'contact' as kind,
               case when domestic_abuse_notification then 'Police notification of domestic abuse' else 'Contact received' end as title,
               'From ' || referrer_name || coalesce(' (' || referrer_organisation || ')', '') as detail,
               '/front-door/contacts/' || id as href
          from contacts where child_id = ${childId}
        union all
        select decided_at::text, 'decision', 'Contact decided: ' || replace(outcome, '_', ' '), decision_reason, '/front-door/contacts/' || id
          from contacts where child_id = ${childId} and decided_at is not null
        union all
        select referral_date::text, 'referral', case when repeat_referral then 'Referral (repeat within 12 months)' else 'Referral' end,
               null, null
          from referrals where child_id = ${childId}
        union all
        select closed_date::text, 'closure', 'Case closed (' || closure_reason || ')', null, null
          from referrals where child_id = ${childId} and closed_date is not null
        union all
        select start_date::text, 'assessment', 'Assessment started', null, '/children/' || child_id || '/assessments/' || id
          from assessments where child_id = ${childId}
        union all
        select submitted_at::text, 'assessment', 'Assessment submitted for authorisation', null, '/children/' || child_id || '/assessments/' || id
          from assessments where child_id = ${childId} and submitted_at is not null
        union all
        select authorised_at::text, 'assessment', 'Assessment authorised', replace(coalesce(outcome, ''), '_', ' '), '/children/' || child_id || '/assessments/' || id
          from assessments where child_id = ${childId} and authorised_at is not null
        union all
        select v.visit_date::text, 'visit',
               case when v.child_seen and v.seen_alone then 'Visit: child seen alone'
                    when v.child_seen then 'Visit: child seen' else 'Visit: child not seen' end,
               w.name, null
          from visits v left join workers w on w.id = v.worker_id where v.child_id = ${childId}
        union all
        select a.started_at::text, 'allocation', 'Allocated to ' || coalesce(w.name || ', ', '') || t.name, null, null
          from allocations a join teams t on t.id = a.team_id left join workers w on w.id = a.worker_id where a.child_id = ${childId}
      ) e order by at desc limit ${limit}`,
  );
}
