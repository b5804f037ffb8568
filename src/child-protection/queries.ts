/** Reads for child protection pages and the API. Dates are 'YYYY-MM-DD'; times are ISO datetimes in UTC. */
import { sql } from 'drizzle-orm';
import { clockRules, type ClockContext } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import { childObligations, type ObligationView } from '../obligations/queries.js';
import type { Attendee, ConferenceType, Participant } from './schema.js';

const iso = (column: ReturnType<typeof sql>) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface StrategyDiscussionView {
  id: string;
  childId: string;
  referralId: string | null;
  contactId: string | null;
  concernAt: string;
  concern: string;
  heldAt: string | null;
  participants: Participant[];
  informationShared: string | null;
  decisions: string[];
  authorisedDate: string | null;
  authorisedByName: string | null;
  s47EnquiryId: string | null;
  version: number;
}

export interface S47EnquiryView {
  id: string;
  childId: string;
  strategyDiscussionId: string;
  discussionHeldAt: string | null;
  startDate: string;
  childSeen: boolean | null;
  seenAlone: boolean | null;
  outcome: string | null;
  conferenceRequired: boolean | null;
  conferenceNotRequiredReason: string | null;
  endDate: string | null;
  completedByName: string | null;
  authorisedDate: string | null;
  authorisedByName: string | null;
  initialConferenceId: string | null;
  version: number;
}

export interface ConferenceView {
  id: string;
  childId: string;
  type: ConferenceType;
  s47EnquiryId: string | null;
  cpPlanId: string | null;
  /** For an initial or pre-birth conference: the plan it made, if it made one. */
  planMadeId: string | null;
  conferenceDate: string;
  chair: string;
  attendance: Attendee[];
  parentsParticipation: string;
  childParticipation: string;
  socialWorkerAttended: boolean;
  reportSubmittedDate: string | null;
  reportSharedWithFamilyDate: string | null;
  decision: string;
  categoryOfAbuse: string | null;
  version: number;
}

export interface PlanActionView {
  id: string;
  action: string;
  owner: string;
  dueDate: string;
  status: string;
  version: number;
}

export interface CoreGroupView {
  id: string;
  meetingDate: string;
  attendance: Attendee[];
  actionsReviewed: string[];
  notes: string | null;
}

export interface PlanView {
  id: string;
  childId: string;
  initialConferenceId: string;
  startDate: string;
  endDate: string | null;
  endReason: string | null;
  initialCategory: string;
  latestCategory: string;
  outcomes: string[];
  contingency: string | null;
  finalisedDate: string | null;
  version: number;
  actions: PlanActionView[];
  coreGroups: CoreGroupView[];
  reviews: ConferenceView[];
}

export async function strategyDiscussionOf(db: Db, childId: string, id: string): Promise<StrategyDiscussionView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<StrategyDiscussionView>(
    db,
    sql`select d.id, d.child_id as "childId", d.referral_id as "referralId", d.contact_id as "contactId",
               ${iso(sql`d.concern_at`)} as "concernAt", d.concern, ${iso(sql`d.held_at`)} as "heldAt", d.participants,
               d.information_shared as "informationShared", d.decisions, d.authorised_date::text as "authorisedDate",
               w.name as "authorisedByName", e.id as "s47EnquiryId", d.version
          from strategy_discussions d left join workers w on w.id = d.authorised_by
          left join s47_enquiries e on e.strategy_discussion_id = d.id
         where d.child_id = ${childId} and d.id = ${id}`,
  );
  return row ?? null;
}

const enquiryColumns = sql`e.id, e.child_id as "childId", e.strategy_discussion_id as "strategyDiscussionId",
  ${iso(sql`d.held_at`)} as "discussionHeldAt", e.start_date::text as "startDate", e.child_seen as "childSeen",
  e.seen_alone as "seenAlone", e.outcome, e.conference_required as "conferenceRequired",
  e.conference_not_required_reason as "conferenceNotRequiredReason", e.end_date::text as "endDate",
  cw.name as "completedByName", e.authorised_date::text as "authorisedDate", aw.name as "authorisedByName",
  c.id as "initialConferenceId", e.version`;
const enquiryFrom = sql`from s47_enquiries e join strategy_discussions d on d.id = e.strategy_discussion_id
  left join workers cw on cw.id = e.completed_by left join workers aw on aw.id = e.authorised_by
  left join cp_conferences c on c.s47_enquiry_id = e.id`;

export async function s47EnquiryOf(db: Db, childId: string, id: string): Promise<S47EnquiryView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<S47EnquiryView>(db, sql`select ${enquiryColumns} ${enquiryFrom} where e.child_id = ${childId} and e.id = ${id}`);
  return row ?? null;
}

const conferenceColumns = sql`c.id, c.child_id as "childId", c.type, c.s47_enquiry_id as "s47EnquiryId", c.cp_plan_id as "cpPlanId",
  p.id as "planMadeId", c.conference_date::text as "conferenceDate", c.chair, c.attendance,
  c.parents_participation as "parentsParticipation", c.child_participation as "childParticipation",
  c.social_worker_attended as "socialWorkerAttended", c.report_submitted_date::text as "reportSubmittedDate",
  c.report_shared_with_family_date::text as "reportSharedWithFamilyDate", c.decision, c.category_of_abuse as "categoryOfAbuse", c.version`;
const conferenceFrom = sql`from cp_conferences c left join cp_plans p on p.initial_conference_id = c.id`;

export async function conferenceOf(db: Db, childId: string, id: string): Promise<ConferenceView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<ConferenceView>(
    db,
    sql`select ${conferenceColumns} ${conferenceFrom} where c.child_id = ${childId} and c.id = ${id}`,
  );
  return row ?? null;
}

export async function planOf(db: Db, childId: string, id: string): Promise<PlanView | null> {
  if (!isUuid(id)) return null;
  const [plan] = await rows<Omit<PlanView, 'actions' | 'coreGroups' | 'reviews'>>(
    db,
    sql`select id, child_id as "childId", initial_conference_id as "initialConferenceId", start_date::text as "startDate",
               end_date::text as "endDate", end_reason as "endReason", initial_category as "initialCategory",
               latest_category as "latestCategory", outcomes, contingency, finalised_date::text as "finalisedDate", version
          from cp_plans where child_id = ${childId} and id = ${id}`,
  );
  if (!plan) return null;
  const [actions, coreGroups, reviews] = await Promise.all([
    rows<PlanActionView>(
      db,
      sql`select id, action, owner, due_date::text as "dueDate", status, version from cp_plan_actions
           where cp_plan_id = ${id} order by due_date, created_at`,
    ),
    rows<CoreGroupView>(
      db,
      sql`select id, meeting_date::text as "meetingDate", attendance, actions_reviewed::text[] as "actionsReviewed", notes
            from core_group_meetings where cp_plan_id = ${id} order by meeting_date`,
    ),
    rows<ConferenceView>(db, sql`select ${conferenceColumns} ${conferenceFrom} where c.cp_plan_id = ${id} order by c.conference_date`),
  ]);
  return { ...plan, actions, coreGroups, reviews };
}

/** Everything child protection has recorded for a child, newest first: for the record and the overview. */
export interface ChildProtectionRecord {
  enquiries: {
    discussionId: string;
    concernAt: string;
    heldAt: string | null;
    decisions: string[];
    authorisedDate: string | null;
    s47EnquiryId: string | null;
    s47StartDate: string | null;
    s47EndDate: string | null;
    s47Outcome: string | null;
    conferenceRequired: boolean | null;
    s47AuthorisedDate: string | null;
    conferenceId: string | null;
    conferenceType: ConferenceType | null;
    conferenceDate: string | null;
    conferenceDecision: string | null;
    planId: string | null;
  }[];
  plans: {
    id: string;
    startDate: string;
    endDate: string | null;
    endReason: string | null;
    latestCategory: string;
    finalisedDate: string | null;
    hasContingency: boolean;
    coreGroups: number;
    reviews: number;
  }[];
  /** Contacts the front door decided need a strategy discussion, with none yet recorded from them. */
  asked: { contactId: string; referralId: string | null; receivedAt: string }[];
}

export async function childProtectionOf(db: Db, childId: string): Promise<ChildProtectionRecord> {
  const [enquiries, plans, asked] = await Promise.all([
    rows<ChildProtectionRecord['enquiries'][number]>(
      db,
      sql`select d.id as "discussionId", ${iso(sql`d.concern_at`)} as "concernAt", ${iso(sql`d.held_at`)} as "heldAt", d.decisions,
                 d.authorised_date::text as "authorisedDate", e.id as "s47EnquiryId", e.start_date::text as "s47StartDate",
                 e.end_date::text as "s47EndDate", e.outcome as "s47Outcome", e.conference_required as "conferenceRequired",
                 e.authorised_date::text as "s47AuthorisedDate", c.id as "conferenceId", c.type as "conferenceType",
                 c.conference_date::text as "conferenceDate", c.decision as "conferenceDecision", p.id as "planId"
            from strategy_discussions d
            left join s47_enquiries e on e.strategy_discussion_id = d.id
            left join cp_conferences c on c.s47_enquiry_id = e.id
            left join cp_plans p on p.initial_conference_id = c.id
           where d.child_id = ${childId}
           order by d.concern_at desc`,
    ),
    rows<ChildProtectionRecord['plans'][number]>(
      db,
      sql`select p.id, p.start_date::text as "startDate", p.end_date::text as "endDate", p.end_reason as "endReason",
                 p.latest_category as "latestCategory", p.finalised_date::text as "finalisedDate", (p.contingency is not null) as "hasContingency",
                 (select count(*)::int from core_group_meetings g where g.cp_plan_id = p.id) as "coreGroups",
                 (select count(*)::int from cp_conferences r where r.cp_plan_id = p.id) as "reviews"
            from cp_plans p where p.child_id = ${childId} order by p.start_date desc`,
    ),
    discussionsAskedFor(db, childId),
  ]);
  return { enquiries, plans, asked };
}

/** Contacts the front door decided need a strategy discussion, with none yet recorded from the contact or its referral. */
export function discussionsAskedFor(db: Db, childId: string) {
  return rows<ChildProtectionRecord['asked'][number]>(
    db,
    sql`select k.id as "contactId", r.id as "referralId", ${iso(sql`k.received_at`)} as "receivedAt"
          from contacts k left join referrals r on r.contact_id = k.id
         where k.child_id = ${childId} and k.outcome = 'strategy_discussion'
           and not exists (select 1 from strategy_discussions d where d.contact_id = k.id or d.referral_id = r.id)
         order by k.received_at desc`,
  );
}

/** Open referrals a strategy discussion can come from. */
export function openReferralsOf(db: Db, childId: string) {
  return rows<{ id: string; referralDate: string }>(
    db,
    sql`select id, referral_date::text as "referralDate" from referrals where child_id = ${childId} and closed_date is null order by referral_date desc`,
  );
}

const cpRuleIds = new Set(clockRules.filter((r) => r.area === 'child protection').map((r) => r.id));

/** The child's obligations under the child protection rules: outstanding soonest first, then met. */
export async function childProtectionObligations(db: Db, childId: string, now: Date, ctx: ClockContext): Promise<ObligationView[]> {
  return (await childObligations(db, childId, now, ctx)).filter((o) => cpRuleIds.has(o.ruleId));
}

/** The same filter on obligations already read (the child's record reads them all once). */
export function onlyChildProtection(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => cpRuleIds.has(o.ruleId));
}
