import { describe, expect, it } from 'vitest';
import { cinSchema, schemaProblems, writeCin } from '../returns/cin/index.js';
import { type CensusRecord, type CensusChildRow, type ReferralRow, buildCensus, episodeFor, sexCode } from './build.js';
import { collectionYearOf, currentCensusYear } from './census.js';
import { childFindings, fixFor } from './presenters.js';

const child = (n: number, extra: Partial<CensusChildRow> = {}): CensusChildRow => ({
  id: `child-${n}`,
  reference: n,
  dateOfBirth: '2015-05-01',
  expectedDateOfBirth: null,
  sex: 'F',
  ethnicity: 'WBRI',
  upn: null,
  disabilities: ['NONE'],
  ...extra,
});

const referral = (id: string, childId: string, referralDate: string, closed: [string, string] | null = null): ReferralRow => ({
  id,
  childId,
  contactId: `contact-${id}`,
  referralDate,
  source: '3A',
  primaryNeed: 'N1',
  closedDate: closed?.[0] ?? null,
  closureReason: closed?.[1] ?? null,
});

const empty = (): CensusRecord => ({ children: [], referrals: [], assessments: [], cinPlans: [], section47s: [], cpPlans: [] });

describe('the children and episodes a collection year holds', () => {
  it('holds a child with a referral open at some time in the year, and only that year’s episodes', () => {
    const record = empty();
    record.children.push(child(1), child(2), child(3), child(4));
    record.referrals.push(
      referral('old', 'child-1', '2024-01-10', ['2025-03-31', 'RC8']), // closed the day before the year
      referral('open', 'child-1', '2025-06-02'),
      referral('gone', 'child-2', '2023-05-01', ['2024-02-01', 'RC7']),
      referral('later', 'child-3', '2026-04-01'), // after the reference date
      referral('across', 'child-4', '2025-02-01', ['2025-04-01', 'RC8']), // closed on the year's first day
    );
    record.assessments.push({
      id: 'a',
      childId: 'child-4',
      referralId: 'across',
      startDate: '2025-02-03',
      authorisedAt: '2025-03-20',
      factors: ['3A'],
    });
    const { census, sources } = buildCensus(record, 2026);
    expect(census.children.map((c) => c.identifiers.LAchildID)).toEqual(['1', '4']);
    expect(census.children[0]!.cinDetails.map((d) => d.CINreferralDate)).toEqual(['2025-06-02']);
    expect(sources.map((s) => s.episodes.map((e) => e.referralId))).toEqual([['open'], ['across']]);
    // an assessment finished before the year is not the year's
    expect(census.children[1]!.cinDetails[0]!.Assessments).toEqual([]);
    expect(census.header?.CollectionDetails).toEqual({ Collection: 'CIN', Year: '2026', ReferenceDate: '2026-03-31' });
  });

  it('sends what the record dates after 31 March as not yet happened', () => {
    const record = empty();
    record.children.push(child(1));
    record.referrals.push(referral('r', 'child-1', '2026-01-05', ['2026-05-01', 'RC8']));
    record.assessments.push({
      id: 'a',
      childId: 'child-1',
      referralId: 'r',
      startDate: '2026-01-06',
      authorisedAt: '2026-04-10',
      factors: ['3A', '4A'],
    });
    record.cinPlans.push({ id: 'p', childId: 'child-1', referralId: 'r', startDate: '2026-02-01', endDate: '2026-04-20' });
    const d = buildCensus(record, 2026).census.children[0]!.cinDetails[0]!;
    expect([d.CINclosureDate, d.ReasonForClosure, d.ReferralNFA]).toEqual([null, null, '0']);
    expect(d.Assessments).toEqual([
      {
        AssessmentActualStartDate: '2026-01-06',
        AssessmentInternalReviewDate: null,
        AssessmentAuthorisationDate: null,
        AssessmentFactors: [],
      },
    ]);
    expect(d.CINPlanDates).toEqual([{ CINPlanStartDate: '2026-02-01', CINPlanEndDate: null }]);
  });

  it('flags a referral closed with nothing done under it as no further action, and no other', () => {
    const record = empty();
    record.children.push(child(1), child(2));
    record.referrals.push(
      referral('nfa', 'child-1', '2025-09-01', ['2025-09-03', 'RC8']),
      referral('assessed', 'child-2', '2025-09-01', ['2025-11-03', 'RC8']),
      referral('open', 'child-2', '2025-12-01'),
    );
    record.assessments.push({
      id: 'a',
      childId: 'child-2',
      referralId: 'assessed',
      startDate: '2025-09-02',
      authorisedAt: '2025-10-20',
      factors: ['21'],
    });
    const { census } = buildCensus(record, 2026);
    expect(census.children.map((c) => c.cinDetails.map((d) => d.ReferralNFA))).toEqual([['1'], ['0', '0']]);
    expect(census.children[1]!.cinDetails[0]!.Assessments[0]!.AssessmentFactors).toEqual(['21']);
  });
});

describe('section 47 enquiries and child protection plans', () => {
  function protectedChild(): CensusRecord {
    const record = empty();
    record.children.push(child(7));
    record.referrals.push(referral('r1', 'child-7', '2023-03-01', ['2023-09-01', 'RC7']), referral('r2', 'child-7', '2025-12-01'));
    record.section47s.push(
      // started from the strategy discussion on Monday 15 December 2025: 15 working days over Christmas is 8 January
      {
        id: 's1',
        childId: 'child-7',
        referralId: null,
        startDate: '2025-12-15',
        strategyDate: '2025-12-15',
        conferenceRequired: true,
        endDate: '2026-01-05',
        conferenceDate: '2026-01-07',
      },
      {
        id: 's0',
        childId: 'child-7',
        referralId: 'r2',
        startDate: '2025-12-02',
        strategyDate: '2025-12-01',
        conferenceRequired: false,
        endDate: '2025-12-10',
        conferenceDate: null,
      },
    );
    record.cpPlans.push(
      {
        id: 'old',
        childId: 'child-7',
        referralId: 'r1',
        startDate: '2023-04-01',
        endDate: '2023-08-01',
        initialCategory: 'NEG',
        latestCategory: 'NEG',
        reviewDates: [],
      },
      {
        id: 'p',
        childId: 'child-7',
        referralId: null,
        startDate: '2026-01-07',
        endDate: null,
        initialCategory: 'EMO',
        latestCategory: 'MUL',
        reviewDates: ['2026-03-20', '2026-06-18'],
      },
    );
    return record;
  }

  it('places each in its episode, with the conference, its target and "not required" from the record', () => {
    const { census, sources } = buildCensus(protectedChild(), 2026);
    const [d] = census.children[0]!.cinDetails;
    expect(census.children[0]!.cinDetails).toHaveLength(1);
    expect(d!.Section47).toEqual([
      { S47ActualStartDate: '2025-12-02', InitialCPCtarget: '2025-12-22', DateOfInitialCPC: null, ICPCnotRequired: '1' },
      { S47ActualStartDate: '2025-12-15', InitialCPCtarget: '2026-01-08', DateOfInitialCPC: '2026-01-07', ICPCnotRequired: '0' },
    ]);
    // the plan made by the conference; one plan before it; only the review in the year
    expect(d!.ChildProtectionPlans).toEqual([
      {
        CPPstartDate: '2026-01-07',
        CPPendDate: null,
        InitialCategoryOfAbuse: 'EMO',
        LatestCategoryOfAbuse: 'MUL',
        NumberOfPreviousCPP: '1',
        CPPreviewDate: ['2026-03-20'],
      },
    ]);
    expect(d!.DateOfInitialCPC).toBeNull();
    expect(sources[0]!.episodes[0]).toMatchObject({ section47Ids: ['s0', 's1'], cpPlanIds: ['p'] });
  });

  it('writes a message within DfE’s schema for the year, with GenderCurrent before 2025', () => {
    for (const year of [2024, 2026] as const) {
      const record = protectedChild();
      record.referrals.forEach((r) => (r.referralDate = r.referralDate.replace('2025', String(year - 1))));
      const { census } = buildCensus(record, year, { laNumber: '352', madeAt: '2026-12-06T10:00:00.000Z', release: '0.1.0' });
      const xml = writeCin(census);
      expect(schemaProblems(xml, cinSchema(year))).toEqual([]);
      expect(xml).toContain(year === 2024 ? '<GenderCurrent>2</GenderCurrent>' : '<Sex>F</Sex>');
      expect(xml).toContain('<LEA>352</LEA>');
    }
    expect(sexCode('M', 2024)).toBe('1');
    expect(sexCode('U', 2023)).toBe('0');
  });
});

describe('helpers', () => {
  it('finds an item’s episode by its referral, else by date', () => {
    const eps = [referral('a', 'c', '2025-05-01', ['2025-07-01', 'RC8']), referral('b', 'c', '2025-08-01')];
    expect(episodeFor(eps, 'a', '2025-09-01')?.id).toBe('a');
    expect(episodeFor(eps, null, '2025-06-01')?.id).toBe('a');
    expect(episodeFor(eps, null, '2025-07-15')).toBeNull();
    expect(episodeFor(eps, 'elsewhere', '2025-09-01')?.id).toBe('b');
  });

  it('names the collection year a day falls in, and the latest known when it is not known yet', () => {
    expect(collectionYearOf('2026-03-31')).toBe(2026);
    expect(collectionYearOf('2026-04-01')).toBe(2027);
    expect(currentCensusYear('2025-10-01')).toBe(2026);
    expect(currentCensusYear('2026-12-06')).toBe(2026);
  });

  it('links a finding to the page that records what its rule is about', () => {
    const sources = {
      childId: 'c',
      episodes: [
        { referralId: 'r1', contactId: 'k1', assessmentIds: ['a1'], cinPlanIds: [], section47Ids: ['s1'], cpPlanIds: [] },
        { referralId: 'r2', contactId: null, assessmentIds: ['a2'], cinPlanIds: ['p2'], section47Ids: [], cpPlanIds: [] },
      ],
    };
    expect(fixFor({ table: 'ChildCharacteristics', fields: ['Disability'] }, sources)?.href).toBe('/children/c/edit');
    expect(fixFor({ table: 'Assessments', fields: [] }, sources)?.href).toBe('/children/c/assessments/a2');
    expect(fixFor({ table: 'Section47', fields: [] }, sources)?.href).toBe('/children/c/child-protection/s47-enquiries/s1');
    expect(fixFor({ table: 'CINplanDates', fields: [] }, sources)?.href).toBe('/children/c/children-in-need/plans/p2');
    expect(fixFor({ table: 'ChildProtectionPlans', fields: [] }, sources)?.href).toBe('/children/c/child-protection');
    expect(fixFor({ table: 'CINdetails', fields: ['ReasonForClosure'] }, sources)?.href).toBe('/children/c/children-in-need/closure');
    expect(fixFor({ table: 'CINdetails', fields: ['PrimaryNeedCode'] }, sources)?.href).toBe('/front-door/contacts/k1');
    expect(fixFor({ table: 'Header', fields: [] }, sources)).toBeNull();
  });

  it('keeps a child’s findings, not the return’s, each with where it is put right', () => {
    const sources = { childId: 'c', episodes: [] };
    const findings = [
      {
        rule: '2883',
        table: 'ChildProtectionPlans',
        row: null,
        childId: null,
        fields: ['CPPstartDate'],
        message: 'More plans than conferences',
      },
      { rule: '8540', table: 'ChildCharacteristics', row: 1, childId: '7', fields: ['Disability'], message: 'Disability missing' },
    ];
    expect(childFindings(findings, sources)).toEqual([
      {
        rule: '8540',
        message: 'Disability missing',
        fields: 'Disability',
        fix: { href: '/children/c/edit', text: 'Change the child’s details' },
      },
    ]);
    expect(childFindings(findings, undefined)).toEqual([]);
  });
});
