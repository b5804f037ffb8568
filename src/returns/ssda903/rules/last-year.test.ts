import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, child, episode, findings, flagged, postcodes, type RowInput } from '../ssda903.test-kit.js';
import {
  lastYearRules,
  rule202,
  rule203,
  rule204,
  rule207,
  rule208,
  rule452,
  rule453,
  rule502,
  rule503A,
  rule503B,
  rule503C,
  rule503D,
  rule503E,
  rule503F,
  rule503G,
  rule503H,
  rule503J,
  rule562,
  rule624,
  rule626,
  ruleNoE,
} from './last-year.js';

/** The rules with a passing and a failing case in the table below. */
const withCases = [rule202, rule203, rule204, rule207, rule208];

/** A child in this year's and last year's returns, with last year's Header changed by `last`. */
const twoYears = (now: RowInput = {}, last: RowInput = {}) =>
  build903({ Header: [c1.header(now)], Episodes: [c1.episode()] }, { previous: { Header: [c1.header(last)], Episodes: [c1.episode()] } });

describe('rules comparing with last year', () => {
  checkRules(withCases, {
    '202': {
      why: 'a different sex',
      fails: twoYears({ SEX: 'F' }, { SEX: 'M' }),
      flagged: ['Header 1'],
      passes: twoYears({ SEX: 'F' }, { SEX: '2' }),
    },
    '203': { why: 'a different date of birth', fails: twoYears({}, { DOB: '02/06/2012' }), flagged: ['Header 1'], passes: twoYears() },
    '204': { why: 'a different ethnicity', fails: twoYears({}, { ETHNIC: 'WIRI' }), flagged: ['Header 1'], passes: twoYears() },
    '207': {
      why: 'no longer a mother',
      fails: twoYears({ SEX: 'F', MOTHER: '0' }, { SEX: 'F', MOTHER: '1' }),
      flagged: ['Header 1'],
      passes: twoYears({ SEX: 'F', MOTHER: '1' }, { SEX: 'F', MOTHER: '0' }),
    },
    '208': {
      why: 'a different UPN',
      fails: twoYears({ UPN: 'A123456789013' }),
      flagged: ['Header 1'],
      passes: twoYears({}, { UPN: 'UN4' }),
    },
  });
});

const flaggedBy = (rule: (typeof lastYearRules)[number], ret: ReturnType<typeof twoYears>) => findings(rule, ret);

describe('208: which changes of UPN disagree with last year', () => {
  const cases: [last: string | null, now: string | null, flagged: boolean][] = [
    ['UN1', 'UN3', false], // no UPN yet, then a reason why not
    ['UN4', 'A123456789012', false], // a UPN found
    [null, 'UN1', false], // nothing recorded last year
    [null, 'A123456789012', false],
    ['UN2', 'UN3', true], // the reason there is no UPN changed
    ['UN3', 'UN1', true],
    ['UN4', null, true],
    ['A123456789012', 'UN1', true],
    ['A123456789012', null, true],
  ];
  for (const [last, now, expected] of cases) {
    it(`${last ?? 'blank'} last year, ${now ?? 'blank'} now: ${expected ? 'reported' : 'not reported'}`, () => {
      expect(flaggedBy(rule208, twoYears({ UPN: now }, { UPN: last }))).toEqual(expected ? ['Header 1'] : []);
    });
  }
});

describe('a child listed twice in last year’s Header', () => {
  const twice = (now: RowInput, last: RowInput[]) =>
    build903(
      { Header: [c1.header(now)], Episodes: [c1.episode()] },
      { previous: { Header: last.map((l) => c1.header(l)), Episodes: [c1.episode()] } },
    );
  it('is reported when this year disagrees with either row', () => {
    const stray = { SEX: 'F', DOB: '03/01/2007', ETHNIC: 'APKN', UPN: 'N247077209020' };
    for (const rule of [rule202, rule203, rule204, rule208]) {
      expect(findings(rule, twice({}, [{}, stray])), rule.code).toEqual(['Header 1']);
      expect(rule.validate(twice({}, [{}, {}])), rule.code).toEqual([]);
    }
  });
});

describe('the first child’s date of birth, last year and this', () => {
  it('624: the first child’s date of birth is the same as last year', () => {
    const previous = {
      Header: [
        child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2024' }),
        child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2024' }),
      ],
    };
    const now = {
      Header: [
        child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '02/01/2024' }),
        child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2024' }),
      ],
    };
    expect(flagged(rule624, now, { previous })).toEqual(['Header 1']);
  });
  it('624: a date last year that is not a date is contradicted by a blank one this year', () => {
    const previous = {
      Header: [
        child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '31/02/2025' }),
        child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '31/02/2025' }),
      ],
    };
    const now = {
      Header: [
        child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: null }),
        child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '31/02/2025' }),
      ],
    };
    expect(flagged(rule624, now, { previous })).toEqual(['Header 1']);
  });
  it('626: a mother this year of a child born before it was not "not a mother" last year', () => {
    const previous = { Header: [child('A', '01/01/2008', { SEX: 'F', MOTHER: '0' }), child('B', '01/01/2008', { SEX: 'F', MOTHER: '0' })] };
    const now = {
      Header: [
        child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }),
        child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/06/2025' }),
      ],
    };
    expect(flagged(rule626, now, { previous })).toEqual(['Header 1']);
  });
});

const reference = postcodes({
  'AB1 1AA': ['E09000001', 0, 0],
  'AB1 2AA': ['E09000001', 3, 0],
  'AB1 3AA': ['E09000001', 3.1, 0],
  'CD1 1AA': ['E08000001', 40, 0],
});

// Open at the end of 2024/25, carried on into 2025/26.
const open = episode('A', '10/02/2025');
const lastYear = { Header: [child('A', '01/01/2012')], Episodes: [episode('A', '01/01/2025', { DEC: '10/02/2025', REC: 'X1' }), open] };

describe('this year picks up where last year ended', () => {
  it('502: the first episode starts when last year’s open episode did', () => {
    expect(flagged(rule502, { Episodes: [episode('A', '10/02/2025')] }, { previous: lastYear })).toEqual([]);
    expect(flagged(rule502, { Episodes: [episode('A', '11/02/2025')] }, { previous: lastYear })).toEqual(['Episodes 1']);
  });
  it('502: a child whose episodes all ended last year is not compared', () => {
    const closed = { Episodes: [episode('A', '01/01/2025', { DEC: '10/02/2025', REC: 'E4A' })] };
    expect(flagged(rule502, { Episodes: [episode('A', '01/06/2025')] }, { previous: closed })).toEqual([]);
  });
  it('503A-503F: each of the open episode’s codes carries over', () => {
    const cases: [typeof rule503A, string, string][] = [
      [rule503A, 'RNE', 'P'],
      [rule503B, 'LS', 'E1'],
      [rule503C, 'CIN', 'N4'],
      [rule503D, 'PLACE', 'U3'],
      [rule503E, 'PLACE_PROVIDER', 'PR2'],
      [rule503F, 'URN', 'SC999999'],
    ];
    for (const [rule, field, other] of cases) {
      expect(flagged(rule, { Episodes: [episode('A', '10/02/2025')] }, { previous: lastYear }), rule.code).toEqual([]);
      expect(flagged(rule, { Episodes: [episode('A', '10/02/2025', { [field]: other })] }, { previous: lastYear }), rule.code).toEqual([
        'Episodes 1',
      ]);
    }
  });
  it('452, 503H, 503J: the placing authority and location carry over', () => {
    const moved = { Episodes: [episode('A', '10/02/2025', { PL_POST: 'CD1 1AA' })] };
    for (const rule of [rule452, rule503H, rule503J]) {
      expect(flagged(rule, moved, { previous: lastYear, reference }), rule.code).toEqual(['Episodes 1']);
      expect(flagged(rule, { Episodes: [episode('A', '10/02/2025')] }, { previous: lastYear, reference }), rule.code).toEqual([]);
    }
  });
  it('453, 503G: the distance carries over, to within a tenth of a mile', () => {
    for (const rule of [rule453, rule503G]) {
      expect(
        flagged(rule, { Episodes: [episode('A', '10/02/2025', { PL_POST: 'AB1 3AA' })] }, { previous: lastYear, reference }),
        rule.code,
      ).toEqual([]);
      expect(
        flagged(rule, { Episodes: [episode('A', '10/02/2025', { PL_POST: 'CD1 1AA' })] }, { previous: lastYear, reference }),
        rule.code,
      ).toEqual(['Episodes 1']);
      // A blank distance this year is another rule's business.
      expect(
        flagged(rule, { Episodes: [episode('A', '10/02/2025', { PL_POST: null })] }, { previous: lastYear, reference }),
        rule.code,
      ).toEqual([]);
    }
  });
});

describe('episodes that began before this year are in last year’s return', () => {
  it('562: the first episode, begun last year, is in last year’s episodes', () => {
    expect(flagged(rule562, { Episodes: [episode('A', '10/02/2025')] }, { previous: lastYear })).toEqual([]);
    expect(flagged(rule562, { Episodes: [episode('A', '09/02/2025')] }, { previous: lastYear })).toEqual(['Episodes 1']);
  });
  it('562: rows with no child identifier are not taken as one child’s episodes', () => {
    const previous = { Episodes: [episode('', '01/01/2024', { DEC: '01/05/2024', REC: 'X1' })] };
    expect(flagged(rule562, { Episodes: [episode('', '09/02/2025')] }, { previous })).toEqual([]);
  });
  it('NoE: a child looked after before this year has episodes last year', () => {
    const eps = [
      episode('B', '01/03/2025', { DEC: '01/05/2025', REC: 'X1' }),
      episode('B', '01/05/2025', { RNE: 'P' }),
      episode('A', '10/02/2025'),
    ];
    expect(flagged(ruleNoE, { Episodes: eps }, { previous: lastYear })).toEqual(['Episodes 1']);
  });
  it('without last year’s return these rules say nothing', () => {
    expect(flagged(ruleNoE, { Episodes: [episode('B', '01/03/2025')] })).toEqual([]);
    expect(flagged(rule562, { Episodes: [episode('B', '01/03/2025')] })).toEqual([]);
  });
});

describe('which of last year’s episodes this year carries on', () => {
  // A stray second open episode last year, begun before the one carried on.
  const twoOpen = {
    Episodes: [episode('A', '01/01/2025', { DEC: '10/02/2025', REC: 'X1' }), open, episode('A', '16/07/2024', { RNE: 'P' })],
  };
  it('502: every episode left open last year must start when this year’s first does', () => {
    expect(flagged(rule502, { Episodes: [episode('A', '10/02/2025')] }, { previous: twoOpen })).toEqual(['Episodes 1']);
    // Open, though an episode begun later was closed.
    const openEarlier = { Episodes: [episode('A', '03/10/2024', { DEC: '09/02/2025', REC: 'X1' }), episode('A', '10/08/2022')] };
    expect(flagged(rule502, { Episodes: [episode('A', '09/02/2025')] }, { previous: openEarlier })).toEqual(['Episodes 1']);
    // Only a blank end date leaves an episode open here.
    const unreadable = { Episodes: [episode('A', '01/01/2025', { DEC: '31/02/2025' })] };
    expect(flagged(rule502, { Episodes: [episode('A', '10/02/2025')] }, { previous: unreadable })).toEqual([]);
  });
  it('last year’s last episode is the one begun latest; a start that is not a date does not count', () => {
    const stray = { Episodes: [open, episode('A', '1/2/25', { DEC: '01/03/2025', REC: 'X1' })] };
    expect(flagged(rule503A, { Episodes: [episode('A', '10/02/2025', { RNE: 'P' })] }, { previous: stray })).toEqual(['Episodes 1']);
    // Two begun the same day: the first of them in the file.
    const tie = { Episodes: [open, episode('A', '10/02/2025', { RNE: 'P', DEC: '01/03/2025', REC: 'X1' })] };
    expect(flagged(rule503A, { Episodes: [episode('A', '10/02/2025', { RNE: 'P' })] }, { previous: tie })).toEqual(['Episodes 1']);
  });
  it('503A-503J, 453: an end date that is not a date leaves last year’s episode open; 452: only a blank one', () => {
    const unreadable = { Episodes: [episode('A', '10/02/2025', { DEC: '00/00/0000' })] };
    expect(flagged(rule503A, { Episodes: [episode('A', '10/02/2025', { RNE: 'P' })] }, { previous: unreadable })).toEqual(['Episodes 1']);
    const far = { Episodes: [episode('A', '10/02/2025', { PL_POST: 'CD1 1AA' })] };
    expect(flagged(rule453, far, { previous: unreadable, reference })).toEqual(['Episodes 1']);
    expect(flagged(rule503H, far, { previous: unreadable, reference })).toEqual(['Episodes 1']);
    expect(flagged(rule452, far, { previous: unreadable, reference })).toEqual([]);
  });
  it('452, 453: only an episode with the same reason for starting carries the placement on', () => {
    const moved = { Episodes: [episode('A', '10/02/2025', { RNE: 'P', PL_POST: 'CD1 1AA' })] };
    expect(flagged(rule452, moved, { previous: lastYear, reference })).toEqual([]);
    expect(flagged(rule453, moved, { previous: lastYear, reference })).toEqual([]);
    expect(flagged(rule503H, moved, { previous: lastYear, reference })).toEqual(['Episodes 1']);
    expect(flagged(rule503G, moved, { previous: lastYear, reference })).toEqual(['Episodes 1']);
  });
  it('503D: a placement code replaced in the code list is the same placement', () => {
    const z1 = { Episodes: [episode('A', '10/02/2025', { PLACE: 'Z1' })] };
    expect(flagged(rule503D, { Episodes: [episode('A', '10/02/2025', { PLACE: 'Z12' })] }, { previous: z1 })).toEqual([]);
    expect(flagged(rule503D, { Episodes: [episode('A', '10/02/2025', { PLACE: 'U1' })] }, { previous: z1 })).toEqual(['Episodes 1']);
    const h5 = { Episodes: [episode('A', '10/02/2024', { PLACE: 'H5' })] };
    expect(flagged(rule503D, { Episodes: [episode('A', '10/02/2024', { PLACE: 'K3' })] }, { previous: h5, year: 2025 })).toEqual([]);
    expect(
      flagged(
        rule503D,
        { Episodes: [episode('A', '10/02/2025', { PLACE: 'K3' })] },
        { previous: { Episodes: [episode('A', '10/02/2025', { PLACE: 'H5' })] } },
      ),
    ).toEqual(['Episodes 1']);
  });
  it('562: the first episode, begun last year, is last year’s last episode', () => {
    const closedLater = { Episodes: [episode('A', '28/03/2025', { DEC: '10/02/2025', REC: 'X1' }), open] };
    expect(flagged(rule562, { Episodes: [episode('A', '10/02/2025')] }, { previous: closedLater })).toEqual(['Episodes 1']);
  });
});
