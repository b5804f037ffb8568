import { Param, type SQL, sql } from 'drizzle-orm';
import { assessmentDue } from '../assessment/queries.js';
import { planPath as cpPlanPath, conferencePath as cpConferencePath } from '../child-protection/paths.js';
import { assessmentTimeliness, type ClockContext, ruleById } from '../clock/index.js';
import type { WorkingDayCalendar } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { londonDate } from '../core/time.js';
import { caseholding, caseloadOf, currentAllocations } from '../workforce/queries.js';
import { obligationAction } from '../obligations/sources.js';
import { workforcePaths } from '../workforce/paths.js';
import { assessmentPaths } from '../assessment/paths.js';
import { conferenceReportWorkingDays, notSeenWorkingDays } from './settings.js';

/**
 * Oversight's reads: the figures a dashboard shows, each counted in one statement, and the
 * lists of children behind each figure, with the definition shown beside it. Definitions are
 * shared: a test on the demo authority holds every count equal to its list's length.
 */

// ── Scope and the assessment backlog ─────────────────────────────────────────

/** Whose backlog: the whole authority, one team, or one worker (by current allocation). */
export type Scope = { kind: 'authority' } | { kind: 'team'; teamId: string } | { kind: 'worker'; workerId: string };

export function scopeCondition(scope: Scope, childColumn: SQL = sql`c.id`): SQL {
  switch (scope.kind) {
    case 'authority':
      return sql`true`;
    case 'team':
      return sql`exists (select 1 from ${currentAllocations} sa where sa.child_id = ${childColumn} and sa.team_id = ${scope.teamId})`;
    case 'worker':
      return sql`exists (select 1 from ${currentAllocations} sa where sa.child_id = ${childColumn} and sa.worker_id = ${scope.workerId})`;
  }
}

export interface OverdueAssessment {
  childId: string;
  referralId: string;
  referralDate: string;
  due: string;
  /** Last date the child was seen since the referral, if ever. */
  lastSeen: string | null;
}

/**
 * Assessments past their due date on the day, in scope: the clock's assessment obligations
 * outstanding after their deadline, each with its referral. A CTE `overdue_assessments`
 * (child_id, referral_id, referral_date, due, due_by), the one definition the lists and the
 * dashboards' counts share.
 */
/** Not lapsed: an obligation missed before its process stopped is kept, lapsed, and no longer owed. */
function stillOwed(today: string): SQL {
  return sql`(o.lapses_on is null or o.lapses_on > ${today})`;
}

export function overdueAssessmentsCte(scope: Scope, now: Date): SQL {
  return sql`overdue_obligations as materialized (
        -- filtered first, so every episode cast below is a referral's id
        select o.child_id, o.episode, o.due, o.due_by from obligations o
         where o.rule_id = ${assessmentTimeliness.id} and o.done_at is null and o.due_by <= ${now.toISOString()}
           and ${stillOwed(londonDate(now))} and ${scopeCondition(scope, sql`o.child_id`)}
      ), overdue_assessments as (
        select o.child_id, r.id as referral_id, r.referral_date, o.due, o.due_by
          from overdue_obligations o
          -- one index lookup per overdue assessment, never a scan of every referral
          cross join lateral (select r.id, r.referral_date from referrals r where r.id = o.episode::uuid and r.child_id = o.child_id limit 1) r
      )`;
}

/**
 * Assessments past their due date on the day. Definitions, as shown beside the figures:
 * - overdue: not authorised by the end of the 45th working day after the referral;
 * - not seen: the child has had no visit at which they were seen since the referral;
 * - not seen for six months: not seen, and the referral was six calendar months ago or more.
 */
export async function overdueAssessments(db: Db, now: Date, scope: Scope): Promise<OverdueAssessment[]> {
  const found = await rows<{ child_id: string; referral_id: string; referral_date: string; due: string; last_seen: string | null }>(
    db,
    sql`
      with ${overdueAssessmentsCte(scope, now)}
      select a.child_id, a.referral_id::text as referral_id, a.referral_date::text as referral_date, a.due,
             (select max(v.visit_date)::text from visits v
               where v.child_id = a.child_id and v.child_seen and v.visit_date >= a.referral_date) as last_seen
        from overdue_assessments a
       order by a.due_by`,
  );
  return found.map((r) => ({
    childId: r.child_id,
    referralId: r.referral_id,
    referralDate: r.referral_date,
    due: r.due,
    lastSeen: r.last_seen,
  }));
}

export interface BacklogFigures {
  overdueAssessments: number;
  childrenNotSeen: number;
  childrenNotSeenSixMonths: number;
}

export function sixMonthsBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 - 6, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

export function backlogFigures(list: OverdueAssessment[], today: string): BacklogFigures {
  const sixMonthsAgo = sixMonthsBefore(today);
  const notSeen = new Set(list.filter((a) => a.lastSeen === null).map((a) => a.childId));
  const notSeenSix = new Set(list.filter((a) => a.lastSeen === null && a.referralDate <= sixMonthsAgo).map((a) => a.childId));
  return {
    overdueAssessments: list.length,
    childrenNotSeen: notSeen.size,
    childrenNotSeenSixMonths: notSeenSix.size,
  };
}

// ── Team lists ──────────────────────────────────────────────────────────────────

export interface WorkerCaseload {
  workerId: string;
  name: string;
  role: string;
  newlyQualified: boolean;
  agency: boolean;
  children: number;
}

export function caseloads(db: Db, teamId: string | null): Promise<WorkerCaseload[]> {
  return rows<WorkerCaseload>(
    db,
    sql`select w.id as "workerId", w.name, w.role, w.newly_qualified as "newlyQualified", w.agency,
               ${caseloadOf(sql`w.id`)} as children
          from workers w
         where w.active and w.role = any(${caseholding})
           ${teamId ? sql`and w.team_id = ${teamId}` : sql``}
         order by children desc, w.name`,
  );
}

export const ageBands = [
  { id: '0-15', label: '0 to 15', min: 0, max: 15 },
  { id: '16-30', label: '16 to 30', min: 16, max: 30 },
  { id: '31-45', label: '31 to 45', min: 31, max: 45 },
  { id: '46-90', label: '46 to 90', min: 46, max: 90 },
  { id: '91+', label: '91 or more', min: 91, max: Number.POSITIVE_INFINITY },
] as const;
export type AgeBandId = (typeof ageBands)[number]['id'];

export interface OpenAssessment {
  id: string;
  childId: string;
  childName: string;
  referralDate: string;
  startDate: string;
  workerName: string | null;
  submittedAt: string | null;
  due: string | null;
  /** Working days since the referral: the assessment clock starts at the referral. */
  ageWorkingDays: number;
  band: AgeBandId;
}

export function bandOf(ageWorkingDays: number): AgeBandId {
  return ageBands.find((b) => ageWorkingDays >= b.min && ageWorkingDays <= b.max)!.id;
}

/** Assessments not yet authorised for children in scope, with their age in working days. */
export async function openAssessments(db: Db, scope: Scope, today: string, calendar: WorkingDayCalendar): Promise<OpenAssessment[]> {
  const found = await rows<Omit<OpenAssessment, 'ageWorkingDays' | 'band'>>(
    db,
    sql`select a.id, a.child_id as "childId", c.first_name || ' ' || c.last_name as "childName",
               r.referral_date::text as "referralDate", a.start_date::text as "startDate", w.name as "workerName",
               a.submitted_at::text as "submittedAt",
               ${assessmentDue} as due
          from assessments a join referrals r on r.id = a.referral_id join children c on c.id = a.child_id
          left join workers w on w.id = a.worker_id
         where a.authorised_at is null and r.closed_date is null and ${scopeCondition(scope, sql`a.child_id`)}
         order by r.referral_date`,
  );
  return found.map((a) => {
    const age = Math.max(0, calendar.workingDaysBetween(a.referralDate, today));
    return { ...a, ageWorkingDays: age, band: bandOf(age) };
  });
}

export interface ChildNotSeen {
  childId: string;
  childName: string;
  workerName: string | null;
  lastSeen: string | null;
  allocatedSince: string;
}

/**
 * Children in scope with an open referral who have not been seen within the last N working
 * days (N is the authority's local setting), or never seen since it opened.
 */
export async function childrenNotSeen(db: Db, scope: Scope, sinceDate: string): Promise<ChildNotSeen[]> {
  return rows<ChildNotSeen>(
    db,
    sql`select c.id as "childId", c.first_name || ' ' || c.last_name as "childName", w.name as "workerName",
               (select max(v.visit_date)::text from visits v where v.child_id = c.id and v.child_seen) as "lastSeen",
               a.started_at::date::text as "allocatedSince"
          from children c
          join ${currentAllocations} a on a.child_id = c.id
          left join workers w on w.id = a.worker_id
         where exists (select 1 from referrals r where r.child_id = c.id and r.closed_date is null)
           and not exists (select 1 from visits v where v.child_id = c.id and v.child_seen and v.visit_date >= ${sinceDate})
           and ${scopeCondition(scope)}
         order by "lastSeen" nulls first, c.last_name`,
  );
}

export interface AwaitingAuthorisation {
  id: string;
  childId: string;
  childName: string;
  workerName: string | null;
  submittedAt: string;
}

export function awaitingAuthorisation(db: Db, scope: Scope): Promise<AwaitingAuthorisation[]> {
  return rows<AwaitingAuthorisation>(
    db,
    sql`select a.id, a.child_id as "childId", c.first_name || ' ' || c.last_name as "childName", w.name as "workerName",
               a.submitted_at::text as "submittedAt"
          from assessments a join children c on c.id = a.child_id left join workers w on w.id = a.worker_id
         where a.submitted_at is not null and a.authorised_at is null and ${scopeCondition(scope, sql`a.child_id`)}
         order by a.submitted_at`,
  );
}

export interface TeamRow {
  teamId: string;
  name: string;
  children: number;
  workers: number;
  maxCaseload: number;
  /** Assessments past their due date for children allocated to the team. */
  overdue: number;
}

/** Every active team with its children, workers, largest caseload and overdue assessments, in one statement. */
export function teamsOverview(db: Db, now: Date): Promise<TeamRow[]> {
  return rows<TeamRow>(
    db,
    sql`select t.id as "teamId", t.name,
               (select count(*)::int from ${currentAllocations} a where a.team_id = t.id) as children,
               (select count(*)::int from workers w where w.team_id = t.id and w.active and w.role = any(${caseholding})) as workers,
               coalesce((select max(n)::int from (select count(*) as n from ${currentAllocations} a where a.team_id = t.id and a.worker_id is not null group by a.worker_id) x), 0) as "maxCaseload",
               coalesce(od.n, 0) as overdue
          from teams t
          left join (select a.team_id, count(*)::int as n
                       from obligations o join ${currentAllocations} a on a.child_id = o.child_id
                      where o.rule_id = ${assessmentTimeliness.id} and o.done_at is null and o.due_by <= ${now.toISOString()}
                        and ${stillOwed(londonDate(now))}
                      group by a.team_id) od on od.team_id = t.id
         where t.active order by t.name`,
  );
}

export async function repeatReferralRate(db: Db, today: string): Promise<{ referrals: number; repeats: number }> {
  const [row] = await rows<{ referrals: number; repeats: number }>(
    db,
    sql`select count(*)::int as referrals, count(*) filter (where repeat_referral)::int as repeats
          from referrals where referral_date > (${today}::date - interval '12 months') and referral_date <= ${today}`,
  );
  return row ?? { referrals: 0, repeats: 0 };
}

// ── Dashboard figures ───────────────────────────────────────────────────────────

/**
 * The figures a dashboard shows, each counted in one statement rather than by fetching the
 * children behind it: a dashboard is opened far more often than its lists, so it reads
 * counts, and the lists (above, and childList below) fetch the children when someone asks.
 * Definitions are the lists' own; tests hold the two in step.
 */
export interface DashboardFigures extends BacklogFigures {
  /** Open assessments by working days since the referral, and in all. */
  bands: Record<AgeBandId, number>;
  openTotal: number;
  /** Children with an open referral not seen in the last N working days (the local setting). */
  notSeenRecently: number;
  awaitingAuthorisation: number;
}

/**
 * For each age band, the earliest referral date whose age today falls within the band's upper
 * bound. Age in working days only grows as the referral date moves back, so each band is a
 * range of referral dates and can be counted in SQL.
 */
export function bandCutoffs(today: string, calendar: WorkingDayCalendar): { id: AgeBandId; from: string | null }[] {
  const age = (date: string) => Math.max(0, calendar.workingDaysBetween(date, today));
  return ageBands.map((band) => {
    if (band.max === Number.POSITIVE_INFINITY) return { id: band.id, from: null };
    // the earliest date no older than the band's bound: a binary search over days back, as age
    // never falls as the date moves back (a band's bound in working days is under twice as
    // many calendar days back, plus the longest run of holidays)
    let newest = 0; // days back known to be within the bound
    let oldest = band.max * 2 + 14; // days back known to be beyond it
    while (oldest - newest > 1) {
      const mid = (newest + oldest) >> 1;
      if (age(daysBefore(today, mid)) <= band.max) newest = mid;
      else oldest = mid;
    }
    return { id: band.id, from: daysBefore(today, newest) };
  });
}

function daysBefore(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

export interface FiguresQuery {
  now: Date;
  today: string;
  calendar: WorkingDayCalendar;
  /** The first day that counts as "seen recently": today less the local setting's working days. */
  seenSince: string;
}

function scopeOf(teamId: string | null): Scope {
  return teamId === null ? { kind: 'authority' } : { kind: 'team', teamId };
}

/** Overdue assessments in scope, with whether the child has been seen since the referral. */
function overdueCte(teamId: string | null, now: Date): SQL {
  return sql`${overdueAssessmentsCte(scopeOf(teamId), now)}, overdue as (
          select a.child_id, a.referral_id, a.referral_date,
                 exists (select 1 from visits v where v.child_id = a.child_id and v.child_seen and v.visit_date >= a.referral_date) as seen
            from overdue_assessments a
        )`;
}

function backlogColumns(today: string): SQL {
  return sql`(select count(distinct referral_id)::int from overdue) as overdue,
          (select count(distinct child_id)::int from overdue where not seen) as not_seen,
          (select count(distinct child_id)::int from overdue where not seen and referral_date <= ${sixMonthsBefore(today)}) as not_seen_six`;
}

type BacklogRow = { overdue: number; not_seen: number; not_seen_six: number };

function backlogOf(r: BacklogRow): BacklogFigures {
  return { overdueAssessments: r.overdue, childrenNotSeen: r.not_seen, childrenNotSeenSixMonths: r.not_seen_six };
}

/** The backlog's three figures (the authority page's), in one statement. */
export async function backlogCounts(db: Db, teamId: string | null, now: Date, today: string): Promise<BacklogFigures> {
  const [row] = await rows<BacklogRow>(db, sql`with ${overdueCte(teamId, now)} select ${backlogColumns(today)}`);
  return backlogOf(row!);
}

/**
 * Every figure of a team's dashboard (or the whole authority's, teamId null), in one statement.
 */
export async function dashboardFigures(db: Db, teamId: string | null, q: FiguresQuery): Promise<DashboardFigures> {
  const inScope = (column: SQL) => scopeCondition(scopeOf(teamId), column);
  const cutoffs = bandCutoffs(q.today, q.calendar);
  // band i holds referral dates in [from_i, from_{i-1}); the first band is open above
  const bandCounts = cutoffs.map((c, i) => {
    const upper = i === 0 ? null : cutoffs[i - 1]!.from;
    const lower = c.from;
    const conditions = [...(lower ? [sql`r.referral_date >= ${lower}`] : []), ...(upper ? [sql`r.referral_date < ${upper}`] : [])];
    const where = conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
    return sql`count(*) filter (where ${where})::int`;
  });
  const [row] = await rows<BacklogRow & { bands: number[]; open_total: number; not_seen_recently: number; awaiting: number }>(
    db,
    sql`with open_assessments as (
          select a.child_id, r.referral_date, a.submitted_at
            from assessments a join referrals r on r.id = a.referral_id
           where a.authorised_at is null and r.closed_date is null and ${inScope(sql`a.child_id`)}
        ), ${overdueCte(teamId, q.now)}
        select
          (select array[${sql.join(bandCounts, sql`, `)}] from open_assessments r) as bands,
          (select count(*)::int from open_assessments) as open_total,
          ${backlogColumns(q.today)},
          (select count(distinct a.child_id)::int
             from ${currentAllocations} a
            where ${teamId === null ? sql`true` : sql`a.team_id = ${teamId}`}
              and exists (select 1 from referrals r where r.child_id = a.child_id and r.closed_date is null)
              and not exists (select 1 from visits v where v.child_id = a.child_id and v.child_seen and v.visit_date >= ${q.seenSince})) as not_seen_recently,
          (select count(*)::int from assessments a
            where a.submitted_at is not null and a.authorised_at is null and ${inScope(sql`a.child_id`)}) as awaiting`,
  );
  const r = row!;
  return {
    bands: Object.fromEntries(cutoffs.map((c, i) => [c.id, r.bands[i] ?? 0])) as Record<AgeBandId, number>,
    openTotal: r.open_total,
    ...backlogOf(r),
    notSeenRecently: r.not_seen_recently,
    awaitingAuthorisation: r.awaiting,
  };
}

// ── My work ─────────────────────────────────────────────────────────────────────

/** Obligations of the children allocated to a worker (for an obligation aliased `o`). */
export function allocatedTo(workerId: string | null): SQL {
  return workerId
    ? sql`exists (select 1 from ${currentAllocations} a where a.child_id = o.child_id and a.worker_id = ${workerId})`
    : sql`false`;
}

export interface MyChild {
  id: string;
  name: string;
  lastSeen: string | null;
}

/** The children allocated to a worker, by name, with when each was last seen. */
export function childrenAllocatedTo(db: Db, workerId: string | null): Promise<MyChild[]> {
  if (!workerId) return Promise.resolve([]);
  return rows<MyChild>(
    db,
    sql`select c.id, c.first_name || ' ' || c.last_name as name,
               (select max(v.visit_date)::text from visits v where v.child_id = c.id and v.child_seen) as "lastSeen"
          from children c join ${currentAllocations} a on a.child_id = c.id
         where a.worker_id = ${workerId} order by c.last_name, c.first_name`,
  );
}

/** A team, by its id. */
export async function teamNamed(db: Db, teamId: string): Promise<{ id: string; name: string } | null> {
  const [team] = await rows<{ id: string; name: string }>(db, sql`select id, name from teams where id = ${teamId}`);
  return team ?? null;
}

/**
 * The clock's obligations a manager follows, by group and by the table they are shown in (help
 * and protection; children looked after): each group's rules, named as the clock names them (a
 * test holds each to a rule).
 */
export const obligationGroups = [
  {
    id: 'cp-conferences',
    table: 'help-and-protection',
    rules: ['initial-child-protection-conference', 'review-child-protection-conference', 'pre-birth-review-conference'],
    label: 'child protection conferences',
  },
  { id: 'core-groups', table: 'help-and-protection', rules: ['first-core-group', 'core-group'], label: 'core group meetings' },
  { id: 'cp-visits', table: 'help-and-protection', rules: ['child-protection-visit'], label: 'child protection visits' },
  { id: 'cin-reviews', table: 'help-and-protection', rules: ['child-in-need-review'], label: 'child in need plan reviews' },
  { id: 'cin-visits', table: 'help-and-protection', rules: ['child-in-need-visit'], label: 'child in need visits' },
  { id: 'la-plans', table: 'looked-after', rules: ['care-plan', 'placement-plan'], label: 'care plans and placement plans' },
  {
    id: 'la-reviews',
    table: 'looked-after',
    rules: ['iro-appointed', 'looked-after-review'],
    label: 'looked after reviews (and their IRO)',
  },
  { id: 'la-review-records', table: 'looked-after', rules: ['review-decisions', 'review-record'], label: 'review decisions and records' },
  { id: 'la-visits', table: 'looked-after', rules: ['looked-after-visit'], label: 'looked after children’s visits' },
  {
    id: 'la-health',
    table: 'looked-after',
    rules: ['initial-health-assessment', 'review-health-assessment', 'dental-check'],
    label: 'health assessments and dental checks',
  },
  { id: 'la-education', table: 'looked-after', rules: ['pep-initiated', 'pep-review'], label: 'personal education plans' },
  { id: 'return-interviews', table: 'looked-after', rules: ['return-home-interview'], label: 'return home interviews' },
] as const;
export type ObligationGroupId = (typeof obligationGroups)[number]['id'];

/** The child protection and children in need lists, by name: each group's coming up and overdue, and the rest. */
export const caseworkListNames = [
  ...obligationGroups.flatMap((g) => [`${g.id}-due`, `${g.id}-overdue`] as const),
  'cp-plans-over-two-years',
  'cp-later-plans',
  'conferences-without-worker',
  'conference-reports-late',
] as const;
export type CaseworkListName = (typeof caseworkListNames)[number];

// ── The lists behind the figures ────────────────────────────────────────────────

/** A child in a list, and the list's other columns for them (dates formatted when shown). */
export interface ListItem {
  childId: string;
  childName: string;
  cells: string[];
  /** The page to act on the row from (allocate the child, open the assessment), when the list has one. */
  action?: { text: string; href: string } | null;
}

/** A list of children behind a figure: what it is called, how it is counted, its columns and its children. */
export interface ChildList {
  title: string;
  definition: string;
  head: string[];
  items: ListItem[];
  /** What a row is, when not a child ("task", "conference"): the count says so. */
  noun?: [string, string];
  /** Each row ends with a link to act on it (its `action`), under this heading. */
  actionHead?: string;
  /**
   * Within runs of rows with an equal key the list is ordered by the child's name, so a
   * restricted record goes last in its run (its place must not hint at the name).
   */
  nameOrderedWithin?: (item: ListItem) => string;
}

export const listNames = [
  'overdue-assessments',
  'not-seen-during-assessment',
  'not-seen-six-months',
  'open-assessments',
  'not-seen',
  'awaiting-authorisation',
  'caseload',
  'unallocated',
  'not-seen-in-six-months',
  ...caseworkListNames,
] as const;
export type ListName = (typeof listNames)[number];

export function isListName(name: string): name is ListName {
  return (listNames as readonly string[]).includes(name);
}

async function childNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; name: string }>(
    db,
    sql`select id, first_name || ' ' || last_name as name from children where id = any(${new Param(ids)}::uuid[])`,
  );
  return new Map(found.map((f) => [f.id, f.name]));
}

const overdueTitles = {
  'overdue-assessments': 'Assessments past their due date',
  'not-seen-during-assessment': 'Children with an overdue assessment not seen since the referral',
  'not-seen-six-months': 'Children with an overdue assessment, referred six months ago or more and not seen since the referral',
} as const;

/**
 * The children behind a figure, in scope. `band` narrows open assessments to an age band;
 * `workerId` names the worker of a caseload (null: no such list).
 */
export async function childList(
  db: Db,
  name: ListName,
  scope: Scope,
  q: { band?: string | undefined; workerId?: string | undefined },
  at: { now: Date; today: string; clock: ClockContext },
): Promise<ChildList | null> {
  const { now, today, clock } = at;
  switch (name) {
    case 'overdue-assessments':
    case 'not-seen-during-assessment':
    case 'not-seen-six-months': {
      let overdue = await overdueAssessments(db, now, scope);
      if (name !== 'overdue-assessments') overdue = overdue.filter((o) => o.lastSeen === null);
      if (name === 'not-seen-six-months') overdue = overdue.filter((o) => o.referralDate <= sixMonthsBefore(today));
      const names = await childNames(
        db,
        overdue.map((o) => o.childId),
      );
      return {
        title: overdueTitles[name],
        definition:
          'An assessment is overdue when it has not been authorised by the end of the 45th working day after the referral (Working Together to Safeguard Children). “Not seen” means no visit at which the child was seen since the referral.',
        head: ['Child', 'Referral', 'Due', 'Working days over', 'Last seen since referral'],
        items: overdue.map((o) => ({
          childId: o.childId,
          childName: names.get(o.childId) ?? '',
          cells: [o.referralDate, o.due, String(clock.calendar.workingDaysBetween(o.due, today)), o.lastSeen ?? 'Not seen'],
        })),
      };
    }
    case 'open-assessments': {
      let open = await openAssessments(db, scope, today, clock.calendar);
      const band = ageBands.find((b) => b.id === q.band);
      if (band) open = open.filter((a) => a.band === band.id);
      return {
        title: band ? `Open assessments aged ${band.label} working days` : 'Open assessments',
        definition: 'Assessments not yet authorised, aged in working days from the referral (the clock starts at the referral).',
        head: ['Child', 'Referral', 'Working days', 'Social worker', 'Due'],
        items: open.map((a) => ({
          childId: a.childId,
          childName: a.childName,
          cells: [a.referralDate, String(a.ageWorkingDays), a.workerName ?? 'Not allocated', a.due ?? ''],
        })),
      };
    }
    case 'not-seen': {
      const n = notSeenWorkingDays(clock, today);
      const found = await childrenNotSeen(db, scope, clock.calendar.addWorkingDays(today, -n));
      return {
        title: `Children not seen in the last ${n} working days`,
        definition: `Children with an open referral who have had no visit at which they were seen in the last ${n} working days (a local setting).`,
        head: ['Child', 'Social worker', 'Last seen'],
        items: found.map((c) => ({
          childId: c.childId,
          childName: c.childName,
          cells: [c.workerName ?? 'Not allocated', c.lastSeen ?? 'Never'],
        })),
        nameOrderedWithin: (item) => item.cells[1]!,
      };
    }
    case 'awaiting-authorisation': {
      const found = await awaitingAuthorisation(db, scope);
      return {
        title: 'Assessments awaiting authorisation',
        definition: 'Assessments submitted by the social worker and not yet authorised by a manager.',
        head: ['Child', 'Social worker', 'Submitted'],
        items: found.map((a) => ({
          childId: a.childId,
          childName: a.childName,
          cells: [a.workerName ?? '', a.submittedAt],
          action: { text: 'Open the assessment', href: assessmentPaths.show(a.childId, a.id) },
        })),
        actionHead: 'Authorise',
      };
    }
    case 'unallocated': {
      const found = await unallocatedCases(db, scope);
      return {
        title: 'Unallocated work',
        definition:
          'Children with an open case (an open referral, and any assessment under it, or a child protection or child in need plan in force) and no allocated social worker: allocated to the team and to no one in it, or, for the authority, to no team at all. Oldest first, from the day the earliest open part of the case began.',
        head: ['Child', 'Open since', 'What is open', 'Team'],
        items: found.map((u) => ({
          childId: u.childId,
          childName: u.childName,
          cells: [u.openSince, u.open, u.teamName ?? 'No team'],
          action: { text: 'Allocate', href: workforcePaths.allocation(u.childId) },
        })),
        actionHead: 'Allocate',
        nameOrderedWithin: (item) => item.cells[0]!,
      };
    }
    case 'not-seen-in-six-months': {
      const found = await childrenNotSeenSixMonths(db, scope, today);
      return {
        title: 'Children with an open case not seen in the last six months',
        definition: `Children with an open case (an open referral, or a child protection or child in need plan in force) whose last visit at which they were seen was before ${sixMonthsBefore(today)}, six calendar months ago, or who have never been seen and whose case has been open since then or earlier.`,
        head: ['Child', 'Open since', 'Last seen'],
        items: found.map((c) => ({ childId: c.childId, childName: c.childName, cells: [c.openSince, c.lastSeen ?? 'Never'] })),
        nameOrderedWithin: (item) => item.cells[1]!,
      };
    }
    case 'caseload': {
      if (!q.workerId) return null;
      const found = await rows<{ childId: string; childName: string; since: string; worker: string }>(
        db,
        sql`select c.id as "childId", c.first_name || ' ' || c.last_name as "childName", a.started_at::date::text as since, w.name as worker
              from ${currentAllocations} a join children c on c.id = a.child_id join workers w on w.id = a.worker_id
             where a.worker_id = ${q.workerId}
               and ${scope.kind === 'team' ? sql`a.team_id = ${scope.teamId}` : sql`true`}
             order by c.last_name`,
      );
      return {
        title: `Children allocated to ${found[0]?.worker ?? 'this worker'}`,
        definition: 'Children currently allocated to the worker.',
        head: ['Child', 'Allocated since'],
        items: found.map((c) => ({ childId: c.childId, childName: c.childName, cells: [c.since] })),
        nameOrderedWithin: () => '',
      };
    }
    default:
      return caseworkList(db, name, scope, at);
  }
}

// ── Open cases: the unallocated queue, and children not seen in six months ──────────

/**
 * Each child with an open case, as a CTE `open_cases` (child_id, open_since, open): an open
 * referral (and so any assessment under it), child protection plan or child in need plan; since
 * the earliest of them, with what is open in words.
 */
const openCasesCte = sql`open_cases as (
    select x.child_id, min(x.since)::text as open_since, string_agg(distinct x.what, ', ' order by x.what) as open
      from (select child_id, referral_date as since, 'referral' as what from referrals where closed_date is null
            union all
            select child_id, start_date, 'child protection plan' from cp_plans where end_date is null
            union all
            select child_id, start_date, 'child in need plan' from cin_plans where end_date is null) x
     group by x.child_id
  )`;

/**
 * Open cases with no allocated social worker, as a CTE `unallocated` (child_id, open_since,
 * open, team_name): a team's are the children allocated to the team and to no worker in it; the
 * authority's are those and the children with no current allocation at all.
 */
function unallocatedCte(scope: Scope): SQL {
  const where =
    scope.kind === 'team'
      ? sql`a.team_id = ${scope.teamId} and a.worker_id is null`
      : scope.kind === 'worker'
        ? sql`false`
        : sql`a.child_id is null or a.worker_id is null`;
  return sql`${openCasesCte}, unallocated as (
      select o.child_id, o.open_since, o.open, t.name as team_name
        from open_cases o
        left join ${currentAllocations} a on a.child_id = o.child_id
        left join teams t on t.id = a.team_id
       where ${where}
    )`;
}

export interface UnallocatedCase {
  childId: string;
  childName: string;
  openSince: string;
  open: string;
  teamName: string | null;
}

/** The unallocated work queue: open cases with no allocated social worker, oldest first. */
export function unallocatedCases(db: Db, scope: Scope): Promise<UnallocatedCase[]> {
  return rows<UnallocatedCase>(
    db,
    sql`with ${unallocatedCte(scope)}
        select u.child_id as "childId", c.first_name || ' ' || c.last_name as "childName", u.open_since as "openSince",
               u.open, u.team_name as "teamName"
          from unallocated u join children c on c.id = u.child_id
         order by u.open_since, c.last_name, c.first_name`,
  );
}

/**
 * Children with an open case not seen in the last six months, as a CTE `not_seen_six` (child_id,
 * open_since, last_seen): the last visit at which they were seen was more than six calendar
 * months ago, or they have never been seen and the case has been open six months or more.
 */
function notSeenSixMonthsCte(scope: Scope, today: string): SQL {
  const since = sixMonthsBefore(today);
  return sql`${openCasesCte}, not_seen_six as (
      select o.child_id, o.open_since, s.last_seen
        from open_cases o
        -- the last time seen is looked up only for children not seen since the day
        cross join lateral (select max(v.visit_date)::text as last_seen from visits v where v.child_id = o.child_id and v.child_seen) s
       where ${scopeCondition(scope, sql`o.child_id`)}
         and not exists (select 1 from visits r where r.child_id = o.child_id and r.child_seen and r.visit_date >= ${since})
         and (s.last_seen is not null or o.open_since <= ${since})
    )`;
}

export interface ChildNotSeenSixMonths {
  childId: string;
  childName: string;
  openSince: string;
  lastSeen: string | null;
}

export function childrenNotSeenSixMonths(db: Db, scope: Scope, today: string): Promise<ChildNotSeenSixMonths[]> {
  return rows<ChildNotSeenSixMonths>(
    db,
    sql`with ${notSeenSixMonthsCte(scope, today)}
        select n.child_id as "childId", c.first_name || ' ' || c.last_name as "childName", n.open_since as "openSince",
               n.last_seen as "lastSeen"
          from not_seen_six n join children c on c.id = n.child_id
         order by n.last_seen nulls first, c.last_name, c.first_name`,
  );
}

// ── Child protection and children in need ───────────────────────────────────────

/** Coming up: due within this many working days from today. */
export const COMING_UP_WORKING_DAYS = 10;

export interface CaseworkAt {
  now: Date;
  today: string;
  clock: ClockContext;
}

/** The last day "coming up" reaches: the end of the COMING_UP_WORKING_DAYSth working day after today. */
const comingUpTo = (at: CaseworkAt) => at.clock.calendar.addWorkingDays(at.today, COMING_UP_WORKING_DAYS);

/** Overdue, or coming up, for an outstanding obligation aliased `o`. */
function timingCondition(when: 'due' | 'overdue', at: CaseworkAt): SQL {
  return when === 'overdue'
    ? sql`o.due_by <= ${at.now.toISOString()}`
    : sql`o.due_by > ${at.now.toISOString()} and left(o.due, 10) <= ${comingUpTo(at)}`;
}

/** Outstanding obligations of a group, in scope, overdue or coming up (for an obligation aliased `o`). */
function groupCondition(group: (typeof obligationGroups)[number], when: 'due' | 'overdue', scope: Scope, at: CaseworkAt): SQL {
  return sql`o.rule_id = any(${new Param([...group.rules])}::text[]) and o.done_at is null
    and ${stillOwed(at.today)} and ${timingCondition(when, at)} and ${scopeCondition(scope, sql`o.child_id`)}`;
}

/**
 * Every group's overdue and coming up counts in one pass over the outstanding obligations of
 * the groups' rules, as a CTE `obligation_counts` with a column a list. The bound on due_by
 * only narrows the index range: nothing due on or before the last day coming up is due later
 * than two days after it, whatever the time of day or the offset from UTC.
 */
function obligationCountsCte(scope: Scope, at: CaseworkAt): SQL {
  const upTo = new Date(`${comingUpTo(at)}T00:00:00Z`);
  upTo.setUTCDate(upTo.getUTCDate() + 2);
  const columns = obligationGroups.flatMap((g) =>
    (['due', 'overdue'] as const).map(
      (when) =>
        sql`count(*) filter (where o.rule_id = any(${new Param([...g.rules])}::text[]) and ${timingCondition(when, at)})::int as ${sql.identifier(`${g.id}-${when}`)}`,
    ),
  );
  return sql`obligation_counts as (
      select ${sql.join(columns, sql`, `)}
        from obligations o
       where o.rule_id = any(${new Param(obligationGroups.flatMap((g) => [...g.rules]))}::text[]) and o.done_at is null
         and o.due_by < ${upTo.toISOString()} and ${stillOwed(at.today)}
         and ${scopeCondition(scope, sql`o.child_id`)}
    )`;
}

function twoYearsBefore(date: string): string {
  return `${Number(date.slice(0, 4)) - 2}${date.slice(4, 10) === '-02-29' ? '-02-28' : date.slice(4, 10)}`;
}

/** Open child protection plans that started two years ago or more (for a plan aliased `p`). */
const longPlan = (today: string) => sql`p.end_date is null and p.start_date <= ${twoYearsBefore(today)}`;

/** Open child protection plans with an earlier plan for the same child on the record (for a plan aliased `p`). */
const laterPlan = sql`p.end_date is null and exists (select 1 from cp_plans e where e.child_id = p.child_id and e.start_date < p.start_date)`;

/** Conferences are looked back over a year: the last 12 months to today. */
function conferenceWindow(today: string): { from: string; to: string } {
  return { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4, 10) === '-02-29' ? '-02-28' : today.slice(4, 10)}`, to: today };
}

/**
 * The day by which each day's conference reports are to reach the family, over the conference
 * window, as a table (conference_date, share_by): the calendar and the local setting in force on
 * the conference's day are the service's, so the SQL is given the answer for each day.
 */
function shareByDays(at: CaseworkAt): SQL {
  const { from, to } = conferenceWindow(at.today);
  const days: string[] = [];
  const shareBy: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    days.push(d);
    shareBy.push(at.clock.calendar.addWorkingDays(d, -conferenceReportWorkingDays(at.clock, d)));
  }
  // two arrays, not a row of parameters a day: one statement text, planned once
  return sql`unnest(${new Param(days)}::date[], ${new Param(shareBy)}::date[]) as share_by(conference_date, share_by)`;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Conferences held in the window, in scope (for a conference aliased `k` joined to `share_by`). */
const conferencesFrom = (scope: Scope, at: CaseworkAt) =>
  sql`cp_conferences k join ${shareByDays(at)} on share_by.conference_date = k.conference_date
      where ${scopeCondition(scope, sql`k.child_id`)}`;

const reportLate = sql`(k.report_shared_with_family_date is null or k.report_shared_with_family_date > share_by.share_by)`;

/** The figures, by list; the children not seen in six months only for the authority (null for a team). */
export type CaseworkCounts = Record<CaseworkListName | 'unallocated', number> & { 'not-seen-in-six-months': number | null };

/**
 * The unallocated queue's count and, for the authority, the children not seen in six months,
 * as a CTE `open_case_counts` (unallocated, not_seen_six): the same definitions as
 * unallocatedCte and notSeenSixMonthsCte, counted in one pass over the open cases without the
 * words the lists show, and without the last time seen (only whether the child was ever seen).
 */
function openCaseCountsCte(scope: Scope, today: string): SQL {
  if (scope.kind !== 'authority') {
    // a team's queue is its allocations with no worker: a handful, each checked for an open case
    const where = scope.kind === 'team' ? sql`a.team_id = ${scope.teamId} and a.worker_id is null` : sql`false`;
    return sql`open_case_counts as (
        select count(*)::int as unallocated, null::int as not_seen_six
          from ${currentAllocations} a
         where ${where}
           and (exists (select 1 from referrals r where r.child_id = a.child_id and r.closed_date is null)
             or exists (select 1 from cp_plans p where p.child_id = a.child_id and p.end_date is null)
             or exists (select 1 from cin_plans p where p.child_id = a.child_id and p.end_date is null))
      )`;
  }
  const since = sixMonthsBefore(today);
  return sql`open_since as (
      select x.child_id, min(x.since)::text as open_since
        from (select child_id, referral_date as since from referrals where closed_date is null
              union all
              select child_id, start_date from cp_plans where end_date is null
              union all
              select child_id, start_date from cin_plans where end_date is null) x
       group by x.child_id
    ), open_case_counts as (
      select count(*) filter (where a.child_id is null or a.worker_id is null)::int as unallocated,
             count(*) filter (
               where not exists (select 1 from visits r where r.child_id = o.child_id and r.child_seen and r.visit_date >= ${since})
                 and (o.open_since <= ${since} or exists (select 1 from visits v where v.child_id = o.child_id and v.child_seen))
             )::int as not_seen_six
        from open_since o
        left join ${currentAllocations} a on a.child_id = o.child_id
    )`;
}

export async function caseworkCounts(db: Db, scope: Scope, at: CaseworkAt): Promise<CaseworkCounts> {
  // the children not seen in six months are counted where they are shown: the authority's page
  const plans = (condition: SQL) =>
    sql`(select count(*)::int from cp_plans p where ${condition} and ${scopeCondition(scope, sql`p.child_id`)})`;
  // two statements at once, on two connections: the open cases (the authority's looks up every
  // open case's visits) take as long as all the rest, and a dashboard waits for the slower
  const [[counts], [open]] = await Promise.all([
    rows<Omit<CaseworkCounts, 'unallocated' | 'not-seen-in-six-months'>>(
      db,
      sql`with ${obligationCountsCte(scope, at)}
          select obligation_counts.*,
                 ${plans(longPlan(at.today))} as "cp-plans-over-two-years",
                 ${plans(laterPlan)} as "cp-later-plans",
                 (select count(*)::int from ${conferencesFrom(scope, at)} and not k.social_worker_attended) as "conferences-without-worker",
                 (select count(*)::int from ${conferencesFrom(scope, at)} and ${reportLate}) as "conference-reports-late"
            from obligation_counts`,
    ),
    rows<Pick<CaseworkCounts, 'unallocated' | 'not-seen-in-six-months'>>(
      db,
      sql`with ${openCaseCountsCte(scope, at.today)}
          select unallocated, not_seen_six as "not-seen-in-six-months" from open_case_counts`,
    ),
  ]);
  return { ...counts!, ...open! };
}

/** The children behind one of the child protection and children in need figures. */
export async function caseworkList(db: Db, name: CaseworkListName, scope: Scope, at: CaseworkAt): Promise<ChildList> {
  const group = obligationGroups.find((g) => name === `${g.id}-due` || name === `${g.id}-overdue`);
  if (group) {
    const when = name.endsWith('-overdue') ? 'overdue' : 'due';
    const found = await rows<{ child_id: string; name: string; rule_id: string; episode: string | null; due: string }>(
      db,
      sql`select o.child_id, c.first_name || ' ' || c.last_name as name, o.rule_id, o.episode, o.due
            from obligations o join children c on c.id = o.child_id
           where ${groupCondition(group, when, scope, at)}
           order by o.due_by, c.last_name, c.first_name`,
    );
    return {
      title:
        when === 'overdue' ? `Overdue ${group.label}` : `${capitalise(group.label)} due in the next ${COMING_UP_WORKING_DAYS} working days`,
      definition:
        when === 'overdue'
          ? `${capitalise(group.label)} the statutory clock says are owed and past their due date: not yet recorded as held or made.`
          : `${capitalise(group.label)} the statutory clock says are owed, not yet held or made, due from today to the end of the ${COMING_UP_WORKING_DAYS}th working day after it.`,
      head: ['Child', 'What', 'Due'],
      items: found.map((o) => ({
        childId: o.child_id,
        childName: o.name,
        cells: [ruleById.get(o.rule_id)?.name ?? o.rule_id, o.due.slice(0, 10)],
        action: obligationAction({ childId: o.child_id, episode: o.episode, ruleId: o.rule_id }),
      })),
      noun: ['task', 'tasks'],
      actionHead: 'Action',
      nameOrderedWithin: (item) => item.cells[1]!,
    };
  }
  switch (name) {
    case 'cp-plans-over-two-years':
    case 'cp-later-plans': {
      const found = await rows<{ child_id: string; name: string; id: string; start_date: string; earlier: number }>(
        db,
        sql`select p.child_id, c.first_name || ' ' || c.last_name as name, p.id, p.start_date::text as start_date,
                   (select count(*)::int from cp_plans e where e.child_id = p.child_id and e.start_date < p.start_date) as earlier
              from cp_plans p join children c on c.id = p.child_id
             where ${name === 'cp-later-plans' ? laterPlan : longPlan(at.today)} and ${scopeCondition(scope, sql`p.child_id`)}
             order by p.start_date, c.last_name, c.first_name`,
      );
      return {
        title:
          name === 'cp-later-plans' ? 'Children on a second or later child protection plan' : 'Child protection plans of two years or more',
        definition:
          name === 'cp-later-plans'
            ? 'Children on a child protection plan who had an earlier child protection plan recorded in OpenCSC (plans before the record began are not counted).'
            : `Child protection plans in force that started two years ago or more (on or before ${twoYearsBefore(at.today)}).`,
        head: ['Child', 'Plan started', 'Earlier plans'],
        items: found.map((p) => ({
          childId: p.child_id,
          childName: p.name,
          cells: [p.start_date, String(p.earlier)],
          action: { text: 'Open the plan', href: cpPlanPath(p.child_id, p.id) },
        })),
        actionHead: 'Plan',
        nameOrderedWithin: (item) => item.cells[0]!,
      };
    }
    case 'conferences-without-worker':
    case 'conference-reports-late': {
      const found = await rows<{
        child_id: string;
        name: string;
        id: string;
        type: string;
        conference_date: string;
        shared: string | null;
      }>(
        db,
        sql`select k.child_id, c.first_name || ' ' || c.last_name as name, k.id, k.type, k.conference_date::text as conference_date,
                   k.report_shared_with_family_date::text as shared
              from (select k.* from ${conferencesFrom(scope, at)}
                       and ${name === 'conferences-without-worker' ? sql`not k.social_worker_attended` : reportLate}) k
              join children c on c.id = k.child_id
             order by k.conference_date desc, c.last_name, c.first_name`,
      );
      const days = conferenceReportWorkingDays(at.clock, at.today);
      const { from } = conferenceWindow(at.today);
      return {
        title:
          name === 'conferences-without-worker'
            ? 'Conferences held without the allocated social worker'
            : 'Conferences whose report was not shared with the family in time',
        definition:
          name === 'conferences-without-worker'
            ? `Child protection conferences (initial, pre-birth and review) held from ${from} to today at which the allocated social worker was recorded as not attending.`
            : `Child protection conferences held from ${from} to today whose social worker’s report was not shared with the family, or was shared later than ${days} working ${days === 1 ? 'day' : 'days'} before the conference (the authority’s local setting; Working Together to Safeguard Children 2023 says the report is shared with the family before the conference).`,
        head: ['Child', 'Conference', 'Type', name === 'conferences-without-worker' ? 'Social worker attended' : 'Report shared'],
        items: found.map((k) => ({
          childId: k.child_id,
          childName: k.name,
          cells: [
            k.conference_date,
            conferenceTypeNames[k.type] ?? k.type,
            name === 'conferences-without-worker' ? 'No' : (k.shared ?? 'Not shared'),
          ],
          action: { text: 'Open the conference', href: cpConferencePath(k.child_id, k.id) },
        })),
        noun: ['conference', 'conferences'],
        actionHead: 'Conference',
        nameOrderedWithin: (item) => item.cells[0]!,
      };
    }
  }
  throw new Error(`no list ${name}`);
}

const conferenceTypeNames: Record<string, string> = { initial: 'Initial', pre_birth: 'Pre-birth', review: 'Review' };

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
