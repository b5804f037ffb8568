import type { CodeList } from '../core/codes.js';
import { html, link, tag } from '../core/views/html.js';
import { formatDate, words } from '../core/views/nunjucks.js';
import type { AssessmentReviewView, AssessmentView } from './queries.js';
import { assessmentPaths } from './paths.js';
import { assessmentOutcomes, outcomesStartingStrategyDiscussion } from './schema.js';

/** Where an assessment has got to, in words. */
export function stageOf(
  a: Pick<AssessmentView, 'submittedAt' | 'authorisedAt'> & { lastDecision?: AssessmentView['lastDecision'] },
): string {
  if (a.authorisedAt) return `Authorised ${formatDate(a.authorisedAt)}`;
  if (a.submittedAt) return 'Awaiting authorisation';
  return a.lastDecision === 'returned' ? 'In progress: returned by the manager' : 'In progress';
}

/** Whether the assessment's outcome starts child protection work, which begins with a strategy discussion. */
export function startsStrategyDiscussion(a: Pick<AssessmentView, 'outcome' | 'authorisedAt'>): boolean {
  return a.authorisedAt !== null && a.outcome !== null && outcomesStartingStrategyDiscussion.includes(a.outcome);
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

/** Whether the child has been seen during the assessment, in words. */
export function childSeenText(seenOn: string | null, startDate: string): string {
  return seenOn
    ? `Yes, first seen on ${formatDate(seenOn)}`
    : `Not yet: no visit on which the child was seen is recorded since the assessment started on ${formatDate(startDate)}`;
}

/** The written parts of a submitted assessment, as the rows of a summary list. */
export function writtenSummary(a: AssessmentView) {
  const row = (key: string, value: string | null) => ({
    key: { text: key },
    value: { text: value ?? 'Not recorded', classes: 'app-note' },
  });
  return [
    row('Analysis', a.analysis),
    row('The child’s views', a.childViews),
    row('The family’s views', a.familyViews),
    row('Plan and recommendation', a.plan),
    row('Outcome', a.outcome ? words(a.outcome) : null),
  ];
}

const decisionWords = { returned: 'Returned to the social worker', authorised: 'Authorised' } as const;

/** The management oversight recorded on the assessment, newest first, as the rows of a summary list. */
export function reviewSummary(reviews: readonly AssessmentReviewView[]) {
  return reviews.map((r) => ({
    key: { text: `${decisionWords[r.decision]} by ${r.decidedByName}, ${formatDate(r.decidedAt)}` },
    value: { text: r.comments ?? 'No comments', classes: 'app-note' },
  }));
}

/** The factors, as checkboxes, those in `chosen` ticked. */
export function factorItems(factorCodes: CodeList, chosen: readonly string[]) {
  return factorCodes.map((f) => ({ value: f.code, text: `${f.code} – ${f.label}`, checked: chosen.includes(f.code) }));
}

/** The outcomes, as a select's items. */
export function outcomeItems(chosen: unknown) {
  return [{ value: '', text: 'Not yet decided' }, ...assessmentOutcomes.map((o) => ({ value: o, text: words(o), selected: chosen === o }))];
}
