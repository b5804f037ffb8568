/**
 * The dated facts private fostering gives the statutory clock (src/clock/README.md, fact
 * vocabulary). An arrangement's episode is the arrangement's id: its notification and its
 * end share it. The visits that meet the private fostering visit rule are the record's
 * visits (the children area's facts).
 */
import { sql } from 'drizzle-orm';
import { factsQuery } from '../obligations/sources.js';

export const privateFosteringFacts = factsQuery(
  (ids) => sql`
      select child_id, 'pf-notified:' || id as id, 'private_fostering_notified' as kind, notified_on::text as at, id::text as episode,
             jsonb_build_object('arrangementStartedOn', arrangement_started_on::text, 'notifiedBy', notified_by) as data
        from private_fostering_arrangements where child_id = any(${ids})
      union all
      select child_id, 'pf-ended:' || id, 'private_fostering_ended', ended_on::text, id::text, jsonb_build_object('reason', end_reason)
        from private_fostering_arrangements where child_id = any(${ids}) and ended_on is not null`,
);

/** The clock's id of an arrangement's notification: the first visit's obligation counts from it. */
export const notificationFactId = (arrangementId: string) => `pf-notified:${arrangementId}`;
