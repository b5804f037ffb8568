import { describe, expect, it } from 'vitest';
import { unzip } from '../../test/support/unzip.js';
import type { Adoption903Row } from '../adoption/queries.js';
import type { Oc2Facts } from '../health-and-education/queries.js';
import { tableToCsv } from '../returns/ssda903/write.js';
import {
  build903,
  episodesInYear,
  type LookedAfterRecord,
  motherCode,
  type SocialWorkerRow,
  socialWorkerId,
  type TableSource,
  upnCode,
} from './build.js';
import { childFindings, fixFor } from './presenters.js';
import { check903, collectionYearOf, columnProblems, currentReturnYear, notesOf } from './ssda903.js';
import { zip } from './zip.js';

const W1 = '11111111-1111-4111-8111-111111111111';
const W2 = '22222222-2222-4222-8222-222222222222';

/** Two children looked after in 2025/26, one before it and one after it. */
function record(): LookedAfterRecord {
  const child = (id: string, reference: number, sex: string, dateOfBirth: string, extra = {}) => ({
    id,
    reference,
    sex,
    dateOfBirth,
    ethnicity: 'WBRI',
    upn: `A${String(reference).padStart(12, '0')}`,
    firstChildBirthDate: null,
    ...extra,
  });
  const placement = (id: string, childId: string, startDate: string, endDate: string | null, placementType: string, extra = {}) => ({
    id,
    childId,
    startDate,
    endDate,
    reasonForChange: null,
    placementType,
    provider: 'PR1',
    urn: null,
    placementPostcode: 'M60 2LA',
    homePostcode: 'M13 9PL',
    ...extra,
  });
  const episode = (id: string, childId: string, periodId: string, startDate: string, reasonNew: string, placementId: string) => ({
    id,
    childId,
    periodId,
    startDate,
    reasonNew,
    legalStatus: 'C2',
    categoryOfNeed: 'N1',
    placementId,
  });
  return {
    children: [
      child('a', 12, 'F', '2010-05-01', { firstChildBirthDate: '2025-11-02' }),
      child('b', 7, 'M', '2015-01-20'),
      child('c', 20, 'U', '2012-01-01'),
      child('d', 30, 'F', '2013-01-01'),
    ],
    periods: [
      { id: 'pa', childId: 'a', startDate: '2024-06-01', endDate: null, reasonCeased: null },
      { id: 'pb', childId: 'b', startDate: '2025-05-01', endDate: '2025-12-01', reasonCeased: 'E13' },
      { id: 'pc', childId: 'c', startDate: '2024-05-01', endDate: '2025-02-01', reasonCeased: 'E4A' },
      { id: 'pd', childId: 'd', startDate: '2026-04-10', endDate: null, reasonCeased: null },
    ],
    episodes: [
      // out of order on purpose: the record's rows come in any order
      episode('a2', 'a', 'pa', '2025-09-01', 'P', 'la2'),
      episode('a1', 'a', 'pa', '2024-06-01', 'S', 'la1'),
      episode('a3', 'a', 'pa', '2026-04-15', 'L', 'la2'),
      episode('b1', 'b', 'pb', '2025-05-01', 'S', 'lb1'),
      episode('c1', 'c', 'pc', '2024-05-01', 'S', 'lc1'),
      episode('d1', 'd', 'pd', '2026-04-10', 'S', 'ld1'),
    ],
    placements: [
      placement('la1', 'a', '2024-06-01', '2025-09-01', 'U1', { reasonForChange: 'CARPL' }),
      placement('la2', 'a', '2025-09-01', null, 'K2', { urn: 'SC123456' }),
      placement('lb1', 'b', '2025-05-01', '2025-12-01', 'U4'),
      placement('lc1', 'c', '2024-05-01', '2025-02-01', 'U1'),
      placement('ld1', 'd', '2026-04-10', null, 'U1'),
    ],
    reviews: [
      { id: 'ra0', childId: 'a', periodId: 'pa', reviewDate: '2025-03-01', participation: 'PN1' },
      { id: 'ra1', childId: 'a', periodId: 'pa', reviewDate: '2025-08-30', participation: 'PN1' },
      { id: 'rb1', childId: 'b', periodId: 'pb', reviewDate: '2025-06-01', participation: 'PN0' },
    ],
    socialWorkers: [
      // a change of team keeps the worker (and the first allocation's reason): no reason asked of it
      { ...sw('s2', 'a', W1, '2025-01-10', '2025-07-01'), changeReason: null },
      { ...sw('s1', 'a', W1, '2024-01-01', '2025-01-10'), changeReason: 'FCONTA' },
      { ...sw('s3', 'a', W2, '2025-07-01', '2026-05-01'), changeReason: 'LEFTRL', socialWorkEnglandNumber: 'SW123456' },
      sw('s4', 'b', W2, '2023-01-01', '2024-02-01'),
    ],
    // A's orders in her children's home, one after the other; B's ended long before 2026/27
    dolos: [
      { id: 'o2', childId: 'a', periodId: 'pa', startDate: '2026-06-01', endDate: '2027-05-01' },
      { id: 'o1', childId: 'a', periodId: 'pa', startDate: '2025-10-01', endDate: '2026-06-01' },
      { id: 'ob', childId: 'b', periodId: 'pb', startDate: '2025-06-01', endDate: '2025-07-01' },
    ],
    // as the missing episodes area gives them for 2025/26, C's too (C is not in 2025/26's Header)
    missing: [
      missing('m2', 'a', '12', 'A', '01/02/2026', null),
      missing('m1', 'b', '7', 'M', '10/06/2025', '11/06/2025'),
      missing('m3', 'c', '20', 'M', '01/04/2025', '02/04/2025'),
    ],
    oc2: [oc2Facts('a', '2010-05-01', 'pa')],
    uasc: [],
    // A adopted in the year; B's plan changed; C's journey (C is not in 2025/26's Header)
    adoption: [
      adoption('ja', 'a', '2024-09-02', { matchedOn: '2025-04-01', adoptionOrderOn: '2026-02-02', fosterCarerAdoption: true }),
      adoption('jb', 'b', '2025-06-10', { planChangedOn: '2025-11-03', planChangeReason: 'RD3' }),
      adoption('jc', 'c', '2024-07-01', {}),
    ],
    // B started in the year after a special guardianship order; A started before the year
    previousPermanence: [
      { id: 'ppb', childId: 'b', code: 'P2', arrangedBy: 'Manchester', madeOn: '2019-07-01', version: 1 },
      { id: 'ppa', childId: 'a', code: 'Z1', arrangedBy: null, madeOn: null, version: 1 },
    ],
    oc3: [],
  };
}

const adoption = (journeyId: string, childId: string, decidedOn: string, extra: Partial<Adoption903Row>): Adoption903Row => ({
  childId,
  journeyId,
  decidedOn,
  matchedOn: null,
  adoptionOrderOn: null,
  fosterCarerAdoption: false,
  planChangedOn: null,
  planChangeReason: null,
  ...(extra.matchedOn
    ? { numberOfAdopters: 2, sexes: 'FF', legalStatus: 'L12' }
    : { numberOfAdopters: null, sexes: null, legalStatus: null }),
  ...extra,
});

const sw = (id: string, childId: string, workerId: string, startDate: string, endDate: string | null): SocialWorkerRow => ({
  id,
  childId,
  workerId,
  socialWorkEnglandNumber: null,
  changeReason: null,
  startDate,
  endDate,
});

const missing = (episodeId: string, childId: string, child: string, code: string, start: string, end: string | null) => ({
  episodeId,
  childId,
  row: { CHILD: child, DOB: null, MISSING: code, MIS_START: start, MIS_END: end },
});

/** A child of the OC2 cohort as health and education reads it for 2025/26: assessed, a dentist, an SDQ. */
const oc2Facts = (childId: string, dateOfBirth: string, carePeriodId: string): Oc2Facts => ({
  childId,
  dateOfBirth,
  carePeriodId,
  careStartDate: '2024-06-01',
  lastHealthAssessment: '2025-06-01',
  dentalCheckInYear: true,
  immunisationsUpToDate: true,
  healthSurveillanceUpToDate: null,
  sdqScore: 14,
  sdqReason: null,
  substanceMisuse: false,
  interventionReceived: null,
  interventionOffered: null,
  convicted: false,
  schoolName: null,
  schoolUrn: null,
  pepInitiated: null,
  lastPepMeeting: null,
  hoursPerWeek: null,
});

describe('the SSDA903 from the record', () => {
  it('sends UN1 for a child with no UPN not yet of school age, and leaves a school-age child’s blank', () => {
    // 2026/27 begins in 2026: school age is five by 31 August 2026
    expect(upnCode(null, '2021-08-31', '2026-04-01')).toBeNull();
    expect(upnCode(null, '2021-09-01', '2026-04-01')).toBe('UN1');
    expect(upnCode('A352000000001', '2024-01-01', '2026-04-01')).toBe('A352000000001');
    expect(upnCode(null, null, '2026-04-01')).toBeNull();
  });

  it('says a girl is a mother when her child is on the record, and not one when none is; a boy blank', () => {
    expect(motherCode({ sex: 'F', firstChildBirthDate: '2025-11-02' })).toEqual({ MOTHER: '1', MC_DOB: '02/11/2025' });
    expect(motherCode({ sex: 'F', firstChildBirthDate: null })).toEqual({ MOTHER: '0', MC_DOB: null });
    expect(motherCode({ sex: 'M', firstChildBirthDate: null })).toEqual({ MOTHER: null, MC_DOB: null });
  });

  it('holds the children looked after at some time in the year, by reference, with their Header', () => {
    const built = build903(record(), 2026);
    expect(built.tables.Header!.rows).toEqual([
      { CHILD: '7', SEX: 'M', DOB: '20/01/2015', ETHNIC: 'WBRI', UPN: 'A000000000007', MOTHER: null, MC_DOB: null },
      { CHILD: '12', SEX: 'F', DOB: '01/05/2010', ETHNIC: 'WBRI', UPN: 'A000000000012', MOTHER: '1', MC_DOB: '02/11/2025' },
    ]);
    expect(built.sources.Header).toEqual([{ childId: 'b' }, { childId: 'a' }]);
    // the year before: A and C, whose period ended in it
    expect(build903(record(), 2025).tables.Header!.rows.map((r) => r.CHILD)).toEqual(['12', '20']);
  });

  it('writes SEX in the year’s codes: 1 and 2 before 2024/25, with no code for unknown', () => {
    const r = record();
    // C looked after from May 2023, in 2023/24
    r.periods[2]!.startDate = r.episodes[4]!.startDate = r.placements[3]!.startDate = '2023-05-01';
    expect(build903(r, 2024).tables.Header!.rows.map((x) => [x.CHILD, x.SEX])).toEqual([['20', null]]);
    r.children[2]!.sex = 'F';
    expect(build903(r, 2024).tables.Header!.rows[0]!.SEX).toBe('2');
    r.children[2]!.sex = 'M';
    expect(build903(r, 2024).tables.Header!.rows[0]!.SEX).toBe('1');
    expect(build903(record(), 2025).tables.Header!.rows.map((x) => x.SEX)).toEqual(['F', 'U']);
  });

  it('ends an episode at the next one’s start (X1, with the placement’s reason when it moved) or the period’s, as known at 31 March', () => {
    const built = build903(record(), 2026);
    expect(built.tables.Episodes!.rows).toEqual([
      {
        CHILD: '7',
        DECOM: '01/05/2025',
        RNE: 'S',
        LS: 'C2',
        CIN: 'N1',
        PLACE: 'U4',
        PLACE_PROVIDER: 'PR1',
        DEC: '01/12/2025',
        REC: 'E13',
        REASON_PLACE_CHANGE: null,
        HOME_POST: 'M13 9PL',
        PL_POST: 'M60 2LA',
        URN: null,
      },
      {
        CHILD: '12',
        DECOM: '01/06/2024',
        RNE: 'S',
        LS: 'C2',
        CIN: 'N1',
        PLACE: 'U1',
        PLACE_PROVIDER: 'PR1',
        DEC: '01/09/2025',
        REC: 'X1',
        REASON_PLACE_CHANGE: 'CARPL',
        HOME_POST: 'M13 9PL',
        PL_POST: 'M60 2LA',
        URN: null,
      },
      // the change of legal status on 15 April 2026 is after the year: open at 31 March
      expect.objectContaining({ CHILD: '12', DECOM: '01/09/2025', RNE: 'P', PLACE: 'K2', URN: 'SC123456', DEC: null, REC: null }),
    ]);
    expect(built.tables.Episodes!.rows[2]!.REASON_PLACE_CHANGE).toBeNull();
    expect(built.sources.Episodes).toEqual([
      { childId: 'b', periodId: 'pb', placementId: 'lb1' },
      { childId: 'a', periodId: 'pa', placementId: 'la1' },
      { childId: 'a', periodId: 'pa', placementId: 'la2' },
    ]);
  });

  it('gives no reason for a placement change when the next episode is a change of legal status only', () => {
    const r = record();
    const found = episodesInYear(r.periods.slice(0, 1), r.episodes, '2026-04-01', '2027-03-31');
    expect(found.map((e) => [e.episode.id, e.end, e.reason, e.next?.id ?? null])).toEqual([
      ['a2', '2026-04-15', 'X1', 'a3'],
      ['a3', null, null, null],
    ]);
    expect(
      build903(r, 2027)
        .tables.Episodes!.rows.filter((e) => e.CHILD === '12')
        .map((e) => e.REASON_PLACE_CHANGE),
    ).toEqual([null, null]);
  });

  it('holds the reviews of the year', () => {
    const built = build903(record(), 2026);
    expect(built.tables.Reviews!.rows).toEqual([
      { CHILD: '7', DOB: '20/01/2015', REVIEW: '01/06/2025', REVIEW_CODE: 'PN0' },
      { CHILD: '12', DOB: '01/05/2010', REVIEW: '30/08/2025', REVIEW_CODE: 'PN1' },
    ]);
    expect(built.sources.Reviews!.map((s) => s.reviewId)).toEqual(['rb1', 'ra1']);
  });

  it('holds each child’s social workers over the reporting period, a worker kept across teams as one episode', () => {
    const built = build903(record(), 2026);
    expect(built.tables.SWEpisodes!.rows).toEqual([
      // B's only social worker left before 1 April 2024, when 2025/26's reporting period begins
      { CHILD: '12', DOB: '01/05/2010', SW_ID: socialWorkerId(W1), SW_DECOM: '01/01/2024', SW_DEC: '01/07/2025', SW_REASON: 'FCONTA' },
      { CHILD: '12', DOB: '01/05/2010', SW_ID: 'SW123456', SW_DECOM: '01/07/2025', SW_DEC: null, SW_REASON: 'LEFTRL' },
    ]);
    expect(socialWorkerId(W1)).toBe('XX11111111111141118111111111111111');
    // 2023/24's reporting period is the collection year alone; SWEpisodes is collected from then on
    expect(build903(record(), 2024).tables.SWEpisodes!.rows).toEqual([]);
    expect(build903(record(), 2023).tables.SWEpisodes).toBeUndefined();
  });

  it('builds the Missing table from the missing episodes area’s rows, for the children in the Header, as the Header names them', () => {
    const built = build903(record(), 2026);
    expect(built.tables.Missing!.rows).toEqual([
      { CHILD: '7', DOB: '20/01/2015', MISSING: 'M', MIS_START: '10/06/2025', MIS_END: '11/06/2025' },
      { CHILD: '12', DOB: '01/05/2010', MISSING: 'A', MIS_START: '01/02/2026', MIS_END: null },
    ]);
    expect(built.sources.Missing).toEqual([
      { childId: 'b', missingEpisodeId: 'm1' },
      { childId: 'a', missingEpisodeId: 'm2' },
    ]);
    // every Missing CHILD is a Header CHILD, so the rules joining the tables find the child
    const header = new Set(built.tables.Header!.rows.map((r) => r.CHILD));
    expect(built.tables.Missing!.rows.every((r) => header.has(r.CHILD))).toBe(true);
    expect(built.notBuilt).not.toContain('Missing');
  });

  it('builds the OC2 table from health and education’s codes as at 31 March, blanks as blank cells', () => {
    const built = build903(record(), 2026);
    expect(built.tables.OC2!.rows).toEqual([
      {
        CHILD: '12',
        DOB: '01/05/2010',
        SDQ_SCORE: '14',
        SDQ_REASON: null,
        CONVICTED: '0',
        HEALTH_CHECK: null,
        IMMUNISATIONS: '1',
        TEETH_CHECK: '1',
        HEALTH_ASSESSMENT: '1',
        SUBSTANCE_MISUSE: '0',
        INTERVENTION_RECEIVED: null,
        INTERVENTION_OFFERED: null,
      },
    ]);
    expect(built.sources.OC2).toEqual([{ childId: 'a', periodId: 'pa' }]);
    expect(notesOf(built)).toContain(
      'OC2: IMMUNISATIONS, TEETH_CHECK, HEALTH_ASSESSMENT, SUBSTANCE_MISUSE and CONVICTED are 0 when nothing is recorded for the year (the record holds no "not known")',
    );
    // the assessment a year and a day old at 31 March is out of date
    const r = record();
    r.oc2[0]!.lastHealthAssessment = '2025-03-30';
    expect(build903(r, 2026).tables.OC2!.rows[0]!.HEALTH_ASSESSMENT).toBe('0');
    // facts for a child not in the year's Header make no row
    r.oc2.push(oc2Facts('d', '2013-01-01', 'pd'));
    expect(build903(r, 2026).tables.OC2!.rows.map((x) => x.CHILD)).toEqual(['12']);
    expect(columnProblems(built.tables, 2026)).toEqual([]);
  });

  it('builds AD1 for a child adopted in the year and PlacedAdoption for each decision under way, reversed or not', () => {
    const built = build903(record(), 2026);
    expect(built.tables.AD1!.rows).toEqual([
      {
        CHILD: '12',
        DOB: '01/05/2010',
        DATE_INT: '02/09/2024',
        DATE_MATCH: '01/04/2025',
        FOSTER_CARE: '1',
        NB_ADOPTR: '2',
        SEX_ADOPTR: 'FF',
        LS_ADOPTR: 'L12',
      },
    ]);
    expect(built.sources.AD1).toEqual([{ childId: 'a', adoptionJourneyId: 'ja' }]);
    expect(built.tables.PlacedAdoption!.rows).toEqual([
      { CHILD: '7', DOB: '20/01/2015', DATE_PLACED: '10/06/2025', DATE_PLACED_CEASED: '03/11/2025', REASON_PLACED_CEASED: 'RD3' },
      { CHILD: '12', DOB: '01/05/2010', DATE_PLACED: '02/09/2024', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null },
    ]);
    // a change of plan after 31 March is not the year's to report
    const r = record();
    r.adoption[1]!.planChangedOn = '2026-04-02';
    expect(build903(r, 2026).tables.PlacedAdoption!.rows[0]).toMatchObject({ DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null });
    expect(columnProblems(built.tables, 2026)).toEqual([]);
  });

  it('builds PrevPerm for a child who started a period of care in the year with previous permanence recorded', () => {
    const built = build903(record(), 2026);
    expect(built.tables.PrevPerm!.rows).toEqual([
      { CHILD: '7', DOB: '20/01/2015', PREV_PERM: 'P2', LA_PERM: 'Manchester', DATE_PERM: '01/07/2019' },
    ]);
    expect(columnProblems(built.tables, 2026)).toEqual([]);
  });

  it('builds every table of each year from the record, none with its header row only', () => {
    for (const year of [2023, 2026, 2027]) {
      const built = build903(record(), year);
      expect(built.notBuilt).toEqual([]);
      expect(notesOf(built).filter((n) => n.startsWith('not built'))).toEqual([]);
    }
    // the DoLo table is collected from 2026/27 only
    expect(build903(record(), 2026).tables.DoLo).toBeUndefined();
  });

  it('builds DoLo from 2026/27 with the orders in force in the year, one ending after 31 March sent as open', () => {
    const built = build903(record(), 2027);
    expect(built.tables.DoLo!.rows).toEqual([
      { CHILD: '12', DOB: '01/05/2010', DOLO_START: '01/10/2025', DOLO_END: '01/06/2026' },
      { CHILD: '12', DOB: '01/05/2010', DOLO_START: '01/06/2026', DOLO_END: null },
    ]);
    expect(built.sources.DoLo).toEqual([
      { childId: 'a', periodId: 'pa' },
      { childId: 'a', periodId: 'pa' },
    ]);
    expect(columnProblems(built.tables, 2027)).toEqual([]);
    const dolo = (r: LookedAfterRecord) =>
      check903(build903(r, 2027), build903(r, 2026))
        .findings.filter((f) => f.table.startsWith('DoLo'))
        .map((f) => f.rule);
    expect(dolo(record())).toEqual([]);
    // an order overlapping the one before is DfE's rule 705, which the record refuses at entry
    const overlapping = record();
    overlapping.dolos[0]!.startDate = '2026-05-01';
    expect(dolo(overlapping)).toContain('705');
    expect(fixFor({ table: 'DoLo', row: 2, fields: ['DOLO_START'] }, built, build903(record(), 2026))).toEqual({
      href: '/children/a/looked-after/periods/pa',
      text: 'The period of care',
    });
  });

  it('builds OC3 for each care leaver at a birthday in the year, in the Header whether looked after in the year or not', () => {
    const r = record();
    // C left care in 2024/25; E, never looked after in 2025/26, left care at 18 in 2023
    r.children.push({ ...r.children[2]!, id: 'e', reference: 40, sex: 'F', dateOfBirth: '2005-06-15', upn: null });
    r.oc3 = [
      { childId: 'c', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'E1' },
      { childId: 'e', IN_TOUCH: null, ACTIV: null, ACCOM: null },
    ];
    const built = build903(r, 2026);
    expect(built.tables.Header!.rows.map((x) => x.CHILD)).toEqual(['7', '12', '20', '40']);
    expect(built.tables.Episodes!.rows.map((x) => x.CHILD)).not.toContain('40');
    expect(built.tables.OC3!.rows).toEqual([
      { CHILD: '20', DOB: '01/01/2012', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'E1' },
      { CHILD: '40', DOB: '15/06/2005', IN_TOUCH: null, ACTIV: null, ACCOM: null },
    ]);
    expect(built.sources.OC3).toEqual([{ childId: 'c' }, { childId: 'e' }]);
  });

  it('takes another table’s source as one function', () => {
    const oc3: TableSource = {
      table: 'OC3',
      rows: ({ children }) =>
        children.map((c) => ({
          row: { CHILD: String(c.reference), DOB: null, IN_TOUCH: 'YES', ACTIV: null, ACCOM: null },
          source: { childId: c.id },
        })),
    };
    const built = build903(record(), 2026, [oc3]);
    expect(built.tables.OC3!.rows.map((r) => r.CHILD)).toEqual(['7', '12']);
    expect(built.notBuilt).not.toContain('OC3');
    expect(built.notBuilt).toContain('Header');
  });

  it('builds UASC for a child in the Header recorded as unaccompanied, with the Header’s identifiers and the year’s sex codes', () => {
    const r = record();
    r.uasc = [
      { childId: 'a', ceasedDate: '2026-01-10' },
      { childId: 'not-looked-after', ceasedDate: null },
    ];
    const rows = build903(r, 2026).tables.UASC!.rows;
    expect(rows).toEqual([{ CHILD: '12', DOB: '01/05/2010', SEX: 'F', DUC: '10/01/2026' }]);
    expect(columnProblems(build903(r, 2026).tables, 2026).filter((p) => p.startsWith('UASC'))).toEqual([]);
  });

  it('finds the cells outside the year’s columns', () => {
    const r = record();
    r.children[0]!.upn = null;
    expect(columnProblems(build903(r, 2026).tables, 2026)).toEqual(['Header row 2 UPN: blank, and it is required']);
    // Z11 is a placement type from 2025/26 on
    r.placements[0]!.placementType = 'Z11';
    expect(columnProblems(build903(r, 2025).tables, 2025)).toContain('Episodes row 1 PLACE: Z11 is not one of the year’s codes');
    expect(columnProblems(build903(r, 2026).tables, 2026)).toEqual(['Header row 2 UPN: blank, and it is required']);
    expect(columnProblems(build903(record(), 2026).tables, 2026)).toEqual([]);
  });

  it('validates with the year before, so the rules that compare years see it', () => {
    const rules = (previous: LookedAfterRecord) => check903(build903(record(), 2026), build903(previous, 2025)).findings.map((f) => f.rule);
    // built from one record, this year's first episode of A is last year's open one
    expect(rules(record())).not.toContain('503B');
    // a record whose legal status for that episode read otherwise last year
    const other = record();
    other.episodes[1]!.legalStatus = 'C1';
    expect(rules(other)).toContain('503B');
  });

  it('links each finding to the page that puts it right', () => {
    const current = build903(record(), 2026);
    const previous = build903(record(), 2025);
    const at = (table: string, row: number | null, fields: string[]) => fixFor({ table, row, fields }, current, previous);
    expect(at('Header', 2, ['UPN'])).toEqual({ href: '/children/a/edit', text: 'Change the child’s details' });
    expect(at('Header', 2, ['MOTHER', 'MC_DOB'])).toEqual({ href: '/children/a/relationships', text: 'The people in the child’s life' });
    expect(at('Episodes', 1, ['DEC'])).toEqual({ href: '/children/b/looked-after/periods/pb', text: 'The period of care' });
    expect(at('Reviews', 2, ['REVIEW'])).toEqual({
      href: '/children/a/looked-after/periods/pa/reviews/ra1',
      text: 'The looked after review',
    });
    expect(at('SWEpisodes', 1, ['SW_REASON'])).toEqual({ href: '/children/a/allocation', text: 'The child’s allocation' });
    // last year's Header: C is its second row
    expect(at('Header_last', 2, ['SEX'])).toEqual({ href: '/children/c/edit', text: 'Change the child’s details' });
    expect(at('Header', null, [])).toBeNull();
    expect(at('OC3', 1, ['ACCOM'])).toBeNull();
    expect(at('Missing', 2, ['MIS_END'])).toEqual({ href: '/children/a/missing/m2', text: 'The missing episode' });
    // last year's: C is in its Header, so C's episode is its second row
    expect(at('Missing_last', 2, ['MIS_START'])).toEqual({ href: '/children/c/missing/m3', text: 'The missing episode' });
    expect(at('OC2', 1, ['HEALTH_ASSESSMENT'])).toEqual({
      href: '/children/a/health-and-education/health-assessments/new',
      text: 'Record a health assessment',
    });
    expect(at('OC2', 1, ['INTERVENTION_RECEIVED', 'SUBSTANCE_MISUSE'])).toEqual({
      href: '/children/a/health-and-education/substance-misuse/new',
      text: 'Record substance misuse',
    });
    // fields recorded on different pages: the overview, which lists them all
    expect(at('OC2', 1, ['TEETH_CHECK', 'IMMUNISATIONS'])).toEqual({
      href: '/children/a/health-and-education',
      text: 'Health and education',
    });
    // a rule on the SDQ by age names DOB too: the SDQ is what is recorded
    expect(at('OC2', 1, ['SDQ_REASON', 'DOB'])).toEqual({
      href: '/children/a/health-and-education/sdq/new',
      text: 'Record a strengths and difficulties questionnaire',
    });
    expect(at('OC2', 1, ['DOB'])).toEqual({ href: '/children/a/edit', text: 'Change the child’s details' });
    expect(at('OC2', 1, [])).toEqual({ href: '/children/a/health-and-education', text: 'Health and education' });
  });

  it('lists a rule broken by several rows put right in one place once, on the child’s record', () => {
    const current = build903(record(), 2026);
    const previous = build903(record(), 2025);
    const finding = (rule: string, table: string, row: number) => ({ rule, table, row, childId: '12', fields: ['F'], message: 'M' });
    const listed = childFindings(
      [
        finding('SW13STG1', 'SWEpisodes', 1),
        finding('SW13STG1', 'SWEpisodes', 2),
        finding('999', 'Episodes', 2),
        finding('999', 'Reviews', 2),
      ],
      current,
      previous,
    );
    expect(listed.map((f) => [f.rule, f.fix?.href])).toEqual([
      ['SW13STG1', '/children/a/allocation'],
      ['999', '/children/a/looked-after/periods/pa'],
      ['999', '/children/a/looked-after/periods/pa/reviews/ra1'],
    ]);
  });

  it('names the collection year of a day, and the year a record checks against', () => {
    expect(collectionYearOf('2026-03-31')).toBe(2026);
    expect(collectionYearOf('2026-04-01')).toBe(2027);
    expect(currentReturnYear('2026-05-01')).toBe(2027);
    // a year whose rules are not known yet: the latest known
    expect(currentReturnYear('2031-05-01')).toBe(2027);
  });

  it('zips the files so they read back as written', () => {
    const built = build903(record(), 2026);
    const files = Object.values(built.tables).map((t) => ({ name: `2026/${t.name}.csv`, content: tableToCsv(t) }));
    const read = unzip(zip(files));
    expect([...read.keys()]).toEqual(files.map((f) => f.name));
    for (const f of files) expect(read.get(f.name)).toBe(f.content);
  });
});
