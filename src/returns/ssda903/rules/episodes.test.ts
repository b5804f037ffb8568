import { describe, expect, it } from 'vitest';
import type { PostcodePlace } from '../model.js';
import { build903, c1, checkRules, child, episode, findings, flagged, postcodes, type RowInput } from '../ssda903.test-kit.js';
import {
  episodeRules,
  rule1009,
  rule1015,
  rule141,
  rule142,
  rule143,
  rule144,
  rule145,
  rule146,
  rule147,
  rule148,
  rule149,
  rule164,
  rule169,
  rule178,
  rule179,
  rule199,
  rule213,
  rule214,
  rule217,
  rule217t,
  rule218,
  rule222,
  rule225,
  rule226,
  rule230,
  rule233,
  rule234,
  rule302,
  rule352,
  rule353,
  rule354,
  rule355,
  rule356,
  rule357,
  rule358,
  rule359,
  rule361,
  rule362,
  rule363,
  rule364,
  rule365,
  rule366,
  rule367,
  rule370,
  rule371,
  rule372,
  rule373,
  rule374,
  rule375,
  rule376,
  rule377,
  rule378,
  rule379,
  rule380,
  rule381,
  rule382,
  rule383,
  rule384,
  rule385,
  rule386,
  rule387,
  rule388,
  rule389,
  rule390,
  rule392a,
  rule392b,
  rule392c,
  rule392d,
  rule398,
  rule406,
  rule407,
  rule408,
  rule411,
  rule420,
  rule426,
  rule431,
  rule432,
  rule433,
  rule434,
  rule435,
  rule436,
  rule437,
  rule446,
  rule454,
  rule460,
  rule501,
  rule504,
  rule516,
  rule526,
  rule527,
  rule528,
  rule529,
  rule530,
  rule531,
  rule550,
} from './episodes.js';

/** The rules with a passing and a failing case in the table below. */
const withCases = [
  rule217t,
  rule230,
  rule141,
  rule142,
  rule143,
  rule144,
  rule145,
  rule146,
  rule147,
  rule148,
  rule149,
  rule164,
  rule169,
  rule178,
  rule179,
  rule199,
  rule213,
  rule214,
  rule217,
  rule218,
  rule222,
  rule225,
  rule226,
  rule233,
  rule234,
  rule302,
  rule352,
  rule353,
  rule354,
  rule355,
  rule356,
  rule357,
  rule358,
  rule359,
  rule361,
  rule362,
  rule363,
  rule364,
  rule365,
  rule366,
  rule367,
  rule370,
  rule371,
  rule372,
  rule373,
  rule374,
  rule375,
  rule376,
  rule377,
  rule378,
  rule379,
  rule380,
  rule381,
  rule382,
  rule383,
  rule384,
  rule385,
  rule386,
  rule387,
  rule388,
  rule389,
  rule390,
  rule392a,
  rule392b,
  rule392c,
  rule392d,
  rule398,
];

/** A return with the one child (header overrides `h`) and these episodes. */
const eps = (episodes: RowInput[], h: RowInput = {}, year?: number) =>
  build903({ Header: [c1.header(h)], Episodes: episodes.map((e) => c1.episode(e)) }, { year });
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
const directory = (pc: string) => places[pc.replace(/\s+/g, '').toUpperCase()];
const withPostcodes = (episodes: RowInput[]) =>
  build903(
    { Header: [c1.header()], Episodes: episodes.map((e) => c1.episode(e)) },
    { reference: { postcodes: directory, localAuthority: 'E09000027' } },
  );

describe('rules on episodes', () => {
  checkRules(withCases, {
    '141': { why: 'a start that is not a date', fails: eps([{ DECOM: '2024-05-01' }]), flagged: ['Episodes 1'], passes: eps([{}]) },
    '142': {
      why: 'an open episode before another',
      fails: eps([{}, { DECOM: '01/09/2025', RNE: 'P' }]),
      flagged: ['Episodes 1'],
      passes: eps(moved()),
    },
    '143': { why: 'reason for new episode Q', fails: eps([{ RNE: 'Q' }]), flagged: ['Episodes 1'], passes: eps([{}]) },
    '144': { why: 'legal status Z9', fails: eps([{ LS: 'Z9' }]), flagged: ['Episodes 1'], passes: eps([{}]) },
    '145': { why: 'category of need N9', fails: eps([{ CIN: 'N9' }]), flagged: ['Episodes 1'], passes: eps([{}]) },
    '146': {
      why: 'placement H5, gone from 2024/25',
      fails: eps([{ PLACE: 'H5' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'K3' }]),
    },
    '147': {
      why: 'an end that is not a date',
      fails: eps([ended({ DEC: '31/09/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended()]),
    },
    '148': { why: 'an end date without a reason', fails: eps([{ DEC: '01/09/2025' }]), flagged: ['Episodes 1'], passes: eps([ended()]) },
    '149': { why: 'reason ended E99', fails: eps([ended({ REC: 'E99' })]), flagged: ['Episodes 1'], passes: eps([ended()]) },
    '164': {
      why: 'a distance over 999.9 miles',
      fails: withPostcodes([{ PL_POST: 'ZZ9 9ZZ' }]),
      flagged: ['Episodes 1'],
      passes: withPostcodes([{}]),
    },
    '169': {
      why: 'a placement postcode not in the directory',
      fails: withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]),
      flagged: ['Episodes 1'],
      passes: withPostcodes([{}]),
    },
    '178': {
      why: 'a provider for a temporary placement',
      fails: eps([{ PLACE: 'T1', PLACE_PROVIDER: 'PR1' }]),
      flagged: ['Episodes 1'],
      passes: eps([{}]),
    },
    '179': {
      why: 'a placement postcode not in the directory',
      fails: withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]),
      flagged: ['Episodes 1'],
      passes: withPostcodes([{}]),
    },
    '199': {
      why: 'care again after an adoption',
      fails: eps([{ PLACE: 'A4', DEC: '01/06/2025', REC: 'E11' }, { DECOM: '01/09/2025' }]),
      flagged: ['Episodes 2'],
      passes: eps([{ PLACE: 'A4', DEC: '01/06/2025', REC: 'E11' }]),
    },
    '213': {
      why: 'a provider for a temporary placement',
      fails: eps([{ PLACE: 'T4', PLACE_PROVIDER: 'PR1' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'T4', PLACE_PROVIDER: null }]),
    },
    '214': {
      why: 'a placement postcode on a short break',
      fails: eps([{ LS: 'V3', HOME_POST: null }]),
      flagged: ['Episodes 1'],
      passes: eps([{ LS: 'V3', HOME_POST: null, PL_POST: null, URN: null }]),
    },
    '217': {
      why: 'placed with current foster carers by a change of carer',
      fails: eps(moved({}, { PLACE: 'A3', RNE: 'P' })),
      flagged: ['Episodes 2'],
      passes: eps(moved({}, { PLACE: 'A3', RNE: 'T' })),
    },
    '217t': {
      why: 'independent living begun in November 2023',
      fails: eps([{ PLACE: 'P2', DECOM: '01/11/2023', URN: null }], {}, 2024),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'P2', DECOM: '01/10/2023', URN: null }], {}, 2024),
    },
    '230': {
      why: 'supported accommodation open in November 2023 with no URN',
      fails: eps([{ PLACE: 'H5', URN: null, DECOM: '01/05/2023' }], { DOB: '01/06/2007' }, 2024),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'H5', DECOM: '01/05/2023' }], { DOB: '01/06/2007' }, 2024),
    },
    '218': { why: 'a foster placement without the agency URN', fails: eps([{ URN: null }]), flagged: ['Episodes 1'], passes: eps([{}]) },
    '222': {
      why: 'a URN for a placement with parents',
      fails: eps([{ PLACE: 'P1', LS: 'C2' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'P1', URN: null }]),
    },
    '225': {
      why: 'no reason for a placement move',
      fails: eps(moved({ REASON_PLACE_CHANGE: null })),
      flagged: ['Episodes 1'],
      passes: eps(moved()),
    },
    '226': {
      why: 'a reason for a move into a temporary placement',
      fails: eps(moved({}, { PLACE: 'T2', PLACE_PROVIDER: null })),
      flagged: ['Episodes 2'],
      passes: eps(moved({ REASON_PLACE_CHANGE: null }, { PLACE: 'T2', PLACE_PROVIDER: null })),
    },
    '233': {
      why: 'a reason for a move on an open episode',
      fails: eps([{ REASON_PLACE_CHANGE: 'CHILD' }]),
      flagged: ['Episodes 1'],
      passes: eps(moved()),
    },
    '234': {
      why: 'a move into custody by a child of 9',
      fails: eps(moved({ REASON_PLACE_CHANGE: 'CUSTOD' }), { DOB: '01/06/2015' }),
      flagged: ['Episodes 1', 'Header 1'],
      passes: eps(moved({ REASON_PLACE_CHANGE: 'CUSTOD' }), { DOB: '01/06/2012' }),
    },
    '302': {
      why: 'care starting before birth',
      fails: eps([{ DECOM: '01/05/2012' }]),
      flagged: ['Episodes 1', 'Header 1'],
      passes: eps([{}]),
    },
    '352': {
      why: 'care starting at 18',
      fails: eps([{ DECOM: '01/05/2025' }], { DOB: '01/05/2007' }),
      flagged: ['Episodes 1'],
      passes: eps([{ DECOM: '01/05/2025' }], { DOB: '02/05/2007' }),
    },
    '353': {
      why: 'an episode from 1990',
      fails: eps([{ DECOM: '13/10/1991' }], { DOB: '01/01/1990' }),
      flagged: ['Episodes 1'],
      passes: eps([{ DECOM: '14/10/1991' }], { DOB: '01/01/1990' }),
    },
    '354': {
      why: 'an episode starting after the year',
      fails: eps([{ DECOM: '01/04/2026' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ DECOM: '31/03/2026' }]),
    },
    '355': {
      why: 'an episode ending the day it began',
      fails: eps([ended({ DECOM: '01/09/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended()]),
    },
    '356': {
      why: 'an end before the start',
      fails: eps([ended({ DECOM: '02/09/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended()]),
    },
    '357': {
      why: 'a first episode this year that is not a start',
      fails: eps([{ DECOM: '01/05/2025', RNE: 'P' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ DECOM: '01/05/2025' }]),
    },
    '358': {
      why: 'remand of a child of 9',
      fails: eps([{ LS: 'J1' }], { DOB: '01/06/2015' }),
      flagged: ['Episodes 1', 'Header 1'],
      passes: eps([{ LS: 'J1' }]),
    },
    '359': {
      why: 'a care order after 18',
      fails: eps([{}], { DOB: '01/06/2007' }),
      flagged: ['Episodes 1'],
      passes: eps([{ LS: 'V2', PLACE: 'K2', URN: 'SC123456' }], { DOB: '01/06/2007' }),
    },
    '361': {
      why: 'police protection over 72 hours',
      fails: eps([ended({ DECOM: '01/08/2025', LS: 'L1' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ DECOM: '29/08/2025', LS: 'L1' })]),
    },
    '362': {
      why: 'an EPO over 21 days',
      fails: eps([ended({ DECOM: '01/08/2025', LS: 'L2' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ DECOM: '20/08/2025', LS: 'L2' })]),
    },
    '363': {
      why: 'a CAO over 7 days',
      fails: eps([ended({ DECOM: '20/08/2025', LS: 'L3' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ DECOM: '26/08/2025', LS: 'L3' })]),
    },
    '364': {
      why: 'PACE detention over 21 days, across two episodes',
      fails: eps(moved({ DECOM: '20/08/2025', LS: 'J2' }, { LS: 'J2', DEC: '20/09/2025', REC: 'E14' })),
      flagged: ['Episodes 1', 'Episodes 2'],
      passes: eps(moved({ DECOM: '20/08/2025', LS: 'J2' }, { LS: 'J2', DEC: '05/09/2025', REC: 'E14' })),
    },
    '365': {
      why: 'a short break of 18 days',
      fails: eps([ended({ DECOM: '14/08/2025', LS: 'V3' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ DECOM: '15/08/2025', LS: 'V3' })]),
    },
    '366': {
      why: 'a short break that does not start a period of care',
      fails: eps([ended({ LS: 'V3', RNE: 'P', DECOM: '25/08/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ LS: 'V3', DECOM: '25/08/2025' })]),
    },
    '367': {
      why: 'short breaks adding up to 76 days in the year',
      fails: eps([ended({ LS: 'V3', DECOM: '01/06/2025', DEC: '16/08/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ LS: 'V3', DECOM: '01/06/2025', DEC: '15/08/2025' })]),
    },
    '370': {
      why: 'independent living at 15',
      fails: eps([{ PLACE: 'P2', DECOM: '01/05/2022' }], { DOB: '01/06/2007' }, 2023),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'P2', DECOM: '01/07/2023' }], { DOB: '01/06/2007' }, 2024),
    },
    '371': {
      why: 'supported accommodation at 15',
      fails: eps([{ PLACE: 'K3', DECOM: '01/05/2025' }], { DOB: '01/06/2009' }),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'K3', DECOM: '01/06/2025' }], { DOB: '01/06/2009' }),
    },
    '372': {
      why: 'custody at 9',
      fails: eps([{ PLACE: 'R5', DECOM: '01/05/2025' }], { DOB: '01/06/2015' }),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'R5', URN: null }]),
    },
    '373': {
      why: 'a residential school at 3',
      fails: eps([{ PLACE: 'S1' }], { DOB: '01/06/2021' }),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'S1' }]),
    },
    '374': {
      why: 'residential employment at 13',
      fails: eps([{ PLACE: 'P3', URN: null }], { DOB: '01/06/2011' }),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'P3', URN: null }], { DOB: '01/05/2010' }),
    },
    '375': {
      why: 'hospital for 43 days',
      fails: eps([ended({ PLACE: 'T1', DECOM: '20/07/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ PLACE: 'T1', DECOM: '21/07/2025' })]),
    },
    '376': {
      why: "a foster carers' holiday of 22 days",
      fails: eps([ended({ PLACE: 'T3', DECOM: '10/08/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ PLACE: 'T3', DECOM: '11/08/2025' })]),
    },
    '377': {
      why: "three foster carers' holidays",
      fails: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', DEC: '05/06/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '05/06/2025', DEC: '01/08/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '01/08/2025', RNE: 'P', PLACE: 'T3' },
      ]),
      flagged: ['Episodes 2', 'Episodes 3', 'Episodes 4'],
      passes: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', RNE: 'P', PLACE: 'T3' },
      ]),
    },
    '378': {
      why: 'placed with parents under section 20',
      fails: eps([{ PLACE: 'P1', LS: 'V2' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'P1', URN: null }]),
    },
    '379': {
      why: 'an unspecified temporary placement of 8 days',
      fails: eps([ended({ PLACE: 'T4', DECOM: '24/08/2025' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ PLACE: 'T4', DECOM: '25/08/2025' })]),
    },
    '380': {
      why: 'care starting in a temporary placement',
      fails: eps([{ PLACE: 'T0' }]),
      flagged: ['Episodes 1'],
      passes: eps(moved({}, { PLACE: 'T0' })),
    },
    '381': {
      why: 'care ending in a temporary placement',
      fails: eps([ended({ PLACE: 'T0' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended()]),
    },
    '382': {
      why: 'a temporary placement on a short break',
      fails: eps([{ LS: 'V4', PLACE: 'T0' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ LS: 'V4', PLACE: 'U6' }]),
    },
    '383': {
      why: 'a temporary placement followed by a different placement',
      fails: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', DEC: '05/06/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '05/06/2025', RNE: 'P', PLACE: 'U6' },
      ]),
      flagged: ['Episodes 3'],
      passes: eps([
        { DEC: '01/06/2025', REC: 'X1' },
        { DECOM: '01/06/2025', DEC: '05/06/2025', RNE: 'P', PLACE: 'T3', REC: 'X1' },
        { DECOM: '05/06/2025', RNE: 'P' },
      ]),
    },
    '384': {
      why: 'long-term fostering on a short break',
      fails: eps([{ LS: 'V4', PLACE: 'U4' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ LS: 'V4', PLACE: 'U6' }]),
    },
    '385': { why: 'an end after the year', fails: eps([ended({ DEC: '01/04/2026' })]), flagged: ['Episodes 1'], passes: eps([ended()]) },
    '386': {
      why: 'adopted at 18',
      fails: eps([ended({ PLACE: 'A4', REC: 'E11' })], { DOB: '01/09/2007' }),
      flagged: ['Episodes 1'],
      passes: eps([ended({ PLACE: 'A4', REC: 'E11' })]),
    },
    '387': {
      why: 'independent living at 13',
      fails: eps([ended({ REC: 'E5' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ REC: 'E5' })], { DOB: '01/06/2011' }),
    },
    '388': {
      why: 'a new episode that never began',
      fails: eps([{ DEC: '01/09/2025', REC: 'X1' }]),
      flagged: ['Episodes 1'],
      passes: eps(moved()),
    },
    '389': {
      why: 'adult social care at 15',
      fails: eps([ended({ REC: 'E7' })], { DOB: '01/06/2010' }),
      flagged: ['Episodes 1'],
      passes: eps([ended({ REC: 'E7' })], { DOB: '01/06/2009' }),
    },
    '390': {
      why: 'adopted from foster care',
      fails: eps([ended({ REC: 'E12' })]),
      flagged: ['Episodes 1'],
      passes: eps([ended({ REC: 'E12', PLACE: 'A6' })]),
    },
    '392a': {
      why: 'a placement postcode with no place, so no distance',
      fails: withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]),
      flagged: ['Episodes 1'],
      passes: withPostcodes([{}]),
    },
    '392b': {
      why: 'no home postcode',
      fails: eps([{ HOME_POST: null }]),
      flagged: ['Episodes 1'],
      passes: eps([{ LS: 'V3', HOME_POST: null, PL_POST: null, URN: null }]),
    },
    '392c': {
      why: 'a home postcode that is not a postcode',
      fails: eps([{ HOME_POST: 'TW9 9E' }]),
      flagged: ['Episodes 1'],
      passes: eps([{}]),
    },
    '392d': {
      why: 'home and placement the same',
      fails: eps([{ PL_POST: 'TW9 9EQ' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ PLACE: 'P1', PL_POST: 'TW9 9EQ', URN: null }]),
    },
    '398': {
      why: 'postcodes on a short break',
      fails: eps([{ LS: 'V4' }]),
      flagged: ['Episodes 1'],
      passes: eps([{ LS: 'V4', HOME_POST: null, PL_POST: null }]),
    },
  });
});

describe('rules on episodes: edge cases', () => {
  const run = (code: string, ret: ReturnType<typeof eps>) =>
    findings(
      episodeRules.find((r) => r.code === code)!,
      ret,
    ).sort();

  it('142: an earlier episode with an end date but no reason has not ended', () => {
    expect(run('142', eps(moved({ REC: null })))).toEqual(['Episodes 1']);
  });
  it('142: two episodes with no start date are left to 141', () => {
    expect(run('142', eps([{ DECOM: null }, { DECOM: 'x' }]))).toEqual([]);
  });
  it('164: a postcode not in the directory is left to 392a and 392c', () => {
    expect(run('164', withPostcodes([{ PL_POST: 'ZZ1 1ZZ' }]))).toEqual([]);
  });
  it('199: an adoption last year with no end date still counts, from the day its episode began', () => {
    const ret = build903(
      { Header: [c1.header()], Episodes: [c1.episode({ DECOM: '01/05/2025' })] },
      { previous: { Header: [c1.header()], Episodes: [c1.episode({ PLACE: 'A4', DECOM: '01/05/2024', DEC: null, REC: 'E11' })] } },
    );
    expect(run('199', ret)).toEqual(['Episodes 1']);
  });
  it('352: a child listed twice in the Header is checked against each date of birth', () => {
    const ret = build903({
      Header: [c1.header({ DOB: '01/05/2020' }), c1.header({ DOB: '01/05/2007' })],
      Episodes: [c1.episode({ DECOM: '01/05/2025' })],
    });
    expect(run('352', ret)).toEqual(['Episodes 1']);
  });
  it('383: before 2025/26 only the placement type is compared, not the postcode', () => {
    const chain = [
      { DEC: '01/06/2024', REC: 'X1', DECOM: '01/05/2024' },
      { DECOM: '01/06/2024', DEC: '05/06/2024', RNE: 'P', PLACE: 'T3', REC: 'X1' },
      { DECOM: '05/06/2024', RNE: 'P', PL_POST: 'TW1 1AA' },
    ];
    expect(run('383', eps(chain, {}, 2025))).toEqual([]);
    expect(run('383', eps(chain, {}, 2026))).toEqual(['Episodes 3']);
  });
  it('199: an episode with no readable start is not known to follow the adoption', () => {
    const ret = eps([
      { DECOM: null, DEC: '01/06/2025', REC: 'X1' },
      { DECOM: '01/06/2025', PLACE: 'A4', DEC: '01/09/2025', REC: 'E11' },
    ]);
    expect(run('199', ret)).toEqual([]);
  });
  it('218: a blank or unknown placement type needs a URN too', () => {
    expect(
      run(
        '218',
        eps([
          { PLACE: null, URN: null },
          { PLACE: 'Q1', URN: null },
        ]),
      ),
    ).toEqual(['Episodes 1', 'Episodes 2']);
  });
  it('218: no URN for a placement outside England, or an episode whose end cannot be read', () => {
    const wales: Record<string, PostcodePlace> = { CF242HF: { laCode: 'W06000015', easting: 318000, northing: 176000 } };
    const ret = build903(
      {
        Header: [c1.header()],
        Episodes: [c1.episode({ URN: null, PL_POST: 'CF24 2HF' }), c1.episode({ URN: null, DEC: '30/02/2026', REC: 'X1' })],
      },
      { reference: { postcodes: (pc: string) => wales[pc.replace(/\s+/g, '')] ?? places.TW106AA, localAuthority: 'E09000027' } },
    );
    expect(run('218', ret)).toEqual([]);
    expect(run('218', eps([{ URN: null, DEC: '28/02/2026', REC: 'X1' }]))).toEqual(['Episodes 1']);
  });
  for (const place of ['Z11', 'Z14']) {
    it(`178, 213, 222: other placement ${place} has no provider and no URN`, () => {
      const ret = eps([{ PLACE: place }]);
      expect(run('178', ret)).toEqual(['Episodes 1']);
      expect(run('213', ret)).toEqual(['Episodes 1']);
      expect(run('222', ret)).toEqual(['Episodes 1']);
      expect(run('146', ret)).toEqual([]);
      const none = eps([{ PLACE: place, PLACE_PROVIDER: null, URN: null }]);
      expect([...run('178', none), ...run('213', none), ...run('222', none)]).toEqual([]);
    });
  }
});

describe('302: first episode before birth', () => {
  const rule = episodeRules.find((r) => r.code === '302')!;
  it('reports a birth date after the year too (with rule 301)', () => {
    expect(flagged(rule, { Header: [c1.header({ DOB: '01/05/2099' })], Episodes: [c1.episode()] })).toEqual(['Episodes 1', 'Header 1']);
  });
  it('checks each Header row of a child listed twice', () => {
    const tables = { Header: [c1.header(), c1.header({ DOB: '01/06/2024' })], Episodes: [c1.episode()] };
    expect(flagged(rule, tables)).toEqual(['Episodes 1', 'Header 2']);
  });
  it('leaves rows with no child identifier to the rules on identifiers', () => {
    const tables = { Header: [c1.header({ CHILD: null, DOB: '01/06/2024' })], Episodes: [c1.episode({ CHILD: null })] };
    expect(flagged(rule, tables)).toEqual([]);
  });
});

describe('357: first episode starts care', () => {
  const rule = episodeRules.find((r) => r.code === '357')!;
  it("reports a move that follows no episode in the return, though the child was in last year's", () => {
    const previous = { Header: [c1.header()], Episodes: [c1.episode({ DECOM: '05/01/2025' })] };
    expect(flagged(rule, { Header: [c1.header()], Episodes: [c1.episode({ DECOM: '09/04/2025', RNE: 'P' })] }, { previous })).toEqual([
      'Episodes 1',
    ]);
  });
  it('leaves rows with no child identifier to the rules on identifiers', () => {
    expect(flagged(rule, { Header: [c1.header()], Episodes: [c1.episode({ CHILD: null, DECOM: '09/04/2025', RNE: 'P' })] })).toEqual([]);
  });
});

describe('388: a new episode begins', () => {
  const rule = episodeRules.find((r) => r.code === '388')!;
  it('links an episode whose start is not a date to the one starting the day it ended', () => {
    const episodes = [c1.episode({ DECOM: '1/4/25', DEC: '18/11/2025', REC: 'X1' }), c1.episode({ DECOM: '18/11/2025', RNE: 'P' })];
    expect(flagged(rule, { Header: [c1.header()], Episodes: episodes })).toEqual([]);
  });
  it('leaves rows with no child identifier to the rules on identifiers', () => {
    expect(flagged(rule, { Header: [c1.header()], Episodes: [c1.episode({ CHILD: null, DEC: '02/08/2025', REC: 'X1' })] })).toEqual([]);
  });
});

// Home is at the origin; placements lie east of it, in miles. E09000001 is the returning authority.
const grid = postcodes({
  'AB1 1AA': ['E09000001', 0, 0],
  'AB1 2AA': ['E09000001', 3, 0],
  'CD1 1AA': ['E08000001', 40, 0],
  'EF1 1AA': ['E06000001', 360, 0],
});
const reference = grid;

describe('406 and 454: distance from home', () => {
  it('406: an unaccompanied asylum-seeking child has no distance from home', () => {
    const tables = {
      Header: [child('A', '01/01/2010')],
      UASC: [{ CHILD: 'A', DOB: '01/01/2010' }],
      Episodes: [episode('A', '01/05/2025')],
    };
    expect(flagged(rule406, tables, { reference })).toEqual(['Episodes 1']);
    expect(flagged(rule406, { ...tables, Episodes: [episode('A', '01/05/2025', { HOME_POST: null })] }, { reference })).toEqual([]);
    expect(flagged(rule406, { ...tables, UASC: [] }, { reference })).toEqual([]);
  });
  it('406: a child recorded as UASC last year counts too', () => {
    const tables = { Header: [child('A', '01/01/2010')], Episodes: [episode('A', '01/05/2025')] };
    expect(flagged(rule406, tables, { reference, previous: { UASC: [{ CHILD: 'A', DOB: '01/01/2010' }] } })).toEqual(['Episodes 1']);
  });
  it('454: a placement more than 350 miles from home is flagged', () => {
    const far = [episode('A', '01/05/2025', { PL_POST: 'EF1 1AA' }), episode('B', '01/05/2025', { PL_POST: 'CD1 1AA' })];
    expect(flagged(rule454, { Episodes: far }, { reference })).toEqual(['Episodes 1']);
  });
  it('without a postcode directory the distance is unknown and nothing is flagged', () => {
    expect(flagged(rule454, { Episodes: [episode('A', '01/05/2025', { PL_POST: 'EF1 1AA' })] })).toEqual([]);
  });
});

describe('407 and 460: reasons for leaving care that depend on age', () => {
  it('407: a special guardianship order at 18 flags the episode and the child', () => {
    const tables = { Header: [child('A', '01/06/2007')], Episodes: [episode('A', '01/05/2025', { DEC: '01/07/2025', REC: 'E45' })] };
    expect(flagged(rule407, tables)).toEqual(['Episodes 1', 'Header 1']);
    expect(flagged(rule407, { ...tables, Header: [child('A', '02/07/2007')] })).toEqual([]);
  });
  it('460: staying put (E17) before 18 flags the episode only', () => {
    const tables = { Header: [child('A', '02/07/2007')], Episodes: [episode('A', '01/05/2025', { DEC: '01/07/2025', REC: 'E17' })] };
    expect(flagged(rule460, tables)).toEqual(['Episodes 1']);
    expect(flagged(rule460, { ...tables, Header: [child('A', '01/07/2007')] })).toEqual([]);
  });
});

describe('legal status and placement', () => {
  it('408: placed for adoption under a placement order needs legal status E1', () => {
    const eps = [
      episode('A', '01/05/2025', { PLACE: 'A5', LS: 'C2' }),
      episode('B', '01/05/2025', { PLACE: 'A6', LS: 'E1' }),
      episode('C', '01/05/2025', { PLACE: 'A5', LS: 'D1' }),
    ];
    expect(flagged(rule408, { Episodes: eps })).toEqual(['Episodes 1', 'Episodes 3']);
  });
  it('411: the placement location must agree with the placing authority', () => {
    const eps = [
      episode('A', '01/05/2025', { PL_LA: 'E09000001', PL_LOCATION: 'OUT' }),
      episode('B', '01/05/2025', { PL_LA: 'E08000001', PL_LOCATION: 'OUT' }),
    ];
    expect(flagged(rule411, { Episodes: eps }, { reference })).toEqual(['Episodes 1']);
  });
  it('420: short breaks (V3, V4) have no placing authority', () => {
    const eps = [
      episode('A', '01/05/2025', { LS: 'V3' }),
      episode('B', '01/05/2025', { LS: 'V4', PL_POST: null }),
      episode('C', '01/05/2025'),
    ];
    expect(flagged(rule420, { Episodes: eps }, { reference })).toEqual(['Episodes 1']);
  });
  it('426: a child cannot have both V3 and V4 short breaks in a year', () => {
    const both = [
      episode('A', '01/05/2025', { LS: 'V3', DEC: '03/05/2025', REC: 'E4A' }),
      episode('A', '01/06/2025', { LS: 'V4' }),
      episode('B', '01/05/2025', { LS: 'V3' }),
    ];
    expect(flagged(rule426, { Episodes: both })).toEqual(['Episodes 1', 'Episodes 2']);
  });
  it('446: E1 cannot start before December 2005', () => {
    const eps = [episode('A', '30/11/2005', { LS: 'E1' }), episode('B', '01/12/2005', { LS: 'E1' })];
    expect(flagged(rule446, { Episodes: eps })).toEqual(['Episodes 1']);
  });
  it('516: leaving care to former foster carers (E45, E46) needs a foster placement', () => {
    const eps = [
      episode('A', '01/05/2025', { PLACE: 'K2', DEC: '01/06/2025', REC: 'E45' }),
      episode('B', '01/05/2025', { PLACE: 'U4', DEC: '01/06/2025', REC: 'E46' }),
    ];
    expect(flagged(rule516, { Episodes: eps })).toEqual(['Episodes 1']);
  });
});

describe('the sequence of episodes', () => {
  const first = (more = {}) => episode('A', '01/05/2025', { DEC: '01/06/2025', REC: 'X1', ...more });
  it('431: a child who starts to be looked after did not end an episode the same day', () => {
    expect(flagged(rule431, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'S' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule431, { Episodes: [first(), episode('A', '02/06/2025', { RNE: 'S' })] })).toEqual([]);
    // Nor does it start while the previous episode is still running.
    expect(flagged(rule431, { Episodes: [first(), episode('A', '20/05/2025', { RNE: 'S' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule431, { Episodes: [first({ DEC: null, REC: null }), episode('A', '20/05/2025', { RNE: 'S' })] })).toEqual([]);
  });
  it('432: after leaving care the next episode starts a new period (S)', () => {
    expect(flagged(rule432, { Episodes: [first({ REC: 'E4A' }), episode('A', '01/08/2025', { RNE: 'P' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule432, { Episodes: [first({ REC: 'E4A' }), episode('A', '01/08/2025', { RNE: 'S' })] })).toEqual([]);
    // A reason that is not a code does not say the child ceased to be looked after (its own rule reports it).
    expect(flagged(rule432, { Episodes: [first({ REC: '99' }), episode('A', '01/06/2025', { RNE: 'P' })] })).toEqual([]);
  });
  it('433: a continuing episode starts the day the last one ended', () => {
    expect(flagged(rule433, { Episodes: [first(), episode('A', '03/06/2025', { RNE: 'P', PLACE: 'U2' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule433, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', PLACE: 'U2' })] })).toEqual([]);
  });
  it('434: L means the legal status changed and the placement did not', () => {
    expect(flagged(rule434, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'L', LS: 'E1' })] })).toEqual([]);
    expect(flagged(rule434, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'L', LS: 'E1', URN: 'SC654321' })] })).toEqual([
      'Episodes 2',
    ]);
    expect(flagged(rule434, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'L' })] })).toEqual(['Episodes 2']);
  });
  it('435: P and T mean the placement changed and the legal status did not', () => {
    expect(flagged(rule435, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', PL_POST: 'CD1 1AA' })] })).toEqual([]);
    expect(flagged(rule435, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'T' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule435, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', LS: 'E1', PLACE: 'U2' })] })).toEqual([
      'Episodes 2',
    ]);
  });
  it('436: B and U mean both changed', () => {
    expect(flagged(rule436, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'B', LS: 'E1', PLACE: 'A5' })] })).toEqual([]);
    expect(flagged(rule436, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'U', LS: 'E1' })] })).toEqual(['Episodes 2']);
  });
  it('437: nothing follows an episode ending in death (E2) or an age assessment (E15)', () => {
    expect(flagged(rule437, { Episodes: [first({ REC: 'E15' }), episode('A', '01/08/2025')] })).toEqual(['Episodes 1']);
    expect(flagged(rule437, { Episodes: [episode('A', '01/05/2025', { DEC: '01/06/2025', REC: 'E2' })] })).toEqual([]);
  });
  it('501: an episode cannot start before the previous one ended', () => {
    expect(flagged(rule501, { Episodes: [first(), episode('A', '20/05/2025', { RNE: 'P' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule501, { Episodes: [episode('A', '01/06/2025', { RNE: 'P' }), first()] })).toEqual([]);
  });
  it('504: the category of need stays the same through an unbroken period of care', () => {
    expect(flagged(rule504, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', CIN: 'N4' })] })).toEqual(['Episodes 2']);
    expect(flagged(rule504, { Episodes: [first({ REC: 'E4A' }), episode('A', '01/06/2025', { CIN: 'N4' })] })).toEqual([]);
    expect(flagged(rule504, { Episodes: [first(), episode('A', '05/06/2025', { CIN: 'N4' })] })).toEqual([]);
  });
});

describe('placement providers', () => {
  const one = (place: string, provider: string | null, more = {}) =>
    episode('A', '01/05/2025', { PLACE: place, PLACE_PROVIDER: provider, ...more });
  it('526: every placement but a temporary one (T0-T4) has a provider', () => {
    expect(flagged(rule526, { Episodes: [one('U1', null), one('T2', null), one('Z1', null), one('U1', 'PR1')] })).toEqual([
      'Episodes 1',
      'Episodes 3',
    ]);
  });
  it('527-531, 550: providers that cannot offer a placement type', () => {
    const cases: [typeof rule527, string, string, string][] = [
      [rule527, 'PR1', 'R2', 'U1'],
      [rule528, 'PR2', 'P1', 'U1'],
      [rule529, 'PR3', 'K2', 'R1'],
      [rule530, 'PR4', 'P1', 'K2'],
      [rule531, 'PR5', 'P1', 'K2'],
      [rule550, 'PR0', 'U1', 'P1'],
    ];
    for (const [rule, provider, bad, good] of cases) {
      expect(flagged(rule, { Episodes: [one(bad, provider), one(good, provider)] }), rule.code).toEqual(['Episodes 1']);
    }
  });
  it('1009: the reason for a placement change is a DfE code', () => {
    expect(
      flagged(rule1009, {
        Episodes: [
          one('U1', 'PR1', { REASON_PLACE_CHANGE: 'MOVED' }),
          one('U1', 'PR1', { REASON_PLACE_CHANGE: 'CARPL' }),
          one('U1', 'PR1'),
        ],
      }),
    ).toEqual(['Episodes 1']);
  });
  it("1015: the authority's own provision (other than foster care and adoption) is in its own area", () => {
    const eps = [
      one('K2', 'PR1', { PL_POST: 'CD1 1AA' }),
      one('K2', 'PR1'),
      one('U1', 'PR1', { PL_POST: 'CD1 1AA' }),
      one('K2', 'PR1', { PL_POST: null }),
      one('K2', 'PR1', { LS: 'V3', PL_POST: 'CD1 1AA' }),
    ];
    expect(flagged(rule1015, { Episodes: eps }, { reference })).toEqual(['Episodes 1', 'Episodes 4']);
  });
});
