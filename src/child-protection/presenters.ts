/**
 * Query results as GOV.UK macro parameters: summary list rows, tables, forms. Every label and
 * every choice a page shows is decided here, so the templates only place components.
 */
import { categoryOfAbuseCodes } from '../children/codes.js';
import { labelOf } from '../core/codes.js';
import { formatDate as formatIsoDate, formatTime, londonLocal } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { link, tag as tagHtml } from '../core/views/html.js';
import { statusLabels, type ObligationView } from '../obligations/queries.js';
import { type FormValues, FormView, type Option, rowCount, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { agencyLabels, agencyOptions, attendanceRows } from '../casework/meetings.js';
import { actionStatusLabels, addActionForm, planContentForm, progressErrorLinks, progressForms } from '../casework/plan-presenters.js';
import { newDisputePath } from '../dispute-resolution/paths.js';
import * as to from './paths.js';
import type { ChildProtectionRecord, ConferenceView, PlanView, S47EnquiryView, StrategyDiscussionView } from './queries.js';
import {
  type Attendee,
  childParticipation,
  chosenPlanEndReasons,
  type ConferenceType,
  initialConferenceDecisions,
  parentParticipation,
  planEndReasons,
  reviewConferenceDecisions,
  s47Outcomes,
  strategyDecisions,
} from './schema.js';

// ── words for codes ──────────────────────────────────────────────────────────

export { agencyLabels, actionStatusLabels };

export const strategyDecisionLabels: Record<(typeof strategyDecisions)[number], string> = {
  s47_enquiry: 'Section 47 enquiry',
  single_assessment: 'Single assessment',
  police_investigation: 'Police investigation',
  no_further_action: 'No further action',
};

export const s47OutcomeLabels: Record<(typeof s47Outcomes)[number], string> = {
  substantiated: 'Concerns substantiated',
  not_substantiated: 'Concerns not substantiated',
};

export const conferenceTypeLabels: Record<ConferenceType, string> = {
  initial: 'Initial child protection conference',
  pre_birth: 'Pre-birth child protection conference',
  review: 'Review child protection conference',
};

export const conferenceDecisionLabels: Record<string, string> = {
  cp_plan: 'The child needs a child protection plan',
  no_plan: 'No child protection plan',
  continue_plan: 'The plan continues',
  end_plan: 'The plan ends',
};

export const participationLabels: Record<(typeof childParticipation)[number], string> = {
  attended: 'Attended',
  views_shared: 'Did not attend, views shared',
  did_not_take_part: 'Did not take part',
  too_young: 'Too young to take part',
};

export const planEndReasonLabels: Record<(typeof planEndReasons)[number], string> = {
  review_decision: 'A review conference decided the plan is no longer needed',
  moved_to_another_authority: 'The child moved to another local authority',
  became_looked_after: 'The child became looked after',
  reached_18: 'The child reached 18',
  died: 'The child died',
  other: 'Another reason',
};

/** "2 March 2026" (with the time for a datetime), or nothing for no date. */
const formatDate = (d: string | null | undefined) => (!d ? '' : d.length > 10 ? dateAndTime(d) : formatIsoDate(d));
const category = (code: string | null | undefined) => (code ? `${labelOf(categoryOfAbuseCodes, code)} (${code})` : '');
const options = <K extends string>(labels: Record<K, string>, keys: readonly K[]): Option[] =>
  keys.map((k) => ({ value: k, text: labels[k] }));
const yesNoText = (v: boolean | null | undefined) => (v === true ? 'Yes' : v === false ? 'No' : 'Not recorded');
const row = (key: string, value: string, href?: { href: string; text: string; hidden: string }) => ({
  key: { text: key },
  value: { text: value },
  ...(href ? { actions: { items: [{ href: href.href, text: href.text, visuallyHiddenText: href.hidden }] } } : {}),
});
const tag = (text: string, colour: string) => ({ text, classes: `govuk-tag--${colour}` });

/** "2 March 2026 at 2:05pm" from an ISO datetime. */
export function dateAndTime(iso: string | null): string {
  if (!iso) return '';
  const local = londonLocal(Date.parse(iso));
  return `${formatDate(local.date)} at ${formatTime(iso)}`;
}

function localParts(iso: string | null): { date: string; time: string } {
  if (!iso) return { date: '', time: '' };
  const l = londonLocal(Date.parse(iso));
  return { date: l.date, time: `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}` };
}

// ── obligations ──────────────────────────────────────────────────────────────

function daysText(o: ObligationView): string {
  if (o.hours !== null && o.status !== 'met_on_time') return `${Math.abs(o.hours)} hours ${o.status === 'due' ? 'left' : 'over'}`;
  if (o.status === 'due') return `${o.workingDays} working days left`;
  if (o.status === 'overdue' || o.status === 'met_late') return `${o.workingDays} working days over`;
  return '';
}

/** A table of obligations (what is due, what was done), as govukTable parameters. */
export function obligationTable(list: readonly ObligationView[], caption: string) {
  return {
    caption,
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'What' }, { text: 'Due' }, { text: 'Done' }, { text: 'Status' }, { text: 'Days' }],
    rows: list.map((o) => [
      { text: `${o.ruleName}: ${o.explanation}` },
      { text: formatDate(o.due) },
      { text: o.done ? formatDate(o.done) : '' },
      { html: tagHtml(statusLabels[o.status].text, statusLabels[o.status].colour) },
      { text: daysText(o) },
    ]),
  };
}

const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';

// ── the child's record: the child protection section ─────────────────────────

/** What the child's record shows about child protection: where things stand, what is next and by when. */
export function recordSection(childId: string, record: ChildProtectionRecord, obligations: readonly ObligationView[]) {
  const openPlan = record.plans.find((p) => !p.endDate);
  const openEnquiry = record.enquiries.find(
    (e) =>
      !e.planId &&
      e.conferenceDecision === null &&
      !(e.s47EndDate && e.conferenceRequired === false) &&
      !(e.heldAt && !e.decisions.includes('s47_enquiry')),
  );
  const rows = [];
  let status: string;
  if (openPlan) {
    status = `On a child protection plan since ${formatDate(openPlan.startDate)}`;
    rows.push(row('Category of abuse', category(openPlan.latestCategory)));
    rows.push(
      row(
        'Plan finalised',
        openPlan.finalisedDate ? formatDate(openPlan.finalisedDate) : openPlan.hasContingency ? 'Not yet' : 'Not yet: no contingency plan',
      ),
    );
    rows.push(row('Core groups held', String(openPlan.coreGroups)));
    rows.push(row('Review conferences held', String(openPlan.reviews)));
  } else if (openEnquiry?.s47EnquiryId) {
    status = `Section 47 enquiry since ${formatDate(openEnquiry.s47StartDate)}`;
    rows.push(row('Enquiry completed', openEnquiry.s47EndDate ? formatDate(openEnquiry.s47EndDate) : 'Not yet'));
  } else if (openEnquiry) {
    status = openEnquiry.heldAt
      ? `Strategy discussion held ${dateAndTime(openEnquiry.heldAt)}`
      : `Concern of significant harm raised ${dateAndTime(openEnquiry.concernAt)}`;
  } else {
    const last = record.enquiries[0];
    status =
      record.plans.length > 0
        ? `Not on a plan: the last plan ended on ${formatDate(record.plans[0]!.endDate)}`
        : last
          ? `No enquiry under way: the last concern was raised ${dateAndTime(last.concernAt)}`
          : 'No child protection enquiry or plan recorded';
  }
  const previousPlans = record.plans.filter((p) => p.endDate).length;
  if (previousPlans > 0 && openPlan) rows.push(row('Previous plans', String(previousPlans)));
  const next = obligations.filter(outstanding)[0];
  // a front door decision for a strategy discussion not yet recorded: the form starts from its contact and referral
  const asked = record.asked[0];
  const start = asked
    ? to.newStrategyDiscussionPath(childId, { contactId: asked.contactId, ...(asked.referralId ? { referralId: asked.referralId } : {}) })
    : to.newStrategyDiscussionPath(childId);
  if (asked && !openPlan && !openEnquiry) {
    status = `The front door decided on a strategy discussion for the contact received ${dateAndTime(asked.receivedAt)}: not recorded yet`;
  }
  const links = [{ text: 'Record a concern or strategy discussion', href: start }];
  if (asked) links.unshift({ text: 'Record the strategy discussion the front door decided on', href: start });
  if (openPlan) links.unshift({ text: 'Open the child protection plan', href: to.planPath(childId, openPlan.id) });
  else if (openEnquiry) {
    links.unshift({
      text: openEnquiry.s47EnquiryId ? 'Open the section 47 enquiry' : 'Open the strategy discussion',
      href: openEnquiry.s47EnquiryId
        ? to.s47EnquiryPath(childId, openEnquiry.s47EnquiryId)
        : to.strategyDiscussionPath(childId, openEnquiry.discussionId),
    });
  }
  return {
    status,
    rows,
    next: next
      ? {
          text: next.ruleName,
          explanation: next.explanation,
          due: formatDate(next.due),
          tag: tag(statusLabels[next.status].text, statusLabels[next.status].colour),
        }
      : null,
    links,
    start: {
      text: 'Record a concern of significant harm',
      href: start,
      classes: 'govuk-button--secondary',
    },
    overview: to.childProtectionPath(childId),
  };
}

// ── the overview: every enquiry and plan ─────────────────────────────────────

export function overviewPage(child: ChildHeading, record: ChildProtectionRecord, obligations: readonly ObligationView[]) {
  return {
    title: 'Child protection',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    start: { text: 'Record a concern or strategy discussion', href: to.newStrategyDiscussionPath(child.id) },
    enquiries: {
      caption: 'Enquiries',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'Concern raised' }, { text: 'Strategy discussion' }, { text: 'Section 47 enquiry' }, { text: 'Initial conference' }],
      rows: record.enquiries.map((e) => [
        { html: link(to.strategyDiscussionPath(child.id, e.discussionId), dateAndTime(e.concernAt)) },
        {
          text: e.heldAt
            ? `${dateAndTime(e.heldAt)}: ${e.decisions.map((d) => strategyDecisionLabels[d as keyof typeof strategyDecisionLabels] ?? d).join(', ')}`
            : 'Not held yet',
        },
        {
          html: e.s47EnquiryId
            ? link(
                to.s47EnquiryPath(child.id, e.s47EnquiryId),
                `Started ${formatDate(e.s47StartDate)}${e.s47EndDate ? `, completed ${formatDate(e.s47EndDate)}` : ''}`,
              )
            : 'None',
        },
        {
          html: e.conferenceId
            ? link(
                to.conferencePath(child.id, e.conferenceId),
                `${formatDate(e.conferenceDate)}: ${conferenceDecisionLabels[e.conferenceDecision ?? ''] ?? ''}`,
              )
            : 'None',
        },
      ]),
    },
    plans: {
      caption: 'Child protection plans',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'Started' }, { text: 'Ended' }, { text: 'Category' }, { text: 'Finalised' }],
      rows: record.plans.map((p) => [
        { html: link(to.planPath(child.id, p.id), formatDate(p.startDate)) },
        {
          text: p.endDate
            ? `${formatDate(p.endDate)} (${planEndReasonLabels[p.endReason as keyof typeof planEndReasonLabels] ?? p.endReason})`
            : 'In force',
        },
        { text: category(p.latestCategory) },
        { text: p.finalisedDate ? formatDate(p.finalisedDate) : 'Not yet' },
      ]),
    },
    due: obligationTable(obligations.filter(outstanding), 'What is due'),
    done: obligationTable(
      obligations.filter((o) => !outstanding(o) && o.status !== 'lapsed'),
      'Done',
    ),
    hasDue: obligations.some(outstanding),
  };
}

// ── strategy discussion ──────────────────────────────────────────────────────

/** A recorded discussion as the form's values, to change it. */
export function strategyDiscussionValues(d: StrategyDiscussionView): FormValues {
  const concern = localParts(d.concernAt);
  const held = localParts(d.heldAt);
  const values: FormValues = {
    concernDate: concern.date,
    concernTime: concern.time,
    concern: d.concern,
    held: d.heldAt ? 'yes' : 'no',
    heldDate: held.date,
    heldTime: held.time,
    informationShared: d.informationShared ?? '',
    decisions: d.decisions,
    version: d.version,
  };
  d.participants.forEach((p, i) => {
    values[`participants-${i}-agency`] = p.agency;
    values[`participants-${i}-role`] = p.role;
    values[`participants-${i}-name`] = p.name;
  });
  return values;
}

const strategyDates = ['concernDate', 'heldDate'];

/**
 * A new discussion's starting values: from the contact the front door decided on, the concern
 * arose no later than the contact came in; otherwise today, with the time left to the worker.
 */
export function newDiscussionValues(
  today: string,
  from: { referralId?: string | undefined; contactId?: string | undefined },
  asked: readonly ChildProtectionRecord['asked'][number][],
): FormValues {
  const contact = asked.find((a) => a.contactId === from.contactId);
  if (!contact) return { concernDate: today, referralId: from.referralId, contactId: from.contactId };
  const received = localParts(contact.receivedAt);
  return {
    concernDate: received.date,
    concernTime: received.time,
    referralId: from.referralId ?? contact.referralId ?? undefined,
    contactId: contact.contactId,
  };
}

export function strategyDiscussionForm(
  child: ChildHeading,
  opts: {
    values: FormValues;
    errors?: readonly FieldError[];
    action: string;
    discussionId?: string;
    referrals: { id: string; referralDate: string }[];
  },
) {
  const { errorList, errors } = errorsOf(opts.errors, strategyDates);
  const form = new FormView(opts.values, errors);
  const count = rowCount(opts.values, 'participants', 3);
  return {
    title: opts.discussionId ? 'Change the strategy discussion' : 'Record a concern and strategy discussion',
    caption: caption(child),
    backLink: opts.discussionId ? to.strategyDiscussionPath(child.id, opts.discussionId) : to.childProtectionPath(child.id),
    action: opts.action,
    errorList,
    version: form.value('version'),
    hidden: [...(form.value('contactId') ? [{ name: 'contactId', value: form.value('contactId') }] : [])],
    referral:
      !opts.discussionId && opts.referrals.length > 0
        ? form.select(
            'referralId',
            'Referral it comes from',
            opts.referrals.map((r) => ({ value: r.id, text: `Referral of ${formatDate(r.referralDate)}` })),
            { blank: 'None: an open case or a new concern' },
          )
        : null,
    concernDate: form.date('concernDate', 'Date the concern arose'),
    concernTime: form.time('concernTime', 'Time the concern arose'),
    concern: form.textarea('concern', 'What the concern is', {
      hint: 'What happened, or what was seen or said, that suggests the child is suffering or likely to suffer significant harm',
    }),
    held: form.yesNo('held', 'Has the strategy discussion been held?', {
      hint: 'If not, save the concern now: the clock for the discussion starts from it',
    }),
    heldDate: form.date('heldDate', 'Date the discussion was held'),
    heldTime: form.time('heldTime', 'Time the discussion was held'),
    participantsId: 'participants',
    participantsError: form.error('participants') ?? null,
    participants: Array.from({ length: count }, (_, i) => ({
      legend: `Person ${i + 1}`,
      agency: form.select(`participants-${i}-agency`, 'Agency', agencyOptions, { blank: 'Select the agency' }),
      role: form.input(`participants-${i}-role`, 'Role', { labelClasses: 'govuk-label' }),
      name: form.input(`participants-${i}-name`, 'Name', { labelClasses: 'govuk-label' }),
    })),
    participantsRows: count + 2,
    informationShared: form.textarea('informationShared', 'What was shared', { rows: 6 }),
    decisions: form.checkboxes('decisions', 'Decision', options(strategyDecisionLabels, strategyDecisions), {
      hint: 'Select all that apply',
    }),
    submit: opts.discussionId ? 'Save changes' : 'Save',
  };
}

export function strategyDiscussionPage(
  child: ChildHeading,
  d: StrategyDiscussionView,
  opts: { manager: boolean; today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['authorisedDate', 'startDate']);
  const form = new FormView({ authorisedDate: opts.today, startDate: opts.today, ...(opts.values ?? {}) }, errors);
  const held = d.heldAt !== null;
  const canStartS47 = held && d.decisions.includes('s47_enquiry') && !d.s47EnquiryId;
  return {
    title: 'Strategy discussion',
    caption: caption(child),
    backLink: to.childProtectionPath(child.id),
    errorList,
    summary: {
      rows: [
        row('Concern arose', dateAndTime(d.concernAt), {
          href: to.editStrategyDiscussionPath(child.id, d.id),
          text: 'Change',
          hidden: 'the strategy discussion',
        }),
        row('What the concern is', d.concern),
        row('Discussion held', held ? dateAndTime(d.heldAt) : 'Not yet'),
        ...(held
          ? [
              row('What was shared', d.informationShared ?? ''),
              row('Decision', d.decisions.map((x) => strategyDecisionLabels[x as keyof typeof strategyDecisionLabels] ?? x).join(', ')),
              row('Authorised', d.authorisedDate ? `${formatDate(d.authorisedDate)} by ${d.authorisedByName ?? 'a manager'}` : 'Not yet'),
            ]
          : []),
      ],
    },
    participants: held
      ? {
          caption: 'Who took part',
          captionClasses: 'govuk-table__caption--m',
          head: [{ text: 'Agency' }, { text: 'Role' }, { text: 'Name' }],
          rows: d.participants.map((p) => [{ text: agencyLabels[p.agency] ?? p.agency }, { text: p.role }, { text: p.name }]),
        }
      : null,
    recordDiscussion: held ? null : { text: 'Record the strategy discussion', href: to.editStrategyDiscussionPath(child.id, d.id) },
    authorise:
      opts.manager && held && !d.authorisedDate
        ? {
            action: to.authoriseStrategyDiscussionPath(child.id, d.id),
            version: d.version,
            date: form.date('authorisedDate', 'Date authorised'),
          }
        : null,
    startS47: canStartS47
      ? { action: to.startS47Path(child.id, d.id), version: d.version, date: form.date('startDate', 'Date the enquiry started') }
      : null,
    s47: d.s47EnquiryId ? { text: 'Open the section 47 enquiry', href: to.s47EnquiryPath(child.id, d.s47EnquiryId) } : null,
  };
}

// ── section 47 enquiry ───────────────────────────────────────────────────────

export function s47Values(e: S47EnquiryView): FormValues {
  const yn = (v: boolean | null) => (v === true ? 'yes' : v === false ? 'no' : '');
  return {
    childSeen: yn(e.childSeen),
    seenAlone: yn(e.seenAlone),
    outcome: e.outcome ?? '',
    conferenceRequired: yn(e.conferenceRequired),
    conferenceNotRequiredReason: e.conferenceNotRequiredReason ?? '',
    endDate: e.endDate ?? '',
    version: e.version,
  };
}

export function s47Page(
  child: ChildHeading & { dateOfBirth: string | null },
  e: S47EnquiryView,
  opts: { manager: boolean; today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['endDate', 'authorisedDate']);
  const form = new FormView({ ...s47Values(e), authorisedDate: opts.today, ...(opts.values ?? {}) }, errors);
  const completed = e.endDate !== null;
  const unborn = !child.dateOfBirth;
  return {
    title: 'Section 47 enquiry',
    caption: caption(child),
    backLink: to.childProtectionPath(child.id),
    errorList,
    summary: {
      rows: [
        row('Strategy discussion', dateAndTime(e.discussionHeldAt)),
        row('Started', formatDate(e.startDate)),
        row(
          'Child seen',
          completed ? `${yesNoText(e.childSeen)}${e.childSeen ? (e.seenAlone ? ', seen alone' : ', not seen alone') : ''}` : 'Not recorded',
        ),
        row('Outcome', e.outcome ? s47OutcomeLabels[e.outcome as keyof typeof s47OutcomeLabels] : 'Not recorded'),
        row(
          'Initial conference needed',
          e.conferenceRequired === null ? 'Not recorded' : e.conferenceRequired ? 'Yes' : `No: ${e.conferenceNotRequiredReason ?? ''}`,
        ),
        row('Completed', completed ? `${formatDate(e.endDate)}${e.completedByName ? ` by ${e.completedByName}` : ''}` : 'Not yet'),
        row('Authorised', e.authorisedDate ? `${formatDate(e.authorisedDate)} by ${e.authorisedByName ?? 'a manager'}` : 'Not yet'),
      ],
    },
    discussion: { text: 'Open the strategy discussion', href: to.strategyDiscussionPath(child.id, e.strategyDiscussionId) },
    outcome: e.authorisedDate
      ? null
      : {
          action: to.s47EnquiryPath(child.id, e.id),
          version: form.value('version'),
          childSeen: form.yesNo('childSeen', 'Was the child seen?'),
          seenAlone: form.yesNo('seenAlone', 'Was the child seen alone?', { hint: 'Answer if the child was seen' }),
          outcome: form.radios('outcome', 'Outcome', options(s47OutcomeLabels, s47Outcomes)),
          conferenceRequired: form.yesNo('conferenceRequired', 'Is an initial child protection conference needed?'),
          conferenceNotRequiredReason: form.textarea('conferenceNotRequiredReason', 'Why no conference is needed', {
            hint: 'Answer if no conference is needed',
            rows: 3,
          }),
          endDate: form.date('endDate', 'Date the enquiry was completed'),
        },
    authorise:
      opts.manager && completed && !e.authorisedDate
        ? { action: to.authoriseS47Path(child.id, e.id), version: e.version, date: form.date('authorisedDate', 'Date authorised') }
        : null,
    conference: e.initialConferenceId
      ? {
          text: 'Open the initial conference',
          href: to.conferencePath(child.id, e.initialConferenceId),
          classes: 'govuk-button--secondary',
        }
      : e.conferenceRequired !== false
        ? {
            text: unborn ? 'Record the pre-birth conference' : 'Record the initial conference',
            href: to.newConferencePath(child.id, { s47EnquiryId: e.id, type: unborn ? 'pre_birth' : 'initial' }),
            classes: '',
          }
        : null,
  };
}

// ── conferences ──────────────────────────────────────────────────────────────

const conferenceDates = ['conferenceDate', 'reportSubmittedDate', 'reportSharedWithFamilyDate'];

export function conferenceForm(
  child: ChildHeading,
  opts: {
    type: ConferenceType;
    about: { s47EnquiryId: string } | { cpPlanId: string };
    values: FormValues;
    errors?: readonly FieldError[];
  },
) {
  const { errorList, errors } = errorsOf(opts.errors, conferenceDates);
  const form = new FormView(opts.values, errors);
  const count = rowCount(opts.values, 'attendance', 4);
  const review = opts.type === 'review';
  const decisions = review ? reviewConferenceDecisions : initialConferenceDecisions;
  return {
    title: `Record the ${conferenceTypeLabels[opts.type].charAt(0).toLowerCase()}${conferenceTypeLabels[opts.type].slice(1)}`,
    caption: caption(child),
    backLink:
      's47EnquiryId' in opts.about ? to.s47EnquiryPath(child.id, opts.about.s47EnquiryId) : to.planPath(child.id, opts.about.cpPlanId),
    action: to.conferenceFormPath(child.id),
    errorList,
    hidden: [
      { name: 'type', value: opts.type },
      's47EnquiryId' in opts.about
        ? { name: 's47EnquiryId', value: opts.about.s47EnquiryId }
        : { name: 'cpPlanId', value: opts.about.cpPlanId },
    ],
    // what the conference is (its type and what it follows) is fixed on this page: a refusal about it is shown at the top
    typeError:
      (['type', 's47EnquiryId', 'cpPlanId'] as const).flatMap((f) => (form.error(f) ? [{ id: f, text: form.error(f)!.text }] : []))[0] ??
      null,
    conferenceDate: form.date('conferenceDate', 'Date of the conference'),
    chair: form.input('chair', 'Who chaired it'),
    attendanceId: 'attendance',
    attendanceError: form.error('attendance') ?? null,
    attendance: attendanceRows(form, count),
    attendanceRows: count + 2,
    socialWorkerAttended: form.yesNo('socialWorkerAttended', 'Did the child’s allocated social worker attend?'),
    parentsParticipation: form.radios(
      'parentsParticipation',
      'How the parents took part',
      options(participationLabels, parentParticipation),
    ),
    childParticipation: form.radios('childParticipation', 'How the child took part', options(participationLabels, childParticipation)),
    reportSubmittedDate: form.date('reportSubmittedDate', 'Date the social worker’s report was submitted', {
      hint: 'Leave blank if it was not submitted',
    }),
    reportSharedWithFamilyDate: form.date('reportSharedWithFamilyDate', 'Date the report was shared with the family', {
      hint: 'Leave blank if it was not shared',
    }),
    decision: form.radios(
      'decision',
      'Decision',
      decisions.map((d) => ({ value: d, text: conferenceDecisionLabels[d]! })),
    ),
    categoryOfAbuse: form.radios(
      'categoryOfAbuse',
      review ? 'Latest category of abuse' : 'Initial category of abuse',
      categoryOfAbuseCodes.map((c) => ({ value: c.code, text: `${c.label} (${c.code})` })),
      { hint: review ? 'If the plan continues: the category it continues under' : 'If a plan is made' },
    ),
    intro: null,
    submit: 'Save the conference',
  };
}

function attendanceTable(list: readonly Attendee[], caption: string) {
  return {
    caption,
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Agency' }, { text: 'Name and role' }, { text: 'Attended' }],
    rows: list.map((a) => [{ text: agencyLabels[a.agency] ?? a.agency }, { text: a.name }, { text: a.attended ? 'Yes' : 'No' }]),
  };
}

/** A recorded conference as the correction form's values. */
export function conferenceValues(c: ConferenceView): FormValues {
  const values: FormValues = {
    chair: c.chair,
    parentsParticipation: c.parentsParticipation,
    childParticipation: c.childParticipation,
    socialWorkerAttended: c.socialWorkerAttended ? 'yes' : 'no',
    reportSubmittedDate: c.reportSubmittedDate ?? '',
    reportSharedWithFamilyDate: c.reportSharedWithFamilyDate ?? '',
    version: c.version,
  };
  c.attendance.forEach((a, i) => {
    values[`attendance-${i}-agency`] = a.agency;
    values[`attendance-${i}-name`] = a.name;
    values[`attendance-${i}-attended`] = a.attended ? 'yes' : 'no';
  });
  return values;
}

/** Putting a conference's record right: who came, how the family took part, the report's dates. */
export function conferenceCorrectionForm(
  child: ChildHeading,
  c: ConferenceView,
  opts: { values: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, conferenceDates);
  const form = new FormView({ ...conferenceValues(c), ...opts.values }, errors);
  const count = rowCount(form.values, 'attendance', 2);
  return {
    title: `Correct the record of the ${conferenceTypeLabels[c.type].charAt(0).toLowerCase()}${conferenceTypeLabels[c.type].slice(1)}`,
    caption: caption(child),
    backLink: to.conferencePath(child.id, c.id),
    action: to.editConferencePath(child.id, c.id),
    errorList,
    intro: `Held on ${formatDate(c.conferenceDate)}: ${conferenceDecisionLabels[c.decision] ?? c.decision}. Its date and decision stay as recorded.`,
    hidden: [{ name: 'version', value: form.value('version') }],
    typeError: null,
    conferenceDate: null,
    chair: form.input('chair', 'Who chaired it'),
    attendanceId: 'attendance',
    attendanceError: form.error('attendance') ?? null,
    attendance: attendanceRows(form, count),
    attendanceRows: count + 2,
    socialWorkerAttended: form.yesNo('socialWorkerAttended', 'Did the child’s allocated social worker attend?'),
    parentsParticipation: form.radios(
      'parentsParticipation',
      'How the parents took part',
      options(participationLabels, parentParticipation),
    ),
    childParticipation: form.radios('childParticipation', 'How the child took part', options(participationLabels, childParticipation)),
    reportSubmittedDate: form.date('reportSubmittedDate', 'Date the social worker’s report was submitted', {
      hint: 'Leave blank if it was not submitted',
    }),
    reportSharedWithFamilyDate: form.date('reportSharedWithFamilyDate', 'Date the report was shared with the family', {
      hint: 'Leave blank if it was not shared',
    }),
    decision: null,
    categoryOfAbuse: null,
    submit: 'Save the correction',
  };
}

export function conferencePage(child: ChildHeading, c: ConferenceView) {
  return {
    title: conferenceTypeLabels[c.type],
    caption: caption(child),
    backLink: c.cpPlanId ? to.planPath(child.id, c.cpPlanId) : to.childProtectionPath(child.id),
    summary: {
      rows: [
        row('Date', formatDate(c.conferenceDate)),
        row('Chair', c.chair),
        row('Allocated social worker attended', yesNoText(c.socialWorkerAttended)),
        row('Parents', participationLabels[c.parentsParticipation as keyof typeof participationLabels] ?? c.parentsParticipation),
        row('Child', participationLabels[c.childParticipation as keyof typeof participationLabels] ?? c.childParticipation),
        row('Report submitted', c.reportSubmittedDate ? formatDate(c.reportSubmittedDate) : 'Not submitted'),
        row('Report shared with the family', c.reportSharedWithFamilyDate ? formatDate(c.reportSharedWithFamilyDate) : 'Not shared'),
        row('Decision', conferenceDecisionLabels[c.decision] ?? c.decision),
        ...(c.categoryOfAbuse ? [row('Category of abuse', category(c.categoryOfAbuse))] : []),
      ],
    },
    attendance: attendanceTable(c.attendance, 'Attendance'),
    correct: { text: 'Correct the record', href: to.editConferencePath(child.id, c.id) },
    plan:
      (c.planMadeId ?? c.cpPlanId)
        ? { text: 'Open the child protection plan', href: to.planPath(child.id, (c.planMadeId ?? c.cpPlanId)!) }
        : null,
  };
}

// ── the plan ─────────────────────────────────────────────────────────────────

export function planValues(p: PlanView): FormValues {
  return { outcomes: p.outcomes, contingency: p.contingency ?? '', version: p.version };
}

/** Which of the plan page's forms the values and errors belong to. */
export type PlanForm = 'plan' | 'action' | 'finalise' | `progress-${string}`;

export function planPage(
  child: ChildHeading,
  p: PlanView,
  obligations: readonly ObligationView[],
  opts: { today: string; form?: PlanForm; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList: list, errors } = errorsOf(opts.errors, ['dueDate', 'finalisedDate']);
  const errorList = progressErrorLinks(list, opts.form);
  const forForm = (name: PlanForm, defaults: FormValues) =>
    new FormView(opts.form === name ? { ...defaults, ...(opts.values ?? {}) } : defaults, opts.form === name ? errors : {});
  const planForm = forForm('plan', planValues(p));
  const finaliseForm = forForm('finalise', { finalisedDate: opts.today, version: p.version });
  // a finalise refused for want of a contingency names the plan form's fields
  const contingencyError = opts.form === 'finalise' ? (errors['contingency'] ?? errors['outcomes']) : undefined;
  const open = !p.endDate;
  const planObligations = obligations.filter((o) => o.key.includes(`:${p.id}:`));
  return {
    title: 'Child protection plan',
    caption: caption(child),
    backLink: to.childProtectionPath(child.id),
    errorList,
    summary: {
      rows: [
        row('Started', formatDate(p.startDate)),
        row('Initial category of abuse', category(p.initialCategory)),
        row('Latest category of abuse', category(p.latestCategory)),
        row('Finalised', p.finalisedDate ? formatDate(p.finalisedDate) : 'Not yet'),
        row(
          'Ended',
          p.endDate
            ? `${formatDate(p.endDate)}: ${planEndReasonLabels[p.endReason as keyof typeof planEndReasonLabels] ?? p.endReason}`
            : 'In force',
        ),
      ],
    },
    noContingency: open && !p.contingency,
    conference: { text: 'Open the conference that made the plan', href: to.conferencePath(child.id, p.initialConferenceId) },
    edit: open
      ? planContentForm(planForm, {
          action: to.planPath(child.id, p.id),
          contingencyHint: 'What will happen if the plan is not working or the child is not safe',
          contingencyError,
        })
      : null,
    outcomesList: p.outcomes,
    contingencyText: p.contingency,
    actions: {
      caption: 'Actions',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'What will be done' }, { text: 'Who' }, { text: 'Due' }, { text: 'Progress' }],
      rows: p.actions.map((a) => [
        { text: a.action },
        { text: a.owner },
        { text: formatDate(a.dueDate) },
        {
          html: tagHtml(
            actionStatusLabels[a.status as keyof typeof actionStatusLabels].text,
            actionStatusLabels[a.status as keyof typeof actionStatusLabels].colour,
          ),
        },
      ]),
    },
    progress: open
      ? progressForms(
          p.actions,
          (actionId, defaults) => forForm(`progress-${actionId}`, defaults),
          (actionId) => to.planActionPath(child.id, p.id, actionId),
        )
      : [],
    addAction: open ? addActionForm(forForm('action', { status: 'not_started' }), to.planActionsPath(child.id, p.id)) : null,
    finalise:
      open && !p.finalisedDate
        ? {
            action: to.finalisePlanPath(child.id, p.id),
            version: finaliseForm.value('version'),
            date: finaliseForm.date('finalisedDate', 'Date finalised'),
          }
        : null,
    links: open
      ? [
          { text: 'Record a core group meeting', href: to.newCoreGroupPath(child.id, p.id) },
          { text: 'Record a review conference', href: to.newConferencePath(child.id, { planId: p.id }) },
          { text: 'Record a child protection visit', href: to.newVisitPath(child.id) },
          { text: 'End the plan', href: to.endPlanPath(child.id, p.id) },
          { text: 'Raise a concern about this plan', href: newDisputePath(child.id, { kind: 'child_protection', id: p.id }) },
        ]
      : [],
    coreGroups: {
      caption: 'Core group meetings',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'Date' }, { text: 'Attended' }, { text: 'Actions reviewed' }, { text: 'What the group found' }],
      rows: p.coreGroups.map((g) => [
        { text: formatDate(g.meetingDate) },
        {
          text: g.attendance
            .filter((a) => a.attended)
            .map((a) => `${a.name} (${agencyLabels[a.agency] ?? a.agency})`)
            .join(', '),
        },
        { text: String(g.actionsReviewed.length) },
        { text: g.notes ?? '' },
      ]),
    },
    reviews: {
      caption: 'Review conferences',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'Date' }, { text: 'Decision' }, { text: 'Social worker attended' }],
      rows: p.reviews.map((r) => [
        { html: link(to.conferencePath(child.id, r.id), formatDate(r.conferenceDate)) },
        { text: conferenceDecisionLabels[r.decision] ?? r.decision },
        { text: yesNoText(r.socialWorkerAttended) },
      ]),
    },
    due: obligationTable(planObligations.filter(outstanding), 'What is due under this plan'),
    hasDue: planObligations.some(outstanding),
    done: obligationTable(
      planObligations.filter((o) => o.status === 'met_on_time' || o.status === 'met_late'),
      'Done under this plan',
    ),
    hasDone: planObligations.some((o) => o.status === 'met_on_time' || o.status === 'met_late'),
  };
}

export function endPlanForm(
  child: ChildHeading,
  p: PlanView,
  opts: { today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['endDate']);
  const form = new FormView({ endDate: opts.today, version: p.version, ...(opts.values ?? {}) }, errors);
  return {
    title: 'End the child protection plan',
    caption: caption(child),
    backLink: to.planPath(child.id, p.id),
    action: to.endPlanPath(child.id, p.id),
    errorList,
    version: form.value('version'),
    hint: 'A plan a review conference ends is ended by recording that conference.',
    endDate: form.date('endDate', 'Date the plan ended'),
    endReason: form.radios('endReason', 'Why the plan ended', options(planEndReasonLabels, chosenPlanEndReasons)),
  };
}

// ── core groups ──────────────────────────────────────────────────────────────

export function coreGroupForm(child: ChildHeading, p: PlanView, opts: { values: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['meetingDate']);
  const form = new FormView(opts.values, errors);
  const count = rowCount(opts.values, 'attendance', 4);
  return {
    title: 'Record a core group meeting',
    caption: caption(child),
    backLink: to.planPath(child.id, p.id),
    action: to.newCoreGroupPath(child.id, p.id),
    errorList,
    meetingDate: form.date('meetingDate', 'Date of the meeting'),
    attendanceId: 'attendance',
    attendanceError: form.error('attendance') ?? null,
    attendance: attendanceRows(form, count),
    attendanceRows: count + 2,
    actionsReviewed:
      p.actions.length > 0
        ? form.checkboxes(
            'actionsReviewed',
            'Actions reviewed',
            p.actions.map((a) => ({
              value: a.id,
              text: a.action,
              hint: `${a.owner}, due ${formatDate(a.dueDate)}: ${actionStatusLabels[a.status as keyof typeof actionStatusLabels].text.toLowerCase()}`,
            })),
          )
        : null,
    notes: form.textarea('notes', 'What the core group found', { rows: 5 }),
  };
}
