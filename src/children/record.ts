import { sql } from 'drizzle-orm';
import { childVisibleTo } from '../core/auth/access.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { currentAllocation, type CurrentAllocation } from '../workforce/allocation.js';

export interface ChildSummary {
  id: string;
  reference: number;
  firstName: string;
  lastName: string;
  otherNames: string | null;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  sex: string;
  gender: string | null;
  ethnicity: string;
  nhsNumber: string | null;
  upn: string | null;
  language: string | null;
  restricted: boolean;
  version: number;
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

export async function childSummary(db: Db, childId: string): Promise<ChildSummary | null> {
  const [child] = await rows<ChildSummary>(
    db,
    sql`select id, reference::int as reference, first_name as "firstName", last_name as "lastName", other_names as "otherNames",
               date_of_birth::text as "dateOfBirth", expected_date_of_birth::text as "expectedDateOfBirth", sex, gender,
               ethnicity, nhs_number as "nhsNumber", upn, language, restricted, version
          from children where id = ${childId}`,
  );
  return child ?? null;
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
