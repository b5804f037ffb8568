import { describe, expect, it } from 'vitest';
import type { ObligationView } from '../obligations/queries.js';
import {
  carePlanForm,
  carePlanLine,
  carePlanPage,
  overviewPage,
  permanenceLabels,
  placementPlanForm,
  recordSection,
  uascForm,
  uascLine,
  versionPage,
} from './presenters.js';
import type { CarePlanningRecord, CarePlanVersionView, PeriodCarePlan, PlacementWithPlan } from './queries.js';
import { permanenceOptions } from './schema.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Ellis', lastName: 'Madeup' };
const periodId = '00000000-0000-4000-8000-0000000000aa';
const placementId = '00000000-0000-4000-8000-0000000000bb';

const completed: CarePlanVersionView = {
  id: '00000000-0000-4000-8000-0000000000c1',
  number: 1,
  health: 'Registered with the local surgery; asthma reviewed every 6 months.',
  education: 'Stays at the same primary school; PEP meeting this term.',
  contact: 'Sees mum weekly at the family centre, supervised.',
  wellbeing: 'Life story work with the social worker.',
  permanence: 'long_term_fostering',
  permanenceDetail: 'A long-term match with the current carers by the second review.',
  contingency: 'If the match is not approved, family finding for another long-term placement.',
  involvement: 'Ellis met the IRO before the review; the carers wrote their part.',
  completedDate: '2026-03-04',
  recordedBy: 'Ana Practitioner',
  recordedAt: '2026-03-04T10:00:00Z',
};
const draft: CarePlanVersionView = {
  ...completed,
  id: '00000000-0000-4000-8000-0000000000c2',
  number: 2,
  contingency: null,
  completedDate: null,
};

const placement: PlacementWithPlan = {
  id: placementId,
  carePeriodId: periodId,
  startDate: '2026-03-02',
  endDate: null,
  placementType: 'U6',
  providerName: 'Pat and Sam Carer',
  plan: null,
};

function obligation(ruleId: string, episode: string, status: ObligationView['status'], due: string): ObligationView {
  return {
    childId: child.id,
    key: `${ruleId}:${episode}:t`,
    ruleId,
    episode,
    ruleName: ruleId === 'care-plan' ? 'Care plan' : 'Placement plan',
    source: 'CPPCR 2010',
    due,
    done: status === 'met_on_time' ? due : null,
    status,
    explanation: 'Why it is due',
    workingDays: 3,
    hours: null,
  };
}

const record = (over: Partial<CarePlanningRecord> = {}): CarePlanningRecord => ({
  dateOfBirth: '2014-05-10',
  uasc: null,
  periods: [
    {
      id: periodId,
      startDate: '2026-03-02',
      endDate: null,
      shortBreaks: false,
      carePlan: { id: 'plan', version: 2, versions: 2, current: draft, lastCompletedDate: '2026-03-04' },
      placements: [placement],
    },
  ],
  ...over,
});

const data = (versions: CarePlanVersionView[]): PeriodCarePlan => ({
  period: { id: periodId, startDate: '2026-03-02', endDate: null, shortBreaks: false, placements: [placement] },
  plan: versions.length ? { id: 'plan', version: versions.length, versions: versions.length, lastCompletedDate: '2026-03-04' } : null,
  versions,
});

describe('care planning presenters', () => {
  it('has words for every plan for permanence', () => {
    for (const p of permanenceOptions) expect(permanenceLabels[p]).toMatch(/^[A-Z]/);
  });

  it('says where the plan stands in a line: completed, or a draft after a completed version', () => {
    expect(carePlanLine(null)).toBe('Not recorded');
    expect(carePlanLine({ id: 'p', version: 1, versions: 1, current: completed, lastCompletedDate: '2026-03-04' })).toBe(
      'Version 1, completed on 4 March 2026: plan for permanence, long-term fostering',
    );
    expect(carePlanLine({ id: 'p', version: 2, versions: 2, current: draft, lastCompletedDate: '2026-03-04' })).toBe(
      'Version 2, a draft not yet completed: plan for permanence, long-term fostering (the last completed version was completed on 4 March 2026)',
    );
  });

  it('says whether the child is UASC, and until when', () => {
    expect(uascLine(null)).toBe('Not recorded');
    expect(uascLine({ uasc: false, ceasedDate: null, version: 1 })).toBe('No');
    expect(uascLine({ uasc: true, ceasedDate: null, version: 1 })).toBe('Yes');
    expect(uascLine({ uasc: true, ceasedDate: '2026-01-31', version: 2 })).toBe('Yes, until 31 January 2026');
  });

  it('gives the record a section only for a child ever looked after or with a UASC status, with the next plan due', () => {
    expect(recordSection(child.id, record({ periods: [] }), [])).toBeNull();
    const uascOnly = recordSection(child.id, record({ periods: [], uasc: { uasc: true, ceasedDate: null, version: 1 } }), []);
    expect(uascOnly!.rows).toEqual([{ key: { text: 'Unaccompanied asylum-seeking child' }, value: { text: 'Yes' } }]);
    const section = recordSection(child.id, record(), [
      obligation('looked-after-review', periodId, 'due', '2026-03-30'),
      obligation('care-plan', periodId, 'met_on_time', '2026-03-16'),
      obligation('placement-plan', placementId, 'overdue', '2026-03-09'),
    ])!;
    expect(section.rows.map((r) => r.key.text)).toEqual(['Care plan', 'Placement plan', 'Unaccompanied asylum-seeking child']);
    expect(section.rows[1]!.value.text).toBe('Not recorded: Pat and Sam Carer (U6), since 2 March 2026');
    // only care planning's rules: the review belongs to the looked after section
    expect(section.next).toMatchObject({ text: 'Placement plan', due: '9 March 2026', tag: { text: 'Overdue' } });
    expect(section.links).toEqual([{ text: 'Open the care plan', href: `/children/${child.id}/care-planning/periods/${periodId}` }]);
  });

  it('lists each period with its care plan and its placements’ plans, linking each to its form', () => {
    const withPlan = {
      ...placement,
      id: 'pl2',
      plan: {
        id: 'x',
        completedDate: '2026-03-05',
        needsMet: 'a',
        contact: 'b',
        health: 'c',
        education: 'd',
        delegatedAuthority: 'e',
        version: 1,
      },
    };
    const page = overviewPage(child, record({ periods: [{ ...record().periods[0]!, placements: [placement, withPlan] }] }), []);
    expect(page.periods).toHaveLength(1);
    expect(page.periods[0]!.heading).toBe('Period of care since 2 March 2026');
    expect(page.periods[0]!.links.map((l) => l.href)).toEqual([
      `/children/${child.id}/care-planning/periods/${periodId}`,
      `/children/${child.id}/care-planning/care-plans?period=${periodId}`,
    ]);
    const cells = page.periods[0]!.placementRows.map((r) => r.map((c) => ('html' in c ? String(c.html) : c.text)));
    expect(cells[0]![1]).toContain('Not recorded');
    expect(cells[0]![2]).toContain(`href="/children/${child.id}/care-planning/placement-plans?placement=${placementId}"`);
    expect(cells[0]![2]).toContain('>Record<');
    expect(cells[1]![1]).toContain('Completed on 5 March 2026');
    expect(cells[1]![2]).toContain('>Update<');
    expect(page.uascLink.text).toBe('Record whether the child is an unaccompanied asylum-seeking child');
  });

  it('shows the plan now in full and every version, newest first, and the period’s obligations only', () => {
    const page = carePlanPage(child, data([draft, completed]), [
      obligation('care-plan', periodId, 'met_on_time', '2026-03-16'),
      obligation('care-plan', 'another-period', 'overdue', '2025-01-10'),
    ]);
    expect(page.current!.rows[0]).toEqual({ key: { text: 'Status' }, value: { text: 'Version 2, a draft not yet completed' } });
    expect(page.current!.rows.find((r) => r.key.text === 'Contingency plan')!.value.text).toBe('Not set out in this version');
    expect(page.historyRows.map((r) => r[1]!.text)).toEqual(['Draft', 'Completed on 4 March 2026']);
    expect(page.done).toHaveLength(1);
    expect(page.due).toHaveLength(0);
    expect(page.links[0]!.text).toBe('Update the care plan (a new version)');
  });

  it('shows an older version as history, and no version of another plan', () => {
    const page = versionPage(child, data([draft, completed]), completed.id)!;
    expect(page.title).toBe('Care plan, version 1');
    expect(page.intro).toBe('A later version (version 2) is the plan now; this one is kept as history.');
    expect(versionPage(child, data([draft, completed]), 'nope')).toBeNull();
  });

  it('starts a new version from the plan now, with the plan’s version to save against, and shows errors by field', () => {
    const form = carePlanForm(child, data([completed]), {
      values: {},
      errors: [
        { field: 'contingency', message: 'Enter contingency plan: a care plan cannot be completed without it' },
        { field: 'completedDate', message: 'Date the care plan was completed must be today or in the past' },
      ],
    });
    expect(form.title).toBe('Update the care plan (version 2)');
    expect(form.version).toBe('1');
    expect(form.carePeriodId).toBe(periodId);
    expect(form.health.value).toBe(completed.health);
    expect(form.permanence.items.find((i) => i.checked)!.value).toBe('long_term_fostering');
    expect(form.errorList).toEqual([
      { text: 'Enter contingency plan: a care plan cannot be completed without it', href: '#contingency' },
      { text: 'Date the care plan was completed must be today or in the past', href: '#completedDate-day' },
    ]);
    const first = carePlanForm(child, data([]), { values: {} });
    expect(first.title).toBe('Record the care plan');
    expect(first.version).toBe('');
    expect(first.health.value).toBe('');
  });

  it('fills the placement plan form from the plan recorded, and the UASC form from the status', () => {
    const blank = placementPlanForm(child, placement, { values: {} });
    expect(blank.title).toBe('Record the placement plan');
    expect(blank.version).toBe('');
    const plan = {
      id: 'x',
      completedDate: '2026-03-05',
      needsMet: 'a',
      contact: 'b',
      health: 'c',
      education: 'd',
      delegatedAuthority: 'e',
      version: 3,
    };
    const filled = placementPlanForm(child, { ...placement, plan }, { values: {} });
    expect(filled.title).toBe('Update the placement plan');
    expect(filled.version).toBe('3');
    expect(filled.delegatedAuthority.value).toBe('e');
    expect(filled.completedDate.items.map((i) => i.value)).toEqual(['5', '3', '2026']);
    const uasc = uascForm(child, { dateOfBirth: '2009-11-30', uasc: { uasc: true, ceasedDate: null, version: 2 } }, { values: {} });
    expect(uasc.intro).toContain('30 November 2027');
    expect(uasc.uasc.items.find((i) => i.checked)!.value).toBe('yes');
    expect(uasc.version).toBe('2');
  });
});
