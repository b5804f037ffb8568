/**
 * Reads what the census of a collection year is made from: the children with a referral
 * open at some time in the year (DfE: a child in need at any time in the year), and
 * everything under their referrals. A statement per table, each for all those children.
 */
import { type SQL, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { censusPeriod } from '../returns/cin/index.js';
import type { AssessmentRow, CensusChildRow, CensusRecord, CinPlanRow, CpPlanRow, ReferralRow, Section47Row } from './build.js';

/** The children in the year's census (or the one child asked for, if it is in it), as a statement. */
function inScope(year: number, childId?: string): SQL {
  const { start, end } = censusPeriod(year);
  return sql`select distinct r.child_id as id from referrals r
      where r.referral_date <= ${end} and (r.closed_date is null or r.closed_date >= ${start})
      ${childId ? sql`and r.child_id = ${childId}` : sql``}`;
}

/** Each table's statement, for the children the scope statement gives. */
function statements(scope: SQL): Record<keyof CensusRecord, SQL> {
  return {
    children: sql`select c.id, c.reference::int as reference, c.date_of_birth::text as "dateOfBirth",
            c.expected_date_of_birth::text as "expectedDateOfBirth", c.sex, c.ethnicity, c.upn,
            coalesce((select array_agg(d.code order by d.code) from child_disabilities d where d.child_id = c.id), '{}') as disabilities
          from children c where c.id in (${scope})`,
    referrals: sql`select id, child_id as "childId", contact_id as "contactId", referral_date::text as "referralDate", source,
            primary_need as "primaryNeed", closed_date::text as "closedDate", closure_reason as "closureReason"
          from referrals where child_id in (${scope})`,
    assessments: sql`select id, child_id as "childId", referral_id as "referralId", start_date::text as "startDate",
            authorised_at::text as "authorisedAt", factors
          from assessments where child_id in (${scope})`,
    cinPlans: sql`select id, child_id as "childId", referral_id as "referralId", start_date::text as "startDate", end_date::text as "endDate"
          from cin_plans where child_id in (${scope})`,
    section47s: sql`select e.id, e.child_id as "childId", coalesce(e.referral_id, sd.referral_id) as "referralId",
            e.start_date::text as "startDate",
            (sd.held_at at time zone 'Europe/London')::date::text as "strategyDate",
            e.conference_required as "conferenceRequired", e.end_date::text as "endDate",
            (select min(c.conference_date)::text from cp_conferences c where c.s47_enquiry_id = e.id) as "conferenceDate"
          from s47_enquiries e join strategy_discussions sd on sd.id = e.strategy_discussion_id
          where e.child_id in (${scope})`,
    cpPlans: sql`select p.id, p.child_id as "childId", coalesce(e.referral_id, sd.referral_id) as "referralId",
            p.start_date::text as "startDate", p.end_date::text as "endDate",
            p.initial_category as "initialCategory", p.latest_category as "latestCategory",
            coalesce((select array_agg(r.conference_date::text order by r.conference_date) from cp_conferences r
                      where r.cp_plan_id = p.id and r.type = 'review'), '{}') as "reviewDates"
          from cp_plans p
          join cp_conferences ic on ic.id = p.initial_conference_id
          left join s47_enquiries e on e.id = ic.s47_enquiry_id
          left join strategy_discussions sd on sd.id = e.strategy_discussion_id
          where p.child_id in (${scope})`,
  };
}

/** Everything the census of `year` is made from; for one child when `childId` is given. */
export async function censusRecord(db: Db, year: number, childId?: string): Promise<CensusRecord> {
  if (childId) {
    // one child's (the record page's, on every view): a few rows, in one statement and one round trip;
    // every column is text, a number, a boolean or an array of text, which JSON carries unchanged
    const parts = Object.entries(statements(inScope(year, childId))).map(
      ([name, statement]) => sql`(select coalesce(json_agg(t), '[]') from (${statement}) t) as ${sql.identifier(name)}`,
    );
    const [record] = await rows<CensusRecord>(db, sql`select ${sql.join(parts, sql`, `)}`);
    return record!;
  }
  const found = await rows<{ id: string }>(db, inScope(year));
  const ids = found.map((r) => r.id);
  // read once, then given to each statement as one array parameter (an array literal: the ids are UUIDs from the database)
  const scope: SQL = sql`select unnest(${`{${ids.join(',')}}`}::uuid[])`;
  const each = statements(scope);
  const [children, referrals, assessments, cinPlans, section47s, cpPlans] = await Promise.all([
    rows<CensusChildRow>(db, each.children),
    rows<ReferralRow>(db, each.referrals),
    rows<AssessmentRow>(db, each.assessments),
    rows<CinPlanRow>(db, each.cinPlans),
    rows<Section47Row>(db, each.section47s),
    rows<CpPlanRow>(db, each.cpPlans),
  ]);
  return { children, referrals, assessments, cinPlans, section47s, cpPlans };
}
