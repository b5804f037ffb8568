import { html, tag } from '../core/views/html.js';
import { formatDate } from '../core/views/nunjucks.js';
import { type ObligationView, statusLabels } from './queries.js';

/** How far off a deadline is, or how far past it: in hours for a deadline set in hours. */
export function daysText(o: Pick<ObligationView, 'hours' | 'status' | 'workingDays'>): string {
  if (o.hours !== null && o.status !== 'met_on_time') return `${Math.abs(o.hours)} hours ${o.status === 'due' ? 'left' : 'over'}`;
  if (o.status === 'due') return `${o.workingDays} working days left`;
  if (o.status === 'overdue' || o.status === 'met_late') return `${o.workingDays} working days over`;
  return '';
}

/** What is owed, and why: the rule's name over the clock's explanation. */
export function whatIsOwed(o: Pick<ObligationView, 'ruleName' | 'explanation'>) {
  return html`<strong>${o.ruleName}</strong><br><span class="govuk-body-s">${o.explanation}</span>`;
}

/** A child's obligations, as the rows of the table on their record. */
export function obligationRows(list: readonly ObligationView[]) {
  return list.map((o) => [
    { html: whatIsOwed(o) },
    { text: formatDate(o.due) },
    { html: tag(statusLabels[o.status].text, statusLabels[o.status].colour) },
    { text: daysText(o) },
    { html: html`<span class="govuk-body-s">${o.source}</span>` },
  ]);
}
