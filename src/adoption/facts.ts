/**
 * The dated facts adoption gives the statutory clock (src/clock/README.md, fact vocabulary).
 * A journey's episode is the journey's id: the authority to place, its end (the plan changed
 * after authority was given) and the current placement share it. A placement that ended
 * without an order is an episode of its own, named `<journey id>:<ending id>` so the journey
 * is still found from it (`journeyOfEpisode`). Adoption reviews are child-level.
 * The visits that meet the adoptive placement visit rule are the record's visits.
 *
 * The adopter approval stages (adopter-stage-one, adopter-stage-two) are counted for a
 * household, not a child, so they are not stored with the children's obligations: the
 * household's page computes them with the clock (queries.ts, `adopterStages`).
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const adoptionFacts = factsQuery(
  (ids) => sql`
      select child_id, 'adoption-authority:' || id as id, 'authority_to_place_given' as kind, authority_on::text as at, id::text as episode,
             jsonb_build_object('basis', authority_basis) as data
        from adoption_journeys where child_id = any(${ids}) and authority_on is not null
      union all
      select child_id, 'adoption-authority-ended:' || id, 'authority_to_place_ended', plan_changed_on::text, id::text, jsonb_build_object('reason', plan_change_reason)
        from adoption_journeys where child_id = any(${ids}) and authority_on is not null and plan_changed_on is not null
      union all
      select child_id, 'adoption-placed:' || id, 'adoptive_placement_started', placed_on::text, id::text, '{}'::jsonb
        from adoption_journeys where child_id = any(${ids}) and placed_on is not null
      union all
      select child_id, 'adoption-placed-ended:' || id, 'adoptive_placement_started', placed_on::text, journey_id::text || ':' || id::text, '{}'::jsonb
        from adoptive_placement_endings where child_id = any(${ids})
      union all
      select child_id, 'adoption-placement-ended:' || id, 'adoptive_placement_ended', ended_on::text, journey_id::text || ':' || id::text,
             jsonb_build_object('reason', reason)
        from adoptive_placement_endings where child_id = any(${ids})
      union all
      select child_id, 'adoption-order:' || id, 'adoption_order_made', adoption_order_on::text, null, '{}'::jsonb
        from adoption_journeys where child_id = any(${ids}) and adoption_order_on is not null
      union all
      select child_id, 'adoption-review:' || id, 'adoption_review_held', held_on::text, null,
             case when visit_interval_weeks is null then '{}'::jsonb else jsonb_build_object('visitIntervalWeeks', visit_interval_weeks) end
        from adoption_reviews where child_id = any(${ids})`,
);

/** The journey an adoption obligation's episode belongs to: the journey's id, or an ended placement's `<journey id>:<ending id>`. */
export const journeyOfEpisode = (episode: string) => episode.split(':')[0]!;
