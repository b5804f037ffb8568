import { sql } from 'drizzle-orm';
import type { WorkingDayCalendar } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { assessmentDue } from '../assessment/queries.js';
import { assessmentTimeliness } from '../clock/index.js';
import { scopeCondition, type Scope } from './backlog.js';
import { caseholding, caseloadOf, currentAllocations } from '../workforce/queries.js';

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
