import { describe, expect, it } from 'vitest';
import { generateCin } from './tooling/generate.js';
import { readCin } from './read.js';
import { CIN_RULES, cinRulesFor, minusWorkingDays, validateCin } from './validate.js';
import { dateText } from './dates.js';
import { RULE_FACTS } from './rules/catalogue.js';

describe('validateCin', () => {
  it("reports each finding with the DfE table, message and fields, the child's row and LAchildID", () => {
    const { ret, seeded } = generateCin({ children: 30, year: 2026, seed: 8, errors: [{ rule: '8600' }] });
    const [f] = validateCin(ret, { rules: ['8600'] });
    const row = seeded[0]!.row!;
    expect(f).toEqual({
      rule: '8600',
      table: 'CINdetails',
      row,
      childId: ret.children[row - 1]!.identifiers.LAchildID,
      fields: ['CINreferralDate'],
      message: 'Child referral date missing or after data collection period',
    });
  });

  it('names GenderCurrent in the fields for the years whose schema calls it so', () => {
    const { ret } = generateCin({ children: 10, year: 2024, seed: 2, errors: [{ rule: '4180' }] });
    expect(validateCin(ret, { rules: ['4180'] })[0]!.fields).toEqual(['GenderCurrent']);
  });

  it('runs the rules DfE lists for the year', () => {
    expect(cinRulesFor(2023).map((r) => r.code)).not.toContain('1570');
    expect(cinRulesFor(2025).map((r) => r.code)).toContain('1570');
    expect(CIN_RULES.map((r) => r.code).sort()).toEqual([...RULE_FACTS.keys()].sort());
    const { ret } = generateCin({ children: 10, year: 2023, seed: 2, errors: [{ rule: '1570' }] });
    expect(validateCin(ret).filter((f) => f.rule === '1570')).toEqual([]);
  });

  it('refuses rule codes DfE does not have', () => {
    const { ret } = generateCin({ children: 1, year: 2026, seed: 1 });
    expect(() => validateCin(ret, { rules: ['9999'] })).toThrow(/Not CIN census rule codes: 9999/);
  });

  it('counts "minus n working days" with the day itself as day 1 by default, or not', () => {
    // 31 March 2025 is a Monday; 45 working days back counting it is 28 January, not counting it 27 January.
    expect(dateText(minusWorkingDays('2025-03-31', 45, true))).toBe('2025-01-28');
    expect(dateText(minusWorkingDays('2025-03-31', 45, false))).toBe('2025-01-27');
    const { ret } = generateCin({ children: 1, year: 2025, seed: 1 });
    const c = ret.children[0]!;
    c.cinDetails = [
      {
        ...c.cinDetails[0]!,
        CINclosureDate: null,
        ReasonForClosure: null,
        ReferralNFA: '0',
        PrimaryNeedCode: 'N1',
        CINreferralDate: '2025-01-02',
        Assessments: [
          {
            AssessmentActualStartDate: '2025-01-27',
            AssessmentInternalReviewDate: null,
            AssessmentAuthorisationDate: null,
            AssessmentFactors: [],
          },
        ],
        CINPlanDates: [],
        Section47: [],
        ChildProtectionPlans: [],
      },
    ];
    expect(validateCin(ret, { rules: ['8670Q'] })).toHaveLength(1);
    expect(validateCin(ret, { rules: ['8670Q'], workingDayCounting: 'exclusive' })).toHaveLength(0);
  });

  it('validates a return read from a file the same as the return written', async () => {
    const { writeCin } = await import('./write.js');
    const { ret } = generateCin({
      children: 200,
      year: 2025,
      seed: 12,
      errors: cinRulesFor(2025)
        .filter((r) => r.code !== '100')
        .map((r) => ({ rule: r.code })),
    });
    expect(validateCin(readCin(writeCin(ret), { file: 'x.xml' }))).toEqual(validateCin(ret));
  });
});
