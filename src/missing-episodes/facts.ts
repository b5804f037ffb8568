/**
 * The dated facts missing episodes give the statutory clock (src/clock/README.md, fact
 * vocabulary): the child's return (the episode's end, to the second) starts the return home
 * interview's 72 hours, and the interview held, or declined by the child, meets it. The
 * episode's id is the episode of all three, so each interview is paired with its own return.
 * An episode with no return recorded gives nothing: the clock starts when the child is back.
 *
 * Only a missing episode (M) starts it: the statutory guidance (January 2014) offers the
 * interview when a child who went missing is found, and tells apart a looked after child away
 * from placement without authorisation (A), whose whereabouts were known all along. An interview
 * recorded for an A episode is kept and shown, but owes nothing on the clock.
 */
import { sql } from 'drizzle-orm';
import { factsQuery, utcInstant } from '../obligations/sources.js';

export const missingEpisodeFacts = factsQuery(
  (ids) => sql`
      select child_id, 'missing-returned:' || id as id, 'missing_episode_ended' as kind, ${utcInstant(sql`ended_at`)} as at,
             id::text as episode, jsonb_build_object('missing', missing_code) as data
        from missing_episodes where child_id = any(${ids}) and ended_at is not null and missing_code = 'M'
      union all
      select child_id, 'return-interview:' || id, 'return_interview_held', ${utcInstant(sql`interview_outcome_at`)}, id::text,
             jsonb_build_object('independent', interview_independent)
        from missing_episodes where child_id = any(${ids}) and interview_outcome = 'held'
      union all
      select child_id, 'return-interview-declined:' || id, 'return_interview_declined', ${utcInstant(sql`interview_outcome_at`)}, id::text, null
        from missing_episodes where child_id = any(${ids}) and interview_outcome = 'declined'`,
);
