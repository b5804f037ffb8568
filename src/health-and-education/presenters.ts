/**
 * Query results as GOV.UK macro parameters and plain data for the templates: every label, row
 * and choice a page shows is decided here. A form is a list of fields, each naming the macro
 * that shows it, so one template shows every form.
 */
import { type FormValues, FormView, type Option, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { formatDate as formatIsoDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { link, tag } from '../core/views/html.js';
import { obligationRows } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import * as to from './paths.js';
import type { HealthAndEducationRecord, HealthCheckView, PepView } from './queries.js';
import { assessmentTypes, FULL_TIME_HOURS, healthStatusKinds, offendingOutcomes, ofstedGrades, SDQ_MAX, sdqReasonCodes } from './schema.js';

// ── words ────────────────────────────────────────────────────────────────────

export const assessmentTypeLabels: Record<(typeof assessmentTypes)[number], string> = {
  initial: 'Initial health assessment',
  review: 'Review health assessment',
};

export const healthStatusKindLabels: Record<(typeof healthStatusKinds)[number], string> = {
  immunisations: 'Immunisations',
  health_surveillance: 'Health surveillance checks (children under 5)',
};

/** DfE's SSDA903 reasons for no SDQ score, in short. */
export const sdqReasonLabels: Record<(typeof sdqReasonCodes)[number], string> = {
  SDQ1: 'No form returned: the child was under 4 or over 17',
  SDQ2: 'The carer refused to complete and return the questionnaire',
  SDQ3: 'Not possible because of the severity of the child’s disability',
  SDQ4: 'Another reason',
  SDQ5: 'The child refused to allow an SDQ to be completed',
};

export const offendingOutcomeLabels: Record<(typeof offendingOutcomes)[number], string> = {
  conviction: 'Convicted',
  youth_caution: 'Youth caution',
  youth_conditional_caution: 'Youth conditional caution',
};

export const ofstedGradeLabels: Record<(typeof ofstedGrades)[number], string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  requires_improvement: 'Requires improvement',
  inadequate: 'Inadequate',
  not_yet_inspected: 'Not yet inspected',
};

const of = <K extends string>(labels: Record<K, string>, code: string | null) => (code ? (labels[code as K] ?? code) : '');
const options = <K extends string>(labels: Record<K, string>, codes: readonly K[]): Option[] =>
  codes.map((c) => ({ value: c, text: labels[c] }));
const codedOptions = <K extends string>(labels: Record<K, string>, codes: readonly K[]): Option[] =>
  codes.map((c) => ({ value: c, text: `${c}: ${labels[c]}` }));

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d) : '');
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const htmlRow = (key: string, value: ReturnType<typeof tag> | ReturnType<typeof link>) => ({ key: { text: key }, value: { html: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const met = (o: ObligationView) => o.status === 'met_on_time' || o.status === 'met_late';
const yesNo = (b: boolean) => (b ? 'Yes' : 'No');

/** Hours a week in words, with a red tag when under the 25 hours statutory guidance expects. */
export function hoursText(hours: number): string {
  return `${hours} hour${hours === 1 ? '' : 's'} a week`;
}
export const underFullTime = (hours: number) => hours < FULL_TIME_HOURS;
export function hoursTag(hours: number) {
  return underFullTime(hours) ? tag(`Under ${FULL_TIME_HOURS} hours`, 'red') : tag(`${FULL_TIME_HOURS} hours or more`, 'green');
}

// ── summaries ────────────────────────────────────────────────────────────────

function latest<T>(list: readonly T[], keep: (t: T) => boolean = () => true): T | undefined {
  return list.find(keep);
}

/** The health summary: the latest of each, or that none is recorded. */
function healthRows(r: HealthAndEducationRecord) {
  const assessment = latest(r.healthChecks, (c) => c.checkType === 'health_assessment');
  const dental = latest(r.healthChecks, (c) => c.checkType === 'dental_check');
  const immunisations = latest(r.statuses, (s) => s.kind === 'immunisations');
  const sdq = r.sdqs[0];
  return [
    row(
      'Last health assessment',
      assessment ? `${of(assessmentTypeLabels, assessment.assessmentType)}, ${formatDate(assessment.checkDate)}` : 'None recorded',
    ),
    row('Last dental check', dental ? formatDate(dental.checkDate) : 'None recorded'),
    row(
      'Immunisations up to date',
      immunisations ? `${yesNo(immunisations.upToDate)}, as at ${formatDate(immunisations.asAtDate)}` : 'Not recorded',
    ),
    row(
      'Strengths and difficulties questionnaire',
      sdq
        ? sdq.score !== null
          ? `Score ${sdq.score} of ${SDQ_MAX}, ${formatDate(sdq.completedDate)}`
          : `No score (${of(sdqReasonLabels, sdq.reason)}), ${formatDate(sdq.completedDate)}`
        : 'None recorded',
    ),
  ];
}

/** The education summary: the school now, the plan of the period in force and the hours now (flagged under 25). */
function educationRows(r: HealthAndEducationRecord) {
  const school = r.schools[0];
  const pep = r.peps[0];
  const hours = r.hours[0];
  return [
    row(
      'School',
      school
        ? `${school.schoolName}${school.urn ? ` (URN ${school.urn})` : ''}, Ofsted: ${of(ofstedGradeLabels, school.ofstedGrade)}`
        : 'Not recorded',
    ),
    row(
      'Personal education plan',
      pep
        ? `Initiated ${formatDate(pep.initiatedDate)}${pep.meetings[0] ? `; last PEP meeting ${formatDate(pep.meetings[0])}` : '; no PEP meeting since'}`
        : 'None recorded',
    ),
    hours
      ? htmlRow('Hours of education', tagged(`${hoursText(hours.hoursPerWeek)}, as at ${formatDate(hours.asAtDate)}`, hours.hoursPerWeek))
      : row('Hours of education', 'Not recorded'),
  ];
}

function tagged(text: string, hours: number) {
  return tag(text, underFullTime(hours) ? 'red' : 'green');
}

function next(list: readonly ObligationView[]) {
  const o = list.filter(outstanding)[0];
  return o
    ? {
        text: o.ruleName,
        explanation: o.explanation,
        due: formatDate(o.due.slice(0, 10)),
        tag: { text: statusLabels[o.status].text, classes: `govuk-tag--${statusLabels[o.status].colour}` },
      }
    : null;
}

const hasAnything = (r: HealthAndEducationRecord) =>
  r.periods.length > 0 || r.healthChecks.length + r.statuses.length + r.sdqs.length + r.schools.length + r.peps.length + r.hours.length > 0;

// ── the child's record: the health and education section ─────────────────────

/** What the record shows: the latest health and education, and what is due next; nothing for a child never looked after with nothing recorded. */
export function recordSection(childId: string, record: HealthAndEducationRecord, obligations: readonly ObligationView[]) {
  if (!hasAnything(record)) return null;
  return {
    rows: [...healthRows(record), ...educationRows(record)],
    next: next(obligations),
    overview: to.healthAndEducationPath(childId),
  };
}

// ── the overview ─────────────────────────────────────────────────────────────

function pepRows(childId: string, peps: readonly PepView[]) {
  return peps.map((p) => [
    { text: `${formatDate(p.periodStart)} to ${p.periodEnd ? formatDate(p.periodEnd) : 'now'}` },
    { text: formatDate(p.initiatedDate) },
    { text: p.meetings.length ? p.meetings.map(formatDate).join(', ') : 'None yet' },
    {
      html: p.periodEnd
        ? tag('Period of care ended', 'grey')
        : link(to.newPepMeetingPath(childId, p.id), 'Record a PEP meeting', `for the plan initiated ${formatDate(p.initiatedDate)}`),
    },
  ]);
}

function checkRows(childId: string, checks: readonly HealthCheckView[]) {
  return checks.map((c) => [
    { text: formatDate(c.checkDate) },
    { text: c.checkType === 'dental_check' ? 'Dental check' : of(assessmentTypeLabels, c.assessmentType) },
    { text: c.completedBy ?? 'Not recorded' },
    {
      html:
        c.checkType === 'health_assessment'
          ? link(to.healthAssessmentPath(childId, c.id), 'Correct', `the health assessment of ${formatDate(c.checkDate)}`)
          : '',
    },
  ]);
}

export function overviewPage(child: ChildHeading, record: HealthAndEducationRecord, obligations: readonly ObligationView[]) {
  const open = record.periods.find((p) => !p.endDate);
  const openPep = open ? record.peps.find((p) => p.carePeriodId === open.id) : undefined;
  return {
    title: 'Health and education',
    caption: caption(child),
    backLink: `/children/${child.id}`,
    status: open
      ? `Looked after since ${formatDate(open.startDate)}`
      : record.periods[0]
        ? `Not looked after now: the last period of care ended on ${formatDate(record.periods[0].endDate)}`
        : 'Not looked after: no period of care recorded. The health and education rules run while the child is looked after.',
    healthSummary: { rows: healthRows(record) },
    educationSummary: { rows: educationRows(record) },
    healthLinks: [
      { text: 'Record a health assessment', href: to.newHealthAssessmentPath(child.id) },
      { text: 'Record a dental check', href: to.newDentalCheckPath(child.id) },
      { text: 'Record immunisations or health surveillance checks', href: to.newHealthStatusPath(child.id) },
      { text: 'Record a strengths and difficulties questionnaire', href: to.newSdqPath(child.id) },
      { text: 'Record a substance misuse problem', href: to.newSubstanceMisusePath(child.id) },
      { text: 'Record a conviction or youth caution', href: to.newConvictionPath(child.id) },
    ],
    educationLinks: [
      { text: 'Record the child’s school', href: to.newSchoolPath(child.id) },
      openPep
        ? { text: 'Record a PEP meeting', href: to.newPepMeetingPath(child.id, openPep.id) }
        : { text: 'Record that the personal education plan was initiated', href: to.newPepPath(child.id) },
      { text: 'Record hours of education a week', href: to.newEducationHoursPath(child.id) },
    ],
    due: obligationRows(obligations.filter(outstanding)),
    done: obligationRows(obligations.filter(met)),
    checkRows: checkRows(child.id, record.healthChecks),
    statusRows: record.statuses.map((s) => [
      { text: formatDate(s.asAtDate) },
      { text: of(healthStatusKindLabels, s.kind) },
      { text: yesNo(s.upToDate) },
    ]),
    sdqRows: record.sdqs.map((s) => [
      { text: formatDate(s.completedDate) },
      { text: s.score !== null ? String(s.score) : 'No score', format: 'numeric' },
      { text: s.reason ? `${s.reason}: ${of(sdqReasonLabels, s.reason)}` : '' },
    ]),
    substanceRows: record.substanceMisuse.map((s) => [
      { text: formatDate(s.identifiedDate) },
      { text: s.substance ?? 'Not recorded' },
      {
        text: s.interventionReceived
          ? 'Received an intervention'
          : s.interventionOffered
            ? 'Offered an intervention, not received'
            : 'Not offered an intervention',
      },
    ]),
    convictionRows: record.convictions.map((c) => [{ text: formatDate(c.outcomeDate) }, { text: of(offendingOutcomeLabels, c.outcome) }]),
    schoolRows: record.schools.map((s) => [
      { text: formatDate(s.fromDate) },
      { text: s.schoolName },
      { text: s.urn ?? 'Not recorded' },
      { text: of(ofstedGradeLabels, s.ofstedGrade) },
    ]),
    pepRows: pepRows(child.id, record.peps),
    hoursRows: record.hours.map((h) => [
      { text: formatDate(h.asAtDate) },
      { text: String(h.hoursPerWeek), format: 'numeric' },
      { html: hoursTag(h.hoursPerWeek) },
    ]),
  };
}

// ── forms ────────────────────────────────────────────────────────────────────

type FormOpts = { values: FormValues; errors?: readonly FieldError[] };
type Field = { macro: 'date' | 'input' | 'radios' | 'select' | 'hidden'; params: unknown };

const date = (params: unknown): Field => ({ macro: 'date', params });
const input = (params: unknown): Field => ({ macro: 'input', params });
const radios = (params: unknown): Field => ({ macro: 'radios', params });
const select = (params: unknown): Field => ({ macro: 'select', params });

function form(
  child: ChildHeading,
  opts: FormOpts,
  spec: { title: string; action: string; dates: string[]; defaults?: FormValues; intro?: string; fields: (f: FormView) => Field[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, spec.dates);
  const view = new FormView({ ...spec.defaults, ...opts.values }, errors);
  return {
    title: spec.title,
    caption: caption(child),
    backLink: to.healthAndEducationPath(child.id),
    action: spec.action,
    errorList,
    intro: spec.intro ?? null,
    version: view.value('version') || null,
    fields: spec.fields(view),
  };
}

export function healthAssessmentForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record a health assessment',
    action: to.newHealthAssessmentPath(child.id),
    dates: ['checkDate'],
    intro:
      'The initial health assessment is due within 20 working days of the child becoming looked after; reviews every 6 months before the fifth birthday and every 12 months after.',
    fields: (f) => [
      radios(f.radios('assessmentType', 'Type of health assessment', options(assessmentTypeLabels, assessmentTypes))),
      date(f.date('checkDate', 'Date the health assessment was completed')),
      input(f.input('completedBy', 'Who completed the health assessment', { hint: 'The doctor, nurse or health visitor' })),
    ],
  });
}

export function correctHealthAssessmentForm(child: ChildHeading, check: HealthCheckView, opts: FormOpts) {
  return form(child, opts, {
    title: 'Correct a health assessment',
    action: to.healthAssessmentPath(child.id, check.id),
    dates: ['checkDate'],
    defaults: {
      assessmentType: check.assessmentType ?? '',
      checkDate: check.checkDate,
      completedBy: check.completedBy ?? '',
      version: check.version,
    },
    fields: (f) => [
      radios(f.radios('assessmentType', 'Type of health assessment', options(assessmentTypeLabels, assessmentTypes))),
      date(f.date('checkDate', 'Date the health assessment was completed')),
      input(f.input('completedBy', 'Who completed the health assessment')),
    ],
  });
}

export function dentalCheckForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record a dental check',
    action: to.newDentalCheckPath(child.id),
    dates: ['checkDate'],
    fields: (f) => [
      date(f.date('checkDate', 'Date of the dental check')),
      input(f.input('completedBy', 'Dentist or practice', { hint: 'Optional' })),
    ],
  });
}

export function healthStatusForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record immunisations or health surveillance checks',
    action: to.newHealthStatusPath(child.id),
    dates: ['asAtDate'],
    defaults: { kind: 'immunisations' },
    fields: (f) => [
      radios(f.radios('kind', 'What is recorded', options(healthStatusKindLabels, healthStatusKinds))),
      date(f.date('asAtDate', 'As at')),
      radios(f.yesNo('upToDate', 'Are they up to date?')),
    ],
  });
}

export function sdqForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record a strengths and difficulties questionnaire',
    action: to.newSdqPath(child.id),
    dates: ['completedDate'],
    fields: (f) => [
      date(f.date('completedDate', 'Date of the questionnaire')),
      input(f.input('score', 'SDQ score', { hint: `The total difficulties score, from 0 to ${SDQ_MAX}`, classes: 'govuk-input--width-3' })),
      select(f.select('reason', 'Reason there is no score', codedOptions(sdqReasonLabels, sdqReasonCodes), { blank: 'There is a score' })),
    ],
  });
}

export function substanceMisuseForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record a substance misuse problem',
    action: to.newSubstanceMisusePath(child.id),
    dates: ['identifiedDate'],
    fields: (f) => [
      date(f.date('identifiedDate', 'Date the problem was identified')),
      input(f.input('substance', 'Substance', { hint: 'Optional' })),
      radios(f.yesNo('interventionReceived', 'Did the child receive an intervention?')),
      radios(f.yesNo('interventionOffered', 'If not, was an intervention offered?', { hint: 'Leave blank if the child received one' })),
    ],
  });
}

export function convictionForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record a conviction or youth caution',
    action: to.newConvictionPath(child.id),
    dates: ['outcomeDate'],
    fields: (f) => [
      date(f.date('outcomeDate', 'Date of the conviction or caution')),
      radios(f.radios('outcome', 'Outcome', options(offendingOutcomeLabels, offendingOutcomes))),
    ],
  });
}

export function schoolForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record the child’s school',
    action: to.newSchoolPath(child.id),
    dates: ['fromDate'],
    intro: 'A new school replaces the last from the day the child started there.',
    fields: (f) => [
      date(f.date('fromDate', 'Date the child started at the school')),
      input(f.input('schoolName', 'School')),
      input(
        f.input('urn', 'School URN', {
          hint: 'Optional: the school’s six-digit unique reference number',
          classes: 'govuk-input--width-10',
        }),
      ),
      radios(f.radios('ofstedGrade', 'Ofsted grade', options(ofstedGradeLabels, ofstedGrades), { hint: 'As the authority records it' })),
    ],
  });
}

export function pepForm(child: ChildHeading, record: HealthAndEducationRecord, opts: FormOpts) {
  const open = record.periods.find((p) => !p.endDate);
  return form(child, opts, {
    title: 'Record that the personal education plan was initiated',
    action: to.newPepPath(child.id),
    dates: ['initiatedDate'],
    defaults: { carePeriodId: open?.id ?? '' },
    intro: record.periods.length
      ? 'A personal education plan belongs to a period of care; it is reviewed at a PEP meeting every school term.'
      : 'No period of care is recorded: a personal education plan is for a looked after child.',
    fields: (f) => [
      select(
        f.select(
          'carePeriodId',
          'Period of care',
          record.periods.map((p) => ({
            value: p.id,
            text: `From ${formatDate(p.startDate)}${p.endDate ? ` to ${formatDate(p.endDate)}` : ' (looked after now)'}`,
          })),
          { blank: '' },
        ),
      ),
      date(f.date('initiatedDate', 'Date the plan was initiated')),
    ],
  });
}

export function pepMeetingForm(child: ChildHeading, pep: PepView, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record a PEP meeting',
    action: to.newPepMeetingPath(child.id, pep.id),
    dates: ['meetingDate'],
    defaults: { version: pep.version },
    intro: `The plan was initiated on ${formatDate(pep.initiatedDate)}${pep.meetings[0] ? `; the last PEP meeting was on ${formatDate(pep.meetings[0])}` : ''}.`,
    fields: (f) => [date(f.date('meetingDate', 'Date of the PEP meeting'))],
  });
}

export function educationHoursForm(child: ChildHeading, opts: FormOpts) {
  return form(child, opts, {
    title: 'Record hours of education a week',
    action: to.newEducationHoursPath(child.id),
    dates: ['asAtDate'],
    intro: `Statutory guidance expects at least ${FULL_TIME_HOURS} hours of education a week; fewer is flagged.`,
    fields: (f) => [
      date(f.date('asAtDate', 'As at')),
      input(
        f.input('hoursPerWeek', 'Hours of education a week', { hint: 'To the half hour, such as 22.5', classes: 'govuk-input--width-4' }),
      ),
    ],
  });
}
