import { Param, inArray, sql } from 'drizzle-orm';
import { computeObligations, createLocalPolicy, type ClockContext, type Obligation } from '../clock/index.js';
import { createWorkingDayCalendar } from '../core/calendar/index.js';
import { rows, type Db } from '../core/db/database.js';
import { noteRecordChange } from '../core/db/record-changes.js';
import { lockChildren } from '../core/record/locks.js';
import { deadlineInstant, eventInstant } from '../core/time.js';
import { allSettings, factsForChildren } from './sources.js';
import { obligations } from './schema.js';

/**
 * The calendar (with the administrator's overrides) and the local policy history, read from
 * the database each time: nothing is held in one process's memory, so two instances agree.
 */
export async function loadClockContext(db: Db): Promise<ClockContext> {
  // one round trip: read on every dashboard and record page
  const [found] = await rows<{
    overrides: { day: string; working: boolean }[] | null;
    settings: { key: string; value: number | string | boolean; effective_from: string }[] | null;
  }>(
    db,
    sql`select (select json_agg(json_build_object('day', day::text, 'working', working)) from calendar_overrides) as overrides,
               (select json_agg(json_build_object('key', key, 'value', value, 'effective_from', effective_from::text) order by effective_from, id)
                  from policy_settings) as settings`,
  );
  const overrides = found?.overrides ?? [];
  const settings = found?.settings ?? [];
  return {
    calendar: createWorkingDayCalendar({
      extraNonWorkingDays: overrides.filter((o) => !o.working).map((o) => o.day),
      workingDaysRestored: overrides.filter((o) => o.working).map((o) => o.day),
    }),
    policy: createLocalPolicy(
      settings.map((s) => ({ key: s.key, value: s.value, effectiveFrom: s.effective_from })),
      allSettings(),
    ),
  };
}

export function obligationRow(childId: string, o: Obligation) {
  return {
    childId,
    key: o.key,
    ruleId: o.ruleId,
    episode: o.episode,
    due: o.dueAt,
    dueBy: deadlineInstant(o.dueAt),
    done: o.doneAt,
    doneAt: o.doneAt ? eventInstant(o.doneAt) : null,
    lapsesOn: o.lapsesAt,
    triggerFactId: o.triggerFactId,
    meetingFactId: o.meetingFactId,
    explanation: o.explanation,
  };
}

type ObligationRow = ReturnType<typeof obligationRow>;

/** Many rows in one statement: each column is one array parameter, unnested back into rows. */
async function insertObligations(db: Db, list: ObligationRow[]): Promise<void> {
  if (list.length === 0) return;
  const column = <T>(pick: (r: ObligationRow) => T) => new Param(list.map(pick));
  await db.execute(sql`
    insert into obligations (child_id, key, rule_id, episode, due, due_by, done, done_at, lapses_on, trigger_fact_id, meeting_fact_id, explanation)
    select * from unnest(
      ${column((r) => r.childId)}::uuid[], ${column((r) => r.key)}::text[], ${column((r) => r.ruleId)}::text[],
      ${column((r) => r.episode)}::text[], ${column((r) => r.due)}::text[], ${column((r) => r.dueBy.toISOString())}::timestamptz[],
      ${column((r) => r.done)}::text[], ${column((r) => r.doneAt?.toISOString() ?? null)}::timestamptz[],
      ${column((r) => r.lapsesOn)}::date[], ${column((r) => r.triggerFactId)}::text[], ${column((r) => r.meetingFactId)}::text[],
      ${column((r) => r.explanation)}::text[])`);
}

/**
 * Recompute and store the obligations of these children. Call it inside the transaction that
 * changed them, so the stored obligations never disagree with the record.
 *
 * The children's rows are locked first (a route's unit of work has already locked its child;
 * a rebuild or a policy change has not), so two writes to one child take turns: the second
 * reads the first's committed facts, rather than both deleting and re-inserting the same
 * obligations at once.
 */
export async function recomputeObligations(db: Db, childIds: string[], context?: ClockContext): Promise<number> {
  if (childIds.length === 0) return 0;
  await lockChildren(db, childIds);
  const ctx = context ?? (await loadClockContext(db));
  const records = await factsForChildren(db, childIds);
  const computed = records.flatMap((child) => computeObligations(child, ctx).map((o) => obligationRow(child.childId, o)));
  await db.delete(obligations).where(inArray(obligations.childId, childIds));
  await insertObligations(db, computed);
  await noteRecordChange(db);
  return computed.length;
}
