import { sql } from 'drizzle-orm';
import { childProtectionFacts } from '../child-protection/facts.js';
import { childrenInNeedFacts } from '../children-in-need/facts.js';
import type { Fact } from '../clock/facts.js';
import { rows, type Db } from '../core/db/database.js';

/**
 * The dated facts the statutory clock reads, gathered from the record for a set of children.
 * Each area of practice adds its own query here as it arrives; the clock never reads tables.
 */
export interface ChildRecordFacts {
  childId: string;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  disabled: boolean;
  facts: Fact[];
}

type FactRow = { child_id: string; id: string; kind: Fact['kind']; at: string; episode: string | null; data: Fact['data'] | null };

export async function factsForChildren(db: Db, childIds: string[]): Promise<ChildRecordFacts[]> {
  if (childIds.length === 0) return [];
  // drizzle expands an array parameter into ($1, $2, ...)
  const ids = sql`${childIds}`;
  const children = await rows<{ id: string; date_of_birth: string | null; expected_date_of_birth: string | null; disabled: boolean }>(
    db,
    sql`select c.id, c.date_of_birth, c.expected_date_of_birth,
          exists (select 1 from child_disabilities d where d.child_id = c.id and d.code <> 'NONE') as disabled
        from children c where c.id in ${ids}`,
  );
  const factRows = await rows<FactRow>(
    db,
    sql`
      select child_id, 'contact:' || id as id, 'contact_received' as kind,
             to_char(received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, id::text as episode, null::jsonb as data
        from contacts where child_id in ${ids}
      union all
      select child_id, 'contact-decision:' || id, 'contact_decided',
             to_char(decided_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), id::text, jsonb_build_object('outcome', outcome)
        from contacts where child_id in ${ids} and decided_at is not null
      union all
      select child_id, 'referral:' || id, 'referral_received', referral_date::text, id::text, jsonb_build_object('repeat', repeat_referral)
        from referrals where child_id in ${ids}
      union all
      select child_id, 'referral-closed:' || id, 'referral_closed', closed_date::text, id::text, jsonb_build_object('reason', closure_reason)
        from referrals where child_id in ${ids} and closed_date is not null
      union all
      select child_id, 'assessment:' || id, 'assessment_started', start_date::text, referral_id::text, null
        from assessments where child_id in ${ids}
      union all
      select child_id, 'assessment-authorised:' || id, 'assessment_completed', authorised_at::text, referral_id::text, null
        from assessments where child_id in ${ids} and authorised_at is not null
      union all
      select child_id, 'visit:' || id, 'visit_made', visit_date::text, null,
             jsonb_build_object('childSeen', child_seen, 'seenAlone', seen_alone, 'purpose', purpose)
        from visits where child_id in ${ids}
      union all
      ${childProtectionFacts(ids)}
      union all
      ${childrenInNeedFacts(ids)}
    `,
  );
  const byChild = new Map<string, Fact[]>();
  for (const r of factRows) {
    const fact: Fact = { id: r.id, kind: r.kind, at: r.at };
    if (r.episode) fact.episode = r.episode;
    if (r.data) fact.data = r.data;
    let list = byChild.get(r.child_id);
    if (!list) byChild.set(r.child_id, (list = []));
    list.push(fact);
  }
  return children.map((c) => ({
    childId: c.id,
    dateOfBirth: c.date_of_birth,
    expectedDateOfBirth: c.expected_date_of_birth,
    disabled: c.disabled,
    facts: byChild.get(c.id) ?? [],
  }));
}
