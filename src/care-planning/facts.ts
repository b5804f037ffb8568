/**
 * The dated facts care planning gives the statutory clock (src/clock/README.md, fact
 * vocabulary): `care_plan_completed`, whose episode is the period of care's id, for each
 * completed version of a care plan (the rule counts the first; a later version is the plan
 * brought up to date), and `placement_plan_completed`, whose episode is the placement's id.
 * Drafts are not plans completed and give nothing.
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const carePlanningFacts = factsQuery(
  (ids) => sql`
      select v.child_id, 'care-plan:' || v.id as id, 'care_plan_completed' as kind, v.completed_date::text as at,
             cp.care_period_id::text as episode, jsonb_build_object('version', v.number, 'permanence', v.permanence) as data
        from care_plan_versions v join care_plans cp on cp.id = v.care_plan_id
       where v.child_id = any(${ids}) and v.completed_date is not null
      union all
      select child_id, 'placement-plan:' || id, 'placement_plan_completed', completed_date::text, placement_id::text, null
        from placement_plans where child_id = any(${ids})`,
);
