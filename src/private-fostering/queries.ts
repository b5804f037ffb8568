/** Reads for private fostering's pages and the API. Dates are 'YYYY-MM-DD'. */
import { sql } from 'drizzle-orm';
import { childInScopeOf } from '../children/access.js';
import { clockRules } from '../clock/index.js';
import { addCalendarYears } from '../core/calendar/index.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import { type ObligationView, statusOf } from '../obligations/queries.js';
import { restrictedAmong } from '../children/queries.js';

export interface ArrangementView {
  id: string;
  childId: string;
  notifiedOn: string;
  notifiedBy: string;
  notifierDetail: string | null;
  arrangementStartedOn: string;
  carerName: string;
  carerPostcode: string;
  carerRelationship: string;
  parentsDetails: string;
  expectedDuration: string;
  assessmentStartedOn: string | null;
  assessmentCompletedOn: string | null;
  assessmentOutcome: string | null;
  endedOn: string | null;
  endReason: string | null;
  version: number;
}

const columns = sql`id, child_id as "childId", notified_on::text as "notifiedOn", notified_by as "notifiedBy", notifier_detail as "notifierDetail",
  arrangement_started_on::text as "arrangementStartedOn", carer_name as "carerName", carer_postcode as "carerPostcode",
  carer_relationship as "carerRelationship", parents_details as "parentsDetails", expected_duration as "expectedDuration",
  assessment_started_on::text as "assessmentStartedOn", assessment_completed_on::text as "assessmentCompletedOn",
  assessment_outcome as "assessmentOutcome", ended_on::text as "endedOn", end_reason as "endReason", version`;

/** The child's arrangements, newest first. */
export function arrangementsOf(db: Db, childId: string): Promise<ArrangementView[]> {
  return rows<ArrangementView>(
    db,
    sql`select ${columns} from private_fostering_arrangements where child_id = ${childId} order by notified_on desc, created_at desc`,
  );
}

export async function arrangementOf(db: Db, childId: string, id: string): Promise<ArrangementView | null> {
  if (!isUuid(id)) return null;
  const [a] = await rows<ArrangementView>(
    db,
    sql`select ${columns} from private_fostering_arrangements where child_id = ${childId} and id = ${id}`,
  );
  return a ?? null;
}

export interface VisitRow {
  visitDate: string;
  childSeen: boolean;
  seenAlone: boolean;
  purpose: string;
  worker: string | null;
}

/** The child's visits from the notification (or the arrangement's start, if earlier) to its end: oldest first. */
export function visitsDuring(db: Db, a: ArrangementView): Promise<VisitRow[]> {
  const from = a.arrangementStartedOn < a.notifiedOn ? a.arrangementStartedOn : a.notifiedOn;
  return rows<VisitRow>(
    db,
    sql`select v.visit_date::text as "visitDate", v.child_seen as "childSeen", v.seen_alone as "seenAlone", v.purpose, w.name as worker
          from visits v left join workers w on w.id = v.worker_id
         where v.child_id = ${a.childId} and v.visit_date >= ${from} ${a.endedOn ? sql`and v.visit_date <= ${a.endedOn}` : sql``}
         order by v.visit_date, v.recorded_at`,
  );
}

const pfRuleIds = new Set(clockRules.filter((r) => r.area === 'private fostering').map((r) => r.id));

/** The child's obligations under the private fostering rules. */
export function onlyPrivateFostering(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => pfRuleIds.has(o.ruleId));
}

// ── the managers' figures ────────────────────────────────────────────────────

/** An arrangement in the figures, with its first visit's obligation as the clock stored it (none if it ended first). */
export interface FigureRow {
  childId: string;
  childName: string;
  arrangementId: string;
  notifiedOn: string;
  endedOn: string | null;
  due: string | null;
  done: string | null;
  dueBy: string | null;
  doneAt: string | null;
  lapsesOn: string | null;
}

/**
 * Every arrangement in the user's scope open now or notified in the 12 months to `today`,
 * with the obligation counted from its notification (the first visit, reg 4(1)): the chain's
 * first link is keyed by the notification fact.
 */
export function figureRows(db: Db, user: SignedInUser, today: string): Promise<FigureRow[]> {
  const yearAgo = addCalendarYears(today, -1);
  return rows<FigureRow>(
    db,
    sql`select c.id as "childId", c.first_name || ' ' || c.last_name as "childName", a.id as "arrangementId",
               a.notified_on::text as "notifiedOn", a.ended_on::text as "endedOn",
               o.due, o.done, o.due_by::text as "dueBy", o.done_at::text as "doneAt", o.lapses_on::text as "lapsesOn"
          from private_fostering_arrangements a
          join children c on c.id = a.child_id
          left join obligations o on o.child_id = a.child_id and o.rule_id = 'private-fostering-visit'
                and o.episode = a.id::text and o.trigger_fact_id = 'pf-notified:' || a.id::text
         where (a.ended_on is null or a.notified_on > ${yearAgo}) and ${childInScopeOf(user)}
         order by a.notified_on desc, c.id`,
  );
}

/** Where an arrangement's first visit stands. */
export type FirstVisit = 'on_time' | 'late' | 'not_seen' | 'not_yet_due' | 'ended_before_due';

/**
 * The first visit of an arrangement, from the obligation the clock stored for it: met by a
 * visit where the child was seen, within 7 working days or after; owed and past; still in
 * time; or never owed, the arrangement having ended before it fell due (the clock drops it).
 */
export function firstVisitOf(r: Pick<FigureRow, 'dueBy' | 'doneAt' | 'lapsesOn'>, now: Date): FirstVisit {
  if (!r.dueBy) return 'ended_before_due';
  const status = statusOf({ dueBy: new Date(r.dueBy), doneAt: r.doneAt ? new Date(r.doneAt) : null, lapsesOn: r.lapsesOn }, now);
  if (status === 'met_on_time') return 'on_time';
  if (status === 'met_late') return 'late';
  if (status === 'due') return 'not_yet_due';
  return 'not_seen';
}

/** The lists behind the figures, by name. */
export const figureLists = ['current', 'notified', 'on_time', 'late', 'not_seen', 'not_yet_due', 'ended_before_due'] as const;
export type FigureList = (typeof figureLists)[number];
export const isFigureList = (v: unknown): v is FigureList => typeof v === 'string' && (figureLists as readonly string[]).includes(v);

export interface FigureChild extends FigureRow {
  firstVisit: FirstVisit;
  /** Named only when the user may open the record. */
  restricted: boolean;
}

/** The children behind each figure: privately fostered now, and each arrangement notified in the last 12 months by its first visit. */
export function figures(found: readonly FigureRow[], now: Date, today: string, restricted: ReadonlySet<string>): Figures {
  const yearAgo = addCalendarYears(today, -1);
  const all: FigureChild[] = found.map((r) => ({ ...r, firstVisit: firstVisitOf(r, now), restricted: restricted.has(r.childId) }));
  const notified = all.filter((r) => r.notifiedOn > yearAgo);
  const lists: Record<FigureList, FigureChild[]> = {
    current: all.filter((r) => !r.endedOn),
    notified,
    on_time: notified.filter((r) => r.firstVisit === 'on_time'),
    late: notified.filter((r) => r.firstVisit === 'late'),
    not_seen: notified.filter((r) => r.firstVisit === 'not_seen'),
    not_yet_due: notified.filter((r) => r.firstVisit === 'not_yet_due'),
    ended_before_due: notified.filter((r) => r.firstVisit === 'ended_before_due'),
  };
  // the share is of the arrangements whose first visit was owed and has fallen due
  const decided = lists.on_time.length + lists.late.length + lists.not_seen.length;
  return { lists, decided, percentOnTime: decided === 0 ? null : Math.round((100 * lists.on_time.length) / decided) };
}

export interface Figures {
  lists: Record<FigureList, FigureChild[]>;
  /** Arrangements notified in the last 12 months whose first visit was owed and has fallen due. */
  decided: number;
  percentOnTime: number | null;
}

/** The figures for a user: the children in their scope, restricted records counted and not named. */
export async function figuresFor(db: Db, user: SignedInUser, now: Date, today: string): Promise<Figures> {
  const found = await figureRows(db, user, today);
  const restricted = await restrictedAmong(
    db,
    user,
    found.map((r) => r.childId),
  );
  return figures(found, now, today, new Set(restricted.keys()));
}
