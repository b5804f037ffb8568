/**
 * For rule tests: a looked after child's rows that pass every rule, to change one thing
 * at a time, and a runner that checks each rule flags exactly the rows it should on a
 * failing return and nothing on a passing one.
 */
import { describe, expect, it } from 'vitest';
import type { Return903 } from '../model.js';
import type { Rule903 } from '../rule.js';
import type { RowInput } from '../test-factory.js';

/** A boy of 13 at 31 March 2026, looked after since May 2024 in foster care. */
export const header = (o: RowInput = {}): RowInput => ({
  CHILD: 'C1',
  SEX: 'M',
  DOB: '01/06/2012',
  ETHNIC: 'WBRI',
  UPN: 'A123456789012',
  ...o,
});

export const episode = (o: RowInput = {}): RowInput => ({
  CHILD: 'C1',
  DECOM: '01/05/2024',
  RNE: 'S',
  LS: 'C2',
  CIN: 'N1',
  PLACE: 'U4',
  PLACE_PROVIDER: 'PR1',
  HOME_POST: 'TW9 9EQ',
  PL_POST: 'TW10 6AA',
  URN: '1234567',
  ...o,
});

/** OC2 for a child in the twelve-month cohort, all items completed. */
export const health = (o: RowInput = {}): RowInput => ({
  CHILD: 'C1',
  DOB: '01/06/2012',
  SDQ_SCORE: '12',
  CONVICTED: '0',
  IMMUNISATIONS: '1',
  TEETH_CHECK: '1',
  HEALTH_ASSESSMENT: '1',
  SUBSTANCE_MISUSE: '0',
  ...o,
});

export interface RuleCase {
  /** What the failing return gets wrong, in words. */
  why: string;
  fails: Return903;
  /** "Table:row" of each finding expected, in any order. */
  flagged: string[];
  passes: Return903;
}

/** Runs each case against its rule; also checks every rule given has a case. */
export function checkRules(rules: readonly Rule903[], cases: Readonly<Record<string, RuleCase>>): void {
  it('has a passing and a failing case for every rule', () => {
    expect(Object.keys(cases).sort()).toEqual(rules.map((r) => r.code).sort());
  });
  for (const [code, c] of Object.entries(cases)) {
    const rule = rules.find((r) => r.code === code);
    describe(`rule ${code}`, () => {
      it(`flags ${c.why}`, () => {
        const found = rule!.validate(c.fails).map((f) => `${f.table}:${f.row}`);
        expect(found.sort()).toEqual([...c.flagged].sort());
      });
      it('passes when it is right', () => {
        expect(rule!.validate(c.passes)).toEqual([]);
      });
    });
  }
}
