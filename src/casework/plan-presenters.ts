/**
 * The plan builder's parts of a plan page, as GOV.UK macro parameters: the outcomes and
 * contingency form, the actions (as data, and as table rows with the status as a tag), a progress form
 * for each action and the form that adds one. `casework/views/plan-builder.njk` places them.
 */
import { formatDate } from '../core/calendar/index.js';
import { html } from '../core/views/html.js';
import type { FormValues, FormView, Option } from './form.js';
import { type ActionStatus, actionStatuses } from './plans.js';

export const actionStatusLabels: Record<ActionStatus, { text: string; colour: string }> = {
  not_started: { text: 'Not started', colour: 'grey' },
  in_progress: { text: 'In progress', colour: 'blue' },
  completed: { text: 'Completed', colour: 'green' },
  not_completed: { text: 'Not completed', colour: 'red' },
};

export const actionStatusOptions: Option[] = actionStatuses.map((s) => ({ value: s, text: actionStatusLabels[s].text }));

export const statusOf = (status: string) => actionStatusLabels[status as ActionStatus] ?? { text: status, colour: 'grey' };

export interface PlanActionData {
  id: string;
  action: string;
  owner: string;
  dueDate: string;
  status: string;
  version: number;
}

/** The outcomes and contingency form: three outcome boxes at least, and one spare. */
export function planContentForm(
  form: FormView,
  opts: { action: string; contingencyHint: string; contingencyError?: { text: string } | undefined },
) {
  const outcomeValues = [form.values.outcomes ?? []].flat().map(String);
  return {
    action: opts.action,
    version: form.value('version'),
    outcomesId: 'outcomes',
    outcomesError: form.error('outcomes') ?? null,
    outcomes: Array.from({ length: Math.max(3, outcomeValues.length + 1) }, (_, i) => ({
      id: `outcomes-${i}`,
      name: 'outcomes',
      label: { text: `Outcome ${i + 1}`, classes: 'govuk-label' },
      value: outcomeValues[i] ?? '',
      rows: 2,
    })),
    contingency: {
      ...form.textarea('contingency', 'Contingency plan', { hint: opts.contingencyHint, rows: 5 }),
      ...(opts.contingencyError ? { errorMessage: opts.contingencyError } : {}),
    },
  };
}

/** The plan's actions as data. */
export function actionItems(actions: readonly PlanActionData[]) {
  return actions.map((a) => ({ id: a.id, action: a.action, owner: a.owner, due: formatDate(a.dueDate), status: statusOf(a.status) }));
}

/** A status tag laid out line by line as govukTag lays it out, so the plan page reads as it did. */
const statusTag = (s: { text: string; colour: string }) => html`<strong class="govuk-tag govuk-tag--${s.colour}">
  ${s.text}
</strong>`;

/** The plan's actions as the rows of `casework/views/plan-action-table.njk`, the status as a tag. */
export function actionRows(items: ReturnType<typeof actionItems>) {
  return items.map((a) => [{ text: a.action }, { text: a.owner }, { text: a.due }, { html: statusTag(a.status) }]);
}

/** One small form per action to record its progress, each with its own field id. */
export function progressForms(
  actions: readonly PlanActionData[],
  formFor: (actionId: string, defaults: FormValues) => FormView,
  actionPath: (actionId: string) => string,
) {
  return actions.map((a) => {
    const f = formFor(a.id, { status: a.status, version: a.version });
    return {
      action: actionPath(a.id),
      version: f.value('version'),
      status: { ...f.select('status', `Progress on: ${a.action}`, actionStatusOptions), id: `status-${a.id}` },
      button: {
        text: 'Update',
        classes: 'govuk-button--secondary govuk-!-margin-bottom-0',
        attributes: { 'aria-label': `Update progress on ${a.action}` },
      },
    };
  });
}

/** The form that adds an action. */
export function addActionForm(form: FormView, action: string) {
  return {
    action,
    what: form.textarea('action', 'What will be done', { rows: 2 }),
    owner: form.input('owner', 'Who will do it', { hint: 'A person or an agency' }),
    dueDate: form.date('dueDate', 'Date it is due'),
    status: form.radios('status', 'Progress', actionStatusOptions, { inline: true }),
  };
}

/** A refused progress form's errors link to that action's own field. */
export function progressErrorLinks<T extends { href: string }>(errorList: T[], form: string | undefined): T[] {
  const actionId = form?.startsWith('progress-') ? form.slice('progress-'.length) : null;
  return actionId
    ? errorList.map((e) => ({ ...e, href: e.href === '#status' || e.href === '#version' ? `#status-${actionId}` : e.href }))
    : errorList;
}
