/** Reads for dispute resolution. Dates are 'YYYY-MM-DD'. */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { DisputePlanKind } from './schema.js';

export interface DisputeStageView {
  stage: number;
  startedDate: string;
  addressedTo: string;
  dueDate: string;
  respondedDate: string | null;
  response: string | null;
}

export interface DisputeView {
  id: string;
  planKind: DisputePlanKind;
  planId: string;
  planStartDate: string;
  raisedByRole: string;
  raisedByName: string;
  raisedDate: string;
  concern: string;
  resolvedDate: string | null;
  resolution: string | null;
  version: number;
  stages: DisputeStageView[];
}

const columns = sql`d.id, d.plan_kind as "planKind", coalesce(d.cp_plan_id, d.cin_plan_id) as "planId",
  coalesce(cp.start_date, cin.start_date)::text as "planStartDate", d.raised_by_role as "raisedByRole", d.raised_by_name as "raisedByName",
  d.raised_date::text as "raisedDate", d.concern, d.resolved_date::text as "resolvedDate", d.resolution, d.version,
  coalesce((select json_agg(json_build_object('stage', s.stage, 'startedDate', s.started_date::text, 'addressedTo', s.addressed_to,
      'dueDate', s.due_date::text, 'respondedDate', s.responded_date::text, 'response', s.response) order by s.stage)
      from dispute_stages s where s.dispute_id = d.id), '[]'::json) as stages`;
const from = sql`from plan_disputes d left join cp_plans cp on cp.id = d.cp_plan_id left join cin_plans cin on cin.id = d.cin_plan_id`;

export function disputesOf(db: Db, childId: string): Promise<DisputeView[]> {
  return rows<DisputeView>(db, sql`select ${columns} ${from} where d.child_id = ${childId} order by d.raised_date desc, d.created_at desc`);
}

export async function disputeOf(db: Db, childId: string, id: string): Promise<DisputeView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<DisputeView>(db, sql`select ${columns} ${from} where d.child_id = ${childId} and d.id = ${id}`);
  return row ?? null;
}

/** The child's plans a concern can be about, newest first. */
export function plansOf(db: Db, childId: string) {
  return rows<{ kind: DisputePlanKind; id: string; startDate: string; endDate: string | null }>(
    db,
    sql`select 'child_protection' as kind, id, start_date::text as "startDate", end_date::text as "endDate" from cp_plans where child_id = ${childId}
        union all
        select 'child_in_need', id, start_date::text, end_date::text from cin_plans where child_id = ${childId}
        order by "startDate" desc`,
  );
}
