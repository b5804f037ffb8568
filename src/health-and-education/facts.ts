/**
 * The dated facts health and education gives the statutory clock (src/clock/README.md, fact
 * vocabulary). Health assessments and dental checks are the child's, whichever period of care
 * they fall in (an assessment in the 3 months before care counts); a personal education plan
 * and its meetings carry the period of care's id as their episode, so the clock pairs them
 * with the period they belong to.
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const healthAndEducationFacts = factsQuery(
  (ids) => sql`
      select child_id, 'health-assessment:' || id as id, 'health_assessment_completed' as kind, check_date::text as at, null::text as episode,
             jsonb_build_object('type', assessment_type) as data
        from cla_health_checks where child_id = any(${ids}) and check_type = 'health_assessment'
      union all
      select child_id, 'dental-check:' || id, 'dental_check_completed', check_date::text, null::text, null
        from cla_health_checks where child_id = any(${ids}) and check_type = 'dental_check'
      union all
      select child_id, 'pep:' || id, 'pep_initiated', initiated_date::text, care_period_id::text, null
        from personal_education_plans where child_id = any(${ids})
      union all
      select m.child_id, 'pep-meeting:' || m.id, 'pep_reviewed', m.meeting_date::text, p.care_period_id::text, null
        from pep_meetings m join personal_education_plans p on p.id = m.pep_id where m.child_id = any(${ids})`,
);
