import { describe, expect, it } from 'vitest';
import type { ObligationView } from '../obligations/queries.js';
import { caseloadRows, caseworkRows, listCount, listHead, listRows, placementRows, taskCount, teamLists, workRows } from './presenters.js';
import type { CaseworkCounts } from './queries.js';

const restricted = { childId: 'c2', worker: 'Ana <F>', team: null, requested: false };

describe('the oversight presenters', () => {
  it('show distance from home as not computed, with the reason and no number, when there is no postcode directory', () => {
    const path = (name: string) => `/authority/lists/${name}`;
    const without = placementRows({ threePlacements: 4, distance: { state: 'not_computed', reason: 'No directory.' } }, path);
    expect(without).toHaveLength(2);
    expect(without[0]).toEqual([{ text: 'Children placed more than 20 miles from home' }, { text: 'No directory.' }]);
    expect(String((without[1]![1] as { html: unknown }).html)).toContain('href="/authority/lists/la-three-placements">4<');
    const withIt = placementRows({ threePlacements: 0, distance: { state: 'computed', far: 3, notKnown: 0, outside: { count: 5 } } }, path);
    // no row for distances not known when every one is known
    expect(withIt.map((r) => (r[0] as { text: string }).text)).toEqual([
      'Children placed more than 20 miles from home',
      'Children placed outside the authority',
      'Children with three or more placements in the last 12 months',
    ]);
    expect(String((withIt[0]![1] as { html: unknown }).html)).toContain('href="/authority/lists/la-placed-far">3<');
    expect(String((withIt[1]![1] as { html: unknown }).html)).toContain('href="/authority/lists/la-placed-outside">5<');
    // without the authority's code, the reason and no number
    const noCode = placementRows(
      { threePlacements: 0, distance: { state: 'computed', far: 3, notKnown: 0, outside: { reason: 'No code.' } } },
      path,
    );
    expect(noCode[1]).toEqual([{ text: 'Children placed outside the authority' }, { text: 'No code.' }]);
    // a county: a row for placements whose county the directory does not give, when there are any
    const county = (countyNotKnown: number) =>
      placementRows(
        { threePlacements: 0, distance: { state: 'computed', far: 3, notKnown: 0, outside: { count: 5, countyNotKnown } } },
        path,
      );
    expect(county(0)).toHaveLength(3);
    const someNotKnown = county(2);
    expect((someNotKnown[2]![0] as { text: string }).text).toBe(
      'Children not known to be placed inside or outside the authority (the postcode directory gives a district, not a county)',
    );
    expect(String((someNotKnown[2]![1] as { html: unknown }).html)).toContain('href="/authority/lists/la-outside-not-known">2<');
  });

  it('link a team’s figures to its lists, naming the team only for a service manager', () => {
    expect(teamLists(undefined).band('0-15')).toBe('/my-team/lists/open-assessments?band=0-15');
    expect(teamLists('t1').caseload('w1')).toBe('/my-team/lists/caseload?teamId=t1&workerId=w1');
    expect(teamLists('t1').overdue).toBe('/my-team/lists/overdue-assessments?teamId=t1');
  });

  it('show a list’s children by name, a restricted record without one, and its dates as dates', () => {
    const rows = listRows([
      { childId: 'c1', childName: 'Ann <Smith>', cells: ['2026-01-05', '3'] },
      { restricted, cells: ['2026-02-01', '4'] },
    ]);
    expect(String((rows[0]![0] as { html: unknown }).html)).toBe('<a class="govuk-link" href="/children/c1">Ann &lt;Smith&gt;</a>');
    expect(rows[0]!.slice(1)).toEqual([{ text: '5 January 2026' }, { text: '3' }]);
    const cell = String((rows[1]![0] as { html: unknown }).html);
    expect(cell).toContain('Restricted record');
    expect(cell).toContain('held by Ana &lt;F&gt;');
    expect(cell).toContain('href="/access-requests/new?child=c2"');
  });

  it('link each task on My work to the page its area gives, the record when none, and nothing for a restricted record', () => {
    const task = (childId: string, ruleId: string): ObligationView => ({
      childId,
      key: `${ruleId}:-:x`,
      ruleId,
      episode: 'p1',
      ruleName: 'A rule',
      source: '',
      due: '2026-03-02',
      done: null,
      status: 'overdue',
      explanation: 'Why',
      workingDays: 2,
      hours: null,
    });
    const actionFor = (o: { ruleId: string; childId: string; episode: string | null }) =>
      o.ruleId === 'core-group'
        ? { text: 'Record a core group meeting', href: `/children/${o.childId}/plans/${o.episode}/core-groups/new` }
        : null;
    const rows = workRows(
      [
        { ...task('c1', 'core-group'), childName: 'Ann <Smith>' },
        { ...task('c1', 'unknown-rule'), childName: 'Ann <Smith>' },
        { ...task('c2', 'core-group'), restricted },
      ],
      actionFor,
    );
    expect(String((rows[0]![4] as { html: unknown }).html)).toBe(
      '<a class="govuk-link" href="/children/c1/plans/p1/core-groups/new">Record a core group meeting<span class="govuk-visually-hidden"> for Ann &lt;Smith&gt;</span></a>',
    );
    expect(String((rows[1]![4] as { html: unknown }).html)).toContain('href="/children/c1">Open the record');
    expect(rows[2]![4]).toEqual({ html: '' });
    expect(rows[2]!.map((c) => String((c as { html?: unknown }).html ?? '')).join('')).not.toContain('/children/c2');
  });

  it('count tasks, and say so, with the children they are for', () => {
    expect(taskCount([{ childId: 'a' }, { childId: 'a' }, { childId: 'b' }], 'overdue')).toEqual({
      tasks: 3,
      label: 'tasks overdue, for 2 children',
    });
    expect(taskCount([{ childId: 'a' }], 'due this week')).toEqual({ tasks: 1, label: 'task due this week, for 1 child' });
  });

  it('end a list’s rows with the link to act on each, never for a restricted record, and count rows in their own words', () => {
    const rows = listRows(
      [
        { childId: 'c1', childName: 'Ann', cells: ['2026-01-05'], action: { text: 'Allocate', href: '/children/c1/allocation' } },
        { restricted, cells: ['2026-02-01'] },
      ],
      true,
    );
    expect(String((rows[0]![2] as { html: unknown }).html)).toBe(
      '<a class="govuk-link" href="/children/c1/allocation">Allocate<span class="govuk-visually-hidden"> for Ann</span></a>',
    );
    expect(rows[1]![2]).toEqual({ html: '' });
    expect(listRows([{ childId: 'c1', childName: 'Ann', cells: [] }])[0]).toHaveLength(1);
    expect(listHead(['Child', 'Open since'], 'Allocate')).toEqual([{ text: 'Child' }, { text: 'Open since' }, { text: 'Allocate' }]);
    expect(listCount(1)).toBe('1 child');
    expect(listCount(2, ['conference', 'conferences'])).toBe('2 conferences');
  });

  it('lead each child protection and children in need figure to its list, and say how soon a report was due', () => {
    const counts = Object.fromEntries(
      [
        ...['cp-conferences', 'core-groups', 'cp-visits', 'cin-reviews', 'cin-visits'].flatMap((g) => [`${g}-due`, `${g}-overdue`]),
        ...['la-plans', 'la-reviews', 'la-review-records', 'la-visits', 'la-health', 'la-education', 'return-interviews'].flatMap((g) => [
          `${g}-due`,
          `${g}-overdue`,
        ]),
        'cp-plans-over-two-years',
        'cp-later-plans',
        'conferences-without-worker',
        'conference-reports-late',
        'unallocated',
        'not-seen-in-six-months',
      ].map((name, i) => [name, i]),
    ) as CaseworkCounts;
    const rows = caseworkRows(counts, (name) => `/authority/lists/${name}`, 2);
    type Cell = { text?: string; html?: unknown; classes?: string };
    const due = rows.due as Cell[][];
    const record = rows.record as Cell[][];
    expect(due.map((r) => r[0])).toEqual([
      { text: 'Child protection conferences' },
      { text: 'Core group meetings' },
      { text: 'Child protection visits' },
      { text: 'Child in need plan reviews' },
      { text: 'Child in need visits' },
    ]);
    // core groups: overdue (3) in bold, coming up (2) not
    expect(String(due[1]![1]!.html)).toContain('href="/authority/lists/core-groups-overdue">3<');
    expect(due[1]![1]!.classes).toBe('app-numeric govuk-!-font-weight-bold');
    expect(String(due[1]![2]!.html)).toContain('href="/authority/lists/core-groups-due">2<');
    expect(due[1]![2]!.classes).toBe('app-numeric');
    expect(record[3]![0]).toEqual({
      text: 'Conferences in the last 12 months whose report was not shared with the family 2 working days before',
    });
    expect(String(record[3]![1]!.html)).toContain('href="/authority/lists/conference-reports-late">27<');
    expect((rows.lookedAfterDue as Cell[][]).map((r) => r[0]!.text)).toEqual([
      'Care plans and placement plans',
      'Looked after reviews (and their IRO)',
      'Review decisions and records',
      'Looked after children’s visits',
      'Health assessments and dental checks',
      'Personal education plans',
      'Return home interviews',
    ]);
  });

  it('says a group the record does not feed is not recorded, never 0, and names the rules a partly fed group leaves out', () => {
    const counts = new Proxy({}, { get: () => 0 }) as CaseworkCounts;
    const fed = (ruleId: string) => !['return-home-interview', 'dental-check', 'review-health-assessment'].includes(ruleId);
    const rows = caseworkRows(counts, (name) => `/authority/lists/${name}`, 2, fed).lookedAfterDue as {
      text?: string;
      html?: unknown;
      colspan?: number;
    }[][];
    expect(rows[6]).toEqual([{ text: 'Return home interviews' }, { text: 'Not recorded in OpenCSC yet', colspan: 2 }]);
    expect(rows[4]![0]!.text).toBe(
      'Health assessments and dental checks (not counted, as not yet recorded: Review health assessment, Dental check)',
    );
    expect(String(rows[4]![1]!.html)).toContain('href="/authority/lists/la-health-overdue">0<');
  });

  it('bolds a caseload over 40 and says who the number is for', () => {
    const lists = teamLists(undefined);
    const [heavy] = caseloadRows(
      [{ workerId: 'w1', name: 'Ben', role: 'social_worker', newlyQualified: true, agency: true, children: 41 }],
      lists,
    );
    expect(heavy![2]).toEqual({ text: 'newly qualified, agency' });
    expect(heavy![3]!.classes).toBe('app-numeric govuk-!-font-weight-bold');
    expect(String(heavy![3]!.html)).toBe(
      '<a class="govuk-link" href="/my-team/lists/caseload?workerId=w1">41<span class="govuk-visually-hidden"> children allocated to Ben</span></a>',
    );
  });
});
