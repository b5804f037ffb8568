/**
 * The dated facts looked after children gives the statutory clock (src/clock/README.md, fact
 * vocabulary). A period of care's episode is the period's id: its start, end, IRO and reviews
 * share it, so the clock pairs each review with its period. A placement's episode is the
 * placement's id; its start and each change carry the visit regime (reg 28) and whether it is
 * meant to last until 18.
 * Visits are the record's visits (the children area's facts). A review's decisions and record
 * name their review (data.reviewFactId), so a late record is never taken for the next review's.
 *
 * Placements in an agreed series of short breaks (reg 48) are left out: reg 48 modifies the
 * visiting rules and the clock does not model it yet, as it leaves those periods aside.
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const lookedAfterFacts = factsQuery(
  (ids) => sql`
      select child_id, 'care-period:' || id as id, 'became_looked_after' as kind, start_date::text as at, id::text as episode,
             jsonb_build_object('shortBreaks', short_breaks) as data
        from care_periods where child_id = any(${ids})
      union all
      select child_id, 'care-period-ended:' || id, 'ceased_looked_after', end_date::text, id::text, jsonb_build_object('reason', reason_ceased)
        from care_periods where child_id = any(${ids}) and end_date is not null
      union all
      select child_id, 'iro-appointed:' || id, 'iro_appointed', iro_appointed_date::text, id::text, null
        from care_periods where child_id = any(${ids}) and iro_appointed_date is not null
      union all
      select child_id, 'la-review:' || id, 'looked_after_review_held', review_date::text, care_period_id::text,
             jsonb_build_object('participation', participation)
        from looked_after_reviews where child_id = any(${ids})
      union all
      select child_id, 'la-review-decisions:' || id, 'review_decisions_circulated', decisions_circulated_date::text, care_period_id::text,
             jsonb_build_object('reviewFactId', 'la-review:' || id)
        from looked_after_reviews where child_id = any(${ids}) and decisions_circulated_date is not null
      union all
      select child_id, 'la-review-record:' || id, 'review_record_completed', record_completed_date::text, care_period_id::text,
             jsonb_build_object('reviewFactId', 'la-review:' || id)
        from looked_after_reviews where child_id = any(${ids}) and record_completed_date is not null
      union all
      select p.child_id, 'placement:' || p.id, 'placement_started', p.start_date::text, p.id::text,
             jsonb_build_object('visitRegime', p.visit_regime, 'intendedToAge18', p.intended_to_age_18, 'placementType', p.placement_type)
        from placements p join care_periods c on c.id = p.care_period_id
       where p.child_id = any(${ids}) and not c.short_breaks
      union all
      select x.child_id, 'placement-changed:' || x.id, 'placement_changed', x.change_date::text, x.placement_id::text,
             jsonb_build_object('visitRegime', x.visit_regime, 'intendedToAge18', x.intended_to_age_18)
        from placement_changes x join placements p on p.id = x.placement_id join care_periods c on c.id = p.care_period_id
       where x.child_id = any(${ids}) and not c.short_breaks
      union all
      select p.child_id, 'placement-ended:' || p.id, 'placement_ended', p.end_date::text, p.id::text,
             jsonb_build_object('reasonForChange', p.reason_for_change)
        from placements p join care_periods c on c.id = p.care_period_id
       where p.child_id = any(${ids}) and p.end_date is not null and not c.short_breaks`,
);
