import { Param, sql } from 'drizzle-orm';
import { assessorWorkerRoles } from '../core/organisation/schema.js';
import { rows, type Db } from '../core/db/database.js';
import { assessmentTimeliness } from '../clock/index.js';
import { isUuid } from '../core/ids.js';
import { caseloadOf } from '../workforce/queries.js';

export interface AssessmentView {
  id: string;
  childId: string;
  referralId: string;
  referralDate: string;
  startDate: string;
  workerId: string | null;
  workerName: string | null;
  factors: string[];
  analysis: string | null;
  childViews: string | null;
  familyViews: string | null;
  plan: string | null;
  outcome: string | null;
  submittedAt: string | null;
  authorisedAt: string | null;
  authorisedByName: string | null;
  lateReason: string | null;
  version: number;
  due: string | null;
  /** The manager's last decision on it, if any: returned to the worker, or authorised. */
  lastDecision: 'returned' | 'authorised' | null;
}

/** An assessment's due date, as the clock stored it, for an assessment aliased `a`. */
export const assessmentDue = sql`(select o.due from obligations o where o.child_id = a.child_id and o.episode = a.referral_id::text and o.rule_id = ${assessmentTimeliness.id} limit 1)`;

const columns = sql`a.id, a.child_id as "childId", a.referral_id as "referralId", r.referral_date::text as "referralDate",
  a.start_date::text as "startDate", a.worker_id as "workerId", w.name as "workerName", a.factors,
  a.analysis, a.child_views as "childViews", a.family_views as "familyViews", a.plan, a.outcome,
  a.submitted_at::text as "submittedAt", a.authorised_at::text as "authorisedAt", m.name as "authorisedByName",
  a.late_reason as "lateReason", a.version,
  ${assessmentDue} as due,
  (select ar.decision from assessment_reviews ar where ar.assessment_id = a.id order by ar.decided_at desc limit 1) as "lastDecision"`;

const from = sql`from assessments a join referrals r on r.id = a.referral_id
  left join workers w on w.id = a.worker_id left join workers m on m.id = a.authorised_by`;

export function assessmentsOf(db: Db, childId: string): Promise<AssessmentView[]> {
  return rows<AssessmentView>(db, sql`select ${columns} ${from} where a.child_id = ${childId} order by a.start_date desc`);
}

export async function assessmentOf(db: Db, childId: string, id: string): Promise<AssessmentView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<AssessmentView>(db, sql`select ${columns} ${from} where a.child_id = ${childId} and a.id = ${id}`);
  return row ?? null;
}

/** The assessment of one of the child's referrals, if one has started. */
export async function assessmentIdForReferral(db: Db, childId: string, referralId: string): Promise<string | null> {
  if (!isUuid(referralId)) return null;
  const [row] = await rows<{ id: string }>(
    db,
    sql`select a.id from assessments a where a.child_id = ${childId} and a.referral_id = ${referralId} limit 1`,
  );
  return row?.id ?? null;
}

export function openReferralsWithoutAssessment(db: Db, childId: string) {
  return rows<{ id: string; referralDate: string }>(
    db,
    sql`select r.id, r.referral_date::text as "referralDate" from referrals r
         where r.child_id = ${childId} and r.closed_date is null
           and not exists (select 1 from assessments a where a.referral_id = r.id)
         order by r.referral_date desc`,
  );
}

/** Workers who can hold an assessment, with their caseload so the allocator sees each load. */
export function workersForAllocation(db: Db, teamId: string | null) {
  return rows<{ id: string; name: string; teamName: string; caseload: number }>(
    db,
    sql`select w.id, w.name, t.name as "teamName",
               ${caseloadOf(sql`w.id`)} as caseload
          from workers w join teams t on t.id = w.team_id
         where w.active and w.role = any(${new Param([...assessorWorkerRoles])}::text[]) ${teamId ? sql`and w.team_id = ${teamId}` : sql``}
         order by t.name, w.name`,
  );
}

export interface AssessmentReviewView {
  decision: 'returned' | 'authorised';
  comments: string | null;
  /** ISO 8601, UTC */
  decidedAt: string;
  decidedByName: string;
}

/** The management oversight of an assessment, newest first: who decided, when, and what they said. */
export function reviewsOf(db: Db, assessmentId: string): Promise<AssessmentReviewView[]> {
  return rows<AssessmentReviewView>(
    db,
    sql`select ar.decision, ar.comments, to_char(ar.decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "decidedAt", coalesce(w.name, u.display_name) as "decidedByName"
          from assessment_reviews ar join users u on u.id = ar.decided_by left join workers w on w.id = ar.decided_by_worker
         where ar.assessment_id = ${assessmentId}
         order by ar.decided_at desc`,
  );
}
