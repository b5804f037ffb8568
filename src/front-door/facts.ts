import { sql } from 'drizzle-orm';
import { factsQuery, utcInstant } from '../obligations/sources.js';

/** What the front door gives the clock: each contact, its decision, each referral and its closure. */
export const frontDoorFacts = factsQuery(
  (ids) => sql`
    select child_id, 'contact:' || id as id, 'contact_received' as kind, ${utcInstant(sql`received_at`)} as at,
           id::text as episode, null::jsonb as data
      from contacts where child_id = any(${ids})
    union all
    select child_id, 'contact-decision:' || id, 'contact_decided', ${utcInstant(sql`decided_at`)}, id::text,
           jsonb_build_object('outcome', outcome)
      from contacts where child_id = any(${ids}) and decided_at is not null
    union all
    select child_id, 'referral:' || id, 'referral_received', referral_date::text, id::text, jsonb_build_object('repeat', repeat_referral)
      from referrals where child_id = any(${ids})
    union all
    select child_id, 'referral-closed:' || id, 'referral_closed', closed_date::text, id::text, jsonb_build_object('reason', closure_reason)
      from referrals where child_id = any(${ids}) and closed_date is not null`,
);
