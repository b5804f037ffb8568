/**
 * Disputes as GOV.UK macro parameters and plain data for the templates; a table's links and tags
 * are built with core's html builders, which escape every value.
 */
import { type FormValues, FormView, type ChildHeading, caption, errorsOf } from '../casework/form.js';
import { formatDate } from '../core/calendar/index.js';
import type { FieldError } from '../core/http/forms.js';
import { html, link, tag } from '../core/views/html.js';
import * as to from './paths.js';
import type { DisputeStageView, DisputeView } from './queries.js';
import { type DisputePlanKind, disputeRaisers, disputeStageCount } from './schema.js';

export const raiserLabels: Record<(typeof disputeRaisers)[number], string> = {
  conference_chair: 'Child protection conference chair',
  reviewing_officer: 'Independent reviewing officer',
};
const planLabels: Record<DisputePlanKind, string> = { child_protection: 'Child protection plan', child_in_need: 'Child in need plan' };
const stageHolders = ['Team manager', 'Service manager', 'Head of service', 'Director of children’s services'];

const planText = (kind: DisputePlanKind, start: string) => `${planLabels[kind]} since ${formatDate(start)}`;

/** Where a dispute stands today: resolved, waiting for a response (due or overdue), or answered and not yet taken further. */
export function standing(d: Pick<DisputeView, 'resolvedDate' | 'stages'>, today: string) {
  const current = d.stages.at(-1)!;
  if (d.resolvedDate) return { text: `Resolved ${formatDate(d.resolvedDate)}`, tag: { text: 'Resolved', colour: 'green' } };
  if (current.respondedDate)
    return {
      text: `Stage ${current.stage} answered ${formatDate(current.respondedDate)}: resolve it, or escalate`,
      tag: { text: 'Answered', colour: 'blue' },
    };
  return current.dueDate < today
    ? {
        text: `Stage ${current.stage}: response overdue since ${formatDate(current.dueDate)}`,
        tag: { text: 'Overdue', colour: 'red' },
      }
    : { text: `Stage ${current.stage}: response due ${formatDate(current.dueDate)}`, tag: { text: 'Due', colour: 'blue' } };
}

/** The standing as govukTag's parameters, for the line above the dispute's summary. */
const standingTag = (s: ReturnType<typeof standing>) => ({
  text: s.text,
  tag: { text: s.tag.text, classes: `govuk-tag--${s.tag.colour}` },
});

export function disputesPage(child: ChildHeading, disputes: readonly DisputeView[], today: string) {
  return {
    title: 'Concerns about the child’s plans',
    caption: caption(child),
    backLink: to.childRecordPath(child.id),
    raise: { text: 'Raise a concern about a plan', href: to.newDisputePath(child.id) },
    rows: disputes.map((d) => {
      const s = standing(d, today);
      return [
        { html: link(to.disputePath(child.id, d.id), `Raised ${formatDate(d.raisedDate)}`) },
        { text: planText(d.planKind, d.planStartDate) },
        { text: `${d.raisedByName} (${raiserLabels[d.raisedByRole as keyof typeof raiserLabels] ?? d.raisedByRole})` },
        { html: html`${tag(s.tag.text, s.tag.colour)} ${s.text}` },
      ];
    }),
  };
}

export function raisePage(
  child: ChildHeading,
  plans: readonly { kind: DisputePlanKind; id: string; startDate: string; endDate: string | null }[],
  opts: { values: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['raisedDate']);
  // the plan is one choice on the page: kind and id together
  const chosen =
    typeof opts.values.plan === 'string'
      ? opts.values.plan
      : opts.values.planKind && opts.values.planId
        ? `${String(opts.values.planKind)}:${String(opts.values.planId)}`
        : '';
  const form = new FormView({ ...opts.values, plan: chosen }, errors);
  const planError = form.error('planId') ?? form.error('planKind');
  return {
    title: 'Raise a concern about a plan',
    caption: caption(child),
    backLink: to.disputesPath(child.id),
    action: to.newDisputePath(child.id),
    errorList: errorList.map((e) => (e.href === '#planId' || e.href === '#planKind' ? { ...e, href: '#plan' } : e)),
    hasPlans: plans.length > 0,
    plan: {
      ...form.radios(
        'plan',
        'Which plan',
        plans.map((p) => ({
          value: `${p.kind}:${p.id}`,
          text: planText(p.kind, p.startDate),
          ...(p.endDate ? { hint: `Ended ${formatDate(p.endDate)}` } : {}),
        })),
      ),
      ...(planError ? { errorMessage: planError } : {}),
    },
    raisedByRole: form.radios(
      'raisedByRole',
      'Who raised it',
      disputeRaisers.map((r) => ({ value: r, text: raiserLabels[r] })),
    ),
    raisedByName: form.input('raisedByName', 'Their name'),
    raisedDate: form.date('raisedDate', 'Date the concern was raised'),
    concern: form.textarea('concern', 'The concern', {
      hint: 'What about the plan, or the work under it, is not right for the child',
      rows: 6,
    }),
    addressedTo: form.input('addressedTo', 'Who must respond first', {
      hint: `Stage 1 goes to the ${stageHolders[0]!.toLowerCase()}: their name`,
    }),
  };
}

/** Which of the dispute page's forms the values and errors belong to. */
export type DisputeForm = 'respond' | 'escalate' | 'resolve';

function stageRow(s: DisputeStageView, today: string, resolved: boolean) {
  const overdue = !s.respondedDate && !resolved && s.dueDate < today;
  return [
    { text: `${s.stage}: ${stageHolders[s.stage - 1] ?? ''}` },
    { text: s.addressedTo },
    { text: formatDate(s.startedDate) },
    { html: html`${formatDate(s.dueDate)}${overdue ? html` ${tag('Overdue', 'red')}` : ''}` },
    { text: s.respondedDate ? `${formatDate(s.respondedDate)}: ${s.response}` : resolved ? 'None' : 'Waiting' },
  ];
}

export function disputePage(
  child: ChildHeading,
  d: DisputeView,
  opts: { today: string; form?: DisputeForm; values?: FormValues; errors?: readonly FieldError[] },
) {
  const { errorList, errors } = errorsOf(opts.errors, ['respondedDate', 'escalatedDate', 'resolvedDate']);
  const forForm = (name: DisputeForm, defaults: FormValues) =>
    new FormView(opts.form === name ? { ...defaults, ...(opts.values ?? {}) } : defaults, opts.form === name ? errors : {});
  const current = d.stages.at(-1)!;
  const open = !d.resolvedDate;
  const respond = forForm('respond', { respondedDate: opts.today, version: d.version });
  const escalate = forForm('escalate', { escalatedDate: opts.today, version: d.version });
  const resolve = forForm('resolve', { resolvedDate: opts.today, version: d.version });
  return {
    title: 'Concern about the child’s plan',
    caption: caption(child),
    backLink: to.disputesPath(child.id),
    errorList,
    standing: standingTag(standing(d, opts.today)),
    summary: {
      rows: [
        { key: { text: 'Plan' }, value: { text: planText(d.planKind, d.planStartDate) } },
        {
          key: { text: 'Raised by' },
          value: { text: `${d.raisedByName} (${raiserLabels[d.raisedByRole as keyof typeof raiserLabels] ?? d.raisedByRole})` },
        },
        { key: { text: 'Raised' }, value: { text: formatDate(d.raisedDate) } },
        { key: { text: 'The concern' }, value: { text: d.concern } },
        ...(d.resolvedDate ? [{ key: { text: 'Resolved' }, value: { text: `${formatDate(d.resolvedDate)}: ${d.resolution}` } }] : []),
      ],
    },
    rows: d.stages.map((s) => stageRow(s, opts.today, !!d.resolvedDate)),
    respond:
      open && !current.respondedDate
        ? {
            action: to.respondPath(child.id, d.id),
            version: respond.value('version'),
            heading: `Stage ${current.stage}: the response`,
            date: respond.date('respondedDate', 'Date of the response'),
            response: respond.textarea('response', 'The response', { rows: 4 }),
          }
        : null,
    escalate:
      open && current.stage < disputeStageCount
        ? {
            action: to.escalatePath(child.id, d.id),
            version: escalate.value('version'),
            heading: `Escalate to stage ${current.stage + 1}: ${stageHolders[current.stage]!.toLowerCase()}`,
            date: escalate.date('escalatedDate', 'Date it was escalated'),
            addressedTo: escalate.input('addressedTo', 'Who must respond at the next stage'),
          }
        : null,
    resolve: open
      ? {
          action: to.resolvePath(child.id, d.id),
          version: resolve.value('version'),
          date: resolve.date('resolvedDate', 'Date it was resolved'),
          resolution: resolve.textarea('resolution', 'How it was resolved', { rows: 4 }),
        }
      : null,
  };
}
