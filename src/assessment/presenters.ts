import type { CodeList } from '../core/codes.js';
import { html, link, tag } from '../core/views/html.js';
import { formatDate, words } from '../core/views/nunjucks.js';
import type { AssessmentView } from './queries.js';
import { assessmentPaths } from './paths.js';
import { assessmentOutcomes } from './schema.js';

/** Where an assessment has got to, in words. */
export function stageOf(a: Pick<AssessmentView, 'submittedAt' | 'authorisedAt'>): string {
  if (a.authorisedAt) return `Authorised ${formatDate(a.authorisedAt)}`;
  return a.submittedAt ? 'Awaiting authorisation' : 'In progress';
}

/** A child's assessments, as rows of the list's table. */
export function assessmentRows(childId: string, assessments: readonly AssessmentView[]) {
  return assessments.map((a) => [
    { html: link(assessmentPaths.show(childId, a.id), `Started ${formatDate(a.startDate)}`) },
    { text: formatDate(a.referralDate) },
    { text: a.workerName ?? 'Not allocated' },
    { text: formatDate(a.due) },
    { text: stageOf(a) },
  ]);
}

/** The open referrals an assessment can start from, as radios: the one chosen, else the newest. */
export function referralItems(referrals: readonly { id: string; referralDate: string }[], chosen: unknown) {
  return referrals.map((r, i) => ({
    value: r.id,
    text: `Referral of ${formatDate(r.referralDate)}`,
    checked: chosen ? chosen === r.id : i === 0,
  }));
}

/** Workers who can hold the assessment, each with their caseload, as a select's items. */
export function workerItems(workers: readonly { id: string; name: string; teamName: string; caseload: number }[], chosen: unknown) {
  return [
    { value: '', text: 'Select a social worker' },
    ...workers.map((w) => ({ value: w.id, text: `${w.name} (${w.teamName}, ${w.caseload} children)`, selected: chosen === w.id })),
  ];
}

/** Whether the assessment is (or was) finished after its due date. */
export function isLate(a: Pick<AssessmentView, 'due' | 'authorisedAt'>, today: string): boolean {
  return a.due !== null && (a.authorisedAt ?? today) > a.due;
}

/** One assessment, as the rows of its summary list. */
export function assessmentSummary(a: AssessmentView, late: boolean) {
  return [
    { key: { text: 'Referral' }, value: { text: formatDate(a.referralDate) } },
    { key: { text: 'Started' }, value: { text: formatDate(a.startDate) } },
    { key: { text: 'Social worker' }, value: { text: a.workerName ?? 'Not allocated' } },
    { key: { text: 'Due' }, value: { html: html`${formatDate(a.due)}${late ? html` ${tag('Late', 'red')}` : ''}` } },
    { key: { text: 'Submitted' }, value: { text: formatDate(a.submittedAt) || 'Not yet' } },
    {
      key: { text: 'Authorised' },
      value: { text: a.authorisedAt ? `${formatDate(a.authorisedAt)}${a.authorisedByName ? ` by ${a.authorisedByName}` : ''}` : 'Not yet' },
    },
    { key: { text: 'Why it is late' }, value: { text: a.lateReason ?? 'Not recorded' } },
  ];
}

/** The factors, as checkboxes, those in `chosen` ticked. */
export function factorItems(factorCodes: CodeList, chosen: readonly string[]) {
  return factorCodes.map((f) => ({ value: f.code, text: `${f.code} – ${f.label}`, checked: chosen.includes(f.code) }));
}

/** The outcomes, as a select's items. */
export function outcomeItems(chosen: unknown) {
  return [{ value: '', text: 'Not yet decided' }, ...assessmentOutcomes.map((o) => ({ value: o, text: words(o), selected: chosen === o }))];
}
