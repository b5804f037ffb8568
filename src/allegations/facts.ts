import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

/**
 * What allegations give the clock, on each child on the record the allegation concerns, with
 * the allegation as the episode: the day the employer was told, the day the designated
 * officer was informed, and the day it concluded.
 */
export const allegationFacts = factsQuery(
  (ids) => sql`
    select l.child_id, 'allegation-made:' || a.id || ':' || l.child_id as id, 'allegation_made' as kind, a.made_date::text as at,
           a.id::text as episode, null::jsonb as data
      from allegation_children l join allegations a on a.id = l.allegation_id where l.child_id = any(${ids})
    union all
    select l.child_id, 'lado-informed:' || a.id || ':' || l.child_id, 'lado_informed', a.lado_informed_date::text, a.id::text, null
      from allegation_children l join allegations a on a.id = l.allegation_id where l.child_id = any(${ids})
    union all
    select l.child_id, 'allegation-concluded:' || a.id || ':' || l.child_id, 'allegation_concluded', a.concluded_date::text, a.id::text, null
      from allegation_children l join allegations a on a.id = l.allegation_id
     where l.child_id = any(${ids}) and a.concluded_date is not null`,
);
