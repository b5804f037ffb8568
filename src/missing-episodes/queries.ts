/**
 * Reads for missing episodes. Instants are ISO strings in UTC (`startedAt`, `endedAt`, ...);
 * the presenters put them into words in England's time.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ObligationView } from '../obligations/queries.js';
import type { Row } from '../returns/ssda903/model.js';
import type { InterviewOutcome, ScreeningOutcome } from './schema.js';

export interface MissingEpisodeView {
  id: string;
  missingCode: string;
  startedAt: string;
  endedAt: string | null;
  whereFound: string | null;
  interviewOfferedAt: string | null;
  interviewOutcome: InterviewOutcome | null;
  interviewOutcomeAt: string | null;
  interviewHeldBy: string | null;
  interviewIndependent: boolean | null;
  strategyMeetingDate: string | null;
  screeningDate: string | null;
  screeningOutcome: ScreeningOutcome | null;
  recordedByName: string | null;
  version: number;
}

const iso = (column: string) => sql.raw(`to_char(e.${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`);

const columns = sql`e.id, e.missing_code as "missingCode", ${iso('started_at')} as "startedAt", ${iso('ended_at')} as "endedAt",
  e.where_found as "whereFound", ${iso('interview_offered_at')} as "interviewOfferedAt", e.interview_outcome as "interviewOutcome",
  ${iso('interview_outcome_at')} as "interviewOutcomeAt", e.interview_held_by as "interviewHeldBy",
  e.interview_independent as "interviewIndependent", e.strategy_meeting_date::text as "strategyMeetingDate",
  e.screening_date::text as "screeningDate", e.screening_outcome as "screeningOutcome", u.display_name as "recordedByName", e.version`;

/** The child's episodes, the latest first. */
export function missingEpisodesOf(db: Db, childId: string): Promise<MissingEpisodeView[]> {
  return rows<MissingEpisodeView>(
    db,
    sql`select ${columns} from missing_episodes e left join users u on u.id = e.recorded_by
         where e.child_id = ${childId} order by e.started_at desc`,
  );
}

export async function missingEpisodeOf(db: Db, childId: string, id: string): Promise<MissingEpisodeView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<MissingEpisodeView>(
    db,
    sql`select ${columns} from missing_episodes e left join users u on u.id = e.recorded_by where e.child_id = ${childId} and e.id = ${id}`,
  );
  return row ?? null;
}

/** The rules missing episodes feed. */
export const missingRuleIds = new Set(['return-home-interview']);

export function onlyMissing(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => missingRuleIds.has(o.ruleId));
}

/**
 * The SSDA903 Missing table of a collection year (the year ending 31 March `year`), for the
 * return's builder: one row per episode of a looked after child that was under way at some
 * time in the year (started by 31 March, and not returned before 1 April of the year before),
 * in the table's columns and the return's dd/mm/yyyy dates, days in England. MIS_END is blank
 * for a child not back by the end of the year (DfE's rule 571 refuses an end outside it).
 * CHILD is the record's reference number, as the CIN census's LAchildID is. An episode counts
 * when it started during a period of care (the 903 is about looked after children); periods
 * of short breaks (reg 48) count too, as DfE asks for every looked after child's episodes.
 */
export async function missingTableRows(db: Db, year: number): Promise<Row[]> {
  return (await missingTableEpisodes(db, year)).map((e) => e.row);
}

/** A row of the Missing table with the episode it is, for the return to link a finding to the episode's page. */
export interface MissingTableEpisode {
  episodeId: string;
  childId: string;
  row: Row;
}

/** The Missing table's rows of `year` as `missingTableRows` gives them, each with its episode; one child's when `childId` is given. */
export function missingTableEpisodes(db: Db, year: number, childId?: string): Promise<MissingTableEpisode[]> {
  const start = `${year - 1}-04-01`;
  const end = `${year}-03-31`;
  const day = (column: string) => sql.raw(`(e.${column} at time zone 'Europe/London')::date`);
  const dmy = (value: ReturnType<typeof sql>) => sql`to_char(${value}, 'DD/MM/YYYY')`;
  return rows<MissingTableEpisode>(
    db,
    sql`select e.id as "episodeId", e.child_id as "childId",
               json_build_object('CHILD', c.reference::text, 'DOB', ${dmy(sql`c.date_of_birth`)}, 'MISSING', e.missing_code,
                 'MIS_START', ${dmy(day('started_at'))},
                 'MIS_END', case when ${day('ended_at')} <= ${end}::date then ${dmy(day('ended_at'))} end) as row
          from missing_episodes e join children c on c.id = e.child_id
         where ${day('started_at')} <= ${end}::date
           and (e.ended_at is null or ${day('ended_at')} >= ${start}::date)
           and exists (select 1 from care_periods p where p.child_id = e.child_id
                        and p.start_date <= ${day('started_at')} and (p.end_date is null or p.end_date >= ${day('started_at')}))
           ${childId ? sql`and e.child_id = ${childId}` : sql``}
         order by c.reference, e.started_at`,
  );
}
