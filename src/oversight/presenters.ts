import { childCell } from '../children/presenters.js';
import { childPaths } from '../children/paths.js';
import type { RestrictedRecord } from '../children/queries.js';
import { link } from '../core/views/html.js';
import { cellText, formatDate, words } from '../core/views/nunjucks.js';
import type { ObligationView } from '../obligations/queries.js';
import { daysText, whatIsOwed } from '../obligations/presenters.js';
import { oversightPaths as paths } from './paths.js';
import type { AgeBandId, ageBands, DashboardFigures, ListItem, MyChild, TeamRow, WorkerCaseload } from './queries.js';

/** An obligation on My work: its child's name, or the restricted record the child is to this user. */
export type WorkItem = ObligationView & ({ childName: string } | { restricted: RestrictedRecord });

/** The page that meets an obligation, as its area declares it; the child's record for a rule no area declares. */
export type ActionFor = (o: WorkItem) => { text: string; href: string } | null;

/**
 * An obligation list on My work, as table rows: each with the page that meets it. A restricted
 * record has no link: its address would name the child's record.
 */
export function workRows(list: readonly WorkItem[], actionFor: ActionFor) {
  return list.map((o) => {
    if ('restricted' in o)
      return [{ html: childCell(o) }, { html: whatIsOwed(o) }, { text: formatDate(o.due) }, { text: daysText(o) }, { html: '' }];
    const action = actionFor(o) ?? { text: 'Open the record', href: childPaths.record(o.childId) };
    return [
      { html: childCell({ childId: o.childId, childName: o.childName }) },
      { html: whatIsOwed(o) },
      { text: formatDate(o.due) },
      { text: daysText(o) },
      { html: link(action.href, action.text, `for ${o.childName}`) },
    ];
  });
}

/** How many tasks, and for how many children: a figure on My work says which it counts ("3 tasks overdue, for 2 children"). */
export function taskCount(list: readonly { childId: string }[], what: string): { tasks: number; label: string } {
  const children = new Set(list.map((o) => o.childId)).size;
  return {
    tasks: list.length,
    label: `${list.length === 1 ? 'task' : 'tasks'} ${what}, for ${children} ${children === 1 ? 'child' : 'children'}`,
  };
}

/** The children allocated to the user, as table rows, with when each was last seen. */
export function myChildrenRows(children: readonly (MyChild | { lastSeen: string | null; restricted: RestrictedRecord })[]) {
  return children.map((c) => [
    { html: 'restricted' in c ? childCell(c) : childCell({ childId: c.id, childName: c.name }) },
    { text: formatDate(c.lastSeen) || 'Not seen' },
  ]);
}

/** Where each figure of a team's dashboard leads: a service manager's links name the team. */
export function teamLists(teamId: string | undefined) {
  const list = (name: string, extra: Record<string, string> = {}) => paths.teamList(name, { teamId, ...extra });
  return {
    overdue: list('overdue-assessments'),
    notSeen: list('not-seen'),
    notSeenDuringAssessment: list('not-seen-during-assessment'),
    awaiting: list('awaiting-authorisation'),
    open: list('open-assessments'),
    band: (band: AgeBandId) => list('open-assessments', { band }),
    caseload: (workerId: string) => list('caseload', { workerId }),
  };
}

/** Open assessments by working days since the referral, and the overdue among them, as table rows. */
export function bandRows(bands: typeof ageBands, figures: DashboardFigures, lists: ReturnType<typeof teamLists>) {
  return [
    ...bands.map((b) => [
      { text: b.label },
      { html: link(lists.band(b.id), figures.bands[b.id], `assessments aged ${b.label} working days`), classes: 'app-numeric' },
    ]),
    [
      { text: 'All open', classes: 'govuk-!-font-weight-bold' },
      { html: link(lists.open, figures.openTotal), classes: 'app-numeric' },
    ],
    [{ text: 'Of which overdue' }, { html: link(lists.overdue, figures.overdueAssessments), classes: 'app-numeric' }],
    [
      { text: 'Overdue, child not seen since the referral' },
      { html: link(lists.notSeenDuringAssessment, figures.childrenNotSeen), classes: 'app-numeric' },
    ],
  ];
}

/** Over this many children a caseload is shown in bold. */
const HEAVY_CASELOAD = 40;
const numeric = (heavy: boolean) => `app-numeric${heavy ? ' govuk-!-font-weight-bold' : ''}`;

/** Each worker's caseload, as table rows, each number leading to the children behind it. */
export function caseloadRows(workers: readonly WorkerCaseload[], lists: ReturnType<typeof teamLists>) {
  return workers.map((w) => [
    { text: w.name },
    { text: words(w.role) },
    { text: [w.newlyQualified ? 'newly qualified' : '', w.agency ? 'agency' : ''].filter(Boolean).join(', ') },
    {
      html: link(lists.caseload(w.workerId), w.children, `children allocated to ${w.name}`),
      classes: numeric(w.children > HEAVY_CASELOAD),
    },
  ]);
}

/** The authority's teams, as table rows, each leading to its dashboard. */
export function teamOverviewRows(teams: readonly TeamRow[]) {
  return teams.map((t) => [
    { html: link(paths.myTeam(t.teamId), t.name) },
    { text: t.workers, classes: 'app-numeric' },
    { text: t.children, classes: 'app-numeric' },
    { text: t.maxCaseload, classes: numeric(t.maxCaseload > HEAVY_CASELOAD) },
    { text: t.overdue, classes: 'app-numeric' },
  ]);
}

/** The children behind a figure, as table rows: the child (or a restricted record), then the list's columns. */
export function listRows(items: readonly ({ cells: string[] } & (ListItem | { restricted: RestrictedRecord }))[]) {
  return items.map((i) => [{ html: childCell(i) }, ...i.cells.map((c) => ({ text: cellText(c) }))]);
}

/** A list's column headings. */
export function listHead(head: readonly string[]) {
  return head.map((text) => ({ text }));
}

/** The repeat referral rate, as a percentage to one place. */
export function percentage(part: number, whole: number): number {
  return whole ? Math.round((1000 * part) / whole) / 10 : 0;
}
