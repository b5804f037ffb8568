/**
 * For the 903 tests: tiny returns built in memory, rows for them, and ways to run a rule
 * on them and say which rows it flags, as "Table row" strings ("Episodes 2",
 * "Header_last 1").
 *
 * `build903({ Header: [child('A', '01/01/2015')] })`: columns a row leaves out are blank,
 * cells are trimmed and '' becomes null, as the reader does.
 */
import { describe, expect, it } from 'vitest';
import type { Reference903, Return903, Row, Table903, TableName, Tables903 } from './model.js';
import type { Rule903 } from './rule.js';
import { columnsFor, LATEST_YEAR } from './tables.js';

// ---------------------------------------------------------------------------
// Returns

export type RowInput = Readonly<Record<string, string | null | undefined>>;
export type TablesInput = Partial<Record<TableName, readonly RowInput[]>>;

export interface BuildOptions {
  /** Year the collection ends; 2026 (the 2025/26 return: 1 April 2025 to 31 March 2026) unless given. */
  year?: number;
  previous?: TablesInput;
  reference?: Reference903;
}

export const DEFAULT_TEST_YEAR = 2026;

export function build903(current: TablesInput, options: BuildOptions = {}): Return903 {
  const year = options.year ?? DEFAULT_TEST_YEAR;
  return {
    collectionYear: year,
    current: tables(current, year, ''),
    previous: tables(options.previous ?? {}, year - 1, ' (last year)'),
    reference: options.reference ?? {},
    notices: [],
  };
}

function tables(input: TablesInput, year: number, suffix: string): Tables903 {
  const out: Tables903 = {};
  for (const [name, rows] of Object.entries(input) as [TableName, readonly RowInput[]][]) {
    const cols = columnsFor(name, Math.min(Math.max(year, 2023), LATEST_YEAR));
    const table: Table903 = { name, file: `${name}${suffix}`, rows: rows.map((r) => row(r, cols)) };
    out[name] = table;
  }
  return out;
}

function row(input: RowInput, columns: readonly string[]): Row {
  const out: Record<string, string | null> = {};
  for (const c of columns) out[c] = null;
  for (const [k, v] of Object.entries(input)) {
    const t = v == null ? null : v.trim();
    out[k.toUpperCase()] = t === '' ? null : t;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Rows

/** A child's Header row: a boy, White British, with a UPN, unless given. */
export function child(id: string, dob: string, more: RowInput = {}): RowInput {
  return { CHILD: id, SEX: 'M', DOB: dob, ETHNIC: 'WBRI', UPN: 'A123456789012', ...more };
}

/** An episode of care: a foster placement (U1) under a care order with the authority's own provider, unless given. */
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

/**
 * C1, the looked after child most table-driven cases change one thing about: a boy of 13
 * at 31 March 2026, looked after since May 2024 in foster care (U4) with a registered
 * provider (URN 1234567), placed from TW9 9EQ at TW10 6AA, in the twelve-month cohort. Each
 * of his rows passes every rule.
 */
export const c1 = {
  header: (o: RowInput = {}): RowInput => child('C1', '01/06/2012', o),
  episode: (o: RowInput = {}): RowInput =>
    episode('C1', '01/05/2024', { PLACE: 'U4', HOME_POST: 'TW9 9EQ', PL_POST: 'TW10 6AA', URN: '1234567', ...o }),
  /** His OC2 row, every item completed. */
  oc2: (o: RowInput = {}): RowInput => ({
    CHILD: 'C1',
    DOB: '01/06/2012',
    SDQ_SCORE: '12',
    CONVICTED: '0',
    IMMUNISATIONS: '1',
    TEETH_CHECK: '1',
    HEALTH_ASSESSMENT: '1',
    SUBSTANCE_MISUSE: '0',
    ...o,
  }),
};

// ---------------------------------------------------------------------------
// Running rules

/** The rows a rule flags on a return. */
export function findings(rule: Rule903, ret: Return903): string[] {
  return rule.validate(ret).map((f) => `${f.table} ${f.row}`);
}

/** The rows a rule flags on a return built from these tables. */
export function flagged(rule: Rule903, tables: TablesInput, options: BuildOptions = {}): string[] {
  return findings(rule, build903(tables, options));
}

export interface RuleCase {
  /** What the failing return gets wrong, in words. */
  why: string;
  fails: Return903;
  /** Each row flagged ("Table row"), in any order. */
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
        expect(findings(rule!, c.fails).sort()).toEqual([...c.flagged].sort());
      });
      it('passes when it is right', () => {
        expect(rule!.validate(c.passes)).toEqual([]);
      });
    });
  }
}
