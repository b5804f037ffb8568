import { type SQL, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { assessmentTimeliness } from '../clock/index.js';
import { currentAllocations } from '../workforce/queries.js';

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
  const notSeenSix = new Set(
    list.filter((a) => a.lastSeen === null && a.referralDate <= sixMonthsAgo).map((a) => a.childId),
  );
  return {
    overdueAssessments: list.length,
    childrenNotSeen: notSeen.size,
    childrenNotSeenSixMonths: notSeenSix.size,
  };
}
