/**
 * The demo authority: an empty database filled with a synthetic local authority shaped
 * like Manchester on the first day of its 2014 inspection, dated so that `today` is that
 * day. Same seed and same day, same authority (identifiers included).
 */
import { sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
// the areas give the clock their facts as the list of areas loads
import '../areas.js';
import { type ClockContext, computeObligations } from '../clock/index.js';
import { hashPassword } from '../core/auth/passwords.js';
import { fromLondonLocal } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import * as schema from '../schema.js';
import { londonDate } from '../core/time.js';
import { loadClockContext, obligationRow } from '../obligations/recompute.js';
import { factsForChildren } from '../obligations/sources.js';
import { type BacklogFigures, backlogFigures, overdueAssessments } from '../oversight/queries.js';
import { bulkInsert } from './insert.js';
import { type DemoRows, type DemoTargets, type DemoUser, planDemoAuthority } from './plan.js';
import { currentAllocations } from '../workforce/queries.js';

export const DEMO_PASSWORD = 'demo';
export const DEFAULT_DEMO_SEED = 2014;

export interface DemoOptions {
  seed?: number;
  /** The first day of the inspection, YYYY-MM-DD; by default today in England. */
  today?: string;
  /**
   * The instant the figures are taken at; by default now, or 10am in England on `today`
   * when only `today` is given. Must fall on `today` in England.
   */
  now?: Date;
  /** 1 (the default) for an authority the size of Manchester; for example 0.2 for a fifth (from 0.05 to 4). */
  scale?: number;
  progress?: (message: string) => void;
}

export interface DemoSummary {
  seed: number;
  today: string;
  now: string;
  scale: number;
  counts: {
    teams: number;
    workers: number;
    children: number;
    openChildrenInNeed: number;
    contacts: number;
    contactsAwaitingDecision: number;
    referrals: number;
    assessments: number;
    visits: number;
    allocations: number;
    strategyDiscussions: number;
    s47Enquiries: number;
    cpConferences: number;
    /** Children on a child protection plan today. */
    childProtectionPlans: number;
    coreGroupMeetings: number;
    /** Children on a child in need plan today. */
    childInNeedPlans: number;
    cinPlanReviews: number;
    caseClosures: number;
    transitionPlans: number;
    caseNotes: number;
    planDisputes: number;
    /** Children looked after today (an open period of care). */
    lookedAfter: number;
    placements: number;
    lookedAfterReviews: number;
    /** Periods of care with a completed care plan. */
    carePlans: number;
    placementPlans: number;
    healthChecks: number;
    personalEducationPlans: number;
    pepMeetings: number;
    obligations: number;
    restrictedRecords: number;
  };
  /** Share of the referrals in the 12 months to today made within 12 months of an earlier one. */
  repeatReferralRate: number;
  /** As the oversight pages compute them (src/oversight/queries.ts) at `now`. */
  backlog: BacklogFigures;
  /** What the demo was built to show, from the 2014 report scaled. */
  targets: DemoTargets;
  maxCaseload: number;
  workersAtMaxCaseload: number;
  users: DemoUser[];
  password: string;
  elapsedMs: number;
}

export async function buildDemoAuthority(db: Db, opts: DemoOptions = {}): Promise<DemoSummary> {
  const started = performance.now();
  const progress = opts.progress ?? (() => undefined);
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const scale = opts.scale ?? 1;
  if (!(scale >= 0.05 && scale <= 4)) throw new RangeError(`scale must be from 0.05 to 4, got ${scale}`);
  const { today, now } = dayAndInstant(opts);

  await assertEmpty(db);
  const context = await loadClockContext(db);
  progress('Hashing the demo password');
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  progress(`Planning the demo authority for ${today} (seed ${seed}, scale ${scale})`);
  const plan = planDemoAuthority({ seed, today, now, scale, calendar: context.calendar, passwordHash });
  progress(`Planned ${plan.rows.children.length} children`);

  await db.transaction(async (tx) => {
    const rebuild = await prepareBulkLoad(tx);
    const r = plan.rows;
    // In order of reference; each table's rows are let go once stored, for a smaller heap.
    const order: [keyof DemoRows, PgTable][] = [
      ['teams', schema.teams],
      ['workers', schema.workers],
      ['users', schema.users],
      ['children', schema.children],
      ['childDisabilities', schema.childDisabilities],
      ['addresses', schema.addresses],
      ['people', schema.people],
      ['relationships', schema.relationships],
      ['restrictedRecordAccess', schema.restrictedRecordAccess],
      ['contacts', schema.contacts],
      ['referrals', schema.referrals],
      ['assessments', schema.assessments],
      ['visits', schema.visits],
      ['allocations', schema.allocations],
      ['strategyDiscussions', schema.strategyDiscussions],
      ['s47Enquiries', schema.s47Enquiries],
      ['cpInitialConferences', schema.cpConferences],
      ['cpPlans', schema.cpPlans],
      ['cpReviewConferences', schema.cpConferences],
      ['cpPlanActions', schema.cpPlanActions],
      ['coreGroupMeetings', schema.coreGroupMeetings],
      ['cinPlans', schema.cinPlans],
      ['cinPlanActions', schema.cinPlanActions],
      ['cinPlanReviews', schema.cinPlanReviews],
      ['caseClosures', schema.caseClosures],
      ['transitionPlans', schema.transitionPlans],
      ['caseNotes', schema.caseNotes],
      ['planDisputes', schema.planDisputes],
      ['disputeStages', schema.disputeStages],
      ['carePeriods', schema.carePeriods],
      ['placements', schema.placements],
      ['careEpisodes', schema.careEpisodes],
      ['placementChanges', schema.placementChanges],
      ['lookedAfterReviews', schema.lookedAfterReviews],
      ['deprivationOfLibertyOrders', schema.deprivationOfLibertyOrders],
      ['carePlans', schema.carePlans],
      ['carePlanVersions', schema.carePlanVersions],
      ['placementPlans', schema.placementPlans],
      ['healthChecks', schema.healthChecks],
      ['healthStatuses', schema.healthStatuses],
      ['sdqScores', schema.sdqScores],
      ['childSchools', schema.childSchools],
      ['personalEducationPlans', schema.personalEducationPlans],
      ['pepMeetings', schema.pepMeetings],
      ['educationHours', schema.educationHours],
      ['careLeavers', schema.careLeavers],
      ['pathwayPlanReviews', schema.pathwayPlanReviews],
      ['careLeaverContacts', schema.careLeaverContacts],
      ['adopterHouseholds', schema.adopterHouseholds],
      ['adoptionJourneys', schema.adoptionJourneys],
      ['previousPermanence', schema.previousPermanence],
      ['privateFosteringArrangements', schema.privateFosteringArrangements],
      ['allegations', schema.allegations],
      ['allegationChildren', schema.allegationChildren],
      ['allegationMeetings', schema.allegationMeetings],
    ];
    for (const [key, table] of order) {
      const n = await bulkInsert(tx, table, r[key] as PgTable['$inferInsert'][]);
      r[key] = [];
      progress(`Stored ${n} ${key}`);
    }
    // The record's indexes first: the areas' facts queries read through them.
    const [ofObligations, ofRecord] = partition(rebuild, (index) => index.table === 'obligations');
    for (const index of ofRecord) await tx.execute(sql.raw(index.definition));
    if (ofRecord.length > 0) progress(`Rebuilt ${ofRecord.length} indexes`);

    // The obligations, from the stored record through the same facts queries every write's
    // recompute reads: the demo has no mapping of its own from record to facts.
    const n = await storeObligations(tx, context, progress);
    progress(`Stored ${n} obligations`);
    for (const index of ofObligations) await tx.execute(sql.raw(index.definition));
  });

  // Fresh statistics, as after any bulk load, so the planner knows the tables' sizes, and the
  // visibility map set, so counts read from an index alone do not visit every row as they
  // would until autovacuum's first pass (PGlite runs no autovacuum).
  for (const table of [...BULK_TABLES, 'teams', 'workers', 'users', 'child_disabilities', 'restricted_record_access']) {
    await db.execute(sql.raw(`vacuum analyze "${table}"`));
  }
  progress('Vacuumed and analysed the tables');

  const summary = await summarise(db, { seed, today, now, scale, targets: plan.targets, users: plan.users });
  summary.elapsedMs = Math.round(performance.now() - started);
  progress(`Built the demo authority in ${(summary.elapsedMs / 1000).toFixed(1)} s`);
  return summary;
}

/** The tables the demo fills in bulk, whose secondary indexes are built once at the end. */
const BULK_TABLES = [
  'children',
  'addresses',
  'people',
  'relationships',
  'contacts',
  'referrals',
  'assessments',
  'visits',
  'allocations',
  'strategy_discussions',
  's47_enquiries',
  'cp_conferences',
  'cp_plans',
  'cp_plan_actions',
  'core_group_meetings',
  'cin_plans',
  'cin_plan_actions',
  'cin_plan_reviews',
  'case_closures',
  'transition_plans',
  'case_notes',
  'plan_disputes',
  'dispute_stages',
  'care_periods',
  'placements',
  'care_episodes',
  'placement_changes',
  'looked_after_reviews',
  'care_plans',
  'care_plan_versions',
  'placement_plans',
  'cla_health_checks',
  'cla_health_statuses',
  'cla_sdq_scores',
  'cla_schools',
  'personal_education_plans',
  'pep_meetings',
  'education_hours',
  'obligations',
];

/**
 * When the database lets us (a superuser, as on PGlite), load as a restore does: without
 * per-row foreign key triggers (the generator writes parents before children, and the
 * tests check every reference), and with secondary indexes dropped and rebuilt from their
 * own definitions after the load, inside the same transaction. Returns the indexes to
 * rebuild. On a server where we are not superuser, rows go in plainly.
 */
async function prepareBulkLoad(db: Db): Promise<{ table: string; definition: string }[]> {
  const [role] = await rows<{ superuser: boolean }>(db, sql`select current_setting('is_superuser') = 'on' as superuser`);
  if (!role?.superuser) return [];
  await db.execute(sql`set local session_replication_role = replica`);
  const found = await rows<{ tablename: string; indexname: string; indexdef: string }>(
    db,
    sql`select i.tablename, i.indexname, i.indexdef from pg_indexes i
         where i.schemaname = current_schema() and i.tablename in ${BULK_TABLES}
           and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
         order by i.tablename, i.indexname`,
  );
  for (const f of found) await db.execute(sql.raw(`drop index "${f.indexname}"`));
  return found.map((f) => ({ table: f.tablename, definition: f.indexdef }));
}

function partition<T>(list: readonly T[], test: (t: T) => boolean): [T[], T[]] {
  return [list.filter(test), list.filter((t) => !test(t))];
}

/** Children at a time whose facts are read together, computed and let go. */
const FACTS_BATCH = 10_000;

/** Every child's obligations, computed from the facts the areas' queries read from the stored record. */
async function storeObligations(tx: Db, context: ClockContext, progress: (message: string) => void): Promise<number> {
  const ids = (await rows<{ id: string }>(tx, sql`select id from children order by id`)).map((c) => c.id);
  const computed: ReturnType<typeof obligationRow>[] = [];
  for (let i = 0; i < ids.length; i += FACTS_BATCH) {
    for (const child of await factsForChildren(tx, ids.slice(i, i + FACTS_BATCH))) {
      for (const o of computeObligations(child, context)) computed.push(obligationRow(child.childId, o));
    }
  }
  progress(`Computed the obligations of ${ids.length} children`);
  return bulkInsert(tx, schema.obligations, computed);
}

function dayAndInstant(opts: DemoOptions): { today: string; now: Date } {
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today))
    throw new RangeError(`today must be YYYY-MM-DD, got ${opts.today}`);
  const today = opts.today ?? londonDate(opts.now ?? new Date());
  const now = opts.now ?? (opts.today === undefined ? new Date() : new Date(fromLondonLocal(today, 10)));
  if (londonDate(now) !== today) throw new RangeError(`now (${now.toISOString()}) is not on ${today} in England`);
  return { today, now };
}

async function assertEmpty(db: Db): Promise<void> {
  const [found] = await rows<{ n: number }>(
    db,
    sql`select (select count(*) from teams) + (select count(*) from workers) + (select count(*) from children)
             + (select count(*) from users where username like 'demo-%') as n`,
  );
  if (Number(found?.n ?? 0) > 0) throw new Error('The demo authority can only be built in an empty database');
}

async function summarise(
  db: Db,
  built: { seed: number; today: string; now: Date; scale: number; targets: DemoTargets; users: DemoUser[] },
): Promise<DemoSummary> {
  const [c] = await rows<Record<keyof DemoSummary['counts'], number>>(
    db,
    sql`select (select count(*)::int from teams) as "teams",
               (select count(*)::int from workers where active) as "workers",
               (select count(*)::int from children) as "children",
               (select count(distinct child_id)::int from referrals where closed_date is null) as "openChildrenInNeed",
               (select count(*)::int from contacts) as "contacts",
               (select count(*)::int from contacts where decided_at is null) as "contactsAwaitingDecision",
               (select count(*)::int from referrals) as "referrals",
               (select count(*)::int from assessments) as "assessments",
               (select count(*)::int from visits) as "visits",
               (select count(*)::int from allocations) as "allocations",
               (select count(*)::int from strategy_discussions) as "strategyDiscussions",
               (select count(*)::int from s47_enquiries) as "s47Enquiries",
               (select count(*)::int from cp_conferences) as "cpConferences",
               (select count(*)::int from cp_plans where end_date is null) as "childProtectionPlans",
               (select count(*)::int from core_group_meetings) as "coreGroupMeetings",
               (select count(*)::int from cin_plans where end_date is null) as "childInNeedPlans",
               (select count(*)::int from cin_plan_reviews) as "cinPlanReviews",
               (select count(*)::int from case_closures) as "caseClosures",
               (select count(*)::int from transition_plans) as "transitionPlans",
               (select count(*)::int from case_notes) as "caseNotes",
               (select count(*)::int from plan_disputes) as "planDisputes",
               (select count(*)::int from care_periods where end_date is null) as "lookedAfter",
               (select count(*)::int from placements) as "placements",
               (select count(*)::int from looked_after_reviews) as "lookedAfterReviews",
               (select count(distinct care_plan_id)::int from care_plan_versions where completed_date is not null) as "carePlans",
               (select count(*)::int from placement_plans) as "placementPlans",
               (select count(*)::int from cla_health_checks) as "healthChecks",
               (select count(*)::int from personal_education_plans) as "personalEducationPlans",
               (select count(*)::int from pep_meetings) as "pepMeetings",
               (select count(*)::int from obligations) as "obligations",
               (select count(*)::int from children where restricted) as "restrictedRecords"`,
  );
  const [repeat] = await rows<{ rate: number | null }>(
    db,
    sql`select avg(case when repeat_referral then 1.0 else 0.0 end)::float8 as rate from referrals
         where referral_date > (${built.today}::date - interval '12 months') and referral_date <= ${built.today}::date`,
  );
  const [load] = await rows<{ max: number | null; at_max: number }>(
    db,
    sql`with loads as (select worker_id, count(*)::int as n from ${currentAllocations} a where worker_id is not null group by worker_id)
        select max(n)::int as max, (select count(*)::int from loads where n = (select max(n) from loads)) as at_max from loads`,
  );
  const overdue = await overdueAssessments(db, built.now, { kind: 'authority' });
  return {
    seed: built.seed,
    today: built.today,
    now: built.now.toISOString(),
    scale: built.scale,
    counts: c!,
    repeatReferralRate: Number(repeat?.rate ?? 0),
    backlog: backlogFigures(overdue, built.today),
    targets: built.targets,
    maxCaseload: load?.max ?? 0,
    workersAtMaxCaseload: load?.at_max ?? 0,
    users: built.users,
    password: DEMO_PASSWORD,
    elapsedMs: 0,
  };
}
