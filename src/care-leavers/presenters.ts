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
import type { CareLeaverCategory, Eligibility } from './eligibility.js';
import { type MeasureList, percentOf } from './measures.js';
import * as to from './paths.js';
import type { CareLeaverView, ContactView, MeasuredChild, Measures, ReviewView } from './queries.js';
import { type SupportEndReason, accommodationTypes, activityCodes, inTouchCodes, supportEndReasons } from './schema.js';

export const categoryLabels: Record<CareLeaverCategory, string> = {
  eligible: 'Eligible child',
  relevant: 'Relevant child',
  former_relevant: 'Former relevant child',
  qualifying: 'Qualifying young person',
};

const categoryMeanings: Record<CareLeaverCategory, string> = {
  eligible: 'looked after, aged 16 or 17, and looked after for 13 weeks in all since turning 14',
  relevant: 'aged 16 or 17, no longer looked after, and an eligible child when they left care',
  former_relevant: 'aged 18 or over, and an eligible or relevant child before 18: supported to 25',
  qualifying: 'looked after after turning 16, but for less than 13 weeks since 14: advice and assistance to 21',
};

/** IN_TOUCH (SSDA903 OC3). */
export const inTouchLabels: Record<string, string> = {
  YES: 'In touch',
  NO: 'Not in touch',
  DIED: 'Died',
  REFU: 'Refused contact',
  NREQ: 'No longer needs services',
  RHOM: 'Returned home to parents for 6 months or more',
};

/** ACTIV (SSDA903 OC3, from 2022). */
export const activityLabels: Record<string, string> = {
  F1: 'Higher education, full time',
  P1: 'Higher education, part time',
  F2: 'Other education, full time',
  P2: 'Other education, part time',
  F4: 'Apprenticeship, full time',
  P4: 'Apprenticeship, part time',
  F5: 'Training or employment, full time',
  P5: 'Training or employment, part time',
  G4: 'Not in education, employment or training: illness or disability',
  G5: 'Not in education, employment or training: other reasons',
  G6: 'Not in education, employment or training: pregnancy or parenting',
};

/** ACCOM's letter (SSDA903 OC3). */
export const accommodationLabels: Record<string, string> = {
  B: 'With parents or relatives',
  C: 'Community home or other residential care',
  D: 'Semi-independent, transitional accommodation',
  E: 'Supported lodgings',
  G: 'Gone abroad',
  H: 'Deported',
  K: 'Ordinary lodgings, without formal support',
  R: 'Residence not known',
  S: 'No fixed abode or homeless',
  T: 'Foyer or similar supported accommodation',
  U: 'Independent living, such as a flat or tenancy',
  V: 'Emergency accommodation, such as a night shelter',
  W: 'Bed and breakfast',
  X: 'In custody',
  Y: 'Other accommodation',
  Z: 'With former foster carers',
};

export const supportEndReasonLabels: Record<SupportEndReason, string> = {
  no_longer_wanted: 'The young person no longer wants support',
  returned_home: 'The young person returned home',
  moved_to_another_authority: 'Another authority is now responsible',
  died: 'The young person died',
  other: 'Another reason',
};

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d.slice(0, 10)) : '');
const labelOf = (labels: Record<string, string>, code: string | null) => (code ? (labels[code] ?? code) : '');
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const optionsOf = (labels: Record<string, string>, keys: readonly string[]): Option[] =>
  keys.map((k) => ({ value: k, text: `${labels[k] ?? k} (${k})` }));

/** Whether the young person is a care leaver, in a sentence. */
export function categoryText(e: Eligibility | null): string {
  if (!e) return 'Not known: the child’s date of birth is not recorded';
  if (e.category) return `${categoryLabels[e.category]}: ${categoryMeanings[e.category]} (worked out from the periods of care)`;
  if (e.eligibleOn && e.age >= 25) return 'No longer a care leaver: leaving care support ends at 25';
  if (e.inCareAfter16 && e.age >= 21) return 'No longer a qualifying young person: advice and assistance end at 21';
  if (e.lookedAfter) return 'Looked after, not yet an eligible child';
  return 'Not a care leaver: not looked after after turning 16 (worked out from the periods of care)';
}

/** Where the young person's accommodation and activity stood at a contact. */
const accommodationText = (c: Pick<ContactView, 'accommodationType' | 'accommodationSuitable'>) =>
  c.accommodationType
    ? `${labelOf(accommodationLabels, c.accommodationType)}: ${c.accommodationSuitable ? 'suitable' : 'not suitable'}`
    : 'Not recorded';
const activityText = (c: Pick<ContactView, 'activity'>) => (c.activity ? labelOf(activityLabels, c.activity) : 'Not recorded');

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

// ── the child's record: the care leaver section ──────────────────────────────

function recordLinks(childId: string, record: CareLeaverView | null) {
  const links = [
    {
      text: record ? 'Change the needs assessment, pathway plan or personal adviser' : 'Start the leaving care record',
      href: to.leavingCarePath(childId),
    },
  ];
  if (record && !record.supportEndedOn) links.push({ text: 'Record a contact', href: to.newCareLeaverContactPath(childId) });
  if (record?.pathwayPlanCompletedOn && !record.supportEndedOn)
    links.push({ text: 'Record a pathway plan review', href: to.newPathwayPlanReviewPath(childId) });
  return links;
}

/** What the child's record shows about leaving care; nothing for a child who is not, and has never been, a care leaver. */
export function recordSection(
  childId: string,
  eligibility: Eligibility | null,
  record: CareLeaverView | null,
  latest: ContactView | null,
  obligations: readonly ObligationView[],
) {
  const rows = [row('Category', categoryText(eligibility))];
  if (record) {
    rows.push(row('Personal adviser', record.personalAdviserName ?? 'Not appointed'));
    rows.push(
      row('Pathway plan', record.pathwayPlanCompletedOn ? `Completed ${formatDate(record.pathwayPlanCompletedOn)}` : 'Not recorded'),
    );
  }
  rows.push(
    row(
      'Last contact',
      latest
        ? `${formatDate(latest.contactOn)}: ${labelOf(inTouchLabels, latest.inTouch).toLowerCase()}; ${activityText(latest).toLowerCase()}`
        : 'None recorded',
    ),
  );
  if (record?.supportEndedOn)
    rows.push(row('Support ended', `${formatDate(record.supportEndedOn)}: ${labelOf(supportEndReasonLabels, record.supportEndReason)}`));
  return {
    rows,
    next: record?.supportEndedOn ? null : nextDue(obligations),
    links: recordLinks(childId, record),
    overview: to.careLeaverPath(childId),
  };
}

// ── the young person's leaving care: everything recorded ─────────────────────

export function overviewPage(
  child: ChildHeading,
  eligibility: Eligibility | null,
  record: CareLeaverView | null,
  reviews: readonly ReviewView[],
  contacts: readonly ContactView[],
  obligations: readonly ObligationView[],
) {
  const links = recordLinks(child.id, record);
  if (record) {
    links.push({ text: record.stayingPutFrom ? 'Change Staying Put' : 'Record Staying Put', href: to.stayingPutPath(child.id) });
    links.push({
      text: record.healthSummary ? 'Change the health summary' : 'Record the health summary',
      href: to.healthSummaryPath(child.id),
    });
    if (!record.supportEndedOn) links.push({ text: 'End leaving care support', href: to.endSupportPath(child.id) });
  }
  const summary = [
    row('Category', categoryText(eligibility)),
    row('Became an eligible child', eligibility?.eligibleOn ? formatDate(eligibility.eligibleOn) : 'Not an eligible child'),
    row(
      'Needs assessment',
      record?.needsAssessmentCompletedOn ? `Completed ${formatDate(record.needsAssessmentCompletedOn)}` : 'Not recorded',
    ),
    row('Pathway plan', record?.pathwayPlanCompletedOn ? `Completed ${formatDate(record.pathwayPlanCompletedOn)}` : 'Not recorded'),
    row(
      'Personal adviser',
      record?.personalAdviserName
        ? `${record.personalAdviserName}, appointed ${formatDate(record.personalAdviserAppointedOn)}`
        : 'Not appointed',
    ),
    row(
      'Accommodation provided by the authority',
      record?.accommodationProvidedFrom ? `From ${formatDate(record.accommodationProvidedFrom)}` : 'Not recorded',
    ),
    row(
      'Staying Put',
      record?.stayingPutFrom
        ? `From ${formatDate(record.stayingPutFrom)}${record.stayingPutTo ? ` to ${formatDate(record.stayingPutTo)}` : ', continuing'}`
        : 'Not recorded',
    ),
    row(
      'Health summary',
      record?.healthSummary
        ? record.healthSummaryGivenOn
          ? `Given to the young person on ${formatDate(record.healthSummaryGivenOn)}`
          : 'Written, not yet given to the young person'
        : 'Not recorded',
    ),
    row(
      'Leaving care support',
      record?.supportEndedOn
        ? `Ended ${formatDate(record.supportEndedOn)}: ${labelOf(supportEndReasonLabels, record.supportEndReason)}`
        : 'Continuing',
    ),
  ];
  return {
    title: 'Leaving care',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    summary: { rows: summary },
    links,
    healthSummary: record?.healthSummary ?? null,
    dueRows: obligations
      .filter((o) => o.status !== 'lapsed')
      .sort((x, y) => y.due.localeCompare(x.due))
      .slice(0, 10)
      .map((o) => [
        { text: o.ruleName },
        { text: formatDate(o.due) },
        { text: o.done ? formatDate(o.done) : 'Not yet' },
        { html: tag(statusLabels[o.status].text, statusLabels[o.status].colour) },
        { text: daysText(o) },
      ]),
    reviewRows: reviews.map((r) => [{ text: formatDate(r.reviewedOn) }, { text: r.summary }]),
    contactRows: contacts.map((c) => [
      { html: link(to.careLeaverContactPath(child.id, c.id), formatDate(c.contactOn), 'change the contact on') },
      { text: labelOf(inTouchLabels, c.inTouch) },
      { text: c.seenByAdviser ? 'Yes' : 'No' },
      { text: accommodationText(c) },
      { text: activityText(c) },
    ]),
  };
}

// ── forms ────────────────────────────────────────────────────────────────────

export function leavingCareForm(
  child: ChildHeading,
  record: CareLeaverView | null,
  opts: { values?: FormValues; errors?: readonly FieldError[] },
) {
  const dates = ['needsAssessmentCompletedOn', 'pathwayPlanCompletedOn', 'personalAdviserAppointedOn', 'accommodationProvidedFrom'];
  const { errorList, errors } = errorsOf(opts.errors, dates);
  const saved: FormValues = record
    ? {
        needsAssessmentCompletedOn: record.needsAssessmentCompletedOn ?? '',
        pathwayPlanCompletedOn: record.pathwayPlanCompletedOn ?? '',
        personalAdviserName: record.personalAdviserName ?? '',
        personalAdviserAppointedOn: record.personalAdviserAppointedOn ?? '',
        accommodationProvidedFrom: record.accommodationProvidedFrom ?? '',
        version: record.version,
      }
    : {};
  const form = new FormView({ ...saved, ...(opts.values ?? {}) }, errors);
  return {
    title: 'Needs assessment, pathway plan and personal adviser',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.leavingCarePath(child.id),
    errorList,
    version: form.value('version'),
    needsAssessmentCompletedOn: form.date('needsAssessmentCompletedOn', 'Date the needs assessment was completed', {
      hint: 'Within 3 months of the young person turning 16 or becoming an eligible child. Leave blank if not yet completed',
    }),
    pathwayPlanCompletedOn: form.date('pathwayPlanCompletedOn', 'Date the pathway plan was completed', {
      hint: 'Made from the needs assessment. Leave blank if not yet completed',
    }),
    personalAdviserName: form.input('personalAdviserName', 'The personal adviser’s name (optional)'),
    personalAdviserAppointedOn: form.date('personalAdviserAppointedOn', 'Date the personal adviser was appointed'),
    accommodationProvidedFrom: form.date('accommodationProvidedFrom', 'Date the authority began to provide accommodation (optional)', {
      hint: 'For a relevant child (16 or 17, left care) the authority accommodates: the personal adviser sees them within 7 days of it',
    }),
  };
}

export function stayingPutForm(child: ChildHeading, record: CareLeaverView, opts: { values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['stayingPutFrom', 'stayingPutTo']);
  const form = new FormView(
    {
      stayingPutFrom: record.stayingPutFrom ?? '',
      stayingPutTo: record.stayingPutTo ?? '',
      version: record.version,
      ...(opts.values ?? {}),
    },
    errors,
  );
  return {
    title: 'Staying Put',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.stayingPutPath(child.id),
    errorList,
    intro: 'A former relevant child living on with their former foster carers after turning 18 (Children Act 1989 s23CZA).',
    version: form.value('version'),
    stayingPutFrom: form.date('stayingPutFrom', 'Date Staying Put began'),
    stayingPutTo: form.date('stayingPutTo', 'Date Staying Put ended', { hint: 'Leave blank while it continues' }),
  };
}

export function healthSummaryForm(
  child: ChildHeading,
  record: CareLeaverView,
  opts: { values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['healthSummaryGivenOn']);
  const form = new FormView(
    {
      healthSummary: record.healthSummary ?? '',
      healthSummaryGivenOn: record.healthSummaryGivenOn ?? '',
      version: record.version,
      ...(opts.values ?? {}),
    },
    errors,
  );
  return {
    title: 'Health summary for the young person',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.healthSummaryPath(child.id),
    errorList,
    version: form.value('version'),
    healthSummary: form.textarea('healthSummary', 'The summary of the young person’s health history', {
      hint: 'Written for the young person to keep: their health history, immunisations, and where to find their records',
      rows: 8,
    }),
    healthSummaryGivenOn: form.date('healthSummaryGivenOn', 'Date the summary was given to the young person', {
      hint: 'Leave blank until it is given',
    }),
  };
}

export function reviewForm(child: ChildHeading, opts: { today: string; values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['reviewedOn']);
  const form = new FormView({ reviewedOn: opts.today, ...(opts.values ?? {}) }, errors);
  return {
    title: 'Record a pathway plan review',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.newPathwayPlanReviewPath(child.id),
    errorList,
    reviewedOn: form.date('reviewedOn', 'Date of the review'),
    summary: form.textarea('summary', 'What the review decided', { rows: 4 }),
  };
}

function contactFormFields(form: FormView) {
  return {
    contactOn: form.date('contactOn', 'Date of the contact'),
    inTouch: form.radios('inTouch', 'Whether the young person was in touch', optionsOf(inTouchLabels, inTouchCodes)),
    seenByAdviser: form.yesNo('seenByAdviser', 'Did the personal adviser see the young person?'),
    accommodationType: form.select('accommodationType', 'Type of accommodation', optionsOf(accommodationLabels, accommodationTypes), {
      blank: 'Not known',
    }),
    accommodationSuitable: form.yesNo('accommodationSuitable', 'Is the accommodation suitable?', {
      hint: 'Leave unanswered when the type of accommodation is not known',
    }),
    activity: form.select('activity', 'Main activity', optionsOf(activityLabels, activityCodes), { blank: 'Not known' }),
    notes: form.textarea('notes', 'Notes (optional)', { rows: 3 }),
  };
}

const contactDates = ['contactOn'];

export function newContactForm(child: ChildHeading, opts: { today: string; values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, contactDates);
  const form = new FormView({ contactOn: opts.today, ...(opts.values ?? {}) }, errors);
  return {
    title: 'Record a contact with a care leaver',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.newCareLeaverContactPath(child.id),
    errorList,
    version: null,
    submit: 'Save the contact',
    ...contactFormFields(form),
  };
}

const yesNoValue = (b: boolean | null) => (b === null ? '' : b ? 'yes' : 'no');

export function changeContactForm(child: ChildHeading, c: ContactView, opts: { values?: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, contactDates);
  const saved: FormValues = {
    contactOn: c.contactOn,
    inTouch: c.inTouch,
    seenByAdviser: yesNoValue(c.seenByAdviser),
    accommodationType: c.accommodationType ?? '',
    accommodationSuitable: yesNoValue(c.accommodationSuitable),
    activity: c.activity ?? '',
    notes: c.notes ?? '',
    version: c.version,
  };
  const form = new FormView({ ...saved, ...(opts.values ?? {}) }, errors);
  return {
    title: 'Change the contact',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.careLeaverContactPath(child.id, c.id),
    errorList,
    version: form.value('version'),
    submit: 'Save changes',
    ...contactFormFields(form),
  };
}

export function endSupportForm(
  child: ChildHeading,
  record: CareLeaverView,
  opts: { today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['supportEndedOn']);
  const form = new FormView({ supportEndedOn: opts.today, version: record.version, ...(opts.values ?? {}) }, errors);
  return {
    title: 'End leaving care support',
    caption: caption(child),
    backLink: to.careLeaverPath(child.id),
    action: to.endSupportPath(child.id),
    errorList,
    hint: 'Support ends by itself at 25. No pathway plan review or personal adviser contact is owed after it ends.',
    version: form.value('version'),
    supportEndedOn: form.date('supportEndedOn', 'Date leaving care support ended'),
    supportEndReason: form.radios(
      'supportEndReason',
      'Why leaving care support ended',
      supportEndReasons.map((k) => ({ value: k, text: supportEndReasonLabels[k] })),
    ),
  };
}

// ── the managers' measures ───────────────────────────────────────────────────

const listTitles: Record<MeasureList, string> = {
  all: 'Care leavers whose 17th to 21st birthday fell in the last 12 months',
  in_touch: 'In touch around their birthday',
  not_in_touch: 'Not in touch (or refused contact, returned home, no longer needs services, died)',
  contact_not_known: 'No contact recorded around their birthday',
  suitable: 'In suitable accommodation',
  not_suitable: 'In accommodation that is not suitable',
  accommodation_not_known: 'Accommodation not known',
  eet: 'In education, employment or training',
  not_eet: 'Not in education, employment or training',
  activity_not_known: 'Activity not known',
};

const measureGroups: { caption: string; lists: MeasureList[] }[] = [
  { caption: 'In touch', lists: ['in_touch', 'not_in_touch', 'contact_not_known'] },
  { caption: 'Accommodation', lists: ['suitable', 'not_suitable', 'accommodation_not_known'] },
  { caption: 'Education, employment or training', lists: ['eet', 'not_eet', 'activity_not_known'] },
];

const childCell = (c: MeasuredChild) =>
  c.restricted ? { text: 'Restricted record' } : { html: link(to.careLeaverPath(c.childId), c.childName) };

const inTouchText = (c: MeasuredChild) => (c.contact ? labelOf(inTouchLabels, c.contact.inTouch) : 'Not known');

export function measuresPage(m: Measures, chosen: MeasureList | null) {
  const all = m.lists.all.length;
  const count = (list: MeasureList) => ({
    html: link(to.careLeaverMeasuresListPath(list), m.lists[list].length, listTitles[list]),
    format: 'numeric',
  });
  const share = (list: MeasureList) => {
    const p = percentOf(m.lists[list].length, all);
    return { text: p === null ? '' : `${p}%`, format: 'numeric' };
  };
  const headline = (list: MeasureList, notKnown: MeasureList, what: string) => {
    const p = percentOf(m.lists[list].length, all);
    if (p === null) return `${what}: no care leaver’s 17th to 21st birthday fell in the last 12 months.`;
    const unknown = m.lists[notKnown].length;
    return `${what}: ${m.lists[list].length} of ${all} (${p}%)${unknown ? `; not known for ${unknown}` : ''}.`;
  };
  return {
    title: 'Care leavers',
    period: `Young people whose 17th, 18th, 19th, 20th or 21st birthday fell from ${formatDate(m.from)} to ${formatDate(m.to)}, and who were care leavers then.`,
    allCount: count('all'),
    headlines: [
      headline('in_touch', 'contact_not_known', 'In touch'),
      headline('suitable', 'accommodation_not_known', 'In suitable accommodation'),
      headline('eet', 'activity_not_known', 'In education, employment or training'),
    ],
    groups: measureGroups.map((g) => ({
      caption: g.caption,
      rows: g.lists.map((list) => [{ text: listTitles[list] }, count(list), share(list)]),
    })),
    chosen: chosen
      ? {
          caption: listTitles[chosen],
          rows: m.lists[chosen].map((c) => [
            childCell(c),
            { text: `${c.age}`, format: 'numeric' },
            { text: formatDate(c.birthdayOn) },
            { text: c.contact ? formatDate(c.contact.contactOn) : 'None in the window' },
            { text: inTouchText(c) },
            { text: c.contact ? accommodationText(c.contact) : 'Not known' },
            { text: c.contact ? activityText(c.contact) : 'Not known' },
          ]),
        }
      : null,
  };
}
