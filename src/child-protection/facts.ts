/**
 * The dated facts child protection gives the statutory clock (src/clock/README.md, fact
 * vocabulary). The enquiry's episode is the strategy discussion's id: the concern, the
 * discussion, the section 47 enquiry and the initial conference share it, so the clock pairs
 * the initial conference with the discussion that started the enquiry. A plan's episode is
 * the plan's id. Child protection visits are the record's visits (the children area's facts).
 */
import { sql } from 'drizzle-orm';
import { factsQuery, utcInstant as utc } from '../obligations/sources.js';

export const childProtectionFacts = factsQuery(
  (ids) => sql`
      select child_id, 'cp-concern:' || id as id, 'significant_harm_concern' as kind, ${utc(sql`concern_at`)} as at, id::text as episode, null::jsonb as data
        from strategy_discussions where child_id = any(${ids})
      union all
      select child_id, 'strategy-discussion:' || id, 'strategy_discussion', ${utc(sql`held_at`)}, id::text,
             jsonb_build_object('decisions', to_jsonb(decisions))
        from strategy_discussions where child_id = any(${ids}) and held_at is not null
      union all
      select child_id, 's47:' || id, 's47_started', start_date::text, strategy_discussion_id::text, null
        from s47_enquiries where child_id = any(${ids})
      union all
      select child_id, 's47-completed:' || id, 's47_completed', end_date::text, strategy_discussion_id::text,
             jsonb_build_object('conferenceRequired', conference_required, 'outcome', outcome)
        from s47_enquiries where child_id = any(${ids}) and end_date is not null
      union all
      select c.child_id, 'initial-conference:' || c.id, 'initial_conference_held', c.conference_date::text, e.strategy_discussion_id::text,
             jsonb_build_object('type', c.type, 'decision', c.decision)
        from cp_conferences c join s47_enquiries e on e.id = c.s47_enquiry_id where c.child_id = any(${ids})
      union all
      select child_id, 'cp-plan:' || id, 'cp_plan_started', start_date::text, id::text, jsonb_build_object('category', initial_category)
        from cp_plans where child_id = any(${ids})
      union all
      select child_id, 'cp-plan-ended:' || id, 'cp_plan_ended', end_date::text, id::text, jsonb_build_object('reason', end_reason)
        from cp_plans where child_id = any(${ids}) and end_date is not null
      union all
      select child_id, 'core-group:' || id, 'core_group_held', meeting_date::text, cp_plan_id::text, null
        from core_group_meetings where child_id = any(${ids})
      union all
      select child_id, 'review-conference:' || id, 'review_conference_held', conference_date::text, cp_plan_id::text,
             jsonb_build_object('decision', decision)
        from cp_conferences where child_id = any(${ids}) and type = 'review'`,
);
