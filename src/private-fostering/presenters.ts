/**
 * Query results as GOV.UK macro parameters and plain data for the templates: every label and
 * every choice a page shows is decided here, table rows included; a link or a tag in a cell is
 * built with core's html builders, which escape every value.
 */
import { type FormValues, FormView, type Option, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { formatDate as formatIsoDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { link, tag } from '../core/views/html.js';
import { daysText } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import { notificationFactId } from './facts.js';
import * as to from './paths.js';
import type { ArrangementView, FigureChild, FigureList, Figures, FirstVisit, VisitRow } from './queries.js';
import { figureLists } from './queries.js';
import {
  type CarerAssessmentOutcome,
  carerAssessmentOutcomes,
  type ArrangementEndReason,
  arrangementEndReasons,
  type Notifier,
  privateFosteringNotifiers,
} from './schema.js';

export const notifierLabels: Record<Notifier, string> = {
  parent: 'A parent',
  carer: 'The private foster carer',
  school: 'The child’s school',
  other: 'Someone else',
};

export const assessmentOutcomeLabels: Record<CarerAssessmentOutcome, string> = {
  suitable: 'The carer is suitable',
  not_suitable: 'The carer is not suitable',
  requirements_imposed: 'Requirements imposed on the carer (Children Act 1989 Sch 8 para 6)',
  prohibited: 'The carer is prohibited from privately fostering (Children Act 1989 s69)',
};

export const endReasonLabels: Record<ArrangementEndReason, string> = {
  returned_to_parents: 'The child returned to their parents',
  moved_to_another_carer: 'The child moved to another carer',
  became_looked_after: 'The child became looked after',
  reached_age_limit: 'The child reached 16 (18 if disabled)',
  prohibited: 'The carer was prohibited',
  left_the_area: 'The child and carer left the authority’s area',
  other: 'Another reason',
};

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d.slice(0, 10)) : '');
const labelOf = <K extends string>(labels: Record<K, string>, code: string | null) => (code ? (labels[code as K] ?? code) : '');
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const options = <K extends string>(labels: Record<K, string>, keys: readonly K[]): Option[] =>
  keys.map((k) => ({ value: k, text: labels[k] }));

const notifiedByText = (a: Pick<ArrangementView, 'notifiedBy' | 'notifierDetail'>) =>
  `${labelOf(notifierLabels, a.notifiedBy)}${a.notifierDetail ? `: ${a.notifierDetail}` : ''}`;

/** Where the carer's assessment stands, in a sentence. */
export function assessmentText(a: Pick<ArrangementView, 'assessmentStartedOn' | 'assessmentCompletedOn' | 'assessmentOutcome'>): string {
  if (!a.assessmentStartedOn) return 'Not started';
  if (!a.assessmentCompletedOn) return `Started ${formatDate(a.assessmentStartedOn)}, not completed`;
  return `Completed ${formatDate(a.assessmentCompletedOn)}: ${lowerFirst(labelOf(assessmentOutcomeLabels, a.assessmentOutcome))}`;
}

/** The obligation counted from the notification: the first visit, 7 working days on (reg 4(1)). */
export const isFirstVisit = (o: Pick<ObligationView, 'key'>, arrangementId: string) =>
  o.key.endsWith(`:${notificationFactId(arrangementId)}`);

/** The next thing due, with why: what the record shows against "Next". */
function nextDue(obligations: readonly ObligationView[]) {
  const next = obligations.filter(outstanding)[0];
  return next
    ? {
        text: next.ruleName,
        explanation: next.explanation,
        due: formatDate(next.due),
        tag: { text: statusLabels[next.status].text, classes: `govuk-tag--${statusLabels[next.status].colour}` },
      }
    : null;
}

// ── the child's record: the private fostering section ────────────────────────

/** What the child's record shows about private fostering, or nothing for a child never privately fostered. */
export function recordSection(childId: string, arrangements: readonly ArrangementView[], obligations: readonly ObligationView[]) {
  const open = arrangements.find((a) => !a.endedOn);
  const last = arrangements[0];
  const links: { text: string; href: string }[] = [];
  let status: string;
  const rows = [];
  if (open) {
    status = `Privately fostered by ${open.carerName} (${open.carerRelationship}) since ${formatDate(open.arrangementStartedOn)}; notified ${formatDate(open.notifiedOn)}`;
    rows.push(row('Carer’s assessment', assessmentText(open)));
    links.push({ text: 'Open the private fostering arrangement', href: to.arrangementPath(childId, open.id) });
    links.push({ text: 'Record a private fostering visit', href: to.newPrivateFosteringVisitPath(childId) });
  } else {
    status = last
      ? `Not privately fostered: the last arrangement ended on ${formatDate(last.endedOn)} (${lowerFirst(labelOf(endReasonLabels, last.endReason))})`
      : 'No private fostering arrangement recorded';
    links.push({ text: 'Record a private fostering notification', href: to.newArrangementPath(childId) });
  }
  return { status, rows, next: open ? nextDue(obligations) : null, links, overview: to.privateFosteringPath(childId) };
}

// ── the child's private fostering: every arrangement ─────────────────────────

export function overviewPage(child: ChildHeading, arrangements: readonly ArrangementView[], obligations: readonly ObligationView[]) {
  const section = recordSection(child.id, arrangements, obligations);
  return {
    title: 'Private fostering',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    status: section.status,
    links: section.links,
    arrangementRows: arrangements.map((a) => [
      { html: link(to.arrangementPath(child.id, a.id), formatDate(a.notifiedOn), 'arrangement notified on') },
      { text: a.carerName },
      { text: formatDate(a.arrangementStartedOn) },
      { text: a.endedOn ? `${formatDate(a.endedOn)} (${labelOf(endReasonLabels, a.endReason)})` : 'Continuing' },
    ]),
  };
}

// ── the arrangement ──────────────────────────────────────────────────────────

/** The visits the clock asks for under the arrangement: the first within 7 working days of notification, then the later ones. */
export function visitRuleRows(arrangementId: string, obligations: readonly ObligationView[]) {
  const mine = obligations.filter((o) => o.episode === arrangementId);
  const ordered = [...mine].sort((x, y) => x.due.localeCompare(y.due));
  return ordered.map((o) => [
    { text: isFirstVisit(o, arrangementId) ? 'First visit: within 7 working days of the notification' : 'Later visit' },
    { text: formatDate(o.due) },
    { text: o.done ? formatDate(o.done) : 'Not yet' },
    { html: tag(statusLabels[o.status].text, statusLabels[o.status].colour) },
    { text: daysText(o) },
  ]);
}

/** The child's visits during the arrangement: only those where the child was seen meet the rule. */
export function visitRows(visits: readonly VisitRow[]) {
  return visits.map((v) => [
    { text: formatDate(v.visitDate) },
    { text: v.childSeen ? (v.seenAlone ? 'Seen alone' : 'Seen, not alone') : 'Not seen: does not count as a visit' },
    { text: v.purpose.charAt(0).toUpperCase() + v.purpose.slice(1).replace(/_/g, ' ') },
    { text: v.worker ?? '' },
  ]);
}

export function arrangementPage(
  child: ChildHeading,
  a: ArrangementView,
  visits: readonly VisitRow[],
  obligations: readonly ObligationView[],
) {
  const open = !a.endedOn;
  return {
    title: 'Private fostering arrangement',
    caption: caption(child),
    backLink: to.privateFosteringPath(child.id),
    notification: {
      rows: [
        row('Notification received', formatDate(a.notifiedOn)),
        row('Notified by', notifiedByText(a)),
        row('Arrangement began', formatDate(a.arrangementStartedOn)),
        row('Expected to last', a.expectedDuration),
        row('Ended', a.endedOn ? `${formatDate(a.endedOn)}: ${labelOf(endReasonLabels, a.endReason)}` : 'Continuing'),
      ],
    },
    carer: {
      rows: [
        row('Name', a.carerName),
        row('Postcode', a.carerPostcode),
        row('How they know the child or family', a.carerRelationship),
        row('Suitability assessment', assessmentText(a)),
      ],
    },
    parents: a.parentsDetails,
    links: [
      ...(open ? [{ text: 'Record a visit', href: to.newPrivateFosteringVisitPath(child.id) }] : []),
      { text: 'Change the details', href: to.changeArrangementPath(child.id, a.id) },
      {
        text: a.assessmentStartedOn ? 'Change the carer’s assessment' : 'Record the carer’s assessment',
        href: to.assessmentPath(child.id, a.id),
      },
      ...(open ? [{ text: 'End the arrangement', href: to.endArrangementPath(child.id, a.id) }] : []),
    ],
    ruleRows: visitRuleRows(a.id, obligations),
    visitRows: visitRows(visits),
  };
}

// ── forms ────────────────────────────────────────────────────────────────────

const detailDates = ['notifiedOn', 'arrangementStartedOn'];

function detailFormFields(form: FormView) {
  return {
    notifiedOn: form.date('notifiedOn', 'Date the notification was received'),
    notifiedBy: form.radios('notifiedBy', 'Who notified the authority', options(notifierLabels, privateFosteringNotifiers)),
    notifierDetail: form.input('notifierDetail', 'Who notified, in a few words (optional)', {
      hint: 'Required when someone else notified: a neighbour, a health visitor, the police',
    }),
    arrangementStartedOn: form.date('arrangementStartedOn', 'Date the arrangement began', {
      hint: 'The day the child went to live with the carer; it may be before the notification, or after it when the carer notified in advance',
    }),
    carerName: form.input('carerName', 'The private foster carer’s name'),
    carerPostcode: form.input('carerPostcode', 'The private foster carer’s postcode', { classes: 'govuk-input--width-10' }),
    carerRelationship: form.input('carerRelationship', 'How the carer knows the child or family', {
      hint: 'For example a family friend, a great-aunt, a host family. A grandparent, aunt, uncle, brother, sister or step-parent is a close relative, not a private foster carer',
    }),
    parentsDetails: form.textarea('parentsDetails', 'The parents’ names and where they live', { rows: 3 }),
    expectedDuration: form.input('expectedDuration', 'How long the arrangement is expected to last', {
      hint: 'For example "the school year" or "until mother leaves hospital"',
    }),
  };
}

export function notificationForm(child: ChildHeading, opts: { values: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, detailDates);
  return {
    title: 'Record a private fostering notification',
    caption: caption(child),
    backLink: to.privateFosteringPath(child.id),
    action: to.newArrangementPath(child.id),
    errorList,
    version: null,
    submit: 'Save the notification',
    ...detailFormFields(new FormView(opts.values, errors)),
  };
}

export function changeForm(child: ChildHeading, a: ArrangementView, opts: { values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, detailDates);
  const saved: FormValues = {
    notifiedOn: a.notifiedOn,
    notifiedBy: a.notifiedBy,
    notifierDetail: a.notifierDetail ?? '',
    arrangementStartedOn: a.arrangementStartedOn,
    carerName: a.carerName,
    carerPostcode: a.carerPostcode,
    carerRelationship: a.carerRelationship,
    parentsDetails: a.parentsDetails,
    expectedDuration: a.expectedDuration,
    version: a.version,
  };
  const form = new FormView({ ...saved, ...(opts.values ?? {}) }, errors);
  return {
    title: 'Change the private fostering arrangement',
    caption: caption(child),
    backLink: to.arrangementPath(child.id, a.id),
    action: to.changeArrangementPath(child.id, a.id),
    errorList,
    version: form.value('version'),
    submit: 'Save changes',
    ...detailFormFields(form),
  };
}

export function assessmentForm(
  child: ChildHeading,
  a: ArrangementView,
  opts: { today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['assessmentStartedOn', 'assessmentCompletedOn']);
  const saved: FormValues = {
    assessmentStartedOn: a.assessmentStartedOn ?? opts.today,
    assessmentCompletedOn: a.assessmentCompletedOn ?? '',
    assessmentOutcome: a.assessmentOutcome ?? '',
    version: a.version,
  };
  const form = new FormView({ ...saved, ...(opts.values ?? {}) }, errors);
  return {
    title: 'The private foster carer’s suitability assessment',
    caption: caption(child),
    backLink: to.arrangementPath(child.id, a.id),
    action: to.assessmentPath(child.id, a.id),
    errorList,
    intro: `${a.carerName}; notification received ${formatDate(a.notifiedOn)}.`,
    version: form.value('version'),
    assessmentStartedOn: form.date('assessmentStartedOn', 'Date the assessment started'),
    assessmentCompletedOn: form.date('assessmentCompletedOn', 'Date the assessment was completed', {
      hint: 'Leave blank while the assessment is under way',
    }),
    assessmentOutcome: form.radios(
      'assessmentOutcome',
      'Outcome of the assessment',
      options(assessmentOutcomeLabels, carerAssessmentOutcomes),
      {
        hint: 'Once the assessment is completed',
      },
    ),
  };
}

export function endForm(
  child: ChildHeading,
  a: ArrangementView,
  opts: { today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['endedOn']);
  const form = new FormView({ endedOn: opts.today, version: a.version, ...(opts.values ?? {}) }, errors);
  return {
    title: 'End the private fostering arrangement',
    caption: caption(child),
    backLink: to.arrangementPath(child.id, a.id),
    action: to.endArrangementPath(child.id, a.id),
    errorList,
    hint: `The arrangement with ${a.carerName} began on ${formatDate(a.arrangementStartedOn)}. No visit is owed under it after it ends.`,
    version: form.value('version'),
    endedOn: form.date('endedOn', 'Date the arrangement ended'),
    endReason: form.radios('endReason', 'Why the arrangement ended', options(endReasonLabels, arrangementEndReasons)),
  };
}

// ── the managers' figures ────────────────────────────────────────────────────

const listTitles: Record<FigureList, string> = {
  current: 'Privately fostered now',
  notified: 'Notified in the last 12 months',
  on_time: 'Seen within 7 working days of the notification',
  late: 'Seen, but later than 7 working days after the notification',
  not_seen: 'Not seen, and 7 working days have passed',
  not_yet_due: 'Not yet seen, still within 7 working days',
  ended_before_due: 'Arrangement ended before the first visit was due',
};

const childCell = (c: FigureChild) =>
  c.restricted ? { text: 'Restricted record' } : { html: link(to.arrangementPath(c.childId, c.arrangementId), c.childName) };

export function figuresPage(f: Figures, chosen: FigureList | null) {
  const count = (list: FigureList) => ({ html: link(to.privateFosteringListPath(list), f.lists[list].length, listTitles[list]) });
  const figureRow = (list: FigureList) => [{ text: listTitles[list] }, { ...count(list), format: 'numeric' }];
  const firstVisitLabels: Record<FirstVisit, string> = {
    on_time: 'Within 7 working days',
    late: 'Late',
    not_seen: 'Not seen',
    not_yet_due: 'Not yet due',
    ended_before_due: 'Ended before due',
  };
  return {
    title: 'Private fostering',
    headline:
      f.percentOnTime === null
        ? 'No first visit has fallen due in the last 12 months.'
        : `${f.lists.on_time.length} of ${f.decided} privately fostered children whose first visit fell due in the last 12 months were seen within 7 working days of the notification (${f.percentOnTime}%).`,
    rows: figureLists.map(figureRow),
    chosen: chosen
      ? {
          caption: listTitles[chosen],
          rows: f.lists[chosen].map((c) => [
            childCell(c),
            { text: formatDate(c.notifiedOn) },
            { text: c.due ? formatDate(c.due) : '' },
            { text: c.done ? formatDate(c.done) : 'Not yet' },
            { text: firstVisitLabels[c.firstVisit] },
            { text: c.endedOn ? formatDate(c.endedOn) : 'Continuing' },
          ]),
        }
      : null,
  };
}
