import { type SQL, sql } from 'drizzle-orm';
import type { WorkingDayCalendar } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { type BacklogFigures, overdueAssessmentsCte, type Scope, scopeCondition, sixMonthsBefore } from './backlog.js';
import { ageBands, type AgeBandId } from './team.js';
import { currentAllocations } from '../workforce/queries.js';

/**
 * The figures a dashboard shows, each counted in one statement rather than by fetching the
 * children behind it: a dashboard is opened far more often than its lists, so it reads
 * counts, and the lists (team.ts, backlog.ts) fetch the children when someone asks.
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
    const conditions = [
      ...(lower ? [sql`r.referral_date >= ${lower}`] : []),
      ...(upper ? [sql`r.referral_date < ${upper}`] : []),
    ];
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
