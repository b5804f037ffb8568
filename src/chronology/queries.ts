/**
 * Every dated event on a child's record, from every area, in one statement: contacts and
 * referrals, assessments, visits (with their notes), allocations, child protection, children
 * in need, periods of care (moves, legal status, reviews, deprivation of liberty orders, care and placement plans), private
 * fostering arrangements, missing episodes (the return, its interview, strategy meeting and
 * screening), looked after children's health and education (health assessments, dental checks,
 * PEPs, schools), leaving care (the needs assessment, pathway plan and reviews, personal adviser,
 * contacts, Staying Put and the end of support), concerns raised about plans, case notes and closures.
 *
 * Each event has its day in England and, when the record holds one, its time of day there.
 * Within a day, timed events come in time order and events recorded with a date only come at
 * the end of the day (most are the consequence of something timed that day: a referral after
 * the contact, a visit after a strategy discussion); between events with the same time, the
 * journey's order (`rank`), then the order they were recorded.
 */
import { type SQL, sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';

/** The kinds a reader filters by, in the order the filter lists them. */
export const chronologyKinds = [
  'contacts',
  'assessments',
  'visits',
  'caseNotes',
  'childProtection',
  'childrenInNeed',
  'lookedAfter',
  'privateFostering',
  'adoption',
  'missing',
  'healthAndEducation',
  'careLeavers',
  'disputes',
  'allocations',
  'closures',
] as const;
export type ChronologyKind = (typeof chronologyKinds)[number];

export interface ChronologyEvent {
  /** YYYY-MM-DD in England. */
  day: string;
  /** HH:MM in England, or null for an event recorded with a date only. */
  time: string | null;
  kind: ChronologyKind;
  /** What happened, as a code the presenter puts into words. */
  type: string;
  /** A code that completes it (an outcome, a decision, a reason), or null. */
  code: string | null;
  /** A short line of who or what, as recorded. */
  detail: string | null;
  /** Longer text recorded with it (a visit's notes, a case note), or null. */
  body: string | null;
  /** The record it opens, if it has a page: its id, and its parent's (a plan's) where the address needs it. */
  recordId: string | null;
  parentId: string | null;
}

const london = (column: SQL) => sql`(${column} at time zone 'Europe/London')`;
const dayOf = (column: SQL) => sql`${london(column)}::date::text`;
const timeOf = (column: SQL) => sql`to_char(${london(column)}, 'HH24:MI')`;

/** The union: (day, time, kind, type, code, detail, body, record_id, parent_id, rank, seq). */
function events(childId: string): SQL {
  return sql`
    select ${dayOf(sql`received_at`)} as day, ${timeOf(sql`received_at`)} as time, 'contacts' as kind,
           case when domestic_abuse_notification then 'domestic_abuse_notification' else 'contact' end as type, null::text as code,
           'From ' || referrer_name || coalesce(' (' || referrer_organisation || ')', '') as detail, about as body,
           id::text as record_id, null::text as parent_id, 1 as rank, received_at as seq
      from contacts where child_id = ${childId}
    union all
    select ${dayOf(sql`decided_at`)}, ${timeOf(sql`decided_at`)}, 'contacts', 'contact_decided', outcome, decision_reason, null, id::text, null, 2, decided_at
      from contacts where child_id = ${childId} and decided_at is not null
    union all
    select referral_date::text, null, 'contacts', case when repeat_referral then 'repeat_referral' else 'referral' end, source, null, null, null, null, 3, null
      from referrals where child_id = ${childId}
    union all
    select ${dayOf(sql`d.concern_at`)}, ${timeOf(sql`d.concern_at`)}, 'childProtection', 'cp_concern', null, null, d.concern, d.id::text, null, 4, d.created_at
      from strategy_discussions d where d.child_id = ${childId}
    union all
    select ${dayOf(sql`d.held_at`)}, ${timeOf(sql`d.held_at`)}, 'childProtection', 'strategy_discussion', array_to_string(d.decisions, ','), null, d.information_shared,
           d.id::text, null, 5, d.updated_at
      from strategy_discussions d where d.child_id = ${childId} and d.held_at is not null
    union all
    select e.start_date::text, null, 'childProtection', 's47_started', null, null, null, e.id::text, null, 6, null
      from s47_enquiries e where e.child_id = ${childId}
    union all
    select start_date::text, null, 'assessments', 'assessment_started', null, null, null, id::text, null, 7, null
      from assessments where child_id = ${childId}
    union all
    select v.visit_date::text, null, 'visits',
           case when v.child_seen and v.seen_alone then 'visit_seen_alone' when v.child_seen then 'visit_seen' else 'visit_not_seen' end,
           v.purpose, w.name, v.notes, null, null, 8, v.recorded_at
      from visits v left join workers w on w.id = v.worker_id where v.child_id = ${childId}
    union all
    select n.event_date::text, n.event_time, 'caseNotes', 'case_note', n.kind, n.summary, n.note, n.id::text, null, 9, n.recorded_at
      from case_notes n where n.child_id = ${childId}
    union all
    select submitted_at::text, null, 'assessments', 'assessment_submitted', null, null, null, id::text, null, 10, null
      from assessments where child_id = ${childId} and submitted_at is not null
    union all
    select authorised_at::text, null, 'assessments', 'assessment_authorised', outcome, null, null, id::text, null, 11, null
      from assessments where child_id = ${childId} and authorised_at is not null
    union all
    select e.end_date::text, null, 'childProtection', 's47_completed', e.outcome, null, e.conference_not_required_reason, e.id::text, null, 12, e.updated_at
      from s47_enquiries e where e.child_id = ${childId} and e.end_date is not null
    union all
    select c.conference_date::text, null, 'childProtection', 'cp_conference_' || c.type, c.decision, c.chair, null, c.id::text, null, 13, c.created_at
      from cp_conferences c where c.child_id = ${childId}
    union all
    select p.start_date::text, null, 'childProtection', 'cp_plan_started', p.initial_category, null, null, p.id::text, null, 14, null
      from cp_plans p where p.child_id = ${childId}
    union all
    select g.meeting_date::text, null, 'childProtection', 'core_group', null, null, g.notes, g.cp_plan_id::text, null, 15, g.created_at
      from core_group_meetings g where g.child_id = ${childId}
    union all
    select p.end_date::text, null, 'childProtection', 'cp_plan_ended', p.end_reason, null, null, p.id::text, null, 16, null
      from cp_plans p where p.child_id = ${childId} and p.end_date is not null
    union all
    select p.start_date::text, null, 'childrenInNeed', 'cin_plan_started', null, null, null, p.id::text, null, 17, p.created_at
      from cin_plans p where p.child_id = ${childId}
    union all
    select r.review_date::text, null, 'childrenInNeed', 'cin_review', null, null, r.decisions, r.cin_plan_id::text, null, 18, r.created_at
      from cin_plan_reviews r where r.child_id = ${childId}
    union all
    select p.end_date::text, null, 'childrenInNeed', 'cin_plan_ended', p.end_reason, null, null, p.id::text, null, 19, p.updated_at
      from cin_plans p where p.child_id = ${childId} and p.end_date is not null
    union all
    select t.started_date::text, null, 'childrenInNeed', 'transition_planning', null, 'Led by ' || t.lead, t.summary, null, null, 20, t.created_at
      from transition_plans t where t.child_id = ${childId}
    union all
    select c.start_date::text, null, 'lookedAfter', 'became_looked_after', e.legal_status, null, null, c.id::text, null, 20, c.created_at
      from care_periods c join care_episodes e on e.care_period_id = c.id and e.reason_new = 'S' where c.child_id = ${childId}
    union all
    select e.start_date::text, null, 'lookedAfter', 'legal_status_changed', e.legal_status, null, null, e.care_period_id::text, null, 20, e.created_at
      from care_episodes e where e.child_id = ${childId} and e.reason_new in ('L', 'B', 'U')
    union all
    select p.start_date::text, null, 'lookedAfter', 'placement_move', p.placement_type, p.provider_name, null, p.care_period_id::text, null, 20, p.created_at
      from placements p join care_periods c on c.id = p.care_period_id where p.child_id = ${childId} and p.start_date > c.start_date
    union all
    select r.review_date::text, null, 'lookedAfter', 'looked_after_review', r.participation, 'Chaired by ' || r.iro_name, null, r.care_period_id::text, null, 20, r.created_at
      from looked_after_reviews r where r.child_id = ${childId}
    union all
    select d.start_date::text, null, 'lookedAfter', 'dolo_started', null, null, null, d.care_period_id::text, null, 20, d.created_at
      from deprivation_of_liberty_orders d where d.child_id = ${childId}
    union all
    select d.end_date::text, null, 'lookedAfter', 'dolo_ended', null, null, null, d.care_period_id::text, null, 20, d.updated_at
      from deprivation_of_liberty_orders d where d.child_id = ${childId} and d.end_date is not null
    union all
    select c.end_date::text, null, 'lookedAfter', 'ceased_looked_after', c.reason_ceased, null, null, c.id::text, null, 20, c.updated_at
      from care_periods c where c.child_id = ${childId} and c.end_date is not null
    union all
    select a.notified_on::text, null, 'privateFostering', 'private_fostering_notified', a.notified_by, a.carer_name || ' (' || a.carer_relationship || ')', null, a.id::text, null, 20, a.created_at
      from private_fostering_arrangements a where a.child_id = ${childId}
    union all
    select a.assessment_completed_on::text, null, 'privateFostering', 'private_fostering_assessed', a.assessment_outcome, a.carer_name, null, a.id::text, null, 20, a.updated_at
      from private_fostering_arrangements a where a.child_id = ${childId} and a.assessment_completed_on is not null
    union all
    select a.ended_on::text, null, 'privateFostering', 'private_fostering_ended', a.end_reason, a.carer_name, null, a.id::text, null, 20, a.updated_at
      from private_fostering_arrangements a where a.child_id = ${childId} and a.ended_on is not null
    union all
    select j.decided_on::text, null, 'adoption', 'adoption_decided', j.early_permanence, null, null, j.id::text, null, 20, j.created_at
      from adoption_journeys j where j.child_id = ${childId}
    union all
    select j.authority_on::text, null, 'adoption', 'adoption_authority', j.authority_basis, null, null, j.id::text, null, 20, j.updated_at
      from adoption_journeys j where j.child_id = ${childId} and j.authority_on is not null
    union all
    select j.matched_on::text, null, 'adoption', 'adoption_matched', null, h.name, null, j.id::text, null, 20, j.updated_at
      from adoption_journeys j join adopter_households h on h.id = j.adopter_id where j.child_id = ${childId} and j.matched_on is not null
    union all
    select j.placed_on::text, null, 'adoption', 'adoption_placed', null, h.name, null, j.id::text, null, 20, j.updated_at
      from adoption_journeys j join adopter_households h on h.id = j.adopter_id where j.child_id = ${childId} and j.placed_on is not null
    union all
    select e.matched_on::text, null, 'adoption', 'adoption_matched', null, h.name, null, e.journey_id::text, null, 20, e.created_at
      from adoptive_placement_endings e join adopter_households h on h.id = e.adopter_id where e.child_id = ${childId}
    union all
    select e.placed_on::text, null, 'adoption', 'adoption_placed', null, h.name, null, e.journey_id::text, null, 20, e.created_at
      from adoptive_placement_endings e join adopter_households h on h.id = e.adopter_id where e.child_id = ${childId}
    union all
    select e.ended_on::text, null, 'adoption', 'adoption_placement_ended', e.reason, e.detail, null, e.journey_id::text, null, 20, e.created_at
      from adoptive_placement_endings e where e.child_id = ${childId}
    union all
    select j.adoption_order_on::text, null, 'adoption', 'adoption_order', null, null, null, j.id::text, null, 20, j.updated_at
      from adoption_journeys j where j.child_id = ${childId} and j.adoption_order_on is not null
    union all
    select j.plan_changed_on::text, null, 'adoption', 'adoption_plan_changed', j.plan_change_reason, j.plan_change_detail, null, j.id::text, null, 20, j.updated_at
      from adoption_journeys j where j.child_id = ${childId} and j.plan_changed_on is not null
    union all
    select r.held_on::text, null, 'adoption', 'adoption_review', null, null, null, r.journey_id::text, null, 20, r.created_at
      from adoption_reviews r where r.child_id = ${childId}
    union all
    select ${dayOf(sql`m.started_at`)}, ${timeOf(sql`m.started_at`)}, 'missing', 'missing_started', m.missing_code, null, null, m.id::text, null, 20, m.created_at
      from missing_episodes m where m.child_id = ${childId}
    union all
    select ${dayOf(sql`m.ended_at`)}, ${timeOf(sql`m.ended_at`)}, 'missing', 'missing_returned', m.missing_code, m.where_found, null, m.id::text, null, 20, m.updated_at
      from missing_episodes m where m.child_id = ${childId} and m.ended_at is not null
    union all
    select ${dayOf(sql`m.interview_outcome_at`)}, ${timeOf(sql`m.interview_outcome_at`)}, 'missing', 'return_interview_' || m.interview_outcome,
           case when m.interview_independent then 'independent' when not m.interview_independent then 'not_independent' end,
           m.interview_held_by, null, m.id::text, null, 20, m.updated_at
      from missing_episodes m where m.child_id = ${childId} and m.interview_outcome_at is not null
    union all
    select m.strategy_meeting_date::text, null, 'missing', 'missing_strategy_meeting', null, null, null, m.id::text, null, 20, m.updated_at
      from missing_episodes m where m.child_id = ${childId} and m.strategy_meeting_date is not null
    union all
    select m.screening_date::text, null, 'missing', 'exploitation_screening', m.screening_outcome, null, null, m.id::text, null, 20, m.updated_at
      from missing_episodes m where m.child_id = ${childId} and m.screening_date is not null
    union all
    select h.check_date::text, null, 'healthAndEducation', h.check_type, h.assessment_type, h.completed_by, null, h.id::text, null, 20, h.created_at
      from cla_health_checks h where h.child_id = ${childId}
    union all
    select q.completed_date::text, null, 'healthAndEducation', 'sdq', coalesce(q.score::text, q.reason), null, null, null, null, 20, q.created_at
      from cla_sdq_scores q where q.child_id = ${childId}
    union all
    select s.from_date::text, null, 'healthAndEducation', 'school_started', s.ofsted_grade, s.school_name, null, null, null, 20, s.created_at
      from cla_schools s where s.child_id = ${childId}
    union all
    select p.initiated_date::text, null, 'healthAndEducation', 'pep_initiated', null, null, null, p.id::text, null, 20, p.created_at
      from personal_education_plans p where p.child_id = ${childId}
    union all
    select m.meeting_date::text, null, 'healthAndEducation', 'pep_meeting', null, null, null, m.pep_id::text, null, 20, m.created_at
      from pep_meetings m where m.child_id = ${childId}
    union all
    select e.as_at_date::text, null, 'healthAndEducation', 'education_hours', e.hours_per_week::text, null, null, null, null, 20, e.created_at
      from education_hours e where e.child_id = ${childId}
    union all
    select v.completed_date::text, null, 'lookedAfter', 'care_plan_completed', v.permanence, 'Version ' || v.number, null, cp.care_period_id::text, null, 20, v.created_at
      from care_plan_versions v join care_plans cp on cp.id = v.care_plan_id where v.child_id = ${childId} and v.completed_date is not null
    union all
    select pp.completed_date::text, null, 'lookedAfter', 'placement_plan_completed', p.placement_type, p.provider_name, null, p.care_period_id::text, null, 20, pp.updated_at
      from placement_plans pp join placements p on p.id = pp.placement_id where pp.child_id = ${childId}
    union all
    select u.ceased_date::text, null, 'lookedAfter', 'uasc_ceased', null, null, null, null, null, 20, u.updated_at
      from uasc_statuses u where u.child_id = ${childId} and u.ceased_date is not null
    union all
    select l.needs_assessment_completed_on::text, null, 'careLeavers', 'leaving_care_needs_assessment', null, null, null, null, null, 20, l.updated_at
      from care_leavers l where l.child_id = ${childId} and l.needs_assessment_completed_on is not null
    union all
    select l.pathway_plan_completed_on::text, null, 'careLeavers', 'pathway_plan_completed', null, null, null, null, null, 20, l.updated_at
      from care_leavers l where l.child_id = ${childId} and l.pathway_plan_completed_on is not null
    union all
    select l.personal_adviser_appointed_on::text, null, 'careLeavers', 'personal_adviser_appointed', null, l.personal_adviser_name, null, null, null, 20, l.updated_at
      from care_leavers l where l.child_id = ${childId} and l.personal_adviser_appointed_on is not null
    union all
    select r.reviewed_on::text, null, 'careLeavers', 'pathway_plan_reviewed', null, null, r.summary, null, null, 20, r.created_at
      from pathway_plan_reviews r where r.child_id = ${childId}
    union all
    select k.contact_on::text, null, 'careLeavers', 'care_leaver_contact', k.in_touch, case when k.seen_by_adviser then 'Seen by the personal adviser' end, k.notes, k.id::text, null, 20, k.created_at
      from care_leaver_contacts k where k.child_id = ${childId}
    union all
    select l.staying_put_from::text, null, 'careLeavers', 'staying_put_started', null, null, null, null, null, 20, l.updated_at
      from care_leavers l where l.child_id = ${childId} and l.staying_put_from is not null
    union all
    select l.support_ended_on::text, null, 'careLeavers', 'leaving_care_support_ended', l.support_end_reason, null, null, null, null, 20, l.updated_at
      from care_leavers l where l.child_id = ${childId} and l.support_ended_on is not null
    union all
    select d.raised_date::text, null, 'disputes', 'dispute_raised', d.raised_by_role, d.raised_by_name, d.concern, d.id::text, null, 21, d.created_at
      from plan_disputes d where d.child_id = ${childId}
    union all
    select s.started_date::text, null, 'disputes', 'dispute_escalated', s.stage::text, s.addressed_to, null, s.dispute_id::text, null, 21, s.created_at
      from dispute_stages s where s.child_id = ${childId} and s.stage > 1
    union all
    select s.responded_date::text, null, 'disputes', 'dispute_response', s.stage::text, s.addressed_to, s.response, s.dispute_id::text, null, 21, s.created_at
      from dispute_stages s where s.child_id = ${childId} and s.responded_date is not null
    union all
    select d.resolved_date::text, null, 'disputes', 'dispute_resolved', null, null, d.resolution, d.id::text, null, 21, d.updated_at
      from plan_disputes d where d.child_id = ${childId} and d.resolved_date is not null
    union all
    select ${dayOf(sql`a.started_at`)}, ${timeOf(sql`a.started_at`)}, 'allocations', 'allocation', null, coalesce(w.name || ', ', '') || t.name, null, null, null, 21, a.started_at
      from allocations a join teams t on t.id = a.team_id left join workers w on w.id = a.worker_id where a.child_id = ${childId}
    union all
    select closed_date::text, null, 'closures', 'referral_closed', closure_reason, null, null, null, null, 22, null
      from referrals where child_id = ${childId} and closed_date is not null
    union all
    select c.closed_date::text, null, 'closures', 'case_closed', c.reason,
           case when c.step_down_to_early_help then 'Stepped down to early help: ' || c.early_help_provider end, c.summary, null, null, 23, c.created_at
      from case_closures c where c.child_id = ${childId}`;
}

export interface ChronologyQuery {
  kinds: readonly ChronologyKind[];
  order: 'newest' | 'oldest';
  /** Events to leave out (from the start), and how many to give; no limit for the whole. */
  offset: number;
  limit: number | null;
}

const newestFirst = sql.raw('day desc, (time is null) desc, time desc, rank desc, seq desc nulls last');
const oldestFirst = sql.raw('day asc, (time is null) asc, time asc, rank asc, seq asc nulls first');

export async function chronologyOf(db: Db, childId: string, q: ChronologyQuery): Promise<ChronologyEvent[]> {
  const where = q.kinds.length > 0 && q.kinds.length < chronologyKinds.length ? sql`where kind in ${[...q.kinds]}` : sql``;
  return rows<ChronologyEvent>(
    db,
    sql`select day, time, kind, type, code, detail, body, record_id as "recordId", parent_id as "parentId"
          from (${events(childId)}) e ${where}
         order by ${q.order === 'oldest' ? oldestFirst : newestFirst}
         ${q.limit === null ? sql`` : sql`limit ${q.limit}`} offset ${q.offset}`,
  );
}

/**
 * The newest events and how many the record holds in all, in one statement: the events are
 * gathered once (the record page's section, on every view), not planned and read twice.
 */
export async function latestEvents(db: Db, childId: string, n: number): Promise<{ events: ChronologyEvent[]; total: number }> {
  const found = await rows<ChronologyEvent & { total: number }>(
    db,
    sql`with e as materialized (${events(childId)})
        select day, time, kind, type, code, detail, body, record_id as "recordId", parent_id as "parentId",
               (select count(*) from e)::int as total
          from e order by ${newestFirst} limit ${n}`,
  );
  return { events: found.map(({ total: _, ...event }) => event), total: found[0]?.total ?? 0 };
}

/** How many events of each kind the child's record holds. */
export async function chronologyCounts(db: Db, childId: string): Promise<Record<ChronologyKind, number>> {
  const found = await rows<{ kind: ChronologyKind; n: number }>(
    db,
    sql`select kind, count(*)::int as n from (${events(childId)}) e group by kind`,
  );
  const counts = Object.fromEntries(chronologyKinds.map((k) => [k, 0])) as Record<ChronologyKind, number>;
  for (const f of found) counts[f.kind] = f.n;
  return counts;
}
