/**
 * Reads what the SSDA903 return of a collection year is made from: the children with a period
 * of care open at some time in the year (DfE: looked after at any time in the year), and their
 * periods, episodes, placements, reviews, deprivation of liberty orders and allocations to a social worker; a statement per
 * table, each for all those children. The Missing and OC2 tables' facts are read by the areas
 * that record them (missing episodes; health and education), which know what each counts.
 */
import { Param, type SQL, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { adoption903Rows, previousPermanence903Rows } from '../adoption/queries.js';
import { oc3Rows } from '../care-leavers/queries.js';
import { uasc903Rows } from '../care-planning/queries.js';
import { oc2Cohort } from '../health-and-education/queries.js';
import { missingTableEpisodes } from '../missing-episodes/queries.js';
import { collectionEnd, collectionStart } from '../returns/ssda903/values.js';
import { iso } from './build.js';
import type { ChildRow, DoloRow, EpisodeRow, LookedAfterRecord, PeriodRow, PlacementRow, ReviewRow, SocialWorkerRow } from './build.js';

/**
 * The children in the year's return (or the one child asked for, if it is in it), as a
 * statement: those looked after in the year, and the care leavers of its OC3 table.
 */
function inScope(year: number, childId?: string, careLeavers: readonly string[] = []): SQL {
  const start = iso(collectionStart(year));
  const end = iso(collectionEnd(year));
  const leavers = childId ? careLeavers.filter((id) => id === childId) : careLeavers;
  return sql`select distinct p.child_id as id from care_periods p
      where p.start_date <= ${end} and (p.end_date is null or p.end_date >= ${start})
      ${childId ? sql`and p.child_id = ${childId}` : sql``}
      union select unnest(${new Param([...leavers])}::uuid[])`;
}

/** Whether a child is in the year's return at all (looked after at some time in it): one cheap question before building it. */
export async function inReturn(db: Db, year: number, childId: string): Promise<boolean> {
  const found = await rows<{ id: string }>(db, sql`${inScope(year, childId)} limit 1`);
  return found.length > 0;
}

/** The roles whose allocation makes someone the child's social worker. */
const SOCIAL_WORKERS = sql`('social_worker', 'senior_practitioner')`;

type OwnTables = Omit<LookedAfterRecord, 'missing' | 'oc2' | 'uasc' | 'adoption' | 'previousPermanence' | 'oc3'>;

function statements(scope: SQL): Record<keyof OwnTables, SQL> {
  return {
    children: sql`select c.id, c.reference::int as reference, c.date_of_birth::text as "dateOfBirth", c.sex, c.ethnicity, c.upn,
            (select min(k.date_of_birth)::text from relationships r join children k on k.id = r.child_id
              where r.related_child_id = c.id and r.relationship = 'mother') as "firstChildBirthDate"
          from children c where c.id in (${scope})`,
    periods: sql`select id, child_id as "childId", start_date::text as "startDate", end_date::text as "endDate", reason_ceased as "reasonCeased"
          from care_periods where child_id in (${scope})`,
    episodes: sql`select id, child_id as "childId", care_period_id as "periodId", start_date::text as "startDate", reason_new as "reasonNew",
            legal_status as "legalStatus", category_of_need as "categoryOfNeed", placement_id as "placementId"
          from care_episodes where child_id in (${scope})`,
    placements: sql`select id, child_id as "childId", start_date::text as "startDate", end_date::text as "endDate",
            reason_for_change as "reasonForChange", placement_type as "placementType", provider, urn,
            placement_postcode as "placementPostcode", home_postcode as "homePostcode"
          from placements where child_id in (${scope})`,
    reviews: sql`select id, child_id as "childId", care_period_id as "periodId", review_date::text as "reviewDate", participation
          from looked_after_reviews where child_id in (${scope})`,
    socialWorkers: sql`select a.id, a.child_id as "childId", a.worker_id as "workerId",
            w.social_work_england_number as "socialWorkEnglandNumber", a.change_reason as "changeReason",
            (a.started_at at time zone 'Europe/London')::date::text as "startDate",
            (a.ended_at at time zone 'Europe/London')::date::text as "endDate"
          from allocations a join workers w on w.id = a.worker_id
          where a.child_id in (${scope}) and w.role in ${SOCIAL_WORKERS}`,
    dolos: sql`select id, child_id as "childId", care_period_id as "periodId", start_date::text as "startDate", end_date::text as "endDate"
          from deprivation_of_liberty_orders where child_id in (${scope})`,
  };
}

/** Everything the return of `year` is made from; for one child when `childId` is given. */
export async function lookedAfterRecord(db: Db, year: number, childId?: string): Promise<LookedAfterRecord> {
  const range = { start: iso(collectionStart(year)), end: iso(collectionEnd(year)) };
  const oc3 = await oc3Rows(db, range.start, range.end, childId);
  const [own, missing, oc2, uasc, adoption, previousPermanence] = await Promise.all([
    ownTables(
      db,
      year,
      childId,
      oc3.map((o) => o.childId),
    ),
    missingTableEpisodes(db, year, childId),
    oc2Cohort(db, iso(collectionEnd(year)), childId),
    uasc903Rows(db, range, childId),
    adoption903Rows(db, range, childId),
    previousPermanence903Rows(db, childId),
  ]);
  return { ...own, missing, oc2, uasc, adoption, previousPermanence, oc3 };
}

async function ownTables(db: Db, year: number, childId: string | undefined, careLeavers: readonly string[]): Promise<OwnTables> {
  const each = statements(inScope(year, childId, careLeavers));
  if (childId) {
    // one child's (the record page's, on every view): a few rows, in one statement and one round trip
    const parts = Object.entries(each).map(
      ([name, statement]) => sql`(select coalesce(json_agg(t), '[]') from (${statement}) t) as ${sql.identifier(name)}`,
    );
    const [record] = await rows<OwnTables>(db, sql`select ${sql.join(parts, sql`, `)}`);
    return record!;
  }
  const [children, periods, episodes, placements, reviews, socialWorkers, dolos] = await Promise.all([
    rows<ChildRow>(db, each.children),
    rows<PeriodRow>(db, each.periods),
    rows<EpisodeRow>(db, each.episodes),
    rows<PlacementRow>(db, each.placements),
    rows<ReviewRow>(db, each.reviews),
    rows<SocialWorkerRow>(db, each.socialWorkers),
    rows<DoloRow>(db, each.dolos),
  ]);
  return { children, periods, episodes, placements, reviews, socialWorkers, dolos };
}
