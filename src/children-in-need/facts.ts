/**
 * The dated facts children in need gives the statutory clock (src/clock/README.md, fact
 * vocabulary). A plan's episode is the plan's id: its start, reviews and end share it, so the
 * clock pairs each review with its plan. Closing a case and starting transition planning are
 * child-level facts. Visits to a child on a plan are the record's visits (the children area's facts).
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const childrenInNeedFacts = factsQuery(
  (ids) => sql`
      select child_id, 'cin-plan:' || id as id, 'cin_plan_started' as kind, start_date::text as at, id::text as episode, null::jsonb as data
        from cin_plans where child_id = any(${ids})
      union all
      select child_id, 'cin-review:' || id, 'cin_plan_review_held', review_date::text, cin_plan_id::text, null
        from cin_plan_reviews where child_id = any(${ids})
      union all
      select child_id, 'cin-plan-ended:' || id, 'cin_plan_ended', end_date::text, id::text, jsonb_build_object('reason', end_reason)
        from cin_plans where child_id = any(${ids}) and end_date is not null
      union all
      select child_id, 'case-closed:' || id, 'case_closed', closed_date::text, null,
             jsonb_build_object('reason', reason, 'stepDownToEarlyHelp', step_down_to_early_help)
        from case_closures where child_id = any(${ids})
      union all
      select child_id, 'transition-planning:' || id, 'transition_planning_started', started_date::text, null, null
        from transition_plans where child_id = any(${ids})`,
);
