/**
 * Tiny in-memory 903 returns for tests: `build903({ Header: [{ CHILD: '1', SEX: 'M' }] })`.
 * Columns a row leaves out are blank, cells are trimmed and '' becomes null, as the reader does.
 */
import type { Reference903, Return903, Row, Table903, TableName, Tables903 } from './model.js';
import { columnsFor, LATEST_YEAR } from './tables.js';

export type RowInput = Readonly<Record<string, string | null | undefined>>;
export type TablesInput = Partial<Record<TableName, readonly RowInput[]>>;

export interface BuildOptions {
  /** Year the collection ends; 2026 (the 2025/26 return) unless given. */
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
