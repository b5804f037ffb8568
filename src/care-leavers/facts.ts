/**
 * The dated facts care leavers' records give the statutory clock (src/clock/README.md, fact
 * vocabulary): the needs assessment, the pathway plan and its reviews, the day the authority began to
 * provide accommodation for a relevant child (its episode the leaving care record), each contact
 * at which the personal adviser saw the young person, and the end of leaving care support. Eligibility is not
 * given: the clock works it out from the periods of care, as this area's pages do.
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const careLeaverFacts = factsQuery(
  (ids) => sql`
      select child_id, 'cl-assessed:' || id as id, 'needs_assessment_completed' as kind, needs_assessment_completed_on::text as at,
             null as episode, null::jsonb as data
        from care_leavers where child_id = any(${ids}) and needs_assessment_completed_on is not null
      union all
      select child_id, 'cl-plan:' || id, 'pathway_plan_completed', pathway_plan_completed_on::text, null, null
        from care_leavers where child_id = any(${ids}) and pathway_plan_completed_on is not null
      union all
      select child_id, 'cl-review:' || id, 'pathway_plan_reviewed', reviewed_on::text, null, null
        from pathway_plan_reviews where child_id = any(${ids})
      union all
      select child_id, 'cl-contact:' || id, 'personal_adviser_contact', contact_on::text, null, null
        from care_leaver_contacts where child_id = any(${ids}) and seen_by_adviser
      union all
      select child_id, 'cl-accommodated:' || id, 'leaving_care_accommodation_started', accommodation_provided_from::text, id::text, null
        from care_leavers where child_id = any(${ids}) and accommodation_provided_from is not null
      union all
      select child_id, 'cl-ended:' || id, 'leaving_care_support_ended', support_ended_on::text, null, jsonb_build_object('reason', support_end_reason)
        from care_leavers where child_id = any(${ids}) and support_ended_on is not null`,
);
