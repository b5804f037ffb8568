import { sql } from 'drizzle-orm';
import { ruleById, type ClockContext } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { londonDate } from '../core/time.js';

export type ObligationStatus = 'met_on_time' | 'met_late' | 'due' | 'overdue' | 'lapsed';

export const statusLabels: Record<ObligationStatus, { text: string; colour: string }> = {
  overdue: { text: 'Overdue', colour: 'red' },
  due: { text: 'Due', colour: 'blue' },
  met_late: { text: 'Met late', colour: 'orange' },
  met_on_time: { text: 'Met on time', colour: 'green' },
  lapsed: { text: 'No longer owed', colour: 'grey' },
};

/** The one definition of an obligation's status, matching the SQL used by work lists. */
export function statusOf(o: { dueBy: Date; doneAt: Date | null; lapsesOn: string | null }, now: Date): ObligationStatus {
  if (o.doneAt) return o.doneAt < o.dueBy ? 'met_on_time' : 'met_late';
  if (o.lapsesOn && londonDate(now) >= o.lapsesOn) return 'lapsed';
  return now >= o.dueBy ? 'overdue' : 'due';
}

export interface ObligationView {
  childId: string;
  key: string;
  ruleId: string;
  ruleName: string;
  source: string;
  due: string;
  done: string | null;
  status: ObligationStatus;
  explanation: string;
  /** Working days past the deadline (overdue or met late), or left before it (due). */
  workingDays: number;
  /** Hours left or over, for deadlines set in hours. */
  hours: number | null;
}

type Row = { child_id: string; key: string; rule_id: string; due: string; done: string | null; due_by: string; done_at: string | null; lapses_on: string | null; explanation: string };

export function toView(r: Row, now: Date, ctx: ClockContext): ObligationView {
  const dueBy = new Date(r.due_by);
  const doneAt = r.done_at ? new Date(r.done_at) : null;
  const status = statusOf({ dueBy, doneAt, lapsesOn: r.lapses_on }, now);
  const rule = ruleById.get(r.rule_id);
  const dueDate = r.due.slice(0, 10);
  const reference = doneAt ? londonDate(doneAt) : londonDate(now);
  const workingDays =
    status === 'due'
      ? ctx.calendar.workingDaysBetween(reference, dueDate)
      : Math.max(0, ctx.calendar.workingDaysBetween(dueDate, reference));
  const hours = r.due.length > 10 ? Math.round(((doneAt ?? now).getTime() - dueBy.getTime()) / 3_600_000) * (status === 'due' ? -1 : 1) : null;
  return {
    childId: r.child_id,
    key: r.key,
    ruleId: r.rule_id,
    ruleName: rule?.name ?? r.rule_id,
    source: rule ? `${rule.source.document}${rule.source.reference ? `, ${rule.source.reference}` : ''}` : '',
    due: r.due,
    done: r.done,
    status,
    explanation: r.explanation,
    workingDays,
    hours,
  };
}

const columns = sql`o.child_id, o.key, o.rule_id, o.due, o.done, o.due_by::text as due_by, o.done_at::text as done_at, o.lapses_on::text as lapses_on, o.explanation`;

/** A child's obligations: outstanding first (soonest due), then met (most recent first). */
export async function childObligations(db: Db, childId: string, now: Date, ctx: ClockContext): Promise<ObligationView[]> {
  const found = await rows<Row>(
    db,
    sql`select ${columns} from obligations o where o.child_id = ${childId}
         order by (o.done_at is not null), case when o.done_at is null then o.due_by end asc, o.done_at desc`,
  );
  return found.map((r) => toView(r, now, ctx));
}

/** Outstanding obligations for a set of children (a worker's or a team's), soonest first. */
export async function outstandingFor(db: Db, where: ReturnType<typeof sql>, now: Date, ctx: ClockContext): Promise<ObligationView[]> {
  const found = await rows<Row>(
    db,
    sql`select ${columns} from obligations o
         where o.done_at is null and (o.lapses_on is null or o.lapses_on > ${londonDate(now)}) and ${where}
         order by o.due_by`,
  );
  return found.map((r) => toView(r, now, ctx));
}
