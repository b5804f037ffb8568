/** Reads for case notes. Dates are 'YYYY-MM-DD'; times 'HH:MM' in England. */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { CaseNoteKind } from './schema.js';

export interface CaseNoteView {
  id: string;
  kind: CaseNoteKind;
  eventDate: string;
  eventTime: string | null;
  summary: string;
  note: string;
  recordedDate: string;
  recordingWorkingDays: number;
  recordedByName: string | null;
  corrected: boolean;
  version: number;
}

const columns = sql`n.id, n.kind, n.event_date::text as "eventDate", n.event_time as "eventTime", n.summary, n.note,
  n.recorded_date::text as "recordedDate", n.recording_working_days as "recordingWorkingDays", u.display_name as "recordedByName",
  (n.version > 1) as corrected, n.version`;

/** The child's case notes, the latest event first. */
export function caseNotesOf(db: Db, childId: string): Promise<CaseNoteView[]> {
  return rows<CaseNoteView>(
    db,
    sql`select ${columns} from case_notes n left join users u on u.id = n.recorded_by
         where n.child_id = ${childId} order by n.event_date desc, n.event_time desc nulls first, n.recorded_at desc`,
  );
}

export async function caseNoteOf(db: Db, childId: string, id: string): Promise<CaseNoteView | null> {
  if (!isUuid(id)) return null;
  const [row] = await rows<CaseNoteView>(
    db,
    sql`select ${columns} from case_notes n left join users u on u.id = n.recorded_by where n.child_id = ${childId} and n.id = ${id}`,
  );
  return row ?? null;
}
