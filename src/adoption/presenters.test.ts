import { describe, expect, it } from 'vitest';
import { createLocalPolicy, policySettings } from '../clock/index.js';
import { createWorkingDayCalendar } from '../core/calendar/index.js';
import { scorecardPage } from './presenters.js';
import { adopterStagesDue, ethnicGroupOf, type HouseholdView, scorecard, type ScoreRow } from './queries.js';

const journey = (childId: string, extra: Partial<ScoreRow>): ScoreRow => ({
  id: `j-${childId}`,
  childId,
  childName: `Child ${childId}`,
  dateOfBirth: '2022-01-01',
  ethnicity: 'WBRI',
  enteredCareOn: '2023-01-02',
  decidedOn: '2023-06-01',
  earlyPermanence: null,
  siblingsToPlaceWith: 0,
  authorityOn: null,
  authorityBasis: null,
  matchPanelOn: null,
  matchedOn: null,
  adopterId: null,
  movedInOn: null,
  placedOn: null,
  fosterCarerAdoption: false,
  adoptionOrderOn: null,
  planChangedOn: null,
  planChangeReason: null,
  ...extra,
});

const household = (extra: Partial<HouseholdView>): HouseholdView => ({
  id: 'h',
  name: 'Invented',
  enquiryOn: '2024-01-01',
  registrationAcceptedOn: null,
  stageOneCompletedOn: null,
  stageTwoStartedOn: null,
  approvedOn: '2024-06-01',
  endedOn: null,
  endReason: null,
  numberOfAdopters: 1,
  sexes: 'F1',
  legalStatus: 'L0',
  ethnicGroup: 'white',
  maxChildren: 1,
  ageFrom: 0,
  ageTo: 4,
  version: 1,
  matchedChildId: null,
  ...extra,
});

describe('the adoption scorecard', () => {
  const adopted = {
    authorityOn: '2023-09-01',
    matchedOn: '2024-01-10',
    placedOn: '2024-02-01',
    adoptionOrderOn: '2024-09-02',
  };
  const rows = [
    // entered care 2 January 2023, placed 1 February 2024: 395 days; order to match 131 days
    journey('a', adopted),
    // adopted by the foster carers she had lived with since 1 June 2023: A1 counts 395, A10 150; matched before the order: A2 0
    journey('b', { ...adopted, movedInOn: '2023-06-01', fosterCarerAdoption: true, matchedOn: '2023-08-01' }),
    // adopted with no period of care recorded: in neither average, and said
    journey('c', { ...adopted, enteredCareOn: null }),
    // adopted more than 3 years ago: not in the averages
    journey('d', { ...adopted, adoptionOrderOn: '2022-12-01' }),
    // waiting: authority, not placed; a Black child who has waited longest
    journey('e', { authorityOn: '2025-01-01', ethnicity: 'BCRB', enteredCareOn: '2024-01-01', siblingsToPlaceWith: 1 }),
    journey('f', { authorityOn: '2025-06-01', enteredCareOn: '2025-03-01', dateOfBirth: '2025-08-01' }),
    // plan changed in the last year
    journey('g', { decidedOn: '2025-05-01', planChangedOn: '2025-10-01', planChangeReason: 'RD3' }),
  ];
  const s = scorecard(rows, [], [household({}), household({ id: 'm', matchedChildId: 'x' })], '2026-03-02', new Set(['e']));

  it('averages A1, A2 and A10 over the children adopted in the 3 years, counting a child with no period of care as not counted', () => {
    expect(s.a1).toEqual({ days: 395, of: 2, notCounted: 1 });
    expect(s.a10).toEqual({ days: Math.round((395 + 150) / 2), of: 2, notCounted: 1 });
    expect(s.a2).toEqual({ days: Math.round((131 + 0 + 131) / 3), of: 3 });
    expect(s.lists.adopted!.map((c) => c.childId)).toEqual(['a', 'b', 'c']);
  });

  it('counts children waiting, longest first, by ethnic group, age and siblings, against adopters waiting', () => {
    expect(s.lists.waiting!.map((c) => c.childId)).toEqual(['e', 'f']);
    expect(s.lists['waiting.ethnicity.black']!.map((c) => c.childId)).toEqual(['e']);
    expect(s.lists['waiting.age.under_1']!.map((c) => c.childId)).toEqual(['f']);
    expect(s.lists['waiting.siblings']!.map((c) => c.childId)).toEqual(['e']);
    expect(s.waitingAdopters.map((h) => h.id)).toEqual(['h']);
    expect(s.lists.plan_changed!.map((c) => c.childId)).toEqual(['g']);
    expect(s.planChangedShare).toBe(100);
  });

  it('names no restricted child on the page, and says so when no child adopted has the dates', () => {
    const page = scorecardPage(s, 'waiting', []);
    expect(page.chosen!.rows[0]![0]).toEqual({ text: 'Restricted record' });
    const empty = scorecardPage(scorecard([], [], [], '2026-03-02', new Set()), null, []);
    expect(empty.measures[0]![2]).toEqual({ text: 'No child adopted in the 3 years has the dates recorded' });
  });

  it('puts a child’s ethnicity code in DfE’s main groups, with not known apart', () => {
    expect(['WBRI', 'MWBA', 'AIND', 'BAFR', 'OOTH', 'CHNE', 'NOBT', 'REFU'].map(ethnicGroupOf)).toEqual([
      'white',
      'mixed',
      'asian',
      'black',
      'other',
      'other',
      null,
      null,
    ]);
  });

  it('lists the households’ approval stages still owed, soonest first, from the clock’s rules, and none met or ended', () => {
    const clock = { calendar: createWorkingDayCalendar(), policy: createLocalPolicy([], policySettings) };
    const all = [
      // stage one accepted 5 January 2026: due 5 March, not yet due on 2 March
      household({ id: 'a', name: 'Alder Invented', approvedOn: null, registrationAcceptedOn: '2026-01-05' }),
      // stage two asked for 1 September 2025: the decision was due 1 January 2026, overdue
      household({
        id: 'b',
        name: 'Birch Madeup',
        approvedOn: null,
        registrationAcceptedOn: '2025-06-02',
        stageOneCompletedOn: '2025-07-28',
        stageTwoStartedOn: '2025-09-01',
      }),
      // approved: both stages met, nothing owed
      household({ id: 'c', registrationAcceptedOn: '2023-09-01', stageOneCompletedOn: '2023-10-30', stageTwoStartedOn: '2024-02-01' }),
      // withdrew in stage one: nothing owed
      household({ id: 'd', approvedOn: null, registrationAcceptedOn: '2025-11-03', endedOn: '2025-12-01', endReason: 'withdrew' }),
      // only an enquiry: no deadline yet
      household({ id: 'e', approvedOn: null }),
    ];
    const due = adopterStagesDue(all, clock, '2026-03-02');
    expect(due).toEqual([
      { household: { id: 'b', name: 'Birch Madeup' }, ruleId: 'adopter-stage-two', dueOn: '2026-01-01', status: 'overdue' },
      { household: { id: 'a', name: 'Alder Invented' }, ruleId: 'adopter-stage-one', dueOn: '2026-03-05', status: 'due' },
    ]);
    const page = scorecardPage(scorecard([], [], all, '2026-03-02', new Set()), null, due);
    expect(String(page.adopterStages[0]![0]!.html)).toBe('<a class="govuk-link" href="/adoption/adopters/b">Birch Madeup</a>');
    expect(page.adopterStages[0]![1]).toEqual({ text: 'Stage two: the decision within 4 months of asking to start it' });
  });
});
