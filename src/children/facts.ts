import { Param, sql } from 'drizzle-orm';
import { rows } from '../core/db/database.js';
import { type ClockChild, factsQuery, type ClockSource, type ObligationActions } from '../obligations/sources.js';
import { childPaths } from './paths.js';

/** The children as the clock needs them: born (or due), and whether disabled. */
const children: NonNullable<ClockSource['children']> = async (db, childIds) =>
  rows<ClockChild>(
    db,
    sql`select c.id as "childId", c.date_of_birth::text as "dateOfBirth", c.expected_date_of_birth::text as "expectedDateOfBirth",
               exists (select 1 from child_disabilities d where d.child_id = c.id and d.code <> 'NONE') as disabled
          from children c where c.id = any(${new Param([...childIds])}::uuid[])`,
  );

/** Every visit, whatever its purpose: who saw the child, and whether alone. */
const visits = factsQuery(
  (ids) => sql`
    select child_id, 'visit:' || id as id, 'visit_made' as kind, visit_date::text as at, null as episode,
           jsonb_build_object('childSeen', child_seen, 'seenAlone', seen_alone, 'purpose', purpose) as data
      from visits where child_id = any(${ids})`,
);

/** The page that meets a visit the clock asks for during an assessment: recording the visit. */
const actions: ObligationActions = {
  'assessment-child-seen': { text: 'Record a visit', href: (o) => `${childPaths.newVisit(o.childId)}?purpose=assessment` },
};

/** What the child's record gives the clock. */
export const childrenClock: ClockSource = { children, facts: visits, actions };
