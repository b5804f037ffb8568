/**
 * Case notes: recording one, and putting one right. The note keeps the day it was first
 * recorded; how many working days after the event that was is worked out on the working-day
 * calendar when it is saved, so late recording can be counted against the local setting.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { normalTime, optionalTimeField } from '../casework/fields.js';
import { updateAtVersion } from '../core/db/versions.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { choice, dateField, text, version } from '../core/http/forms.js';
import { londonDate } from '../core/time.js';
import { londonInstant } from '../front-door/use-cases.js';
import { loadClockContext, recomputeObligations } from '../obligations/recompute.js';
import { caseNoteKinds, caseNotes } from './schema.js';

function noteFields(today: Today) {
  return {
    kind: choice('Type of note', caseNoteKinds),
    eventDate: dateField('Date of the event', { notInFuture: today }),
    eventTime: optionalTimeField('Time of the event'),
    summary: text('Summary', { max: 200 }),
    note: text('Note', { max: 50000, multiline: true }),
  };
}

export function caseNoteSchema(today: Today) {
  return z.object(noteFields(today));
}
export type NewCaseNote = z.output<ReturnType<typeof caseNoteSchema>>;

export function correctCaseNoteSchema(today: Today) {
  return z.object({ ...noteFields(today), version: version() });
}
export type CaseNoteCorrection = z.output<ReturnType<typeof correctCaseNoteSchema>>;

/** The event as stored: its time as HH:MM, refused when it is later than now. */
function eventOf(input: NewCaseNote, now: Date): { eventDate: string; eventTime: string | null } {
  const eventTime = input.eventTime ? normalTime(input.eventTime) : null;
  if (eventTime && londonInstant(input.eventDate, eventTime) > now)
    throw new CaseworkRuleError('eventTime', 'Time of the event must be now or in the past');
  return { eventDate: input.eventDate, eventTime };
}

/** Working days after the event the note was recorded on (0 on the day itself). */
async function recordingWorkingDays(tx: Db, eventDate: string, recordedDate: string): Promise<number> {
  const clock = await loadClockContext(tx);
  return Math.max(0, clock.calendar.workingDaysBetween(eventDate, recordedDate));
}

export async function recordCaseNote(tx: Db, childId: string, input: NewCaseNote, by: Actor): Promise<string> {
  const event = eventOf(input, by.now);
  const recordedDate = londonDate(by.now);
  const [row] = await tx
    .insert(caseNotes)
    .values({
      childId,
      kind: input.kind,
      ...event,
      summary: input.summary,
      note: input.note,
      recordedDate,
      recordingWorkingDays: await recordingWorkingDays(tx, event.eventDate, recordedDate),
      recordedAt: by.now,
      recordedBy: by.userId,
      workerId: by.workerId,
    })
    .returning({ id: caseNotes.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

/** A correction keeps the day the note was first recorded, so it never makes a late note look timely. */
export async function correctCaseNote(tx: Db, childId: string, id: string, input: CaseNoteCorrection, by: Actor): Promise<string> {
  const [current] = await tx
    .select()
    .from(caseNotes)
    .where(and(eq(caseNotes.id, id), eq(caseNotes.childId, childId)));
  if (!current) throw new CaseworkNotFound('The case note');
  const event = eventOf(input, by.now);
  if (event.eventDate > current.recordedDate) {
    throw new CaseworkRuleError(
      'eventDate',
      `Date of the event cannot be after the note was recorded (${formatDate(current.recordedDate)})`,
    );
  }
  await updateAtVersion(
    tx,
    caseNotes,
    id,
    input.version,
    {
      kind: input.kind,
      ...event,
      summary: input.summary,
      note: input.note,
      recordingWorkingDays: await recordingWorkingDays(tx, event.eventDate, current.recordedDate),
      updatedAt: by.now,
    },
    'This case note',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}
