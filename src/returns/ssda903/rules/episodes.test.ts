import { describe, expect, it } from 'vitest';
import type { PostcodePlace } from '../model.js';
import { build903, type RowInput } from '../test-factory.js';
import { episodeRules } from './episodes.js';
import { flagged } from './b-test-kit.js';
import { checkRules, episode, header } from './rule-cases.js';

/** A return with the one child (header overrides `h`) and these episodes. */
const eps = (episodes: RowInput[], h: RowInput = {}, year?: number) =>
  build903({ Header: [header(h)], Episodes: episodes.map((e) => episode(e)) }, { year });
const ended = (o: RowInput = {}) => ({ DEC: '01/09/2025', REC: 'E4A', ...o });
/** Two episodes: a placement move on 1 September 2025. */
const moved = (first: RowInput = {}, second: RowInput = {}) => [
  { DEC: '01/09/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL', ...first },
  { DECOM: '01/09/2025', RNE: 'P', PLACE: 'U6', ...second },
];

const places: Record<string, PostcodePlace> = {
  TW99EQ: { laCode: 'E09000027', easting: 518000, northing: 175000 },
  TW106AA: { laCode: 'E09000027', easting: 518500, northing: 173000 },
  // Made up, 1,000 miles east of TW9 9EQ: a distance out of range.
  ZZ99ZZ: { laCode: 'E09000027', easting: 518000 + 1_609_344, northing: 175000 },
};
const postcodes = (pc: string) => places[pc.replace(/\s+/g, '').toUpperCase()];
const withPostcodes = (episodes: RowInput[]) =>
  build903({ Header: [header()], Episodes: episodes.map((e) => episode(e)) }, { reference: { postcodes, localAuthority: 'E09000027' } });

describe('rules on episodes', () => {
  checkRules(episodeRules, {
    '141': { why: 'a start that is not a date', fails: eps([{ DECOM: '2024-05-01' }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '142': { why: 'an open episode before another', fails: eps([{}, { DECOM: '01/09/2025', RNE: 'P' }]), flagged: ['Episodes:1'], passes: eps(moved()) },
    '143': { why: 'reason for new episode Q', fails: eps([{ RNE: 'Q' }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '144': { why: 'legal status Z9', fails: eps([{ LS: 'Z9' }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '145': { why: 'category of need N9', fails: eps([{ CIN: 'N9' }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '146': { why: 'placement H5, gone from 2024/25', fails: eps([{ PLACE: 'H5' }]), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'K3' }]) },
    '147': { why: 'an end that is not a date', fails: eps([ended({ DEC: '31/09/2025' })]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '148': { why: 'an end date without a reason', fails: eps([{ DEC: '01/09/2025' }]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '149': { why: 'reason ended E99', fails: eps([ended({ REC: 'E99' })]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '164': { why: 'a distance over 999.9 miles', fails: withPostcodes([{ PL_POST: 'ZZ9 9ZZ' }]), flagged: ['Episodes:1'], passes: withPostcodes([{}]) },
    '169': { why: 'a placement postcode not in the directory', fails: withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]), flagged: ['Episodes:1'], passes: withPostcodes([{}]) },
    '178': { why: 'a provider for a temporary placement', fails: eps([{ PLACE: 'T1', PLACE_PROVIDER: 'PR1' }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '179': { why: 'a placement postcode not in the directory', fails: withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]), flagged: ['Episodes:1'], passes: withPostcodes([{}]) },
    '199': {
      why: 'care again after an adoption',
      fails: eps([{ PLACE: 'A4', DEC: '01/06/2025', REC: 'E11' }, { DECOM: '01/09/2025' }]),
      flagged: ['Episodes:2'],
      passes: eps([{ PLACE: 'A4', DEC: '01/06/2025', REC: 'E11' }]),
    },
    '213': { why: 'a provider for a temporary placement', fails: eps([{ PLACE: 'T4', PLACE_PROVIDER: 'PR1' }]), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'T4', PLACE_PROVIDER: null }]) },
    '214': { why: 'a placement postcode on a short break', fails: eps([{ LS: 'V3', HOME_POST: null }]), flagged: ['Episodes:1'], passes: eps([{ LS: 'V3', HOME_POST: null, PL_POST: null, URN: null }]) },
    '217': { why: 'placed with current foster carers by a change of carer', fails: eps(moved({}, { PLACE: 'A3', RNE: 'P' })), flagged: ['Episodes:2'], passes: eps(moved({}, { PLACE: 'A3', RNE: 'T' })) },
    '217t': { why: 'independent living begun in November 2023', fails: eps([{ PLACE: 'P2', DECOM: '01/11/2023', URN: null }], {}, 2024), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'P2', DECOM: '01/10/2023', URN: null }], {}, 2024) },
    '230': { why: 'supported accommodation open in November 2023 with no URN', fails: eps([{ PLACE: 'H5', URN: null, DECOM: '01/05/2023' }], { DOB: '01/06/2007' }, 2024), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'H5', DECOM: '01/05/2023' }], { DOB: '01/06/2007' }, 2024) },
    '218': { why: 'a foster placement without the agency URN', fails: eps([{ URN: null }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '222': { why: 'a URN for a placement with parents', fails: eps([{ PLACE: 'P1', LS: 'C2' }]), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'P1', URN: null }]) },
    '225': { why: 'no reason for a placement move', fails: eps(moved({ REASON_PLACE_CHANGE: null })), flagged: ['Episodes:1'], passes: eps(moved()) },
    '226': {
      why: 'a reason for a move into a temporary placement',
      fails: eps(moved({}, { PLACE: 'T2', PLACE_PROVIDER: null })),
      flagged: ['Episodes:2'],
      passes: eps(moved({ REASON_PLACE_CHANGE: null }, { PLACE: 'T2', PLACE_PROVIDER: null })),
    },
    '233': { why: 'a reason for a move on an open episode', fails: eps([{ REASON_PLACE_CHANGE: 'CHILD' }]), flagged: ['Episodes:1'], passes: eps(moved()) },
    '234': {
      why: 'a move into custody by a child of 9',
      fails: eps(moved({ REASON_PLACE_CHANGE: 'CUSTOD' }), { DOB: '01/06/2015' }),
      flagged: ['Episodes:1', 'Header:1'],
      passes: eps(moved({ REASON_PLACE_CHANGE: 'CUSTOD' }), { DOB: '01/06/2012' }),
    },
    '302': { why: 'care starting before birth', fails: eps([{ DECOM: '01/05/2012' }]), flagged: ['Episodes:1', 'Header:1'], passes: eps([{}]) },
    '352': { why: 'care starting at 18', fails: eps([{ DECOM: '01/05/2025' }], { DOB: '01/05/2007' }), flagged: ['Episodes:1'], passes: eps([{ DECOM: '01/05/2025' }], { DOB: '02/05/2007' }) },
    '353': { why: 'an episode from 1990', fails: eps([{ DECOM: '13/10/1991' }], { DOB: '01/01/1990' }), flagged: ['Episodes:1'], passes: eps([{ DECOM: '14/10/1991' }], { DOB: '01/01/1990' }) },
    '354': { why: 'an episode starting after the year', fails: eps([{ DECOM: '01/04/2026' }]), flagged: ['Episodes:1'], passes: eps([{ DECOM: '31/03/2026' }]) },
    '355': { why: 'an episode ending the day it began', fails: eps([ended({ DECOM: '01/09/2025' })]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '356': { why: 'an end before the start', fails: eps([ended({ DECOM: '02/09/2025' })]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '357': { why: 'a first episode this year that is not a start', fails: eps([{ DECOM: '01/05/2025', RNE: 'P' }]), flagged: ['Episodes:1'], passes: eps([{ DECOM: '01/05/2025' }]) },
    '358': { why: 'remand of a child of 9', fails: eps([{ LS: 'J1' }], { DOB: '01/06/2015' }), flagged: ['Episodes:1', 'Header:1'], passes: eps([{ LS: 'J1' }]) },
    '359': { why: 'a care order after 18', fails: eps([{}], { DOB: '01/06/2007' }), flagged: ['Episodes:1'], passes: eps([{ LS: 'V2', PLACE: 'K2', URN: 'SC123456' }], { DOB: '01/06/2007' }) },
    '361': { why: 'police protection over 72 hours', fails: eps([ended({ DECOM: '01/08/2025', LS: 'L1' })]), flagged: ['Episodes:1'], passes: eps([ended({ DECOM: '29/08/2025', LS: 'L1' })]) },
    '362': { why: 'an EPO over 21 days', fails: eps([ended({ DECOM: '01/08/2025', LS: 'L2' })]), flagged: ['Episodes:1'], passes: eps([ended({ DECOM: '20/08/2025', LS: 'L2' })]) },
    '363': { why: 'a CAO over 7 days', fails: eps([ended({ DECOM: '20/08/2025', LS: 'L3' })]), flagged: ['Episodes:1'], passes: eps([ended({ DECOM: '26/08/2025', LS: 'L3' })]) },
    '364': {
      why: 'PACE detention over 21 days, across two episodes',
      fails: eps(moved({ DECOM: '20/08/2025', LS: 'J2' }, { LS: 'J2', DEC: '20/09/2025', REC: 'E14' })),
      flagged: ['Episodes:1', 'Episodes:2'],
      passes: eps(moved({ DECOM: '20/08/2025', LS: 'J2' }, { LS: 'J2', DEC: '05/09/2025', REC: 'E14' })),
    },
    '365': { why: 'a short break of 18 days', fails: eps([ended({ DECOM: '14/08/2025', LS: 'V3' })]), flagged: ['Episodes:1'], passes: eps([ended({ DECOM: '15/08/2025', LS: 'V3' })]) },
    '366': { why: 'a short break that does not start a period of care', fails: eps([ended({ LS: 'V3', RNE: 'P', DECOM: '25/08/2025' })]), flagged: ['Episodes:1'], passes: eps([ended({ LS: 'V3', DECOM: '25/08/2025' })]) },
    '367': {
      why: 'short breaks adding up to 76 days in the year',
      fails: eps([ended({ LS: 'V3', DECOM: '01/06/2025', DEC: '16/08/2025' })]),
      flagged: ['Episodes:1'],
      passes: eps([ended({ LS: 'V3', DECOM: '01/06/2025', DEC: '15/08/2025' })]),
    },
    '370': { why: 'independent living at 15', fails: eps([{ PLACE: 'P2', DECOM: '01/05/2022' }], { DOB: '01/06/2007' }, 2023), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'P2', DECOM: '01/07/2023' }], { DOB: '01/06/2007' }, 2024) },
    '371': { why: 'supported accommodation at 15', fails: eps([{ PLACE: 'K3', DECOM: '01/05/2025' }], { DOB: '01/06/2009' }), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'K3', DECOM: '01/06/2025' }], { DOB: '01/06/2009' }) },
    '372': { why: 'custody at 9', fails: eps([{ PLACE: 'R5', DECOM: '01/05/2025' }], { DOB: '01/06/2015' }), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'R5', URN: null }]) },
    '373': { why: 'a residential school at 3', fails: eps([{ PLACE: 'S1' }], { DOB: '01/06/2021' }), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'S1' }]) },
    '374': { why: 'residential employment at 13', fails: eps([{ PLACE: 'P3', URN: null }], { DOB: '01/06/2011' }), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'P3', URN: null }], { DOB: '01/05/2010' }) },
    '375': { why: 'hospital for 43 days', fails: eps([ended({ PLACE: 'T1', DECOM: '20/07/2025' })]), flagged: ['Episodes:1'], passes: eps([ended({ PLACE: 'T1', DECOM: '21/07/2025' })]) },
    '376': { why: 'a foster carers\' holiday of 22 days', fails: eps([ended({ PLACE: 'T3', DECOM: '10/08/2025' })]), flagged: ['Episodes:1'], passes: eps([ended({ PLACE: 'T3', DECOM: '11/08/2025' })]) },
    '377': {
      why: 'three foster carers\' holidays',
      fails: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', DEC: '05/06/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '05/06/2025', DEC: '01/08/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '01/08/2025', RNE: 'P', PLACE: 'T3' },
      ]),
      flagged: ['Episodes:2', 'Episodes:3', 'Episodes:4'],
      passes: eps([{ DEC: '01/06/2025', REC: 'X1' }, { DECOM: '01/06/2025', RNE: 'P', PLACE: 'T3' }]),
    },
    '378': { why: 'placed with parents under section 20', fails: eps([{ PLACE: 'P1', LS: 'V2' }]), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'P1', URN: null }]) },
    '379': { why: 'an unspecified temporary placement of 8 days', fails: eps([ended({ PLACE: 'T4', DECOM: '24/08/2025' })]), flagged: ['Episodes:1'], passes: eps([ended({ PLACE: 'T4', DECOM: '25/08/2025' })]) },
    '380': { why: 'care starting in a temporary placement', fails: eps([{ PLACE: 'T0' }]), flagged: ['Episodes:1'], passes: eps(moved({}, { PLACE: 'T0' })) },
    '381': { why: 'care ending in a temporary placement', fails: eps([ended({ PLACE: 'T0' })]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '382': { why: 'a temporary placement on a short break', fails: eps([{ LS: 'V4', PLACE: 'T0' }]), flagged: ['Episodes:1'], passes: eps([{ LS: 'V4', PLACE: 'U6' }]) },
    '383': {
      why: 'a temporary placement followed by a different placement',
      fails: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', DEC: '05/06/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '05/06/2025', RNE: 'P', PLACE: 'U6' },
      ]),
      flagged: ['Episodes:3'],
      passes: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', DEC: '05/06/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '05/06/2025', RNE: 'P' },
      ]),
    },
    '384': { why: 'long-term fostering on a short break', fails: eps([{ LS: 'V4', PLACE: 'U4' }]), flagged: ['Episodes:1'], passes: eps([{ LS: 'V4', PLACE: 'U6' }]) },
    '385': { why: 'an end after the year', fails: eps([ended({ DEC: '01/04/2026' })]), flagged: ['Episodes:1'], passes: eps([ended()]) },
    '386': { why: 'adopted at 18', fails: eps([ended({ PLACE: 'A4', REC: 'E11' })], { DOB: '01/09/2007' }), flagged: ['Episodes:1'], passes: eps([ended({ PLACE: 'A4', REC: 'E11' })]) },
    '387': { why: 'independent living at 13', fails: eps([ended({ REC: 'E5' })]), flagged: ['Episodes:1'], passes: eps([ended({ REC: 'E5' })], { DOB: '01/06/2011' }) },
    '388': { why: 'a new episode that never began', fails: eps([{ DEC: '01/09/2025', REC: 'X1' }]), flagged: ['Episodes:1'], passes: eps(moved()) },
    '389': { why: 'adult social care at 15', fails: eps([ended({ REC: 'E7' })], { DOB: '01/06/2010' }), flagged: ['Episodes:1'], passes: eps([ended({ REC: 'E7' })], { DOB: '01/06/2009' }) },
    '390': { why: 'adopted from foster care', fails: eps([ended({ REC: 'E12' })]), flagged: ['Episodes:1'], passes: eps([ended({ REC: 'E12', PLACE: 'A6' })]) },
    '392a': { why: 'a placement postcode with no place, so no distance', fails: withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]), flagged: ['Episodes:1'], passes: withPostcodes([{}]) },
    '392b': { why: 'no home postcode', fails: eps([{ HOME_POST: null }]), flagged: ['Episodes:1'], passes: eps([{ LS: 'V3', HOME_POST: null, PL_POST: null, URN: null }]) },
    '392c': { why: 'a home postcode that is not a postcode', fails: eps([{ HOME_POST: 'TW9 9E' }]), flagged: ['Episodes:1'], passes: eps([{}]) },
    '392d': { why: 'home and placement the same', fails: eps([{ PL_POST: 'TW9 9EQ' }]), flagged: ['Episodes:1'], passes: eps([{ PLACE: 'P1', PL_POST: 'TW9 9EQ', URN: null }]) },
    '398': { why: 'postcodes on a short break', fails: eps([{ LS: 'V4' }]), flagged: ['Episodes:1'], passes: eps([{ LS: 'V4', HOME_POST: null, PL_POST: null }]) },
  });
});

describe('rules on episodes: edge cases', () => {
  const run = (code: string, ret: ReturnType<typeof eps>) =>
    episodeRules.find((r) => r.code === code)!.validate(ret).map((f) => `${f.table}:${f.row}`).sort();

  it('142: an earlier episode with an end date but no reason has not ended', () => {
    expect(run('142', eps(moved({ REC: null })))).toEqual(['Episodes:1']);
  });
  it('142: two episodes with no start date are left to 141', () => {
    expect(run('142', eps([{ DECOM: null }, { DECOM: 'x' }]))).toEqual([]);
  });
  it('164: a postcode not in the directory is left to 392a and 392c', () => {
    expect(run('164', withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]))).toEqual([]);
  });
  it('199: an adoption last year with no end date still counts, from the day its episode began', () => {
    const ret = build903(
      { Header: [header()], Episodes: [episode({ DECOM: '01/05/2025' })] },
      { previous: { Header: [header()], Episodes: [episode({ PLACE: 'A4', DECOM: '01/05/2024', DEC: null, REC: 'E11' })] } },
    );
    expect(run('199', ret)).toEqual(['Episodes:1']);
  });
  it('352: a child listed twice in the Header is checked against each date of birth', () => {
    const ret = build903({ Header: [header({ DOB: '01/05/2020' }), header({ DOB: '01/05/2007' })], Episodes: [episode({ DECOM: '01/05/2025' })] });
    expect(run('352', ret)).toEqual(['Episodes:1']);
  });
  it('383: before 2025/26 only the placement type is compared, not the postcode', () => {
    const chain = [
      { DEC: '01/06/2024', REC: 'X1', DECOM: '01/05/2024' },
      { DECOM: '01/06/2024', DEC: '05/06/2024', RNE: 'P', PLACE: 'T3', REC: 'X1' },
      { DECOM: '05/06/2024', RNE: 'P', PL_POST: 'TW1 1AA' },
    ];
    expect(run('383', eps(chain, {}, 2025))).toEqual([]);
    expect(run('383', eps(chain, {}, 2026))).toEqual(['Episodes:3']);
  });
  it('199: an episode with no readable start is not known to follow the adoption', () => {
    const ret = eps([{ DECOM: null, DEC: '01/06/2025', REC: 'X1' }, { DECOM: '01/06/2025', PLACE: 'A4', DEC: '01/09/2025', REC: 'E11' }]);
    expect(run('199', ret)).toEqual([]);
  });
  it('218: a blank or unknown placement type needs a URN too', () => {
    expect(run('218', eps([{ PLACE: null, URN: null }, { PLACE: 'Q1', URN: null }]))).toEqual(['Episodes:1', 'Episodes:2']);
  });
  it('218: no URN for a placement outside England, or an episode whose end cannot be read', () => {
    const wales: Record<string, PostcodePlace> = { CF242HF: { laCode: 'W06000015', easting: 318000, northing: 176000 } };
    const ret = build903(
      { Header: [header()], Episodes: [episode({ URN: null, PL_POST: 'CF24 2HF' }), episode({ URN: null, DEC: '30/02/2026', REC: 'X1' })] },
      { reference: { postcodes: (pc: string) => wales[pc.replace(/\s+/g, '')] ?? places.TW106AA, localAuthority: 'E09000027' } },
    );
    expect(run('218', ret)).toEqual([]);
    expect(run('218', eps([{ URN: null, DEC: '28/02/2026', REC: 'X1' }]))).toEqual(['Episodes:1']);
  });
  for (const place of ['Z11', 'Z14']) {
    it(`178, 213, 222: other placement ${place} has no provider and no URN`, () => {
      const ret = eps([{ PLACE: place }]);
      expect(run('178', ret)).toEqual(['Episodes:1']);
      expect(run('213', ret)).toEqual(['Episodes:1']);
      expect(run('222', ret)).toEqual(['Episodes:1']);
      expect(run('146', ret)).toEqual([]);
      const none = eps([{ PLACE: place, PLACE_PROVIDER: null, URN: null }]);
      expect([...run('178', none), ...run('213', none), ...run('222', none)]).toEqual([]);
    });
  }
});

describe('302: first episode before birth', () => {
  const rule = episodeRules.find((r) => r.code === '302')!;
  it('reports a birth date after the year too (with rule 301)', () => {
    expect(flagged(rule, { Header: [header({ DOB: '01/05/2099' })], Episodes: [episode()] })).toEqual(['Episodes 1', 'Header 1']);
  });
  it('checks each Header row of a child listed twice', () => {
    const tables = { Header: [header(), header({ DOB: '01/06/2024' })], Episodes: [episode()] };
    expect(flagged(rule, tables)).toEqual(['Episodes 1', 'Header 2']);
  });
  it('leaves rows with no child identifier to the rules on identifiers', () => {
    const tables = { Header: [header({ CHILD: null, DOB: '01/06/2024' })], Episodes: [episode({ CHILD: null })] };
    expect(flagged(rule, tables)).toEqual([]);
  });
});

describe('357: first episode starts care', () => {
  const rule = episodeRules.find((r) => r.code === '357')!;
  it('reports a move that follows no episode in the return, though the child was in last year\'s', () => {
    const previous = { Header: [header()], Episodes: [episode({ DECOM: '05/01/2025' })] };
    expect(flagged(rule, { Header: [header()], Episodes: [episode({ DECOM: '09/04/2025', RNE: 'P' })] }, { previous })).toEqual(['Episodes 1']);
  });
  it('leaves rows with no child identifier to the rules on identifiers', () => {
    expect(flagged(rule, { Header: [header()], Episodes: [episode({ CHILD: null, DECOM: '09/04/2025', RNE: 'P' })] })).toEqual([]);
  });
});

describe('388: a new episode begins', () => {
  const rule = episodeRules.find((r) => r.code === '388')!;
  it('links an episode whose start is not a date to the one starting the day it ended', () => {
    const episodes = [episode({ DECOM: '1/4/25', DEC: '18/11/2025', REC: 'X1' }), episode({ DECOM: '18/11/2025', RNE: 'P' })];
    expect(flagged(rule, { Header: [header()], Episodes: episodes })).toEqual([]);
  });
  it('leaves rows with no child identifier to the rules on identifiers', () => {
    expect(flagged(rule, { Header: [header()], Episodes: [episode({ CHILD: null, DEC: '02/08/2025', REC: 'X1' })] })).toEqual([]);
  });
});
