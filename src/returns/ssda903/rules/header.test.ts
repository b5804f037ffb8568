import { describe, expect, it } from 'vitest';
import { build903 } from '../test-factory.js';
import { headerRules, validUpn } from './header.js';
import { checkRules, episode, header } from './rule-cases.js';

const one = (h = {}, year?: number) => build903({ Header: [header(h)], Episodes: [episode()] }, { year });

describe('rules on the child', () => {
  checkRules(headerRules, {
    '101': { why: 'a sex code not in the year\'s list', fails: one({ SEX: '1' }), flagged: ['Header:1'], passes: one() },
    '102': { why: 'a date of birth that is not a date', fails: one({ DOB: '31/02/2012' }), flagged: ['Header:1'], passes: one() },
    '103': { why: 'a missing ethnicity', fails: one({ ETHNIC: null }), flagged: ['Header:1'], passes: one() },
    '168': { why: 'a UPN starting with I', fails: one({ UPN: 'I123456789012' }), flagged: ['Header:1'], passes: one({ UPN: 'UN3' }) },
    '171': { why: 'a mother\'s child\'s birth date that is not a date', fails: one({ SEX: 'F', MOTHER: '1', MC_DOB: '2025-01-01' }), flagged: ['Header:1'], passes: one({ SEX: 'F', MOTHER: '1', MC_DOB: '01/01/2025' }) },
    '174': { why: 'a boy with a child\'s birth date', fails: one({ MC_DOB: '01/01/2025' }), flagged: ['Header:1'], passes: one({ SEX: 'F', MC_DOB: '01/01/2025' }) },
    '209': { why: 'UN1 for a child five by 31 August 2025', fails: one({ DOB: '31/08/2020', UPN: 'UN1' }), flagged: ['Header:1'], passes: one({ DOB: '01/09/2020', UPN: 'UN1' }) },
    '210': {
      why: 'UN4 for a child looked after for 11 days at 31 March',
      fails: build903({ Header: [header({ UPN: 'UN4' })], Episodes: [episode({ DECOM: '20/03/2026' })] }),
      flagged: ['Header:1', 'Episodes:1'],
      passes: build903({ Header: [header({ UPN: 'UN4' })], Episodes: [episode({ DECOM: '25/03/2026' })] }),
    },
    '232': { why: 'sex U', fails: one({ SEX: 'U' }), flagged: ['Header:1'], passes: one() },
    '301': { why: 'a birth after the year', fails: one({ DOB: '01/04/2026' }), flagged: ['Header:1'], passes: one({ DOB: '31/03/2026' }) },
    '351': { why: 'a 25th birthday before the year began', fails: one({ DOB: '31/03/2000' }), flagged: ['Header:1'], passes: one({ DOB: '01/04/2000' }) },
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
