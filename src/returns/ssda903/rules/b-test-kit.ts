/**
 * Shorthand for the rule tests from 406 on: run one rule on a tiny return and say
 * which rows it flags, as "Table row" strings ("Episodes 2", "Header_last 1").
 */
import type { Reference903 } from '../model.js';
import type { Rule903 } from '../rule.js';
import { build903 } from '../test-factory.js';
import type { RowInput, TablesInput } from '../test-factory.js';

export interface StoryOptions {
  /** Year the collection ends (2026 unless given: 1 April 2025 to 31 March 2026). */
  year?: number;
  previous?: TablesInput;
  reference?: Reference903;
}

export function flagged(rule: Rule903, tables: TablesInput, options: StoryOptions = {}): string[] {
  const ret = build903(tables, options);
  return rule.validate(ret).map((f) => `${f.table} ${f.row}`);
}

/** A child's Header row: sex, date of birth and a UPN unless given. */
export function child(id: string, dob: string, more: RowInput = {}): RowInput {
  return { CHILD: id, SEX: 'M', DOB: dob, ETHNIC: 'WBRI', UPN: 'A123456789012', ...more };
}

/** An episode of care: a foster placement under a care order unless given. */
export function episode(id: string, decom: string, more: RowInput = {}): RowInput {
  return {
    CHILD: id,
    DECOM: decom,
    RNE: 'S',
    LS: 'C2',
    CIN: 'N1',
    PLACE: 'U1',
    PLACE_PROVIDER: 'PR1',
    HOME_POST: 'AB1 1AA',
    PL_POST: 'AB1 2AA',
    URN: 'SC123456',
    ...more,
  };
}

/** Postcodes on a grid: "AB1 1AA" at the origin, others by `places`; "XX" is the returning authority. */
export function postcodes(places: Record<string, [laCode: string, eastingMiles: number, northingMiles: number]>): Reference903 {
  const m = new Map(Object.entries(places).map(([pc, [laCode, e, n]]) => [pc, { laCode, easting: e * 1609.3, northing: n * 1609.3 }]));
  return { localAuthority: 'E09000001', postcodes: (pc) => m.get(pc) };
}
