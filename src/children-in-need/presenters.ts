/**
 * Query results as GOV.UK macro parameters and plain data for the templates: every label and
 * every choice a page shows is decided here, table rows included: a link in a cell is built with
 * core's html builders, which escape every value.
 */
import { type FormValues, FormView, type Option, rowCount, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { attendanceRows, attendedText } from '../casework/meetings.js';
import { actionItems, actionRows, addActionForm, planContentForm, progressErrorLinks, progressForms } from '../casework/plan-presenters.js';
import { formatDate as formatIsoDate } from '../core/calendar/index.js';
import { reasonForClosureCodes } from '../children/codes.js';
import { labelOf } from '../core/codes.js';
import { link } from '../core/views/html.js';
import type { FieldError } from '../core/http/forms.js';
import { obligationRows } from '../obligations/presenters.js';
import { type ObligationView, statusLabels } from '../obligations/queries.js';
import { disputesPath, newDisputePath } from '../dispute-resolution/paths.js';
import * as to from './paths.js';
import type { ChildrenInNeedRecord, CinPlanView } from './queries.js';
import { type CinPlanEndReason, chosenCinPlanEndReasons, closureReasonCodes } from './schema.js';

export const cinPlanEndReasonLabels: Record<CinPlanEndReason, string> = {
  needs_met: 'The child’s needs are met',
  step_down_early_help: 'Stepped down to early help',
  child_protection_plan: 'The child became subject to a child protection plan',
  became_looked_after: 'The child became looked after',
  moved_to_another_authority: 'The child moved to another local authority',
  family_withdrew_consent: 'The family withdrew their agreement to the plan',
  other: 'Another reason',
  case_closed: 'The case was closed',
};

const formatDate = (d: string | null | undefined) => (d ? formatIsoDate(d) : '');
const endReason = (r: string | null) => cinPlanEndReasonLabels[r as CinPlanEndReason] ?? r ?? '';
const closureReason = (code: string) => `${labelOf(reasonForClosureCodes, code)} (${code})`;
const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
const outstanding = (o: ObligationView) => o.status === 'due' || o.status === 'overdue';
const met = (o: ObligationView) => o.status === 'met_on_time' || o.status === 'met_late';

/** The next thing due, with why: what the record shows against "Next". */
function nextDue(obligations: readonly ObligationView[]) {
  const next = obligations.filter(outstanding)[0];
  return next
    ? {
        text: next.ruleName,
        explanation: next.explanation,
        due: formatDate(next.due.slice(0, 10)),
        tag: { text: statusLabels[next.status].text, classes: `govuk-tag--${statusLabels[next.status].colour}` },
      }
    : null;
}

// ── the child's record: the children in need section ─────────────────────────

/** What the child's record shows about children in need: where things stand, and what is due next and by when. */
export function recordSection(childId: string, record: ChildrenInNeedRecord, obligations: readonly ObligationView[]) {
  const open = record.plans.find((p) => !p.endDate);
  const rows = [];
  let status: string;
  if (open) {
    status = `On a child in need plan since ${formatDate(open.startDate)}`;
    rows.push(row('Reviews held', String(open.reviews)));
    rows.push(row('Last review', open.lastReview ? formatDate(open.lastReview) : 'None yet'));
  } else if (record.plans[0]) {
    status = `Not on a child in need plan: the last plan ended on ${formatDate(record.plans[0].endDate)} (${endReason(record.plans[0].endReason).toLowerCase()})`;
  } else {
    status = 'No child in need plan recorded';
  }
  const closure = record.closures[0];
  if (closure && record.openReferrals.length === 0) {
    rows.push(
      row(
        'Case closed',
        `${formatDate(closure.closedDate)}: ${closureReason(closure.reason)}${closure.stepDownToEarlyHelp ? `, stepped down to early help (${closure.earlyHelpProvider})` : ''}`,
      ),
    );
  }
  if (record.disabled) {
    rows.push(
      row(
        'Transition planning',
        record.transition ? `Started ${formatDate(record.transition.startedDate)}, led by ${record.transition.lead}` : 'Not started',
      ),
    );
  }
  const links: { text: string; href: string }[] = [];
  if (open) links.push({ text: 'Open the child in need plan', href: to.planPath(childId, open.id) });
  else if (record.openReferrals.length > 0 && !record.onChildProtectionPlan)
    links.push({ text: 'Start a child in need plan', href: to.newPlanPath(childId) });
  if (record.openReferrals.length > 0) links.push({ text: 'Close the case', href: to.closurePath(childId) });
  if (record.disabled)
    links.push({ text: record.transition ? 'Transition planning' : 'Record transition planning', href: to.transitionPath(childId) });
  return { status, rows, next: nextDue(obligations), links, overview: to.childrenInNeedPath(childId) };
}

// ── the overview: every plan, closure and the transition plan ────────────────

export function overviewPage(child: ChildHeading, record: ChildrenInNeedRecord, obligations: readonly ObligationView[]) {
  const section = recordSection(child.id, record, obligations);
  return {
    title: 'Children in need',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    status: section.status,
    links: [
      ...section.links,
      ...(record.plans.length > 0 ? [{ text: 'Concerns raised about the plans', href: disputesPath(child.id) }] : []),
    ],
    planRows: record.plans.map((p) => [
      { html: link(to.planPath(child.id, p.id), formatDate(p.startDate), 'plan') },
      { text: p.endDate ? `${formatDate(p.endDate)} (${endReason(p.endReason)})` : 'In force' },
      { text: String(p.reviews), format: 'numeric' },
      { text: String(p.actions), format: 'numeric' },
    ]),
    closureRows: record.closures.map((c) => [
      { text: formatDate(c.closedDate) },
      { text: closureReason(c.reason) },
      { text: c.stepDownToEarlyHelp ? `Yes: ${c.earlyHelpProvider}` : 'No' },
      { text: c.summary },
    ]),
    due: obligationRows(obligations.filter(outstanding)),
    done: obligationRows(obligations.filter(met)),
  };
}

// ── starting a plan ──────────────────────────────────────────────────────────

export function startPlanForm(
  child: ChildHeading,
  referrals: readonly { id: string; referralDate: string }[],
  opts: { values: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['startDate']);
  const form = new FormView({ ...(referrals.length === 1 ? { referralId: referrals[0]!.id } : {}), ...opts.values }, errors);
  return {
    title: 'Start a child in need plan',
    caption: caption(child),
    backLink: to.childrenInNeedPath(child.id),
    action: to.newPlanPath(child.id),
    errorList,
    hasReferral: referrals.length > 0,
    referral: form.radios(
      'referralId',
      'Referral the plan belongs to',
      referrals.map((r) => ({ value: r.id, text: `Referral of ${formatDate(r.referralDate)}` })),
    ),
    startDate: form.date('startDate', 'Date the plan started', {
      hint: 'The day the plan was agreed, usually at the child in need meeting',
    }),
  };
}

// ── the plan ─────────────────────────────────────────────────────────────────

/** Which of the plan page's forms the values and errors belong to. */
export type PlanForm = 'plan' | 'action' | `progress-${string}`;

export function planPage(
  child: ChildHeading,
  p: CinPlanView,
  obligations: readonly ObligationView[],
  opts: { form?: PlanForm; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['dueDate']);
  const forForm = (name: PlanForm, defaults: FormValues) =>
    new FormView(opts.form === name ? { ...defaults, ...(opts.values ?? {}) } : defaults, opts.form === name ? errors : {});
  const open = !p.endDate;
  const planObligations = obligations.filter((o) => o.key.includes(`:${p.id}:`));
  const items = actionItems(p.actions);
  return {
    title: 'Child in need plan',
    caption: caption(child),
    backLink: to.childrenInNeedPath(child.id),
    errorList: progressErrorLinks(errorList, opts.form),
    summary: {
      rows: [
        row('Started', formatDate(p.startDate)),
        row('Referral', formatDate(p.referralDate)),
        row('Reviews held', String(p.reviews.length)),
        row('Ended', p.endDate ? `${formatDate(p.endDate)}: ${endReason(p.endReason)}` : 'In force'),
      ],
    },
    links: open
      ? [
          { text: 'Record a review', href: to.newReviewPath(child.id, p.id) },
          { text: 'Record a visit', href: to.newVisitPath(child.id) },
          { text: 'End the plan', href: to.endPlanPath(child.id, p.id) },
          { text: 'Raise a concern about this plan', href: newDisputePath(child.id, { kind: 'child_in_need', id: p.id }) },
        ]
      : [],
    due: obligationRows(planObligations.filter(outstanding)),
    done: obligationRows(planObligations.filter(met)),
    planContent: {
      edit: open
        ? planContentForm(forForm('plan', { outcomes: p.outcomes, contingency: p.contingency ?? '', version: p.version }), {
            action: to.planPath(child.id, p.id),
            contingencyHint: 'What will happen if the plan is not working, or the child’s needs grow',
          })
        : null,
      outcomes: p.outcomes,
      contingency: p.contingency ?? '',
    },
    planActions: {
      caption: 'Actions',
      items,
      rows: actionRows(items),
      progress: open
        ? progressForms(
            p.actions,
            (actionId, defaults) => forForm(`progress-${actionId}`, defaults),
            (actionId) => to.planActionPath(child.id, p.id, actionId),
          )
        : [],
      add: open ? addActionForm(forForm('action', { status: 'not_started' }), to.planActionsPath(child.id, p.id)) : null,
    },
    reviewRows: p.reviews.map((r) => [
      { text: formatDate(r.reviewDate) },
      { text: attendedText(r.attendance) || 'Nobody recorded as attending' },
      { text: r.childViews ?? 'Not recorded' },
      { text: r.decisions },
    ]),
  };
}

// ── reviews ──────────────────────────────────────────────────────────────────

export function reviewForm(child: ChildHeading, p: CinPlanView, opts: { values: FormValues; errors?: readonly FieldError[] }) {
  const { errorList, errors } = errorsOf(opts.errors, ['reviewDate']);
  const form = new FormView(opts.values, errors);
  const count = rowCount(opts.values, 'attendance', 3);
  return {
    title: 'Record a child in need review',
    caption: caption(child),
    backLink: to.planPath(child.id, p.id),
    action: to.newReviewPath(child.id, p.id),
    errorList,
    intro: `The plan started on ${formatDate(p.startDate)}.`,
    reviewDate: form.date('reviewDate', 'Date of the review'),
    attendanceId: 'attendance',
    attendanceError: form.error('attendance') ?? null,
    attendance: attendanceRows(form, count),
    attendanceRows: count + 2,
    childViews: form.textarea('childViews', 'The child’s views', {
      hint: 'What the child said, or how their views were gathered',
      rows: 4,
    }),
    decisions: form.textarea('decisions', 'What the review decided', {
      hint: 'Whether the plan continues, what changes, and anything new to do',
      rows: 5,
    }),
  };
}

// ── the end of a plan ────────────────────────────────────────────────────────

const options = <K extends string>(labels: Record<K, string>, keys: readonly K[]): Option[] =>
  keys.map((k) => ({ value: k, text: labels[k] }));

export function endPlanForm(
  child: ChildHeading,
  p: CinPlanView,
  opts: { today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['endDate']);
  const form = new FormView({ endDate: opts.today, version: p.version, ...(opts.values ?? {}) }, errors);
  return {
    title: 'End the child in need plan',
    caption: caption(child),
    backLink: to.planPath(child.id, p.id),
    action: to.endPlanPath(child.id, p.id),
    errorList,
    version: form.value('version'),
    hint: 'Closing the case ends the plan too. End the plan here when the case stays open, for example when a child protection plan follows.',
    endDate: form.date('endDate', 'Date the plan ended'),
    endReason: form.radios('endReason', 'Why the plan ended', options(cinPlanEndReasonLabels, chosenCinPlanEndReasons)),
  };
}

// ── closing the case ─────────────────────────────────────────────────────────

export function closureForm(
  child: ChildHeading,
  record: ChildrenInNeedRecord,
  opts: { values: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['closedDate']);
  const form = new FormView(opts.values, errors);
  const open = record.plans.find((p) => !p.endDate);
  return {
    title: 'Close the case',
    caption: caption(child),
    backLink: to.childrenInNeedPath(child.id),
    action: to.closurePath(child.id),
    errorList,
    canClose: record.openReferrals.length > 0,
    effects: [
      `${record.openReferrals.length === 1 ? 'The open referral' : `The ${record.openReferrals.length} open referrals`} will close with the reason you choose.`,
      ...(open ? [`The child in need plan (since ${formatDate(open.startDate)}) will end.`] : []),
    ],
    closedDate: form.date('closedDate', 'Date the case closed'),
    reason: form.radios(
      'reason',
      'Reason for closure',
      closureReasonCodes.map((c) => ({ value: c, text: labelOf(reasonForClosureCodes, c), hint: `CIN census code ${c}` })),
    ),
    summary: form.textarea('summary', 'Why the case is closing', {
      hint: 'In plain words, for the family and anyone who reads the record later',
      rows: 5,
    }),
    stepDownToEarlyHelp: form.yesNo('stepDownToEarlyHelp', 'Does the work step down to early help?'),
    earlyHelpProvider: form.input('earlyHelpProvider', 'Who takes the work on in early help', {
      hint: 'The early help service or lead professional; leave blank if the work does not step down',
    }),
    closures: record.closures.map((c) =>
      row(
        formatDate(c.closedDate),
        `${closureReason(c.reason)}${c.stepDownToEarlyHelp ? `; stepped down to early help (${c.earlyHelpProvider})` : ''}`,
      ),
    ),
  };
}

// ── transition planning ──────────────────────────────────────────────────────

export function transitionForm(
  child: ChildHeading,
  record: ChildrenInNeedRecord,
  obligations: readonly ObligationView[],
  opts: { today: string; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['startedDate']);
  const t = record.transition;
  const saved: FormValues = t
    ? {
        startedDate: t.startedDate,
        lead: t.lead,
        adultServicesInvolved: t.adultServicesInvolved ? 'yes' : 'no',
        summary: t.summary,
        version: t.version,
      }
    : { startedDate: opts.today };
  const form = new FormView({ ...saved, ...(opts.values ?? {}) }, errors);
  const rule = obligations.filter((o) => o.ruleId === 'transition-planning');
  return {
    title: 'Transition planning',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    action: t ? to.changeTransitionPath(child.id) : to.transitionPath(child.id),
    errorList,
    disabled: record.disabled,
    due: obligationRows(rule),
    version: t ? form.value('version') : null,
    startedDate: form.date('startedDate', 'Date transition planning started'),
    lead: form.input('lead', 'Who leads the planning', { hint: 'A person, a team or adult social care' }),
    adultServicesInvolved: form.yesNo('adultServicesInvolved', 'Are adult services involved?'),
    summary: form.textarea('summary', 'What the planning covers', {
      hint: 'Education, health, care and support, where the young person will live, and their wishes',
      rows: 6,
    }),
    submit: t ? 'Save changes' : 'Save transition planning',
  };
}
