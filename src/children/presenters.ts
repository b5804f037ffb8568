import { labelOf } from '../core/codes.js';
import { html, link, tag } from '../core/views/html.js';
import { formatDate, words } from '../core/views/nunjucks.js';
import { disabilityCodes, ethnicityCodes, sexCodes } from './codes.js';
import { childPaths } from './paths.js';
import type {
  AccessRequestView,
  AddressHistoryEntry,
  ChildListItem,
  ChildRecord,
  Relationship,
  RestrictedRecord,
  VisitView,
} from './queries.js';
import { relationshipTypes } from './schema.js';
import { visitPurposes } from './use-cases.js';

type Chosen = unknown;
const capitalise = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1).toLowerCase() : s);

/** Who holds the case of a restricted record: never the child's name. */
function heldBy(r: { worker: string | null; team: string | null }) {
  return html`<span class="govuk-body-s">held by ${r.worker ?? 'no social worker'}${r.team ? html`, ${r.team}` : ''}</span>`;
}

/**
 * A child the viewer may not open, in a list: never the name, only who holds the case and a
 * way to ask to be named on the record.
 */
export function restrictedRecordCell(r: RestrictedRecord) {
  return html`<strong>Restricted record</strong><br>
${heldBy(r)}<br>
${r.requested ? html`<span class="govuk-body-s">Access requested</span>` : html`<a class="govuk-link govuk-body-s" href="${childPaths.askForAccess(r.childId)}">Request access<span class="govuk-visually-hidden"> to this restricted record</span></a>`}`;
}

/** A child in a list: their name, linking to their record, or a restricted record. */
export function childCell(child: { childId: string; childName: string } | { restricted: RestrictedRecord }) {
  return 'restricted' in child ? restrictedRecordCell(child.restricted) : link(childPaths.record(child.childId), child.childName);
}

/** How a child's birth is shown: the date, or that the child is unborn, with the expected date. */
export function born(c: { dateOfBirth: string | null; expectedDateOfBirth: string | null }): string {
  return c.dateOfBirth ? formatDate(c.dateOfBirth) : `Unborn: expected ${formatDate(c.expectedDateOfBirth)}`;
}

/** A search's results, as table rows. */
export function searchRows(results: readonly ChildListItem[]) {
  return results.map((c) => [
    { html: link(childPaths.record(c.id), `${c.firstName} ${c.lastName}`) },
    { text: born(c) },
    { text: c.postcode ?? '' },
    { text: c.reference },
  ]);
}

/** The sexes, as radios, with what was chosen. */
export function sexItems(chosen: Chosen) {
  return sexCodes.map((s) => ({ value: s.code, text: capitalise(s.label), checked: chosen === s.code }));
}

/** The child's details form: sex, ethnicity and (for a new child) disabilities, with what was chosen. */
export function detailsItems(values: Record<string, unknown>) {
  const chosenDisabilities = [values.disabilities ?? []].flat();
  return {
    sex: sexCodes.map((s) => ({ value: s.code, text: capitalise(s.label), checked: values.sex === s.code })),
    ethnicity: [
      { value: '', text: 'Select ethnicity' },
      ...ethnicityCodes.map((e) => ({ value: e.code, text: `${e.label} (${e.code})`, selected: values.ethnicity === e.code })),
    ],
    disabilities: disabilityCodes
      .filter((d) => d.code !== 'NONE')
      .map((d) => ({ value: d.code, text: d.label, checked: chosenDisabilities.includes(d.code) })),
  };
}

/** The purposes of a visit, as radios. */
export function purposeItems(chosen: Chosen) {
  return visitPurposes.map((p) => ({ value: p, text: words(p), checked: chosen === p }));
}

/** Whether the child was seen on a visit, and alone, in words. */
export function seenOnVisit(v: { childSeen: boolean; seenAlone: boolean }): string {
  return v.childSeen ? (v.seenAlone ? 'Seen alone' : 'Seen, with someone else present') : 'Not seen';
}

/** How much of a visit's note the record page shows; the visits page shows it whole. */
export const NOTE_ON_RECORD = 200;

/**
 * Visits, newest first, as table rows: the date, whether the child was seen (and alone), the
 * purpose, who visited and what happened. `cut` shortens the note (the record page, which
 * links to the visits page where every note is whole).
 */
export function visitRows(list: readonly VisitView[], opts: { cut?: number } = {}) {
  return list.map((v) => {
    const note = v.notes ?? '';
    const shown = opts.cut !== undefined && note.length > opts.cut ? `${note.slice(0, opts.cut).trimEnd()}…` : note;
    return [
      { text: formatDate(v.visitDate) },
      v.childSeen ? { text: seenOnVisit(v) } : { html: tag('Not seen', 'red') },
      { text: words(v.purpose) },
      { text: v.workerName ?? 'Not recorded' },
      { text: shown || 'No note recorded', classes: 'app-note' },
    ];
  });
}

/** The child's addresses, newest first, as table rows. */
export function addressRows(history: readonly AddressHistoryEntry[]) {
  return history.map((a) => [
    { text: [a.line1, a.line2, a.town].filter(Boolean).join(', ') },
    { text: a.postcode },
    { text: formatDate(a.fromDate) },
    { text: a.toDate ? formatDate(a.toDate) : 'Now' },
  ]);
}

const WITHHELD = 'Another child known to the service: you do not have access to their record';

/** A person in the child's life: their name (another child's linking to their record), or withheld. */
function personCell(r: Relationship) {
  if (r.withheld) return { text: WITHHELD };
  return { html: r.childId ? link(childPaths.record(r.childId), r.name ?? '') : html`${r.name}` };
}

/** The people in the child's life, as table rows. */
export function relationshipRows(list: readonly Relationship[]) {
  const yesNo = (v: boolean) => (v ? 'Yes' : 'No');
  return list.map((r) => [
    personCell(r),
    { text: words(r.relationship) },
    { text: yesNo(r.parentalResponsibility) },
    { text: yesNo(r.livesWithChild) },
  ]);
}

/** The kinds of relationship, as a select's items. */
export function relationshipTypeItems(chosen: Chosen) {
  return [
    { value: '', text: 'Select the relationship' },
    ...relationshipTypes.map((t) => ({ value: t, text: words(t), selected: chosen === t })),
  ];
}

/** The people in the child's life as the record page lists them, one line each. */
export function relationshipLines(list: readonly Relationship[]) {
  return list.map((r) => {
    const who = r.withheld ? WITHHELD : r.childId ? link(childPaths.record(r.childId), r.name ?? '') : (r.name ?? '');
    return html`${who}, ${words(r.relationship).toLowerCase()}${r.parentalResponsibility ? ', parental responsibility' : ''}${r.livesWithChild ? ', lives with the child' : ''}`;
  });
}

/** The record's summary: who the child is. */
export function childSummaryRows(record: ChildRecord) {
  const c = record.child;
  const a = record.address;
  return [
    {
      key: { text: 'Date of birth' },
      value: { text: born(c) },
      ...(c.dateOfBirth ? {} : { actions: { items: [{ href: childPaths.birth(c.id), text: 'Record the birth' }] } }),
    },
    { key: { text: 'Sex' }, value: { text: capitalise(labelOf(sexCodes, c.sex)) } },
    { key: { text: 'Gender' }, value: { text: c.gender ?? 'Not recorded' } },
    { key: { text: 'Ethnicity' }, value: { text: labelOf(ethnicityCodes, c.ethnicity) } },
    { key: { text: 'First language' }, value: { text: c.language ?? 'Not recorded' } },
    {
      key: { text: 'Disabilities' },
      value: { text: record.disabilities.map((d) => labelOf(disabilityCodes, d)).join(', ') || 'None recorded' },
    },
    { key: { text: 'NHS number' }, value: { text: c.nhsNumber ?? 'Not recorded' } },
    { key: { text: 'UPN' }, value: { text: c.upn ?? 'Not recorded' } },
    {
      key: { text: 'Address' },
      value: { text: a ? [a.line1, a.town, a.postcode].filter(Boolean).join(', ') : 'Not recorded' },
      actions: { items: [{ href: childPaths.addresses(c.id), text: 'History and moves', visuallyHiddenText: 'of address' }] },
    },
  ];
}

/** The record's summary of the work: who holds the case, and the open referral. */
export function workSummaryRows(record: ChildRecord) {
  const r = record.openReferral;
  return [
    { key: { text: 'Team' }, value: { text: record.allocation?.teamName ?? 'Not allocated' } },
    { key: { text: 'Social worker' }, value: { text: record.allocation?.workerName ?? 'Not allocated' } },
    { key: { text: 'Social workers in the last 12 months' }, value: { text: record.workersInLastYear } },
    {
      key: { text: 'Open referral' },
      value: { text: r ? `${formatDate(r.referralDate)}${r.repeatReferral ? ' (repeat within 12 months)' : ''}` : 'None' },
    },
    { key: { text: 'Last seen' }, value: { text: record.lastSeen ? formatDate(record.lastSeen) : 'Not seen' } },
  ];
}

/** The record an access request is about: the child, or the restricted record as the viewer sees it. */
function requestedRecord(r: AccessRequestView) {
  return r.childId ? link(childPaths.record(r.childId), r.childName ?? '') : html`<strong>Restricted record</strong><br>${heldBy(r)}`;
}

/** The user's own requests for access, as table rows. */
export function myRequestRows(list: readonly AccessRequestView[]) {
  return list.map((r) => [
    { html: requestedRecord(r) },
    { text: r.reason },
    { text: formatDate(r.requestedAt) },
    { text: capitalise(r.status) },
  ]);
}

/** Requests waiting for the user's decision, as table rows ending in the Grant and Decline buttons. */
export function requestsToDecide(list: readonly AccessRequestView[]) {
  return list.map((r) => [
    { html: requestedRecord(r) },
    { text: r.requester },
    { text: r.reason },
    { text: formatDate(r.requestedAt) },
    {
      forms: [
        { action: childPaths.decideAccessRequest(r.id, 'grant'), text: 'Grant', label: `Grant access to ${r.requester}` },
        {
          action: childPaths.decideAccessRequest(r.id, 'decline'),
          text: 'Decline',
          label: `Decline access to ${r.requester}`,
          secondary: true,
        },
      ],
    },
  ]);
}
