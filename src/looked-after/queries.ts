/** Reads for the looked after pages and the API. Dates are 'YYYY-MM-DD'. */
import { Param, sql } from 'drizzle-orm';
import { clockRules } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ObligationView } from '../obligations/queries.js';

export interface PlacementView {
  id: string;
  startDate: string;
  endDate: string | null;
  reasonForChange: string | null;
  placementType: string;
  provider: string | null;
  providerName: string | null;
  urn: string | null;
  placementPostcode: string | null;
  homePostcode: string | null;
  /** As now: the placement's own, or its latest change's. */
  intendedToAge18: boolean;
  visitRegime: string;
  /** The day of the latest change to the visits or intention, if any. */
  changedDate: string | null;
}

export interface EpisodeView {
  id: string;
  startDate: string;
  /** The next episode's start, or the period's end: never stored twice. */
  endDate: string | null;
  reasonNew: string;
  legalStatus: string;
  categoryOfNeed: string;
  placementId: string;
  placementType: string;
}

export interface LookedAfterReviewView {
  id: string;
  reviewDate: string;
  participation: string;
  iroName: string;
  decisionsCirculatedDate: string | null;
  recordCompletedDate: string | null;
}

/** A deprivation of liberty order (the SSDA903's DoLo row). */
export interface DeprivationOfLibertyView {
  id: string;
  startDate: string;
  endDate: string | null;
}

export interface CarePeriodSummary {
  id: string;
  startDate: string;
  endDate: string | null;
  reasonCeased: string | null;
  shortBreaks: boolean;
  iroName: string | null;
  iroAppointedDate: string | null;
  version: number;
  legalStatus: string;
  categoryOfNeed: string;
  reviews: number;
  lastReview: string | null;
  placements: number;
  /** The day the deprivation of liberty order open now began, if one is. */
  orderSince: string | null;
  /** The placement in force (or the last one, once the period has ended). */
  placement: PlacementView | null;
}

export interface CarePeriodView extends CarePeriodSummary {
  episodes: EpisodeView[];
  placementList: PlacementView[];
  reviewList: LookedAfterReviewView[];
  orderList: DeprivationOfLibertyView[];
}

const placementColumns = sql`p.id, p.start_date::text as "startDate", p.end_date::text as "endDate", p.reason_for_change as "reasonForChange",
  p.placement_type as "placementType", p.provider, p.provider_name as "providerName", p.urn,
  p.placement_postcode as "placementPostcode", p.home_postcode as "homePostcode",
  coalesce((select x.intended_to_age_18 from placement_changes x where x.placement_id = p.id order by x.change_date desc limit 1),
           p.intended_to_age_18) as "intendedToAge18",
  coalesce((select x.visit_regime from placement_changes x where x.placement_id = p.id order by x.change_date desc limit 1),
           p.visit_regime) as "visitRegime",
  (select max(x.change_date)::text from placement_changes x where x.placement_id = p.id) as "changedDate"`;

type PeriodRow = Omit<CarePeriodSummary, 'placement'>;

function periodsWhere(db: Db, condition: ReturnType<typeof sql>) {
  return rows<PeriodRow>(
    db,
    sql`select c.id, c.start_date::text as "startDate", c.end_date::text as "endDate", c.reason_ceased as "reasonCeased",
               c.short_breaks as "shortBreaks", c.iro_name as "iroName", c.iro_appointed_date::text as "iroAppointedDate", c.version,
               e.legal_status as "legalStatus", e.category_of_need as "categoryOfNeed",
               (select count(*)::int from looked_after_reviews r where r.care_period_id = c.id) as reviews,
               (select max(review_date)::text from looked_after_reviews r where r.care_period_id = c.id) as "lastReview",
               (select count(*)::int from placements p where p.care_period_id = c.id) as placements,
               (select min(d.start_date)::text from deprivation_of_liberty_orders d
                 where d.care_period_id = c.id and d.end_date is null) as "orderSince"
          from care_periods c
          join lateral (select legal_status, category_of_need from care_episodes e
                         where e.care_period_id = c.id order by e.start_date desc limit 1) e on true
         where ${condition}
         order by c.start_date desc`,
  );
}

async function withPlacements(db: Db, periods: PeriodRow[]): Promise<CarePeriodSummary[]> {
  if (periods.length === 0) return [];
  const ids = periods.map((p) => p.id);
  const latest = await rows<PlacementView & { carePeriodId: string }>(
    db,
    sql`select distinct on (p.care_period_id) p.care_period_id as "carePeriodId", ${placementColumns}
          from placements p where p.care_period_id = any(${new Param(ids)}::uuid[])
         order by p.care_period_id, p.start_date desc`,
  );
  const byPeriod = new Map(latest.map(({ carePeriodId, ...p }) => [carePeriodId, p]));
  return periods.map((p) => ({ ...p, placement: byPeriod.get(p.id) ?? null }));
}

/** Everything looked after records for a child, newest period first: for the record, the overview and the API. */
export interface LookedAfterRecord {
  periods: CarePeriodSummary[];
  dateOfBirth: string | null;
}

export async function lookedAfterOf(db: Db, childId: string): Promise<LookedAfterRecord> {
  const [periods, child] = await Promise.all([
    periodsWhere(db, sql`c.child_id = ${childId}`),
    rows<{ dateOfBirth: string | null }>(db, sql`select date_of_birth::text as "dateOfBirth" from children where id = ${childId}`),
  ]);
  return { periods: await withPlacements(db, periods), dateOfBirth: child[0]?.dateOfBirth ?? null };
}

export async function carePeriodOf(db: Db, childId: string, id: string): Promise<CarePeriodView | null> {
  if (!isUuid(id)) return null;
  const [found] = await withPlacements(db, await periodsWhere(db, sql`c.child_id = ${childId} and c.id = ${id}`));
  if (!found) return null;
  const [episodes, placementList, reviewList, orderList] = await Promise.all([
    rows<EpisodeView>(
      db,
      sql`select e.id, e.start_date::text as "startDate",
                 coalesce(lead(e.start_date) over (order by e.start_date), c.end_date)::text as "endDate",
                 e.reason_new as "reasonNew", e.legal_status as "legalStatus", e.category_of_need as "categoryOfNeed",
                 e.placement_id as "placementId", p.placement_type as "placementType"
            from care_episodes e join care_periods c on c.id = e.care_period_id join placements p on p.id = e.placement_id
           where e.care_period_id = ${id} order by e.start_date`,
    ),
    rows<PlacementView>(db, sql`select ${placementColumns} from placements p where p.care_period_id = ${id} order by p.start_date`),
    rows<LookedAfterReviewView>(
      db,
      sql`select id, review_date::text as "reviewDate", participation, iro_name as "iroName",
                 decisions_circulated_date::text as "decisionsCirculatedDate", record_completed_date::text as "recordCompletedDate"
            from looked_after_reviews where care_period_id = ${id} order by review_date, created_at`,
    ),
    rows<DeprivationOfLibertyView>(
      db,
      sql`select id, start_date::text as "startDate", end_date::text as "endDate"
            from deprivation_of_liberty_orders where care_period_id = ${id} order by start_date`,
    ),
  ]);
  return { ...found, episodes, placementList, reviewList, orderList };
}

const lookedAfterRuleIds = new Set(clockRules.filter((r) => r.area === 'looked after').map((r) => r.id));

/** The child's obligations under the looked after rules (reviews, visits, plans, the IRO, health and education). */
export function onlyLookedAfter(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => lookedAfterRuleIds.has(o.ruleId));
}

// ── independent reviewing officers' caseloads ────────────────────────────────

/** An IRO and how many children looked after today they review (the IRO named on the open period of care). */
export interface IroCaseload {
  iroName: string;
  children: number;
}

/** Every IRO with children looked after today, by name, and how many such children have no IRO recorded yet. */
export async function iroCaseloads(db: Db): Promise<{ iros: IroCaseload[]; notAppointed: number }> {
  const [iros, [none]] = await Promise.all([
    rows<IroCaseload>(
      db,
      sql`select iro_name as "iroName", count(distinct child_id)::int as children
            from care_periods where end_date is null and iro_name is not null
           group by iro_name order by iro_name`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from care_periods where end_date is null and iro_name is null`),
  ]);
  return { iros, notAppointed: none?.n ?? 0 };
}

/** A child looked after today in an IRO's caseload. */
export interface IroChild {
  childId: string;
  childName: string;
  periodId: string;
  startDate: string;
  placementType: string | null;
  lastReview: string | null;
}

/**
 * The children looked after today whom an IRO reviews (or, for null, whose IRO is not recorded),
 * longest looked after first: an order that says nothing about a restricted child's name.
 */
export async function childrenReviewedBy(db: Db, iroName: string | null): Promise<IroChild[]> {
  return rows<IroChild>(
    db,
    sql`select c.child_id as "childId", k.first_name || ' ' || k.last_name as "childName", c.id as "periodId",
               c.start_date::text as "startDate",
               (select p.placement_type from placements p where p.care_period_id = c.id and p.end_date is null) as "placementType",
               (select max(r.review_date)::text from looked_after_reviews r where r.care_period_id = c.id) as "lastReview"
          from care_periods c join children k on k.id = c.child_id
         where c.end_date is null and ${iroName === null ? sql`c.iro_name is null` : sql`c.iro_name = ${iroName}`}
         order by c.start_date, c.child_id`,
  );
}
