import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

/** What assessments give the clock: each start, and each authorisation (the assessment completed). */
export const assessmentFacts = factsQuery(
  (ids) => sql`
    select child_id, 'assessment:' || id as id, 'assessment_started' as kind, start_date::text as at,
           referral_id::text as episode, null::jsonb as data
      from assessments where child_id = any(${ids})
    union all
    select child_id, 'assessment-authorised:' || id, 'assessment_completed', authorised_at::text, referral_id::text, null
      from assessments where child_id = any(${ids}) and authorised_at is not null`,
);
