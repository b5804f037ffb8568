import { accessRoles } from '../core/auth/schema.js';
import { teamKinds, workerRoles } from '../core/organisation/schema.js';
import { link } from '../core/views/html.js';
import { formatDate, words } from '../core/views/nunjucks.js';
import { CHANGE_REASONS } from './change-reasons.js';
import { workforcePaths as paths } from './paths.js';
import type { AllocationHistoryEntry, Candidate, LinkableWorker, TeamListItem, UserListItem, WorkerListItem } from './queries.js';

type Chosen = unknown;

/** The users, as the rows of the users table, each with a link to change them. */
export function userRows(users: readonly UserListItem[]) {
  return users.map((u) => [
    { text: u.username },
    { text: u.displayName },
    { text: words(u.role) },
    { text: u.teamName ?? '' },
    { text: `${u.demo ? 'Demo' : ''}${u.disabled ? ' Disabled' : ''}` },
    { html: link(paths.user(u.id), 'Change', u.username) },
  ]);
}

/** The roles a user can have, as radios. */
export function roleItems(chosen: Chosen) {
  return accessRoles.map((r) => ({ value: r, text: words(r), checked: chosen === r }));
}

/** The teams, as a select's items, after a first item for none (`noneText`). */
export function teamItems(teams: readonly { id: string; name: string }[], chosen: Chosen, noneText: string) {
  return [{ value: '', text: noneText }, ...teams.map((t) => ({ value: t.id, text: t.name, selected: chosen === t.id }))];
}

/** The workers a user can be, as a select's items. */
export function linkableWorkerItems(workers: readonly LinkableWorker[], chosen: Chosen) {
  return [
    { value: '', text: 'Not a worker' },
    ...workers.map((w) => ({ value: w.id, text: `${w.name}${w.teamName ? ` (${w.teamName})` : ''}`, selected: chosen === w.id })),
  ];
}

/** The teams, as the rows of the teams table. */
export function teamRows(teams: readonly TeamListItem[]) {
  return teams.map((t) => [{ text: t.name }, { text: words(t.kind) }, { text: t.workers, format: 'numeric' }]);
}

/** The kinds of team, as a select's items. */
export function teamKindItems(chosen: Chosen) {
  return [{ value: '', text: 'Select the kind of team' }, ...teamKinds.map((k) => ({ value: k, text: words(k), selected: chosen === k }))];
}

/** The workers, as the rows of the workers table, each name a link to change them. */
export function workerRows(workers: readonly WorkerListItem[]) {
  return workers.map((w) => [
    { html: link(paths.worker(w.id), w.name) },
    { text: words(w.role) },
    { text: w.team ?? '' },
    { text: `${w.qualified ? 'Qualified' : 'Unqualified'}${w.newlyQualified ? ', newly qualified' : ''}${w.agency ? ', agency' : ''}` },
  ]);
}

/** The roles a worker can have, as a select's items. */
export function workerRoleItems(chosen: Chosen) {
  return [{ value: '', text: 'Select a role' }, ...workerRoles.map((r) => ({ value: r, text: words(r), selected: chosen === r }))];
}

/** A worker's three yes-or-no questions, each as inline radios. */
export function workerQuestions(values: Record<string, unknown>) {
  return (
    [
      ['qualified', 'Is this worker a qualified social worker?'],
      ['newlyQualified', 'Are they newly qualified?'],
      ['agency', 'Are they an agency worker?'],
    ] as const
  ).map(([name, legend]) => ({
    name,
    legend,
    items: [
      { value: 'yes', text: 'Yes', checked: values[name] === 'yes' },
      { value: 'no', text: 'No', checked: values[name] === 'no' },
    ],
  }));
}

/** The workers a child can be allocated to, as radios, each with the caseload they carry. */
export function candidateItems(candidates: readonly Candidate[], chosen: Chosen) {
  return candidates.map((w) => ({
    value: w.id,
    text: `${w.name} (${w.teamName})`,
    hint: { text: `${w.caseload} children${w.newlyQualified ? ', newly qualified' : ''}${w.agency ? ', agency' : ''}` },
    checked: chosen === w.id,
  }));
}

/** Why the social worker is changing, as radios (DfE's SW_REASON codes, in change-reasons.ts). */
export function changeReasonItems(chosen: Chosen) {
  return Object.entries(CHANGE_REASONS).map(([value, text]) => ({ value, text, checked: chosen === value }));
}

/** The child's allocations, newest first, as table rows; the reason is blank where none was asked. */
export function historyRows(history: readonly AllocationHistoryEntry[]) {
  return history.map((h) => [
    { text: formatDate(h.started) },
    { text: h.ended ? formatDate(h.ended) : 'Now' },
    { text: h.worker ?? 'Not allocated' },
    { text: h.team },
    { text: h.changeReason ? CHANGE_REASONS[h.changeReason] : h.worker ? 'Not recorded' : '' },
  ]);
}
