import { describe, expect, it } from 'vitest';
import { build903, type RowInput } from '../test-factory.js';
import { lastYearRules, rule202, rule203, rule204, rule208 } from './last-year.js';
import { checkRules, episode, header } from './rule-cases.js';

/** A child in this year's and last year's returns, with last year's Header changed by `last`. */
const twoYears = (now: RowInput = {}, last: RowInput = {}) =>
  build903({ Header: [header(now)], Episodes: [episode()] }, { previous: { Header: [header(last)], Episodes: [episode()] } });

describe('rules comparing with last year', () => {
  checkRules(lastYearRules, {
    '202': { why: 'a different sex', fails: twoYears({ SEX: 'F' }, { SEX: 'M' }), flagged: ['Header:1'], passes: twoYears({ SEX: 'F' }, { SEX: '2' }) },
    '203': { why: 'a different date of birth', fails: twoYears({}, { DOB: '02/06/2012' }), flagged: ['Header:1'], passes: twoYears() },
    '204': { why: 'a different ethnicity', fails: twoYears({}, { ETHNIC: 'WIRI' }), flagged: ['Header:1'], passes: twoYears() },
    '207': { why: 'no longer a mother', fails: twoYears({ SEX: 'F', MOTHER: '0' }, { SEX: 'F', MOTHER: '1' }), flagged: ['Header:1'], passes: twoYears({ SEX: 'F', MOTHER: '1' }, { SEX: 'F', MOTHER: '0' }) },
    '208': { why: 'a different UPN', fails: twoYears({ UPN: 'A123456789013' }), flagged: ['Header:1'], passes: twoYears({}, { UPN: 'UN4' }) },
  });
});

const flaggedBy = (rule: (typeof lastYearRules)[number], ret: ReturnType<typeof twoYears>) => rule.validate(ret).map((f) => `${f.table}:${f.row}`);

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
      expect(flaggedBy(rule208, twoYears({ UPN: now }, { UPN: last }))).toEqual(expected ? ['Header:1'] : []);
    });
  }
});

describe('a child listed twice in last year’s Header', () => {
  const twice = (now: RowInput, last: RowInput[]) =>
    build903({ Header: [header(now)], Episodes: [episode()] }, { previous: { Header: last.map((l) => header(l)), Episodes: [episode()] } });
  it('is reported when this year disagrees with either row', () => {
    const stray = { SEX: 'F', DOB: '03/01/2007', ETHNIC: 'APKN', UPN: 'N247077209020' };
    for (const rule of [rule202, rule203, rule204, rule208]) {
      expect(rule.validate(twice({}, [{}, stray])).map((f) => `${f.table}:${f.row}`), rule.code).toEqual(['Header:1']);
      expect(rule.validate(twice({}, [{}, {}])), rule.code).toEqual([]);
    }
  });
});
