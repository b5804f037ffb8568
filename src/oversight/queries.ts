import { Param, type SQL, sql } from 'drizzle-orm';
import { assessmentPaths } from '../assessment/paths.js';
import { assessmentDue } from '../assessment/queries.js';
import { assessmentTimeliness, type ClockContext } from '../clock/index.js';
import type { WorkingDayCalendar } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { caseholding, caseloadOf, currentAllocations } from '../workforce/queries.js';
import { notSeenWorkingDays } from './settings.js';

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
export function overdueAssessmentsCte(scope: Scope, now: Date): SQL {
  return sql`overdue_obligations as materialized (
        -- filtered first, so every episode cast below is a referral's id
        select o.child_id, o.episode, o.due, o.due_by from obligations o
         where o.rule_id = ${assessmentTimeliness.id} and o.done_at is null and o.due_by <= ${now.toISOString()}
           and ${scopeCondition(scope, sql`o.child_id`)}
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

// ── The lists behind the figures ────────────────────────────────────────────────

/** A child in a list, and the list's other columns for them (dates formatted when shown). */
export interface ListItem {
  childId: string;
  childName: string;
  cells: string[];
  /** The page where the list's work is done for this child, when it is not the child's record. */
  action?: { href: string; text: string; hidden: string };
}

/** A list of children behind a figure: what it is called, how it is counted, its columns and its children. */
export interface ChildList {
  title: string;
  definition: string;
  head: string[];
  items: ListItem[];
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
  'not-seen-six-months': 'Children with an overdue assessment not seen for six months or more',
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
        head: ['Child', 'Social worker', 'Submitted', 'Assessment'],
        // straight to the assessment, where the manager authorises it or returns it
        items: found.map((a) => ({
          childId: a.childId,
          childName: a.childName,
          cells: [a.workerName ?? '', a.submittedAt],
          action: { href: assessmentPaths.show(a.childId, a.id), text: 'Review', hidden: `the assessment of ${a.childName}` },
        })),
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
  }
}
