import { describe, expect, it } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { adoptionRules } from './adoption.js';
import { checkRules, episode, header } from './rule-cases.js';

/** A child of 4 in care from May 2024, placed for adoption (A4) on 1 June 2025, adopted 1 December 2025. */
const adopted = (ad1: RowInput = {}, pa: RowInput = {}, second: RowInput = {}, first: RowInput = {}) =>
  build903({
    Header: [header({ DOB: '01/06/2021' })],
    Episodes: [
      episode({ LS: 'E1', DEC: '01/06/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL', ...first }),
      episode({ DECOM: '01/06/2025', RNE: 'P', LS: 'E1', PLACE: 'A4', DEC: '01/12/2025', REC: 'E11', ...second }),
    ],
    AD1: [{ CHILD: 'C1', DOB: '01/06/2021', DATE_INT: '01/11/2024', DATE_MATCH: '01/05/2025', FOSTER_CARE: '0', NB_ADOPTR: '2', SEX_ADOPTR: 'MF', LS_ADOPTR: 'L11', ...ad1 }],
    PlacedAdoption: [{ CHILD: 'C1', DOB: '01/06/2021', DATE_PLACED: '01/11/2024', ...pa }],
  });

describe('rules on adoption', () => {
  checkRules(adoptionRules, {
    '112': { why: 'a decision date that is not a date', fails: adopted({ DATE_INT: '1/11/24' }), flagged: ['AD1:1'], passes: adopted() },
    '113': { why: 'a matching date that is not a date', fails: adopted({ DATE_MATCH: '2025-05-01' }), flagged: ['AD1:1'], passes: adopted() },
    '114': { why: 'foster care 2', fails: adopted({ FOSTER_CARE: '2' }), flagged: ['AD1:1'], passes: adopted() },
    '115': { why: 'a decision date that is not a date', fails: adopted({}, { DATE_PLACED: '31/11/2024' }), flagged: ['PlacedAdoption:1'], passes: adopted() },
    '116': { why: 'a reversal date that is not a date', fails: adopted({}, { DATE_PLACED_CEASED: 'soon', REASON_PLACED_CEASED: 'RD1' }), flagged: ['PlacedAdoption:1'], passes: adopted() },
    '117': {
      why: 'a reversal after the child left care',
      fails: adopted({}, { DATE_PLACED_CEASED: '01/02/2026', REASON_PLACED_CEASED: 'RD1' }),
      flagged: ['PlacedAdoption:1', 'Episodes:2'],
      passes: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD1' }),
    },
    '118': {
      why: 'a reversal before the year',
      fails: adopted({}, { DATE_PLACED_CEASED: '01/03/2025', REASON_PLACED_CEASED: 'RD1' }),
      flagged: ['PlacedAdoption:1', 'Episodes:1'],
      passes: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD1' }),
    },
    '119': { why: 'a reversal with no reason', fails: adopted({}, { DATE_PLACED_CEASED: '01/11/2025' }), flagged: ['PlacedAdoption:1'], passes: adopted() },
    '120': { why: 'reason RD9', fails: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD9' }), flagged: ['PlacedAdoption:1'], passes: adopted({}, { DATE_PLACED_CEASED: '01/11/2025', REASON_PLACED_CEASED: 'RD4' }) },
    '151': { why: 'adopters\' sexes left out', fails: adopted({ SEX_ADOPTR: null }), flagged: ['AD1:1'], passes: adopted() },
    '175': { why: 'three adopters', fails: adopted({ NB_ADOPTR: '3' }), flagged: ['AD1:1'], passes: adopted() },
    '176': { why: 'adopters\' sexes XY', fails: adopted({ SEX_ADOPTR: 'XY' }), flagged: ['AD1:1'], passes: adopted() },
    '177': { why: 'adopters\' legal status L9', fails: adopted({ LS_ADOPTR: 'L9' }), flagged: ['AD1:1'], passes: adopted() },
    '184': { why: 'a decision before birth', fails: adopted({}, { DATE_PLACED: '01/01/2021' }), flagged: ['PlacedAdoption:1'], passes: adopted() },
    '331': { why: 'matched after the placement', fails: adopted({ DATE_MATCH: '02/06/2025' }), flagged: ['AD1:1', 'Episodes:2'], passes: adopted({ DATE_MATCH: '01/06/2025' }) },
    '333': { why: 'the decision after the match', fails: adopted({ DATE_INT: '02/05/2025' }), flagged: ['AD1:1'], passes: adopted() },
    '334': { why: 'the decision before care began', fails: adopted({ DATE_INT: '30/04/2024' }), flagged: ['AD1:1', 'Episodes:1'], passes: adopted() },
    '335': { why: 'adopted by foster carers from A4', fails: adopted({ FOSTER_CARE: '1' }), flagged: ['AD1:1', 'Episodes:2'], passes: adopted() },
    '336': { why: 'placed for adoption from a children\'s home', fails: adopted({}, {}, {}, { PLACE: 'K2', URN: 'SC123456' }), flagged: ['Episodes:2'], passes: adopted() },
  });
});

describe('rules on adoption, further cases', () => {
  const flagsOf = (code: string, ret: ReturnType<typeof build903>) =>
    adoptionRules.find((r) => r.code === code)!.validate(ret).map((f) => `${f.table}:${f.row}`);
  it('333 reports a match with no date the child should be placed for adoption', () => {
    expect(flagsOf('333', adopted({ DATE_INT: null }))).toEqual(['AD1:1']);
    expect(flagsOf('333', adopted({ DATE_INT: null, DATE_MATCH: null }))).toEqual([]);
  });
  it('331 compares the match with the start of the episode that ended in adoption', () => {
    // Placed with foster carers approved as adopters (A6) before the match, then moved to A3 after it.
    const moved = adopted({ DATE_MATCH: '01/03/2025' }, {}, { DECOM: '01/04/2025', PLACE: 'A3' }, { PLACE: 'A6', DECOM: '01/01/2025', DEC: '01/04/2025' });
    expect(flagsOf('331', moved)).toEqual([]);
    expect(flagsOf('331', adopted({ DATE_MATCH: '02/04/2025' }, {}, { DECOM: '01/04/2025', PLACE: 'A3' }, { PLACE: 'A6', DECOM: '01/01/2025', DEC: '01/04/2025' }))).toEqual(['AD1:1', 'Episodes:2']);
  });
});
