/** Reads for the care planning pages, the API and the SSDA903 return. Dates are 'YYYY-MM-DD'. */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { Permanence } from './schema.js';

export interface CarePlanVersionView {
  id: string;
  number: number;
  health: string | null;
  education: string | null;
  contact: string | null;
  wellbeing: string | null;
  permanence: Permanence | null;
  permanenceDetail: string | null;
  contingency: string | null;
  involvement: string | null;
  /** Null for a draft. */
  completedDate: string | null;
  recordedBy: string | null;
  /** When it was saved, as an ISO datetime. */
  recordedAt: string;
}

/** A period's care plan as a list shows it: the version now, and when a version was last completed. */
export interface CarePlanSummary {
  id: string;
  /** The plan's version for optimistic locking (one more with each new version). */
  version: number;
  versions: number;
  current: CarePlanVersionView;
  /** The newest completed version's date, if any. */
  lastCompletedDate: string | null;
}

export interface PlacementPlanView {
  id: string;
  completedDate: string;
  needsMet: string;
  contact: string;
  health: string;
  education: string;
  delegatedAuthority: string;
  version: number;
}

export interface PlacementWithPlan {
  id: string;
  carePeriodId: string;
  startDate: string;
  endDate: string | null;
  placementType: string;
  providerName: string | null;
  plan: PlacementPlanView | null;
}

export interface PeriodPlans {
  id: string;
  startDate: string;
  endDate: string | null;
  shortBreaks: boolean;
  carePlan: CarePlanSummary | null;
  /** Oldest first. */
  placements: PlacementWithPlan[];
}

export interface UascView {
  uasc: boolean;
  ceasedDate: string | null;
  version: number;
}

/** Everything care planning records for a child, newest period first. */
export interface CarePlanningRecord {
  dateOfBirth: string | null;
  uasc: UascView | null;
  periods: PeriodPlans[];
}

const versionColumns = sql`v.id, v.number, v.health, v.education, v.contact, v.wellbeing, v.permanence,
  v.permanence_detail as "permanenceDetail", v.contingency, v.involvement, v.completed_date::text as "completedDate",
  u.display_name as "recordedBy", to_char(v.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "recordedAt"`;

const placementPlanJson = sql`case when pp.id is null then null else jsonb_build_object(
  'id', pp.id, 'completedDate', pp.completed_date::text, 'needsMet', pp.needs_met, 'contact', pp.contact, 'health', pp.health,
  'education', pp.education, 'delegatedAuthority', pp.delegated_authority, 'version', pp.version) end`;

async function placementsWithPlans(db: Db, where: ReturnType<typeof sql>): Promise<PlacementWithPlan[]> {
  return rows<PlacementWithPlan>(
    db,
    sql`select p.id, p.care_period_id as "carePeriodId", p.start_date::text as "startDate", p.end_date::text as "endDate",
               p.placement_type as "placementType", p.provider_name as "providerName", ${placementPlanJson} as plan
          from placements p left join placement_plans pp on pp.placement_id = p.id
         where ${where} order by p.start_date`,
  );
}

type PlanRow = Omit<CarePlanSummary, 'current'> & { carePeriodId: string; current: CarePlanVersionView };

async function carePlansOf(db: Db, where: ReturnType<typeof sql>): Promise<PlanRow[]> {
  const found = await rows<Omit<PlanRow, 'current'> & { currentId: string }>(
    db,
    sql`select cp.id, cp.care_period_id as "carePeriodId", cp.version,
               (select count(*)::int from care_plan_versions v where v.care_plan_id = cp.id) as versions,
               (select max(v.completed_date)::text from care_plan_versions v where v.care_plan_id = cp.id) as "lastCompletedDate",
               (select v.id from care_plan_versions v where v.care_plan_id = cp.id order by v.number desc limit 1) as "currentId"
          from care_plans cp where ${where}`,
  );
  if (found.length === 0) return [];
  const ids = found.map((f) => f.currentId);
  const current = await rows<CarePlanVersionView>(
    db,
    sql`select ${versionColumns} from care_plan_versions v left join users u on u.id = v.recorded_by
         where v.id in (${sql.join(
           ids.map((id) => sql`${id}`),
           sql`, `,
         )})`,
  );
  const byId = new Map(current.map((v) => [v.id, v]));
  return found.map(({ currentId, ...p }) => ({ ...p, current: byId.get(currentId)! }));
}

export async function carePlanningOf(db: Db, childId: string): Promise<CarePlanningRecord> {
  const [periods, plans, placements, uasc, child] = await Promise.all([
    rows<Omit<PeriodPlans, 'carePlan' | 'placements'>>(
      db,
      sql`select id, start_date::text as "startDate", end_date::text as "endDate", short_breaks as "shortBreaks"
            from care_periods where child_id = ${childId} order by start_date desc`,
    ),
    carePlansOf(db, sql`cp.child_id = ${childId}`),
    placementsWithPlans(db, sql`p.child_id = ${childId}`),
    uascOf(db, childId),
    rows<{ dateOfBirth: string | null }>(db, sql`select date_of_birth::text as "dateOfBirth" from children where id = ${childId}`),
  ]);
  const planOf = new Map(plans.map(({ carePeriodId, ...p }) => [carePeriodId, p]));
  return {
    dateOfBirth: child[0]?.dateOfBirth ?? null,
    uasc,
    periods: periods.map((p) => ({
      ...p,
      carePlan: planOf.get(p.id) ?? null,
      placements: placements.filter((pl) => pl.carePeriodId === p.id),
    })),
  };
}

/** One period of care with its care plan's every version, newest first. */
export interface PeriodCarePlan {
  period: Omit<PeriodPlans, 'carePlan'>;
  plan: Omit<CarePlanSummary, 'current'> | null;
  /** Newest first: the first is the plan now. */
  versions: CarePlanVersionView[];
}

export async function carePlanOf(db: Db, childId: string, periodId: string): Promise<PeriodCarePlan | null> {
  if (!isUuid(periodId)) return null;
  const [period] = await rows<Omit<PeriodPlans, 'carePlan' | 'placements'>>(
    db,
    sql`select id, start_date::text as "startDate", end_date::text as "endDate", short_breaks as "shortBreaks"
          from care_periods where child_id = ${childId} and id = ${periodId}`,
  );
  if (!period) return null;
  const [[plan], placements, versions] = await Promise.all([
    carePlansOf(db, sql`cp.child_id = ${childId} and cp.care_period_id = ${periodId}`),
    placementsWithPlans(db, sql`p.child_id = ${childId} and p.care_period_id = ${periodId}`),
    rows<CarePlanVersionView>(
      db,
      sql`select ${versionColumns} from care_plan_versions v join care_plans cp on cp.id = v.care_plan_id
            left join users u on u.id = v.recorded_by
           where cp.child_id = ${childId} and cp.care_period_id = ${periodId} order by v.number desc`,
    ),
  ]);
  const summary = plan ? (({ current: _current, carePeriodId: _period, ...rest }) => rest)(plan) : null;
  return { period: { ...period, placements }, plan: summary, versions };
}

/** One placement of the child's, with its plan. */
export async function placementPlanOf(db: Db, childId: string, placementId: string): Promise<PlacementWithPlan | null> {
  if (!isUuid(placementId)) return null;
  const [found] = await placementsWithPlans(db, sql`p.child_id = ${childId} and p.id = ${placementId}`);
  return found ?? null;
}

export async function uascOf(db: Db, childId: string): Promise<UascView | null> {
  const [found] = await rows<UascView>(
    db,
    sql`select uasc, ceased_date::text as "ceasedDate", version from uasc_statuses where child_id = ${childId}`,
  );
  return found ?? null;
}

/** A row of the SSDA903 UASC table: the child, their date of birth and sex, and DUC. */
export interface Uasc903Row {
  childId: string;
  /** DOB */
  dateOfBirth: string;
  /** SEX, as the 903 codes it: 1 male, 2 female; null when the record holds neither. */
  sex: '1' | '2' | null;
  /** DUC: the date they ceased to be UASC, or null while they still are. */
  ceasedDate: string | null;
}

/**
 * The SSDA903 UASC table of a collection year (1 April `yearStart` to 31 March `yearEnd`):
 * every child looked after at some time in the year who was an unaccompanied asylum-seeking
 * child during it, that is, recorded as UASC and not ceasing before the year began (DfE's
 * rule 104 refuses a DUC before the year). Ordered by the child, so the builder can join
 * the Header's identifiers in one pass; one child's row when `childId` is given. Children without a date of birth are left out: the
 * table's DOB is required and the record cannot say it.
 */
export async function uasc903Rows(db: Db, year: { start: string; end: string }, childId?: string): Promise<Uasc903Row[]> {
  return rows<Uasc903Row>(
    db,
    sql`select u.child_id as "childId", c.date_of_birth::text as "dateOfBirth",
               case c.sex when 'M' then '1' when 'F' then '2' end as sex, u.ceased_date::text as "ceasedDate"
          from uasc_statuses u join children c on c.id = u.child_id
         where u.uasc and c.date_of_birth is not null ${childId ? sql`and u.child_id = ${childId}` : sql``}
           and (u.ceased_date is null or u.ceased_date >= ${year.start})
           and exists (select 1 from care_periods p where p.child_id = u.child_id
                        and p.start_date <= ${year.end} and (p.end_date is null or p.end_date >= ${year.start}))
         order by u.child_id`,
  );
}
