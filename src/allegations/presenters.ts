/**
 * Allegations as GOV.UK macro parameters: the designated officer's figures and lists, the
 * allegation's page, and the forms. Links and tags in table cells are built with core's html
 * builders, which escape every value.
 */
import { type FormValues, FormView, rowCount, errorsOf } from '../casework/form.js';
import { attendanceRows, attendedText } from '../casework/meetings.js';
import { formatDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { html, link, tag } from '../core/views/html.js';
import * as to from './paths.js';
import type { AllegationList } from './paths.js';
import type { AllegationRow, AllegationView, Figures, LinkedChild } from './queries.js';
import {
  type AbuseType,
  type AllegationCategory,
  type AllegationOutcome,
  type MeetingKind,
  type OutcomeAction,
  type Sector,
  abuseTypes,
  allegationCategories,
  allegationOutcomes,
  meetingKinds,
  outcomeActions,
  sectors,
} from './schema.js';

export const sectorLabels: Record<Sector, string> = {
  education: 'Education',
  early_years: 'Early years',
  health: 'Health',
  police: 'Police',
  faith: 'Faith organisation',
  sport: 'Sport',
  residential_care: 'Residential care',
  foster_carer: 'Foster carer',
  other: 'Other',
};

/** The three ways an adult may have behaved that bring an allegation to the designated officer. */
export const categoryLabels: Record<AllegationCategory, { text: string; hint: string }> = {
  harm: { text: 'Harm', hint: 'Behaved in a way that has harmed a child, or may have harmed a child' },
  possible_offence: { text: 'Possible offence', hint: 'Possibly committed a criminal offence against or related to a child' },
  unsuitability: {
    text: 'Unsuitability',
    hint: 'Behaved towards a child or children in a way that indicates they may pose a risk of harm, or may not be suitable to work with children',
  },
};

export const abuseTypeLabels: Record<AbuseType, string> = {
  physical: 'Physical abuse',
  emotional: 'Emotional abuse',
  sexual: 'Sexual abuse',
  neglect: 'Neglect',
};

/** The five outcomes, each with what it means. */
export const outcomeLabels: Record<AllegationOutcome, { text: string; hint: string }> = {
  substantiated: { text: 'Substantiated', hint: 'There is enough evidence to prove the allegation' },
  false: { text: 'False', hint: 'There is enough evidence to disprove the allegation' },
  malicious: { text: 'Malicious', hint: 'There is enough evidence to disprove the allegation, and it was a deliberate act to deceive' },
  unsubstantiated: {
    text: 'Unsubstantiated',
    hint: 'There is not enough evidence to prove or disprove the allegation; this implies neither guilt nor innocence',
  },
  unfounded: { text: 'Unfounded', hint: 'There is no evidence or proper basis to support the allegation' },
};

export const actionLabels: Record<OutcomeAction, string> = {
  dbs_referral: 'Referral to the Disclosure and Barring Service',
  regulator_referral: 'Referral to a professional regulator',
  criminal_prosecution: 'Criminal prosecution',
  dismissal: 'Dismissal',
  resignation: 'Resigned, or ceased to provide services',
  disciplinary_action: 'Disciplinary action short of dismissal',
  training_or_supervision: 'Training, supervision or other support',
  no_further_action: 'No further action',
};

export const meetingLabels: Record<MeetingKind, string> = {
  strategy: 'Strategy meeting',
  evaluation: 'Evaluation meeting',
};

/** What each figure counts, and the heading of its list. */
export const listLabels: Record<AllegationList, string> = {
  open: 'open allegations',
  'this-quarter': 'referrals to the designated officer this quarter',
  'concluded-this-quarter': 'allegations concluded this quarter',
  'within-1-month': 'of those, resolved within 1 month of being made',
  'within-3-months': 'of those, resolved within 3 months of being made',
  'within-12-months': 'of those, resolved within 12 months of being made',
  all: 'every allegation',
};

const listHeadings: Record<AllegationList, string> = {
  open: 'Open allegations',
  'this-quarter': 'Referrals this quarter',
  'concluded-this-quarter': 'Concluded this quarter',
  'within-1-month': 'Concluded this quarter, within 1 month',
  'within-3-months': 'Concluded this quarter, within 3 months',
  'within-12-months': 'Concluded this quarter, within 12 months',
  all: 'Every allegation',
};

/** A share as a whole percentage, or nothing to say when there is nothing to share. */
export function share(part: number, whole: number): string {
  return whole === 0 ? '' : `${Math.round((100 * part) / whole)}%`;
}

/** Where the allegation stands: concluded with its outcome, or open since it was made. */
export function standing(a: Pick<AllegationRow, 'outcome' | 'concludedDate' | 'madeDate'>) {
  return a.outcome && a.concludedDate
    ? { text: `${outcomeLabels[a.outcome].text}, concluded ${formatDate(a.concludedDate)}`, tag: { text: 'Concluded', colour: 'green' } }
    : { text: `Open since ${formatDate(a.madeDate)}`, tag: { text: 'Open', colour: 'blue' } };
}

function childrenText(a: Pick<AllegationRow, 'linkedChildren' | 'otherChildrenCount'>): string {
  const parts = [
    ...(a.linkedChildren ? [`${a.linkedChildren} on the record`] : []),
    ...(a.otherChildrenCount ? [`${a.otherChildrenCount} not on the record`] : []),
  ];
  return parts.join(', ');
}

export function allegationRows(list: readonly AllegationRow[]) {
  return list.map((a) => {
    const s = standing(a);
    return [
      { html: link(to.allegationPath(a.id), a.adultName) },
      { text: `${a.adultRole}, ${a.employer} (${sectorLabels[a.sector]})` },
      { text: categoryLabels[a.category].text },
      { text: formatDate(a.madeDate) },
      { text: childrenText(a) },
      { html: html`${tag(s.tag.text, s.tag.colour)} ${s.text}` },
    ];
  });
}

export function listPage(figures: Figures, list: AllegationList, rows: readonly AllegationRow[], quarter: { start: string; end: string }) {
  const figure = (id: Exclude<AllegationList, 'all'>) => ({
    id,
    value: figures[id],
    href: to.allegationsPath(id),
    label:
      id.startsWith('within-') && figures['concluded-this-quarter'] > 0
        ? `${listLabels[id]} (${share(figures[id], figures['concluded-this-quarter'])})`
        : listLabels[id],
  });
  return {
    title: 'Allegations against adults who work with children',
    quarter: `This quarter: ${formatDate(quarter.start)} to ${formatDate(quarter.end)}`,
    record: { text: 'Record an allegation', href: to.newAllegationPath() },
    figures: [figure('open'), figure('this-quarter'), figure('concluded-this-quarter')],
    resolution: [figure('within-1-month'), figure('within-3-months'), figure('within-12-months')],
    listHeading: listHeadings[list],
    lists: [...(['open', 'all'] as const).map((l) => ({ text: listHeadings[l], href: to.allegationsPath(l), current: l === list }))],
    rows: allegationRows(rows),
  };
}

export function newAllegationPage(opts: { values: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['madeDate', 'ladoInformedDate']);
  const form = new FormView(opts.values, errors);
  return {
    title: 'Record an allegation',
    backLink: to.allegationsPath(),
    action: to.newAllegationPath(),
    errorList,
    adultName: form.input('adultName', 'Name of the adult'),
    adultRole: form.input('adultRole', 'Their role', { hint: 'For example, teacher, football coach, foster carer' }),
    employer: form.input('employer', 'Employer or organisation'),
    sector: form.select(
      'sector',
      'Sector',
      sectors.map((s) => ({ value: s, text: sectorLabels[s] })),
      { blank: 'Select the sector' },
    ),
    category: form.radios(
      'category',
      'What is alleged',
      allegationCategories.map((c) => ({ value: c, ...categoryLabels[c] })),
      { hint: 'That the adult has' },
    ),
    abuseType: form.radios(
      'abuseType',
      'Type of abuse (optional)',
      abuseTypes.map((t) => ({ value: t, text: abuseTypeLabels[t] })),
    ),
    detail: form.textarea('detail', 'What is alleged to have happened', { rows: 6 }),
    madeDate: form.date('madeDate', 'Date the employer was told', {
      hint: 'The day the allegation was reported to the employer or organisation',
    }),
    ladoInformedDate: form.date('ladoInformedDate', 'Date the designated officer was informed'),
    childReferences: form.input('childReferences', 'Reference numbers of children on the record', {
      hint: 'The children the allegation concerns who have a record here, separated by commas',
      classes: 'govuk-input--width-20',
    }),
    otherChildrenCount: form.input('otherChildrenCount', 'Children not on the record', {
      hint: 'How many other children it concerns (0 if none)',
      classes: 'govuk-input--width-3',
    }),
    otherChildrenDescription: form.input('otherChildrenDescription', 'About the children not on the record (optional)', {
      hint: 'A few words, such as “two pupils in year 8”; no names',
    }),
  };
}

function childRow(c: LinkedChild) {
  if (!c.id) return [{ text: 'Another child known to the service' }, { text: 'Restricted record' }];
  return [c.canOpen ? { html: link(to.childRecordPath(c.id), c.name ?? '') } : { text: c.name ?? '' }, { text: String(c.reference ?? '') }];
}

/** Which form of the allegation's page the values and errors belong to. */
export type AllegationForm = 'children';

export function allegationPage(
  a: AllegationView,
  opts: { form?: AllegationForm; values?: FormValues; errors?: readonly FieldError[] } = {},
) {
  const { errorList, errors } = errorsOf(opts.errors, []);
  const linkForm = new FormView(
    opts.form === 'children' ? { version: a.version, ...(opts.values ?? {}) } : { version: a.version },
    opts.form === 'children' ? errors : {},
  );
  const s = standing(a);
  const open = !a.concludedDate;
  return {
    title: `Allegation about ${a.adultName}`,
    backLink: to.allegationsPath(),
    errorList,
    standing: { text: s.text, tag: { text: s.tag.text, classes: `govuk-tag--${s.tag.colour}` } },
    summary: {
      rows: [
        { key: { text: 'Adult' }, value: { text: a.adultName } },
        { key: { text: 'Role' }, value: { text: a.adultRole } },
        { key: { text: 'Employer or organisation' }, value: { text: `${a.employer} (${sectorLabels[a.sector]})` } },
        { key: { text: 'What is alleged' }, value: { text: categoryLabels[a.category].hint } },
        ...(a.abuseType ? [{ key: { text: 'Type of abuse' }, value: { text: abuseTypeLabels[a.abuseType] } }] : []),
        { key: { text: 'What is alleged to have happened' }, value: { text: a.detail } },
        { key: { text: 'Employer told' }, value: { text: formatDate(a.madeDate) } },
        { key: { text: 'Designated officer informed' }, value: { text: formatDate(a.ladoInformedDate) } },
        ...(a.otherChildrenCount
          ? [
              {
                key: { text: 'Children not on the record' },
                value: { text: `${a.otherChildrenCount}${a.otherChildrenDescription ? `: ${a.otherChildrenDescription}` : ''}` },
              },
            ]
          : []),
      ],
    },
    childRows: a.children.map(childRow),
    linkChildren: open
      ? {
          action: to.linkChildrenPath(a.id),
          version: linkForm.value('version'),
          references: linkForm.input('childReferences', 'Reference numbers of children on the record', {
            hint: 'Separated by commas',
            classes: 'govuk-input--width-20',
          }),
        }
      : null,
    meetingRows: a.meetings.map((m) => [
      { text: meetingLabels[m.kind] },
      { text: formatDate(m.meetingDate) },
      { text: attendedText(m.attendance) || 'Nobody recorded as attending' },
      { text: m.decisions },
    ]),
    newMeeting: open ? { text: 'Record a meeting', href: to.newMeetingPath(a.id) } : null,
    outcome:
      a.outcome && a.concludedDate
        ? {
            rows: [
              { key: { text: 'Outcome' }, value: { text: `${outcomeLabels[a.outcome].text}: ${outcomeLabels[a.outcome].hint}` } },
              { key: { text: 'Concluded' }, value: { text: formatDate(a.concludedDate) } },
              { key: { text: 'Actions' }, value: { text: (a.outcomeActions ?? []).map((x) => actionLabels[x]).join('; ') } },
              ...(a.outcomeNotes ? [{ key: { text: 'Notes' }, value: { text: a.outcomeNotes } }] : []),
            ],
          }
        : null,
    recordOutcome: open ? { text: 'Record the outcome', href: to.outcomePath(a.id) } : null,
  };
}

const heading = (a: Pick<AllegationView, 'adultName' | 'id'>) => ({
  text: `Allegation about ${a.adultName}`,
  href: to.allegationPath(a.id),
});

export function meetingPage(a: AllegationView, opts: { today: string; values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['meetingDate']);
  const values = { meetingDate: opts.today, version: a.version, ...(opts.values ?? {}) };
  const form = new FormView(values, errors);
  const count = rowCount(values, 'attendance', 3);
  return {
    title: 'Record a meeting',
    caption: heading(a),
    backLink: to.allegationPath(a.id),
    action: to.newMeetingPath(a.id),
    errorList,
    version: form.value('version'),
    kind: form.radios(
      'kind',
      'Kind of meeting',
      meetingKinds.map((k) => ({ value: k, text: meetingLabels[k] })),
      { inline: true },
    ),
    meetingDate: form.date('meetingDate', 'Date of the meeting'),
    attendanceId: 'attendance',
    attendanceError: form.error('attendance') ?? null,
    attendance: attendanceRows(form, count),
    attendanceRows: count + 2,
    decisions: form.textarea('decisions', 'Decisions', { hint: 'What was decided, and who will do what', rows: 6 }),
  };
}

export function outcomePage(a: AllegationView, opts: { today: string; values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['concludedDate']);
  const form = new FormView({ concludedDate: opts.today, version: a.version, ...(opts.values ?? {}) }, errors);
  return {
    title: 'Record the outcome',
    caption: heading(a),
    backLink: to.allegationPath(a.id),
    action: to.outcomePath(a.id),
    errorList,
    version: form.value('version'),
    outcome: form.radios(
      'outcome',
      'Outcome',
      allegationOutcomes.map((o) => ({ value: o, ...outcomeLabels[o] })),
    ),
    concludedDate: form.date('concludedDate', 'Date the allegation concluded'),
    actions: form.checkboxes(
      'actions',
      'Actions',
      outcomeActions.map((x) => ({ value: x, text: actionLabels[x] })),
      { hint: 'Select all that were taken' },
    ),
    outcomeNotes: form.textarea('outcomeNotes', 'Notes on the outcome (optional)', { rows: 4 }),
  };
}
