import { describe, expect, it } from 'vitest';
import { build903, c1, checkRules, child, episode, flagged, type RowInput } from '../ssda903.test-kit.js';
import {
  headerRules,
  rule101,
  rule102,
  rule103,
  rule165,
  rule168,
  rule171,
  rule174,
  rule209,
  rule210,
  rule232,
  rule301,
  rule351,
  rule393,
  rule442,
  rule444,
  rule607,
  rule611,
  rule612,
  rule620,
  rule621,
  rule625,
  rule628,
  ruleEPI,
  validUpn,
} from './header.js';

/** The rules with a passing and a failing case in the table below. */
const withCases = [rule101, rule102, rule103, rule168, rule171, rule174, rule209, rule210, rule232, rule301, rule351];

const one = (h = {}, year?: number) => build903({ Header: [c1.header(h)], Episodes: [c1.episode()] }, { year });

describe('rules on the child', () => {
  checkRules(withCases, {
    '101': { why: "a sex code not in the year's list", fails: one({ SEX: '1' }), flagged: ['Header 1'], passes: one() },
    '102': { why: 'a date of birth that is not a date', fails: one({ DOB: '31/02/2012' }), flagged: ['Header 1'], passes: one() },
    '103': { why: 'a missing ethnicity', fails: one({ ETHNIC: null }), flagged: ['Header 1'], passes: one() },
    '168': { why: 'a UPN starting with I', fails: one({ UPN: 'I123456789012' }), flagged: ['Header 1'], passes: one({ UPN: 'UN3' }) },
    '171': {
      why: "a mother's child's birth date that is not a date",
      fails: one({ SEX: 'F', MOTHER: '1', MC_DOB: '2025-01-01' }),
      flagged: ['Header 1'],
      passes: one({ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }),
    },
    '174': {
      why: "a boy with a child's birth date",
      fails: one({ MC_DOB: '01/01/2025' }),
      flagged: ['Header 1'],
      passes: one({ SEX: 'F', MC_DOB: '01/01/2025' }),
    },
    '209': {
      why: 'UN1 for a child five by 31 August 2025',
      fails: one({ DOB: '31/08/2020', UPN: 'UN1' }),
      flagged: ['Header 1'],
      passes: one({ DOB: '01/09/2020', UPN: 'UN1' }),
    },
    '210': {
      why: 'UN4 for a child looked after for 11 days at 31 March',
      fails: build903({ Header: [c1.header({ UPN: 'UN4' })], Episodes: [c1.episode({ DECOM: '20/03/2026' })] }),
      flagged: ['Header 1', 'Episodes 1'],
      passes: build903({ Header: [c1.header({ UPN: 'UN4' })], Episodes: [c1.episode({ DECOM: '25/03/2026' })] }),
    },
    '232': { why: 'sex U', fails: one({ SEX: 'U' }), flagged: ['Header 1'], passes: one() },
    '301': { why: 'a birth after the year', fails: one({ DOB: '01/04/2026' }), flagged: ['Header 1'], passes: one({ DOB: '31/03/2026' }) },
    '351': {
      why: 'a 25th birthday before the year began',
      fails: one({ DOB: '31/03/2000' }),
      flagged: ['Header 1'],
      passes: one({ DOB: '01/04/2000' }),
    },
  });
});

describe('UPN shape', () => {
  it('takes a letter (not I, O, S), 11 digits and a digit or letter, or an unknown code', () => {
    expect(validUpn('A123456789012')).toBe(true);
    expect(validUpn('A12345678901B')).toBe(true);
    expect(validUpn('UN5')).toBe(true);
    expect(validUpn('O123456789012')).toBe(false);
    expect(validUpn('A1234567890')).toBe(false);
    expect(validUpn('UN6')).toBe(false);
  });
});

describe('168: UPN', () => {
  const rule = headerRules.find((r) => r.code === '168')!;
  it('leaves a blank UPN to rule 442 (UPN not completed)', () => {
    expect(rule.validate(one({ UPN: null }))).toEqual([]);
  });
});

const girl = (h: RowInput = {}, e: RowInput = {}) => build903({ Header: [c1.header({ SEX: 'F', ...h })], Episodes: [c1.episode(e)] });

describe('mother status, and a child in the Header with no episodes', () => {
  checkRules([rule165, rule393, ruleEPI], {
    '165': { why: 'mother status 2', fails: girl({ MOTHER: '2' }), flagged: ['Header 1'], passes: girl({ MOTHER: '0' }) },
    '393': { why: 'a girl with no mother status', fails: girl(), flagged: ['Header 1'], passes: girl({ MOTHER: '0' }) },
    EPI: {
      why: 'a child in the Header with no episodes who is not a care leaver',
      fails: build903({ Header: [c1.header(), c1.header({ CHILD: 'C2' })], Episodes: [c1.episode()] }),
      flagged: ['Header 2'],
      // C2, a care leaver of 20 with no episodes this year.
      passes: build903(
        {
          Header: [c1.header(), c1.header({ CHILD: 'C2', DOB: '10/10/2005' })],
          Episodes: [c1.episode()],
          OC3: [{ CHILD: 'C2', DOB: '10/10/2005', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'U1' }],
        },
        { previous: { Episodes: [c1.episode()] } },
      ),
    },
  });
});

describe('unique pupil numbers', () => {
  it('442: a child looked after (not only on short breaks) has a UPN or a reason code', () => {
    const tables = {
      Header: [child('A', '01/01/2015', { UPN: null }), child('B', '01/01/2015', { UPN: null }), child('C', '01/01/2015', { UPN: 'UN1' })],
      Episodes: [episode('A', '01/05/2025'), episode('B', '01/05/2025', { LS: 'V3' }), episode('C', '01/05/2025')],
    };
    expect(flagged(rule442, tables)).toEqual(['Header 1']);
  });
  it('444: two children cannot share a UPN; reason codes UN1-UN5 may repeat', () => {
    const h = [
      child('A', '01/01/2015'),
      child('B', '01/01/2016'),
      child('C', '01/01/2015', { UPN: 'UN2' }),
      child('D', '01/01/2015', { UPN: 'UN2' }),
      child('E', '01/01/2015', { UPN: 'B123456789012' }),
    ];
    expect(flagged(rule444, { Header: h })).toEqual(['Header 1', 'Header 2']);
  });
});

describe('motherhood', () => {
  it('607: a girl who ceased to be looked after has the mother field completed', () => {
    const eps = [
      episode('A', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' }),
      episode('B', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' }),
      episode('C', '01/05/2025', { DEC: '01/09/2025', REC: 'X1' }),
    ];
    const header = [
      child('A', '01/01/2009', { SEX: 'F' }),
      child('B', '01/01/2009', { SEX: 'F', MOTHER: '0' }),
      child('C', '01/01/2009', { SEX: 'F' }),
    ];
    expect(flagged(rule607, { Header: header, Episodes: eps })).toEqual(['Episodes 1', 'Header 1']);
  });
  it('607: a child listed twice in the Header is checked against each row', () => {
    const eps = [episode('A', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' })];
    const header = [child('A', '01/01/2019', { SEX: 'M' }), child('A', '01/01/2009', { SEX: 'F' })];
    expect(flagged(rule607, { Header: header, Episodes: eps })).toEqual(['Episodes 1', 'Header 2']);
  });
  it('607: only a child who ceased to be looked after in this year, on a date that can be read', () => {
    // The 2025/26 year runs from 1 April 2025 to 31 March 2026.
    const ended = (id: string, dec: string) => episode(id, '01/01/2024', { DEC: dec, REC: 'E4A' });
    const eps = [
      ended('A', '31/03/2025'),
      ended('B', '01/04/2025'),
      ended('C', '31/03/2026'),
      ended('D', '01/04/2026'),
      ended('E', '31/02/2026'),
    ];
    const header = ['A', 'B', 'C', 'D', 'E'].map((id) => child(id, '01/01/2009', { SEX: 'F' }));
    expect(flagged(rule607, { Header: header, Episodes: eps })).toEqual(['Episodes 2', 'Header 2', 'Episodes 3', 'Header 3']);
  });
  it('611: a mother has her child’s date of birth', () => {
    expect(
      flagged(rule611, {
        Header: [
          child('A', '01/01/2008', { SEX: 'F', MOTHER: '1' }),
          child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/02/2025' }),
        ],
      }),
    ).toEqual(['Header 1']);
  });
  it('612: a child’s date of birth is only given for a mother', () => {
    expect(
      flagged(rule612, {
        Header: [
          child('A', '01/01/2008', { SEX: 'F', MOTHER: '0', MC_DOB: '01/02/2025' }),
          child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/02/2025' }),
        ],
      }),
    ).toEqual(['Header 1']);
  });
  it('612: a mother code that is not a code does not say the girl is not a mother', () => {
    expect(
      flagged(rule612, {
        Header: [
          child('A', '01/01/2008', { SEX: 'F', MOTHER: 'X', MC_DOB: '01/02/2025' }),
          child('B', '01/01/2008', { SEX: 'F', MOTHER: null, MC_DOB: '01/02/2025' }),
        ],
      }),
    ).toEqual(['Header 2']);
  });
  it('620: a mother under 11 at the start of the year is an error', () => {
    expect(
      flagged(rule620, {
        Header: [child('A', '02/04/2014', { SEX: 'F', MOTHER: '1' }), child('B', '01/04/2014', { SEX: 'F', MOTHER: '1' })],
      }),
    ).toEqual(['Header 1']);
  });
  it('621: a mother is older than her child', () => {
    expect(
      flagged(rule621, {
        Header: [
          child('A', '01/01/2010', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2009' }),
          child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }),
        ],
      }),
    ).toEqual(['Header 1']);
  });
  it('625: the first child is not born after the year ends or after the mother left care', () => {
    const header = [
      child('A', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/10/2025' }),
      child('B', '01/01/2008', { SEX: 'F', MOTHER: '1', MC_DOB: '01/10/2025' }),
    ];
    const eps = [episode('A', '01/05/2025', { DEC: '01/09/2025', REC: 'E4A' }), episode('B', '01/05/2025')];
    expect(flagged(rule625, { Header: header, Episodes: eps })).toEqual(['Header 1', 'Episodes 1']);
  });
  it('628: a care leaver not looked after this year has no motherhood details', () => {
    const tables = {
      Header: [child('A', '01/01/2006', { SEX: 'F', MOTHER: '0' }), child('B', '01/01/2006', { SEX: 'F', MOTHER: '0' })],
      OC3: [
        { CHILD: 'A', DOB: '01/01/2006', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'S2' },
        { CHILD: 'B', DOB: '01/01/2006', IN_TOUCH: 'YES', ACTIV: 'F1', ACCOM: 'S2' },
      ],
      Episodes: [episode('B', '01/05/2025')],
    };
    expect(flagged(rule628, tables)).toEqual(['Header 1']);
  });
});
