/** Reads for allegations. Dates are 'YYYY-MM-DD'. */
import { type SQL, sql } from 'drizzle-orm';
import type { Attendee } from '../casework/meetings.js';
import { addCalendarMonths, addDays } from '../core/calendar/index.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import { childVisibleTo } from '../children/access.js';
import type { AllegationList } from './paths.js';
import type { AbuseType, AllegationCategory, AllegationOutcome, MeetingKind, OutcomeAction, Sector } from './schema.js';

export interface AllegationRow {
  id: string;
  adultName: string;
  adultRole: string;
  employer: string;
  sector: Sector;
  category: AllegationCategory;
  madeDate: string;
  ladoInformedDate: string;
  outcome: AllegationOutcome | null;
  concludedDate: string | null;
  linkedChildren: number;
  otherChildrenCount: number;
}

export interface LinkedChild {
  /** Null for a child not named to the viewer: shown as another child known to the service. */
  id: string | null;
  name: string | null;
  reference: number | null;
  /** Whether the viewer may open the child's record (the designated officer is named the child, and opens no record). */
  canOpen: boolean;
}

/**
 * The children an allegation may name to the user: those they may open and, to the designated
 * officer, who opens no child's record, any child whose record is not restricted, as a service
 * manager would see them. Same alias `c` as childVisibleTo.
 */
export function childNamedTo(user: SignedInUser): SQL {
  return user.role === 'designated_officer' ? sql`(not c.restricted)` : childVisibleTo(user);
}

export interface MeetingRow {
  kind: MeetingKind;
  meetingDate: string;
  attendance: Attendee[];
  decisions: string;
}

export interface AllegationView extends AllegationRow {
  abuseType: AbuseType | null;
  detail: string;
  otherChildrenDescription: string | null;
  outcomeActions: OutcomeAction[] | null;
  outcomeNotes: string | null;
  version: number;
  children: LinkedChild[];
  meetings: MeetingRow[];
}

/** The quarter a day falls in (January, April, July and October start them): its first and last days. */
export function quarterOf(today: string): { start: string; end: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const start = `${y}-${String(m - ((m - 1) % 3)).padStart(2, '0')}-01`;
  return { start, end: addDays(addCalendarMonths(start, 3), -1) };
}

/** Concluded within this many months of being made: the months as the clock counts them (a calendar month, clamped at its end). */
const within = (months: number) => sql`a.concluded_date <= (a.made_date + make_interval(months => ${months}))::date`;

/**
 * Which allegations each list holds, as a condition on `allegations a`: the figure counts the
 * same condition its list shows, so the two cannot disagree.
 */
export function listCondition(list: AllegationList, today: string): SQL {
  const q = quarterOf(today);
  const concludedThisQuarter = sql`a.concluded_date between ${q.start} and ${q.end}`;
  switch (list) {
    case 'open':
      return sql`a.concluded_date is null`;
    case 'this-quarter':
      return sql`a.lado_informed_date between ${q.start} and ${q.end}`;
    case 'concluded-this-quarter':
      return concludedThisQuarter;
    case 'within-1-month':
      return sql`${concludedThisQuarter} and ${within(1)}`;
    case 'within-3-months':
      return sql`${concludedThisQuarter} and ${within(3)}`;
    case 'within-12-months':
      return sql`${concludedThisQuarter} and ${within(12)}`;
    case 'all':
      return sql`true`;
  }
}

const columns = sql`a.id, a.adult_name as "adultName", a.adult_role as "adultRole", a.employer, a.sector, a.category,
  a.made_date::text as "madeDate", a.lado_informed_date::text as "ladoInformedDate", a.outcome, a.concluded_date::text as "concludedDate",
  (select count(*)::int from allegation_children l where l.allegation_id = a.id) as "linkedChildren",
  a.other_children_count as "otherChildrenCount"`;

/** The allegations on a list, open ones first, the most recent first. */
export function allegationsOn(db: Db, list: AllegationList, today: string): Promise<AllegationRow[]> {
  return rows<AllegationRow>(
    db,
    sql`select ${columns} from allegations a where ${listCondition(list, today)}
         order by (a.concluded_date is null) desc, a.made_date desc, a.created_at desc`,
  );
}

export type Figures = Record<Exclude<AllegationList, 'all'>, number>;

/** Every figure of the designated officer's page, in one statement. */
export async function allegationFigures(db: Db, today: string): Promise<Figures> {
  const c = (list: AllegationList) => sql`count(*) filter (where ${listCondition(list, today)})::int`;
  const [row] = await rows<Figures>(
    db,
    sql`select ${c('open')} as "open", ${c('this-quarter')} as "this-quarter", ${c('concluded-this-quarter')} as "concluded-this-quarter",
               ${c('within-1-month')} as "within-1-month", ${c('within-3-months')} as "within-3-months",
               ${c('within-12-months')} as "within-12-months"
          from allegations a`,
  );
  return row!;
}

export async function allegationOf(db: Db, user: SignedInUser, id: string): Promise<AllegationView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<Omit<AllegationView, 'children' | 'meetings'>>(
    db,
    sql`select ${columns}, a.abuse_type as "abuseType", a.detail, a.other_children_description as "otherChildrenDescription",
               a.outcome_actions as "outcomeActions", a.outcome_notes as "outcomeNotes", a.version
          from allegations a where a.id = ${id}`,
  );
  if (!row) return null;
  // a child not named to the viewer is withheld in the query: no name, id or reference
  const named = childNamedTo(user);
  const children = await rows<LinkedChild>(
    db,
    sql`select case when ${named} then c.id end as id,
               case when ${named} then c.first_name || ' ' || c.last_name end as name,
               case when ${named} then c.reference::int end as reference,
               coalesce(${childVisibleTo(user)}, false) as "canOpen"
          from allegation_children l join children c on c.id = l.child_id
         where l.allegation_id = ${id} order by (${named}) desc, c.last_name, c.first_name, l.created_at`,
  );
  const meetings = await rows<MeetingRow>(
    db,
    sql`select kind, meeting_date::text as "meetingDate", attendance, decisions from allegation_meetings
         where allegation_id = ${id} order by meeting_date, created_at`,
  );
  return { ...row, children, meetings };
}
