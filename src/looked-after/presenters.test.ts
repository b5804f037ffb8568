import { describe, expect, it } from 'vitest';
import { NO_DIRECTORY } from '../returns/postcode-directory.js';
import type { ObligationView } from '../obligations/queries.js';
import {
  becomeLookedAfterForm,
  iroCaseloadsPage,
  iroChildrenPage,
  legalStatusLabels,
  participationLabels,
  periodPage,
  placementChangeReasonLabels,
  placementText,
  placementTypeLabels,
  providerLabels,
  recordSection,
  whereFromHome,
} from './presenters.js';
import { reasonCeasedLabels } from '../children/codes.js';
import type { CarePeriodSummary, CarePeriodView, LookedAfterRecord, PlacementView } from './queries.js';
import type { PlacementPlaces } from './presenters.js';
import {
  legalStatusCodes,
  participationCodes,
  placementChangeReasonCodes,
  placementProviderCodes,
  placementTypeCodes,
  reasonCeasedCodes,
} from './schema.js';

const child = { id: '00000000-0000-4000-8000-000000000001', firstName: 'Ellis', lastName: 'Madeup' };
const periodId = '00000000-0000-4000-8000-0000000000aa';
const placementId = '00000000-0000-4000-8000-0000000000bb';

const placement: PlacementView = {
  id: placementId,
  startDate: '2026-03-02',
  endDate: null,
  reasonForChange: null,
  placementType: 'U6',
  provider: 'PR1',
  providerName: 'Pat and Sam Carer',
  urn: null,
  placementPostcode: 'M60 2LA',
  homePostcode: 'M13 9PL',
  intendedToAge18: false,
  visitRegime: 'standard',
  changedDate: null,
};

const open: CarePeriodSummary = {
  id: periodId,
  startDate: '2026-03-02',
  endDate: null,
  reasonCeased: null,
  shortBreaks: false,
  iroName: null,
  iroAppointedDate: null,
  version: 1,
  legalStatus: 'C1',
  categoryOfNeed: 'N1',
  reviews: 0,
  lastReview: null,
  placements: 1,
  orderSince: null,
  placement,
};

const record = (periods: CarePeriodSummary[]): LookedAfterRecord => ({ periods, dateOfBirth: '2014-05-10' });

const obligation = (over: Partial<ObligationView>): ObligationView => ({
  childId: child.id,
  key: `looked-after-review:${periodId}:care-period:${periodId}`,
  ruleId: 'looked-after-review',
  episode: periodId,
  ruleName: 'Looked after review',
  source: '',
  due: '2026-03-30',
  done: null,
  status: 'due',
  explanation: 'Hold the first review within 20 working days.',
  workingDays: 10,
  hours: null,
  ...over,
});

describe('DfE’s words for the SSDA903 codes', () => {
  it('cover every code a form offers, so no choice is shown as a bare code', () => {
    for (const [codes, labels] of [
      [legalStatusCodes, legalStatusLabels],
      [placementProviderCodes, providerLabels],
      [participationCodes, participationLabels],
    ] as const) {
      expect(codes.filter((c) => !(c in labels))).toEqual([]);
    }
  });

  it('name no code outside DfE’s lists', () => {
    for (const [codes, labels] of [
      [legalStatusCodes, legalStatusLabels],
      [placementTypeCodes, placementTypeLabels],
      [placementProviderCodes, providerLabels],
      [reasonCeasedCodes, reasonCeasedLabels],
      [placementChangeReasonCodes, placementChangeReasonLabels],
      [participationCodes, participationLabels],
    ] as const) {
      expect(Object.keys(labels).filter((c) => !(codes as readonly string[]).includes(c))).toEqual([]);
    }
  });
});

// M60 2LA 3 miles east and 4 north of M13 9PL: 5 miles apart
const directory = new Map([
  ['M602LA', { laCode: 'E08000003', easting: 387_000 + 3 * 1609.344, northing: 396_000 + 4 * 1609.344 }],
  ['M139PL', { laCode: 'E08000003', easting: 387_000, northing: 396_000 }],
  ['SK11AA', { laCode: 'E08000007', easting: 390_000, northing: 390_000 }],
]);
const places: PlacementPlaces = {
  directory: { state: 'loaded', place: (postcode) => directory.get(postcode.replace(/\s+/g, '').toUpperCase()) },
  authorityCode: 'E08000003',
};

describe('where the current placement is, from its postcodes', () => {
  it('gives the miles from home to one decimal and whether the placement is inside the authority', () => {
    expect(whereFromHome(placement, places)).toEqual({ distance: '5.0 miles', authority: 'Inside the authority' });
    expect(whereFromHome({ ...placement, placementPostcode: 'sk1 1aa' }, places)).toEqual({
      distance: `${(Math.hypot(390_000 - 387_000, 390_000 - 396_000) / 1609.344).toFixed(1)} miles`,
      authority: 'Outside the authority',
    });
  });

  it('says "Not known" and why when a postcode is missing or not in the directory', () => {
    expect(whereFromHome({ ...placement, homePostcode: null }, places)).toEqual({
      distance: 'Not known: the home postcode is not recorded',
      authority: 'Inside the authority',
    });
    expect(whereFromHome({ placementPostcode: 'ZZ9 9ZZ', homePostcode: null }, places)).toEqual({
      distance: 'Not known: the placement postcode is not in the postcode directory; the home postcode is not recorded',
      authority: 'Not known: the placement postcode is not in the postcode directory',
    });
  });

  it('says "Not known" and why when no directory or no authority code is configured', () => {
    expect(whereFromHome(placement, { ...places, authorityCode: undefined })).toEqual({
      distance: '5.0 miles',
      authority: 'Not known: the authority’s ONS code is not configured (AUTHORITY_CODE)',
    });
    const none = whereFromHome(placement, { directory: { state: 'not_computed', reason: NO_DIRECTORY }, authorityCode: 'E08000003' });
    expect(none.distance).toMatch(/^Not known: no postcode directory is configured \(POSTCODE_DIRECTORY\)/);
    expect(none.authority).toBe(none.distance);
  });
});

describe('whether the current placement is inside a county', () => {
  // a county's area is its districts: ZZ1 1AA's county given, ZZ1 2AA's not, ZZ1 3AA in a unitary authority
  const county = new Map([
    ['ZZ11AA', { laCode: 'E10000003', easting: 545_000, northing: 260_000 }],
    ['ZZ12AA', { laCode: 'E07000009', easting: 548_000, northing: 264_000 }],
    ['ZZ13AA', { laCode: 'E06000031', easting: 519_000, northing: 298_000 }],
  ]);
  const inCounty: PlacementPlaces = {
    directory: { state: 'loaded', place: (postcode) => county.get(postcode.replace(/\s+/g, '').toUpperCase()) },
    authorityCode: 'E10000003',
  };
  const at = (placementPostcode: string) => whereFromHome({ placementPostcode, homePostcode: 'ZZ1 1AA' }, inCounty);

  it('compares the placement postcode’s county with the authority’s code', () => {
    expect(at('ZZ1 1AA')).toEqual({ distance: '0.0 miles', authority: 'Inside the authority' });
    expect(at('ZZ1 3AA').authority).toBe('Outside the authority');
  });

  it('says "Not known" and why when the directory gives the district and not the county', () => {
    expect(at('ZZ1 2AA')).toEqual({
      distance: '3.1 miles',
      authority: 'Not known: the postcode directory gives the placement postcode’s district, not its county',
    });
  });
});

describe('the looked after section of the child’s record', () => {
  it('says when no period of care is recorded, and offers to record one', () => {
    const none = recordSection(child.id, record([]), [], places);
    expect(none.status).toBe('Not looked after: no period of care recorded');
    expect(none.next).toBeNull();
    expect(none.links.map((l) => l.text)).toEqual(['Record that the child became looked after']);
  });

  it('shows the period, legal status, placement, IRO and when the next review is due', () => {
    const section = recordSection(
      child.id,
      record([open]),
      [
        obligation({ status: 'met_on_time', done: '2026-03-03' }),
        obligation({ ruleId: 'looked-after-visit', ruleName: 'Looked after child visit', due: '2026-03-09', status: 'overdue' }),
        obligation({}),
      ],
      places,
    );
    expect(section.status).toBe('Looked after since 2 March 2026');
    expect(section.rows.map((r) => [r.key.text, r.value.text])).toEqual([
      ['Legal status', 'Interim care order (C1)'],
      [
        'Placement',
        'Foster placement with other foster carers, not long term or fostering for adoption (U6): Pat and Sam Carer, M60 2LA, since 2 March 2026',
      ],
      ['Distance from home', '5.0 miles'],
      ['Inside or outside the authority', 'Inside the authority'],
      ['Independent reviewing officer', 'Not appointed'],
      ['Next review', 'Due by 30 March 2026'],
    ]);
    expect(section.next).toMatchObject({ text: 'Looked after child visit', due: '9 March 2026', tag: { classes: 'govuk-tag--red' } });
    expect(section.links.map((l) => l.href)).toEqual([`/children/${child.id}/looked-after/periods/${periodId}`]);
  });

  it('says a period of short breaks is such, and that its reviews are not clocked', () => {
    const section = recordSection(child.id, record([{ ...open, shortBreaks: true, legalStatus: 'V4' }]), [], places);
    expect(section.status).toBe('Looked after for an agreed series of short breaks (reg 48) since 2 March 2026');
    expect(section.rows.at(-1)!.value.text).toBe('Not clocked for short breaks');
  });

  it('says when and why the last period ended', () => {
    const section = recordSection(child.id, record([{ ...open, endDate: '2026-04-17', reasonCeased: 'E4A' }]), [], places);
    expect(section.status).toBe(
      'Not looked after: the last period of care ended on 17 April 2026 (Returned home to parents or others with parental responsibility, as part of the care plan (E4A))',
    );
  });
});

describe('the period of care page', () => {
  const view: CarePeriodView = {
    ...open,
    episodes: [
      {
        id: 'e1',
        startDate: '2026-03-02',
        endDate: '2026-03-20',
        reasonNew: 'S',
        legalStatus: 'C1',
        categoryOfNeed: 'N1',
        placementId,
        placementType: 'U6',
      },
      {
        id: 'e2',
        startDate: '2026-03-20',
        endDate: null,
        reasonNew: 'B',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementId: 'p2',
        placementType: 'U4',
      },
    ],
    placementList: [{ ...placement, endDate: '2026-03-20', reasonForChange: 'CARPL' }],
    reviewList: [],
    orderList: [],
  };

  it('lists the episodes and placements with DfE’s words, and only this period’s obligations', () => {
    const page = periodPage(
      child,
      view,
      [obligation({}), obligation({ key: `looked-after-review:another-period:care-period:x`, explanation: 'Another period' })],
      places,
    );
    expect(
      page.summary.rows.filter((r) => r.key.text.startsWith('Distance') || r.key.text.startsWith('Inside')).map((r) => r.value.text),
    ).toEqual(['5.0 miles', 'Inside the authority']);
    expect(page.episodeRows.map((r) => r.slice(0, 6).map((c) => c.text))).toEqual([
      ['2 March 2026', '20 March 2026', 'Started to be looked after (S)', 'C1', 'U6', 'N1'],
      ['20 March 2026', 'Continuing', 'Change of legal status, placement and carers at the same time (B)', 'C2', 'U4', 'N1'],
    ]);
    // each episode can be corrected, the link naming which
    const correct = String(page.episodeRows[1]![6]!.html);
    expect(correct).toContain(`/episodes/${view.episodes[1]!.id}/correct"`);
    expect(correct).toContain('Correct<span class="govuk-visually-hidden"> the episode that began on 20 March 2026</span>');
    expect(page.placementRows[0]![1]!.text).toBe('20 March 2026: Change to, or carrying out of, the care plan (CARPL)');
    expect(page.due).toHaveLength(1);
    expect(page.links.map((l) => l.text)).toContain('Record a move of placement');
  });

  it('offers no changes once the period has ended', () => {
    expect(periodPage(child, { ...view, endDate: '2026-04-17', reasonCeased: 'E4A' }, [], places).links).toEqual([]);
  });
});

describe('placements and forms', () => {
  it('describes a placement by its type, carer and postcode', () => {
    expect(placementText({ ...placement, providerName: null, placementPostcode: null, placementType: 'K2' })).toBe('Children’s home (K2)');
  });

  it('offers every DfE legal status, with the code first, and defaults the visit regime to the standard one', () => {
    const form = becomeLookedAfterForm(child, record([]), { values: {} });
    expect(form.legalStatus.items.slice(1).map((i) => i.value)).toEqual([...legalStatusCodes]);
    expect(form.legalStatus.items[2]!.text).toBe('C2: Full care order');
    expect(form.visitRegime.items.find((i) => i.checked)!.value).toBe('standard');
    expect(form.alreadyLookedAfter).toBe(false);
  });
});

describe('placement types by the year the placement begins', () => {
  const offered = (values: Record<string, string>) =>
    becomeLookedAfterForm(child, record([]), { values })
      .placementType.items.slice(1)
      .map((i) => i.value);

  it('offers Z11 to Z14 from 2025/26 only, for the date given whole or in its three boxes', () => {
    expect(offered({ startDate: '2025-03-31' })).not.toContain('Z11');
    expect(offered({ 'startDate-day': '31', 'startDate-month': '3', 'startDate-year': '2025' })).not.toContain('Z11');
    expect(offered({ startDate: '2025-04-01' })).toEqual(expect.arrayContaining(['Z11', 'Z12', 'Z13', 'Z14', 'K3']));
    // without a whole date, every type the record knows
    expect(offered({ 'startDate-day': '31', 'startDate-month': '', 'startDate-year': '2025' })).toContain('Z11');
  });

  it('gives K3 and CUSTOD their words', () => {
    const items = becomeLookedAfterForm(child, record([]), { values: { startDate: '2025-04-01' } }).placementType.items;
    expect(items.find((i) => i.value === 'K3')!.text).toBe('K3: Supported accommodation');
    expect(placementChangeReasonLabels.CUSTOD).toBe('Custody arrangement');
  });
});

describe('the IROs’ caseloads', () => {
  it('give each IRO a row whose number links to their children, and an average', () => {
    const page = iroCaseloadsPage({
      iros: [
        { iroName: 'Iris Reviewer', children: 112 },
        { iroName: 'Omar Officer', children: 107 },
      ],
      notAppointed: 1,
    });
    expect(page.summary).toBe('219 children looked after today, reviewed by 2 independent reviewing officers: 110 each on average.');
    expect(page.rows.map((r) => [r[0]!.text, String(r[1]!.html)])).toEqual([
      [
        'Iris Reviewer',
        '<a class="govuk-link" href="/looked-after/iro-caseloads/children?iro=Iris%20Reviewer">112<span class="govuk-visually-hidden"> looked after children reviewed by Iris Reviewer</span></a>',
      ],
      [
        'Omar Officer',
        '<a class="govuk-link" href="/looked-after/iro-caseloads/children?iro=Omar%20Officer">107<span class="govuk-visually-hidden"> looked after children reviewed by Omar Officer</span></a>',
      ],
    ]);
    expect(page.notAppointed).toEqual({
      text: '1 child looked after today with no independent reviewing officer recorded',
      href: '/looked-after/iro-caseloads/children?none=1',
    });
    expect(iroCaseloadsPage({ iros: [], notAppointed: 0 })).toMatchObject({ rows: [], notAppointed: null });
  });

  it('name a child the viewer may open, and show another as a restricted record without its placement', () => {
    const open = { childId: child.id, childName: 'Ellis Madeup', periodId, startDate: '2025-01-06', placementType: 'U6', lastReview: null };
    const hidden = { ...open, childId: '00000000-0000-4000-8000-000000000002', childName: 'Rowan Madeup', placementType: 'K2' };
    const page = iroChildrenPage(
      'Iris Reviewer',
      [open, hidden],
      new Map([[hidden.childId, { childId: hidden.childId, worker: null, team: null, requested: false }]]),
    );
    expect(page.title).toBe('Children reviewed by Iris Reviewer');
    expect(page.count).toBe('2 children');
    expect(String(page.rows[0]![0]!.html)).toContain('Ellis Madeup');
    expect(page.rows[0]![3]!.text).toBe('None yet');
    expect(String(page.rows[1]![0]!.html)).toContain('Restricted record');
    expect(String(page.rows[1]![0]!.html)).not.toContain('Rowan');
    expect(page.rows[1]![2]!.text).toBe('');
  });
});
