import { describe, expect, it } from 'vitest';
import type { TableName } from '../model.js';
import { build903, c1, checkRules, child, episode, flagged, type RowInput, type RuleCase, type TablesInput } from '../ssda903.test-kit.js';
import { rule142, rule234, rule358, rule362, rule383, rule431, rule432, rule433, rule434, rule435, rule501 } from './episodes.js';
import { ruleEPI } from './header.js';
import { integrityRules, ruleINT03 } from './integrity.js';
import { rule630 } from './prev-perm.js';

/** A row of each table for the child C1 (born 1 June 2012), as far as the integrity checks read it. */
const rowFor: Record<Exclude<TableName, 'Header' | 'SWEpisodes' | 'DoLo'>, RowInput> = {
  Episodes: c1.episode(),
  AD1: { CHILD: 'C1', DOB: '01/06/2012', DATE_INT: '01/02/2025', DATE_MATCH: '01/03/2025' },
  PlacedAdoption: { CHILD: 'C1', DOB: '01/06/2012', DATE_PLACED: '01/02/2025' },
  Missing: { CHILD: 'C1', DOB: '01/06/2012', MISSING: 'M', MIS_START: '01/09/2025', MIS_END: '02/09/2025' },
  OC2: { CHILD: 'C1', DOB: '01/06/2012', CONVICTED: '0' },
  OC3: { CHILD: 'C1', DOB: '01/06/2012', IN_TOUCH: 'YES' },
  PrevPerm: { CHILD: 'C1', DOB: '01/06/2012', PREV_PERM: 'Z1' },
  Reviews: { CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/11/2025', REVIEW_CODE: 'PN1' },
  UASC: { CHILD: 'C1', SEX: 'M', DOB: '01/06/2012', DUC: '31/05/2030' },
};
type Other = keyof typeof rowFor;

/** The child's Header (and episode), and the given rows of another table. */
const with_ = (table: Other, rows: RowInput[], headers: RowInput[] = [c1.header()]) => {
  const input: TablesInput = { Header: headers, Episodes: [c1.episode()] };
  return build903({ ...input, [table]: rows });
};

const notInHeader = (table: Other): RuleCase => ({
  why: `a ${table} row for a child with no Header row`,
  fails: with_(table, [rowFor[table], { ...rowFor[table], CHILD: 'C9' }]),
  flagged: [`${table} 2`],
  passes: with_(table, [rowFor[table]]),
});

const otherBirthDate = (table: Other): RuleCase => ({
  why: `a ${table} row with another date of birth than the Header's`,
  fails: with_(table, [{ ...rowFor[table], DOB: '02/06/2012' }]),
  flagged: [`${table} 1`],
  // A date of birth that is not a date is no evidence of a different one.
  passes: with_(table, [rowFor[table], { ...rowFor[table], DOB: 'unknown' }]),
});

const twice = (table: Other): RuleCase => ({
  why: `a child with two ${table} rows`,
  fails: with_(table, [rowFor[table], { ...rowFor[table], CHILD: 'C2' }, rowFor[table]], [c1.header(), c1.header({ CHILD: 'C2' })]),
  flagged: [`${table} 1`, `${table} 3`],
  passes: with_(table, [rowFor[table], { ...rowFor[table], CHILD: 'C2' }], [c1.header(), c1.header({ CHILD: 'C2' })]),
});

describe('integrity checks', () => {
  checkRules(integrityRules, {
    INT01: notInHeader('AD1'),
    INT02: notInHeader('PlacedAdoption'),
    INT03: notInHeader('Episodes'),
    INT04: notInHeader('Missing'),
    INT05: notInHeader('OC2'),
    INT06: notInHeader('OC3'),
    INT07: notInHeader('PrevPerm'),
    INT08: notInHeader('Reviews'),
    INT09: notInHeader('UASC'),
    INT11: otherBirthDate('AD1'),
    INT12: otherBirthDate('PlacedAdoption'),
    INT13: otherBirthDate('Missing'),
    INT14: otherBirthDate('OC2'),
    INT15: otherBirthDate('OC3'),
    INT16: otherBirthDate('PrevPerm'),
    INT17: otherBirthDate('Reviews'),
    INT18: otherBirthDate('UASC'),
    INT21: {
      why: 'a boy in the Header recorded as a girl in UASC',
      fails: with_('UASC', [{ ...rowFor.UASC, SEX: 'F' }]),
      flagged: ['UASC 1'],
      passes: with_('UASC', [rowFor.UASC]),
    },
    INT31: twice('AD1'),
    INT32: {
      why: 'a child with two Header rows',
      fails: build903({ Header: [c1.header(), c1.header({ CHILD: 'C2' }), c1.header()], Episodes: [c1.episode()] }),
      flagged: ['Header 1', 'Header 3'],
      passes: build903({ Header: [c1.header(), c1.header({ CHILD: 'C2' })], Episodes: [c1.episode()] }),
    },
    INT33: twice('OC2'),
    INT34: twice('OC3'),
    INT35: twice('PrevPerm'),
    INT36: twice('UASC'),
  });
});

describe('a row with no child identifier is no child’s', () => {
  // Two Header rows and three episodes with no CHILD: taken together they would be one child
  // whose EPO episode is still open when the next begins, and so on.
  const noId = (o: RowInput) => ({ ...o, CHILD: null });
  const tables: TablesInput = {
    Header: [c1.header(), noId(child('', '01/01/2018')), noId(child('', '01/01/2010'))],
    Episodes: [
      c1.episode(),
      noId(episode('', '01/05/2025', { LS: 'L2' })),
      noId(episode('', '20/05/2025', { RNE: 'P', LS: 'L2', PLACE: 'T1', DEC: '25/05/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CUSTOD' })),
      noId(episode('', '25/05/2025', { RNE: 'S', LS: 'J1', PLACE: 'U3' })),
    ],
  };
  it('is not taken as another such row’s episode, or as a child with an age', () => {
    for (const rule of [rule142, rule234, rule358, rule362, rule383, rule431, rule432, rule433, rule434, rule435, rule501]) {
      expect(flagged(rule, tables), rule.code).toEqual([]);
    }
  });
  it('matches no Header row and no previous permanence row', () => {
    expect(flagged(ruleINT03, tables)).toEqual(['Episodes 2', 'Episodes 3', 'Episodes 4']);
    expect(flagged(ruleEPI, tables)).toEqual(['Header 2', 'Header 3']);
    expect(flagged(rule630, tables)).toEqual(['Episodes 2', 'Episodes 4']);
  });
});
