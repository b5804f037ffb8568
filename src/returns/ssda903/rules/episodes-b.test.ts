import { describe, expect, it } from 'vitest';
import * as r from './episodes-b.js';
import { child, episode, flagged, postcodes } from './b-test-kit.js';

// Home is at the origin; placements lie east of it, in miles. E09000001 is the returning authority.
const places = postcodes({
  'AB1 1AA': ['E09000001', 0, 0],
  'AB1 2AA': ['E09000001', 3, 0],
  'CD1 1AA': ['E08000001', 40, 0],
  'EF1 1AA': ['E06000001', 360, 0],
});
const reference = places;

describe('406 and 454: distance from home', () => {
  it('406: an unaccompanied asylum-seeking child has no distance from home', () => {
    const tables = { Header: [child('A', '01/01/2010')], UASC: [{ CHILD: 'A', DOB: '01/01/2010' }], Episodes: [episode('A', '01/05/2025')] };
    expect(flagged(r.rule406, tables, { reference })).toEqual(['Episodes 1']);
    expect(flagged(r.rule406, { ...tables, Episodes: [episode('A', '01/05/2025', { HOME_POST: null })] }, { reference })).toEqual([]);
    expect(flagged(r.rule406, { ...tables, UASC: [] }, { reference })).toEqual([]);
  });
  it('406: a child recorded as UASC last year counts too', () => {
    const tables = { Header: [child('A', '01/01/2010')], Episodes: [episode('A', '01/05/2025')] };
    expect(flagged(r.rule406, tables, { reference, previous: { UASC: [{ CHILD: 'A', DOB: '01/01/2010' }] } })).toEqual(['Episodes 1']);
  });
  it('454: a placement more than 350 miles from home is flagged', () => {
    const far = [episode('A', '01/05/2025', { PL_POST: 'EF1 1AA' }), episode('B', '01/05/2025', { PL_POST: 'CD1 1AA' })];
    expect(flagged(r.rule454, { Episodes: far }, { reference })).toEqual(['Episodes 1']);
  });
  it('without a postcode directory the distance is unknown and nothing is flagged', () => {
    expect(flagged(r.rule454, { Episodes: [episode('A', '01/05/2025', { PL_POST: 'EF1 1AA' })] })).toEqual([]);
  });
});

describe('407 and 460: reasons for leaving care that depend on age', () => {
  it('407: a special guardianship order at 18 flags the episode and the child', () => {
    const tables = { Header: [child('A', '01/06/2007')], Episodes: [episode('A', '01/05/2025', { DEC: '01/07/2025', REC: 'E45' })] };
    expect(flagged(r.rule407, tables)).toEqual(['Episodes 1', 'Header 1']);
    expect(flagged(r.rule407, { ...tables, Header: [child('A', '02/07/2007')] })).toEqual([]);
  });
  it('460: staying put (E17) before 18 flags the episode only', () => {
    const tables = { Header: [child('A', '02/07/2007')], Episodes: [episode('A', '01/05/2025', { DEC: '01/07/2025', REC: 'E17' })] };
    expect(flagged(r.rule460, tables)).toEqual(['Episodes 1']);
    expect(flagged(r.rule460, { ...tables, Header: [child('A', '01/07/2007')] })).toEqual([]);
  });
});

describe('legal status and placement', () => {
  it('408: placed for adoption under a placement order needs legal status E1', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'A5', LS: 'C2' }), episode('B', '01/05/2025', { PLACE: 'A6', LS: 'E1' }), episode('C', '01/05/2025', { PLACE: 'A5', LS: 'D1' })];
    expect(flagged(r.rule408, { Episodes: eps })).toEqual(['Episodes 1', 'Episodes 3']);
  });
  it('411: the placement location must agree with the placing authority', () => {
    const eps = [episode('A', '01/05/2025', { PL_LA: 'E09000001', PL_LOCATION: 'OUT' }), episode('B', '01/05/2025', { PL_LA: 'E08000001', PL_LOCATION: 'OUT' })];
    expect(flagged(r.rule411, { Episodes: eps }, { reference })).toEqual(['Episodes 1']);
  });
  it('420: short breaks (V3, V4) have no placing authority', () => {
    const eps = [episode('A', '01/05/2025', { LS: 'V3' }), episode('B', '01/05/2025', { LS: 'V4', PL_POST: null }), episode('C', '01/05/2025')];
    expect(flagged(r.rule420, { Episodes: eps }, { reference })).toEqual(['Episodes 1']);
  });
  it('426: a child cannot have both V3 and V4 short breaks in a year', () => {
    const both = [episode('A', '01/05/2025', { LS: 'V3', DEC: '03/05/2025', REC: 'E4A' }), episode('A', '01/06/2025', { LS: 'V4' }), episode('B', '01/05/2025', { LS: 'V3' })];
    expect(flagged(r.rule426, { Episodes: both })).toEqual(['Episodes 1', 'Episodes 2']);
  });
  it('446: E1 cannot start before December 2005', () => {
    const eps = [episode('A', '30/11/2005', { LS: 'E1' }), episode('B', '01/12/2005', { LS: 'E1' })];
    expect(flagged(r.rule446, { Episodes: eps })).toEqual(['Episodes 1']);
  });
  it('516: leaving care to former foster carers (E45, E46) needs a foster placement', () => {
    const eps = [episode('A', '01/05/2025', { PLACE: 'K2', DEC: '01/06/2025', REC: 'E45' }), episode('B', '01/05/2025', { PLACE: 'U4', DEC: '01/06/2025', REC: 'E46' })];
    expect(flagged(r.rule516, { Episodes: eps })).toEqual(['Episodes 1']);
  });
});

describe('the sequence of episodes', () => {
  const first = (more = {}) => episode('A', '01/05/2025', { DEC: '01/06/2025', REC: 'X1', ...more });
  it('431: a child who starts to be looked after did not end an episode the same day', () => {
    expect(flagged(r.rule431, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'S' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule431, { Episodes: [first(), episode('A', '02/06/2025', { RNE: 'S' })] })).toEqual([]);
    // Nor does it start while the previous episode is still running.
    expect(flagged(r.rule431, { Episodes: [first(), episode('A', '20/05/2025', { RNE: 'S' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule431, { Episodes: [first({ DEC: null, REC: null }), episode('A', '20/05/2025', { RNE: 'S' })] })).toEqual([]);
  });
  it('432: after leaving care the next episode starts a new period (S)', () => {
    expect(flagged(r.rule432, { Episodes: [first({ REC: 'E4A' }), episode('A', '01/08/2025', { RNE: 'P' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule432, { Episodes: [first({ REC: 'E4A' }), episode('A', '01/08/2025', { RNE: 'S' })] })).toEqual([]);
    // A reason that is not a code does not say the child ceased to be looked after (its own rule reports it).
    expect(flagged(r.rule432, { Episodes: [first({ REC: '99' }), episode('A', '01/06/2025', { RNE: 'P' })] })).toEqual([]);
  });
  it('433: a continuing episode starts the day the last one ended', () => {
    expect(flagged(r.rule433, { Episodes: [first(), episode('A', '03/06/2025', { RNE: 'P', PLACE: 'U2' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule433, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', PLACE: 'U2' })] })).toEqual([]);
  });
  it('434: L means the legal status changed and the placement did not', () => {
    expect(flagged(r.rule434, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'L', LS: 'E1' })] })).toEqual([]);
    expect(flagged(r.rule434, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'L', LS: 'E1', URN: 'SC654321' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule434, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'L' })] })).toEqual(['Episodes 2']);
  });
  it('435: P and T mean the placement changed and the legal status did not', () => {
    expect(flagged(r.rule435, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', PL_POST: 'CD1 1AA' })] })).toEqual([]);
    expect(flagged(r.rule435, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'T' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule435, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', LS: 'E1', PLACE: 'U2' })] })).toEqual(['Episodes 2']);
  });
  it('436: B and U mean both changed', () => {
    expect(flagged(r.rule436, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'B', LS: 'E1', PLACE: 'A5' })] })).toEqual([]);
    expect(flagged(r.rule436, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'U', LS: 'E1' })] })).toEqual(['Episodes 2']);
  });
  it('437: nothing follows an episode ending in death (E2) or an age assessment (E15)', () => {
    expect(flagged(r.rule437, { Episodes: [first({ REC: 'E15' }), episode('A', '01/08/2025')] })).toEqual(['Episodes 1']);
    expect(flagged(r.rule437, { Episodes: [episode('A', '01/05/2025', { DEC: '01/06/2025', REC: 'E2' })] })).toEqual([]);
  });
  it('501: an episode cannot start before the previous one ended', () => {
    expect(flagged(r.rule501, { Episodes: [first(), episode('A', '20/05/2025', { RNE: 'P' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule501, { Episodes: [episode('A', '01/06/2025', { RNE: 'P' }), first()] })).toEqual([]);
  });
  it('504: the category of need stays the same through an unbroken period of care', () => {
    expect(flagged(r.rule504, { Episodes: [first(), episode('A', '01/06/2025', { RNE: 'P', CIN: 'N4' })] })).toEqual(['Episodes 2']);
    expect(flagged(r.rule504, { Episodes: [first({ REC: 'E4A' }), episode('A', '01/06/2025', { CIN: 'N4' })] })).toEqual([]);
    expect(flagged(r.rule504, { Episodes: [first(), episode('A', '05/06/2025', { CIN: 'N4' })] })).toEqual([]);
  });
});

describe('placement providers', () => {
  const one = (place: string, provider: string | null, more = {}) => episode('A', '01/05/2025', { PLACE: place, PLACE_PROVIDER: provider, ...more });
  it('526: every placement but a temporary one (T0-T4) has a provider', () => {
    expect(flagged(r.rule526, { Episodes: [one('U1', null), one('T2', null), one('Z1', null), one('U1', 'PR1')] })).toEqual(['Episodes 1', 'Episodes 3']);
  });
  it('527-531, 550: providers that cannot offer a placement type', () => {
    const cases: [typeof r.rule527, string, string, string][] = [
      [r.rule527, 'PR1', 'R2', 'U1'],
      [r.rule528, 'PR2', 'P1', 'U1'],
      [r.rule529, 'PR3', 'K2', 'R1'],
      [r.rule530, 'PR4', 'P1', 'K2'],
      [r.rule531, 'PR5', 'P1', 'K2'],
      [r.rule550, 'PR0', 'U1', 'P1'],
    ];
    for (const [rule, provider, bad, good] of cases) {
      expect(flagged(rule, { Episodes: [one(bad, provider), one(good, provider)] }), rule.code).toEqual(['Episodes 1']);
    }
  });
  it('1009: the reason for a placement change is a DfE code', () => {
    expect(flagged(r.rule1009, { Episodes: [one('U1', 'PR1', { REASON_PLACE_CHANGE: 'MOVED' }), one('U1', 'PR1', { REASON_PLACE_CHANGE: 'CARPL' }), one('U1', 'PR1')] })).toEqual(['Episodes 1']);
  });
  it("1015: the authority's own provision (other than foster care and adoption) is in its own area", () => {
    const eps = [one('K2', 'PR1', { PL_POST: 'CD1 1AA' }), one('K2', 'PR1'), one('U1', 'PR1', { PL_POST: 'CD1 1AA' }), one('K2', 'PR1', { PL_POST: null }), one('K2', 'PR1', { LS: 'V3', PL_POST: 'CD1 1AA' })];
    expect(flagged(r.rule1015, { Episodes: eps }, { reference })).toEqual(['Episodes 1', 'Episodes 4']);
  });
});
