import { childCell } from '../children/presenters.js';
import { ruleById } from '../clock/index.js';
import { childPaths } from '../children/paths.js';
import type { RestrictedRecord } from '../children/queries.js';
import { type Html, link } from '../core/views/html.js';
import { cellText, formatDate, words } from '../core/views/nunjucks.js';
import type { ObligationView } from '../obligations/queries.js';
import { daysText, whatIsOwed } from '../obligations/presenters.js';
import { oversightPaths as paths } from './paths.js';
import { FAR_MILES, type PlacementFigures, type PlacementListName } from './placements.js';
import {
  type AgeBandId,
  type ageBands,
  type CaseworkCounts,
  type CaseworkListName,
  COMING_UP_WORKING_DAYS,
  type DashboardFigures,
  type ListItem,
  type MyChild,
  obligationGroups,
  type TeamRow,
  type WorkerCaseload,
} from './queries.js';

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

/**
 * The children behind a figure, as table rows: the child (or a restricted record), then the
 * list's columns, then, when the list has one, the link to act on the row. A restricted record
 * has no such link: its address would lead to the child's record.
 */
export function listRows(items: readonly ({ cells: string[] } & (ListItem | { restricted: RestrictedRecord }))[], withAction = false) {
  return items.map((i) => {
    const row: { html?: Html | string; text?: unknown }[] = [{ html: childCell(i) }, ...i.cells.map((c) => ({ text: cellText(c) }))];
    if (withAction) row.push({ html: 'restricted' in i || !i.action ? '' : link(i.action.href, i.action.text, `for ${i.childName}`) });
    return row;
  });
}

/** A list's column headings, and its action column's. */
export function listHead(head: readonly string[], actionHead?: string) {
  return [...head, ...(actionHead ? [actionHead] : [])].map((text) => ({ text }));
}

/** A list's count, in what its rows are: "3 children", "1 conference". */
export function listCount(count: number, noun: readonly [string, string] = ['child', 'children']): string {
  return `${count} ${count === 1 ? noun[0] : noun[1]}`;
}

/** The repeat referral rate, as a percentage to one place. */
export function percentage(part: number, whole: number): number {
  return whole ? Math.round((1000 * part) / whole) / 10 : 0;
}

const groupNames: Record<(typeof obligationGroups)[number]['id'], string> = {
  'cp-conferences': 'Child protection conferences',
  'core-groups': 'Core group meetings',
  'cp-visits': 'Child protection visits',
  'cin-reviews': 'Child in need plan reviews',
  'cin-visits': 'Child in need visits',
  'la-plans': 'Care plans and placement plans',
  'la-reviews': 'Looked after reviews (and their IRO)',
  'la-review-records': 'Review decisions and records',
  'la-visits': 'Looked after children’s visits',
  'la-health': 'Health assessments and dental checks',
  'la-education': 'Personal education plans',
  'return-interviews': 'Return home interviews',
};

/**
 * Whether the record feeds a group's rules: all of them, some (the rest named), or none, which
 * is shown as not recorded rather than as a count of nothing.
 */
function groupFeed(rules: readonly string[], fed: (ruleId: string) => boolean): { none: boolean; unfed: string[] } {
  const unfed = rules.filter((r) => !fed(r));
  return { none: unfed.length === rules.length, unfed: unfed.map((r) => ruleById.get(r)?.name ?? r) };
}

/**
 * The child protection, children in need and looked after figures, as three tables' rows, each
 * number leading to the list behind it: what the clock says is overdue and coming up (help and
 * protection, then children looked after), then the plans and conferences a manager looks at
 * (`reportDays`: the local setting in force today; `fed`: whether the record feeds a rule).
 */
export function caseworkRows(
  counts: CaseworkCounts,
  listPath: (name: string) => string,
  reportDays: number,
  fed: (ruleId: string) => boolean = () => true,
) {
  const figure = (name: CaseworkListName, hidden: string, alert = false) => ({
    html: link(listPath(name), counts[name], hidden),
    classes: `app-numeric${alert && counts[name] ? ' govuk-!-font-weight-bold' : ''}`,
  });
  const dueRow = (g: (typeof obligationGroups)[number]) => {
    const feed = groupFeed(g.rules, fed);
    if (feed.none) return [{ text: groupNames[g.id] }, { text: 'Not recorded in OpenCSC yet', colspan: 2 }];
    const label =
      feed.unfed.length > 0 ? `${groupNames[g.id]} (not counted, as not yet recorded: ${feed.unfed.join(', ')})` : groupNames[g.id];
    return [
      { text: label },
      figure(`${g.id}-overdue`, `overdue ${g.label}`, true),
      figure(`${g.id}-due`, `${g.label} due in the next ${COMING_UP_WORKING_DAYS} working days`),
    ];
  };
  const due = obligationGroups.filter((g) => g.table === 'help-and-protection').map(dueRow);
  const lookedAfterDue = obligationGroups.filter((g) => g.table === 'looked-after').map(dueRow);
  const record = [
    [{ text: 'Child protection plans of two years or more' }, figure('cp-plans-over-two-years', 'plans of two years or more')],
    [{ text: 'Children on a second or later child protection plan' }, figure('cp-later-plans', 'children on a second or later plan')],
    [
      { text: 'Conferences in the last 12 months held without the allocated social worker' },
      figure('conferences-without-worker', 'conferences without the allocated social worker', true),
    ],
    [
      {
        text: `Conferences in the last 12 months whose report was not shared with the family ${reportDays} working ${reportDays === 1 ? 'day' : 'days'} before`,
      },
      figure('conference-reports-late', 'conferences whose report reached the family late or not at all', true),
    ],
  ];
  return { due, lookedAfterDue, record };
}

/**
 * The rows on where children looked after are placed, each number leading to its list; where
 * distance cannot be computed (no postcode directory), the row says why instead of a number.
 */
export function placementRows(figures: PlacementFigures, listPath: (name: PlacementListName) => string) {
  const figure = (name: PlacementListName, count: number, hidden: string) => ({
    html: link(listPath(name), count, hidden),
    classes: 'app-numeric',
  });
  const far = `Children placed more than ${FAR_MILES} miles from home`;
  const distance =
    figures.distance.state === 'computed'
      ? [
          [{ text: far }, figure('la-placed-far', figures.distance.far, `children placed more than ${FAR_MILES} miles from home`)],
          ...(figures.distance.notKnown > 0
            ? [
                [
                  { text: 'Children whose distance from home is not known (a postcode not recorded or not in the directory)' },
                  figure('la-distance-not-known', figures.distance.notKnown, 'children whose distance from home is not known'),
                ],
              ]
            : []),
          [
            { text: 'Children placed outside the authority' },
            'count' in figures.distance.outside
              ? figure('la-placed-outside', figures.distance.outside.count, 'children placed outside the authority')
              : { text: figures.distance.outside.reason },
          ],
          ...('countyNotKnown' in figures.distance.outside && figures.distance.outside.countyNotKnown
            ? [
                [
                  {
                    text: 'Children not known to be placed inside or outside the authority (the postcode directory gives a district, not a county)',
                  },
                  figure(
                    'la-outside-not-known',
                    figures.distance.outside.countyNotKnown,
                    'children not known to be placed inside or outside the authority',
                  ),
                ],
              ]
            : []),
        ]
      : [[{ text: far }, { text: figures.distance.reason }]];
  return [
    ...distance,
    [
      { text: 'Children with three or more placements in the last 12 months' },
      figure('la-three-placements', figures.threePlacements, 'children with three or more placements in the last 12 months'),
    ],
  ];
}
