import { sql } from 'drizzle-orm';
import { policySettings, ruleById, type ClockContext, type RuleSetting, type SettingRange, type SettingValue } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { londonDate } from '../core/time.js';
import { areaSettings } from './sources.js';

export type ObligationStatus = 'met_on_time' | 'met_late' | 'due' | 'overdue' | 'lapsed';

export const statusLabels: Record<ObligationStatus, { text: string; colour: string }> = {
  overdue: { text: 'Overdue', colour: 'red' },
  due: { text: 'Due', colour: 'blue' },
  met_late: { text: 'Met late', colour: 'orange' },
  met_on_time: { text: 'Met on time', colour: 'green' },
  lapsed: { text: 'Not met, no longer owed', colour: 'grey' },
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
  /** The process the obligation belongs to (a plan, a referral, ...), or null for a child-level rule. */
  episode: string | null;
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

type Row = {
  child_id: string;
  key: string;
  rule_id: string;
  episode: string | null;
  due: string;
  done: string | null;
  due_by: string;
  done_at: string | null;
  lapses_on: string | null;
  explanation: string;
};

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
  const hours =
    r.due.length > 10 ? Math.round(((doneAt ?? now).getTime() - dueBy.getTime()) / 3_600_000) * (status === 'due' ? -1 : 1) : null;
  return {
    childId: r.child_id,
    key: r.key,
    ruleId: r.rule_id,
    episode: r.episode,
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

const columns = sql`o.child_id, o.key, o.rule_id, o.episode, o.due, o.done, o.due_by::text as due_by, o.done_at::text as done_at, o.lapses_on::text as lapses_on, o.explanation`;

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

// ── Local policy ────────────────────────────────────────────────────────────────

export interface SettingDefinition {
  key: string;
  label: string;
  unit: string;
  default: SettingValue;
  standing: RuleSetting['standing'];
  statutoryPosition: string;
  options?: readonly string[] | undefined;
  range?: SettingRange | undefined;
  /** The rule it belongs to, or null for an oversight setting. */
  ruleId: string | null;
}

/** Every local setting the authority can change, once each: the clock rules' and the areas' (oversight's). */
export function settingDefinitions(): SettingDefinition[] {
  const seen = new Set<string>();
  const all = [
    ...policySettings.map((s) => ({
      key: s.key,
      label: s.label,
      unit: s.unit,
      default: s.default,
      standing: s.standing,
      statutoryPosition: s.statutoryPosition,
      options: s.options,
      range: s.range,
      ruleId: s.ruleId,
    })),
    ...areaSettings().map((s) => ({
      key: s.key,
      label: s.label,
      unit: s.unit,
      default: s.default,
      standing: s.standing,
      statutoryPosition: s.statutoryPosition,
      options: s.options,
      range: s.range,
      ruleId: null,
    })),
  ];
  return all.filter((s) => (seen.has(s.key) ? false : (seen.add(s.key), true)));
}

export interface SettingChange {
  key: string;
  value: SettingValue;
  effectiveFrom: string;
  setAt: string;
  setBy: string | null;
}

export function settingHistory(db: Db): Promise<SettingChange[]> {
  return rows<SettingChange>(
    db,
    sql`select p.key, p.value, p.effective_from::text as "effectiveFrom", p.set_at::text as "setAt", u.display_name as "setBy"
          from policy_settings p left join users u on u.id = p.set_by order by p.key, p.effective_from, p.id`,
  );
}

/** The value in force on a date, and since when: the latest change on or before it, else the default. */
export function inForce(def: SettingDefinition, history: readonly SettingChange[], onDate: string) {
  const latest = history.filter((h) => h.key === def.key && h.effectiveFrom <= onDate).at(-1);
  return latest
    ? { value: latest.value, since: latest.effectiveFrom, isDefault: false }
    : { value: def.default, since: null, isDefault: true };
}

/**
 * The dates a change may take effect between: not before the earliest work on the record
 * (there is nothing earlier for it to apply to, so an earlier date is a slip), and at most a
 * year ahead. On an empty record, from today.
 */
export interface EffectiveDateBounds {
  earliest: string;
  latest: string;
  /** Whether the earliest is the record's first work (rather than today, on an empty record). */
  fromRecord: boolean;
}

export async function effectiveDateBounds(db: Db, today: string): Promise<EffectiveDateBounds> {
  const [first] = await rows<{ day: string | null }>(
    db,
    sql`select least(
          (select min(received_at at time zone 'Europe/London')::date from contacts),
          (select min(referral_date) from referrals),
          (select min(start_date) from assessments),
          (select min(visit_date) from visits))::text as day`,
  );
  const earliest = first?.day && first.day < today ? first.day : today;
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return { earliest, latest: next.toISOString().slice(0, 10), fromRecord: earliest !== today };
}

/**
 * How many children have obligations under the setting's rule falling due on or after a
 * date: those a change back-dated to it may re-judge. Null for a setting no rule reads.
 */
export async function childrenAffectedFrom(db: Db, def: SettingDefinition, from: string): Promise<number | null> {
  if (!def.ruleId) return null;
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(distinct child_id)::int as n from obligations where rule_id = ${def.ruleId} and due_by >= ${from}::date`,
  );
  return row?.n ?? 0;
}

/** The change a form's token already recorded, if any. */
export async function changeBySubmission(db: Db, submission: string): Promise<{ id: number; effectiveFrom: string } | null> {
  const [row] = await rows<{ id: number; effectiveFrom: string }>(
    db,
    sql`select id::int as id, effective_from::text as "effectiveFrom" from policy_settings where submission = ${submission}::uuid`,
  );
  return row ?? null;
}
