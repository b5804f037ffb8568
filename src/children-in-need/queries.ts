/** Reads for children in need pages and the API. Dates are 'YYYY-MM-DD'. */
import { sql } from 'drizzle-orm';
import type { Attendee } from '../casework/meetings.js';
import type { PlanActionData } from '../casework/plan-presenters.js';
import { clockRules } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ObligationView } from '../obligations/queries.js';

export interface CinReviewView {
  id: string;
  reviewDate: string;
  attendance: Attendee[];
  childViews: string | null;
  decisions: string;
}

export interface CinPlanView {
  id: string;
  childId: string;
  referralId: string;
  referralDate: string;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  outcomes: string[];
  contingency: string | null;
  version: number;
  actions: PlanActionData[];
  reviews: CinReviewView[];
}

export async function cinPlanOf(db: Db, childId: string, id: string): Promise<CinPlanView | null> {
  if (!isUuid(id)) return null;
  const [plan] = await rows<Omit<CinPlanView, 'actions' | 'reviews'>>(
    db,
    sql`select p.id, p.child_id as "childId", p.referral_id as "referralId", r.referral_date::text as "referralDate",
               p.start_date::text as "startDate", p.end_date::text as "endDate", p.end_reason as "endReason",
               p.outcomes, p.contingency, p.version
          from cin_plans p join referrals r on r.id = p.referral_id
         where p.child_id = ${childId} and p.id = ${id}`,
  );
  if (!plan) return null;
  const [actions, reviews] = await Promise.all([
    rows<PlanActionData>(
      db,
      sql`select id, action, owner, due_date::text as "dueDate", status, version from cin_plan_actions
           where cin_plan_id = ${id} order by due_date, created_at`,
    ),
    rows<CinReviewView>(
      db,
      sql`select id, review_date::text as "reviewDate", attendance, child_views as "childViews", decisions
            from cin_plan_reviews where cin_plan_id = ${id} order by review_date, created_at`,
    ),
  ]);
  return { ...plan, actions, reviews };
}

/** Everything children in need has recorded for a child: for the record, the overview and the API. */
export interface ChildrenInNeedRecord {
  plans: {
    id: string;
    startDate: string;
    endDate: string | null;
    endReason: string | null;
    reviews: number;
    lastReview: string | null;
    actions: number;
  }[];
  openReferrals: { id: string; referralDate: string }[];
  closures: {
    id: string;
    closedDate: string;
    reason: string;
    summary: string;
    stepDownToEarlyHelp: boolean;
    earlyHelpProvider: string | null;
  }[];
  transition: { id: string; startedDate: string; lead: string; adultServicesInvolved: boolean; summary: string; version: number } | null;
  /** Transition planning is for disabled children. */
  disabled: boolean;
  onChildProtectionPlan: boolean;
}

export async function childrenInNeedOf(db: Db, childId: string): Promise<ChildrenInNeedRecord> {
  const [plans, openReferrals, closures, transition, flags] = await Promise.all([
    rows<ChildrenInNeedRecord['plans'][number]>(
      db,
      sql`select p.id, p.start_date::text as "startDate", p.end_date::text as "endDate", p.end_reason as "endReason",
                 (select count(*)::int from cin_plan_reviews r where r.cin_plan_id = p.id) as reviews,
                 (select max(review_date)::text from cin_plan_reviews r where r.cin_plan_id = p.id) as "lastReview",
                 (select count(*)::int from cin_plan_actions a where a.cin_plan_id = p.id) as actions
            from cin_plans p where p.child_id = ${childId} order by p.start_date desc, p.created_at desc`,
    ),
    openReferralsOf(db, childId),
    rows<ChildrenInNeedRecord['closures'][number]>(
      db,
      sql`select id, closed_date::text as "closedDate", reason, summary, step_down_to_early_help as "stepDownToEarlyHelp",
                 early_help_provider as "earlyHelpProvider"
            from case_closures where child_id = ${childId} order by closed_date desc, created_at desc`,
    ),
    rows<NonNullable<ChildrenInNeedRecord['transition']>>(
      db,
      sql`select id, started_date::text as "startedDate", lead, adult_services_involved as "adultServicesInvolved", summary, version
            from transition_plans where child_id = ${childId}`,
    ),
    rows<{ disabled: boolean; onCp: boolean }>(
      db,
      sql`select exists (select 1 from child_disabilities d where d.child_id = ${childId} and d.code <> 'NONE') as disabled,
                 exists (select 1 from cp_plans c where c.child_id = ${childId} and c.end_date is null) as "onCp"`,
    ),
  ]);
  return {
    plans,
    openReferrals,
    closures,
    transition: transition[0] ?? null,
    disabled: flags[0]?.disabled ?? false,
    onChildProtectionPlan: flags[0]?.onCp ?? false,
  };
}

/** Open referrals a plan can belong to, newest first. */
export function openReferralsOf(db: Db, childId: string) {
  return rows<{ id: string; referralDate: string }>(
    db,
    sql`select id, referral_date::text as "referralDate" from referrals where child_id = ${childId} and closed_date is null order by referral_date desc`,
  );
}

const cinRuleIds = new Set(clockRules.filter((r) => r.area === 'children in need' || r.area === 'disabled children').map((r) => r.id));

/** The child's obligations under the children in need rules and transition planning. */
export function onlyChildrenInNeed(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => cinRuleIds.has(o.ruleId));
}
