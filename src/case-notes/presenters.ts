/**
 * Case notes as GOV.UK macro parameters and plain data for the templates. Lateness is judged
 * against the local setting in force on the day each note was recorded (`lateAfter`).
 */
import { dateWithTime } from '../casework/format.js';
import { type FormValues, FormView, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { formatDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { html, link, tag } from '../core/views/html.js';
import * as to from './paths.js';
import type { CaseNoteView } from './queries.js';
import { type CaseNoteKind, caseNoteKinds } from './schema.js';

export const caseNoteKindLabels: Record<CaseNoteKind, string> = {
  visit: 'Visit',
  telephone_call: 'Telephone call',
  management_oversight: 'Management oversight',
  supervision_discussion: 'Supervision discussion',
  multi_agency_meeting: 'Multi-agency meeting',
};

/** The working days after which a note recorded on a day was late. */
export type LateAfter = (recordedDate: string) => number;

const lateTag = { text: 'Recorded late', colour: 'orange' };
const days = (n: number) => `${n} working day${n === 1 ? '' : 's'}`;

/** Whether a note was recorded late, and how it reads. */
export function lateness(n: Pick<CaseNoteView, 'recordedDate' | 'recordingWorkingDays'>, lateAfter: LateAfter) {
  const limit = lateAfter(n.recordedDate);
  const late = n.recordingWorkingDays > limit;
  return {
    late,
    text: n.recordingWorkingDays === 0 ? 'On the day' : `${days(n.recordingWorkingDays)} after`,
    tag: late ? { text: lateTag.text, classes: `govuk-tag--${lateTag.colour}` } : null,
    limit,
  };
}

export function caseNotesPage(child: ChildHeading, notes: readonly CaseNoteView[], lateAfter: LateAfter, today: string) {
  const judged = notes.map((n) => ({ n, l: lateness(n, lateAfter) }));
  const late = judged.filter((j) => j.l.late).length;
  const limit = lateAfter(today);
  return {
    title: 'Case notes',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    newNote: { text: 'Add a case note', href: to.newCaseNotePath(child.id) },
    count: notes.length,
    lateSummary:
      notes.length === 0
        ? null
        : `${late} of ${notes.length} ${notes.length === 1 ? 'note was' : 'notes were'} recorded late: more than ${days(limit)} after the event (the authority’s setting).`,
    rows: judged.map(({ n, l }) => [
      { text: dateWithTime(n.eventDate, n.eventTime) },
      { text: caseNoteKindLabels[n.kind] },
      { html: link(to.caseNotePath(child.id, n.id), n.summary) },
      {
        html: html`${formatDate(n.recordedDate)} (${l.text.toLowerCase()})${l.late ? html` ${tag(lateTag.text, lateTag.colour)}` : ''}`,
      },
    ]),
  };
}

const kindOptions = caseNoteKinds.map((k) => ({ value: k, text: caseNoteKindLabels[k] }));

/** The form for a new note, or for putting one right. */
export function caseNoteForm(child: ChildHeading, opts: { values: FormValues; errors?: readonly FieldError[]; note?: CaseNoteView }) {
  const { errorList, errors } = errorsOf(opts.errors, ['eventDate']);
  const form = new FormView(opts.values, errors);
  return {
    action: opts.note ? to.caseNotePath(child.id, opts.note.id) : to.newCaseNotePath(child.id),
    errorList,
    version: opts.note ? form.value('version') : null,
    kind: form.radios('kind', 'Type of note', kindOptions),
    eventDate: form.date('eventDate', 'Date of the event', {
      hint: 'The day of the visit, call, meeting or discussion, not today’s date if it was earlier',
    }),
    eventTime: {
      ...form.time('eventTime', 'Time of the event (optional)'),
      hint: { text: '24-hour clock, for example 14:05; leave blank if not known' },
    },
    summary: form.input('summary', 'Summary', { hint: 'One line: what happened (the chronology shows it)' }),
    note: form.textarea('note', 'Note', { rows: 10 }),
    submit: opts.note ? 'Save the correction' : 'Save the case note',
  };
}

export function newCaseNotePage(child: ChildHeading, opts: { values: FormValues; errors?: readonly FieldError[] }) {
  const form = caseNoteForm(child, opts);
  return { title: 'Add a case note', caption: caption(child), backLink: to.caseNotesPath(child.id), errorList: form.errorList, form };
}

export function caseNotePage(
  child: ChildHeading,
  n: CaseNoteView,
  lateAfter: LateAfter,
  opts: { values?: FormValues; errors?: readonly FieldError[] },
) {
  const l = lateness(n, lateAfter);
  const saved: FormValues = {
    kind: n.kind,
    eventDate: n.eventDate,
    eventTime: n.eventTime ?? '',
    summary: n.summary,
    note: n.note,
    version: n.version,
  };
  const form = caseNoteForm(child, {
    values: { ...saved, ...(opts.values ?? {}) },
    ...(opts.errors ? { errors: opts.errors } : {}),
    note: n,
  });
  return {
    title: n.summary,
    caption: caption(child),
    backLink: to.caseNotesPath(child.id),
    errorList: form.errorList,
    summary: {
      rows: [
        { key: { text: 'Type' }, value: { text: caseNoteKindLabels[n.kind] } },
        { key: { text: 'When' }, value: { text: dateWithTime(n.eventDate, n.eventTime) } },
        {
          key: { text: 'Recorded' },
          value: {
            text: `${formatDate(n.recordedDate)}${n.recordedByName ? ` by ${n.recordedByName}` : ''}: ${l.text.toLowerCase()}${l.late ? `, later than the ${days(l.limit)} the authority sets` : ''}`,
          },
        },
        ...(n.corrected ? [{ key: { text: 'Corrected' }, value: { text: 'Yes: the audit trail keeps each change' } }] : []),
      ],
    },
    late: l.tag,
    paragraphs: n.note
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    form,
  };
}
