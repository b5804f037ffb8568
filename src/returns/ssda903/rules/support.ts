/**
 * What many 903 rules share: the collection year's dates, a child's date of birth and
 * periods of care, the cohorts the DfE defines (looked after for twelve months at
 * 31 March), and rules of the common shapes (a code not in the list, a date that is
 * not a date). Everything derived is built once per return and shared.
 */
import type { Return903, Row, Table903, TableName } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import {
  addYears,
  ageOn,
  codeSet,
  collectionEnd,
  collectionStart,
  dates,
  type Day,
  derived,
  episodesInOrder,
  firstRowByChild,
  parseDate,
} from '../values.js';

export const yearStart = (ret: Return903): Day => collectionStart(ret.collectionYear);
export const yearEnd = (ret: Return903): Day => collectionEnd(ret.collectionYear);

export const TEMPORARY_PLACEMENTS: ReadonlySet<string> = new Set(['T0', 'T1', 'T2', 'T3', 'T4']);
/** Short breaks (respite): a single short break (V3) or a series of them (V4). */
export const RESPITE: ReadonlySet<string> = new Set(['V3', 'V4']);
/** The AD1 items and the OC3 (care leaver) items: a row with none of them filled in says nothing. */
export const ADOPTION_ITEMS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const;
export const CARE_LEAVER_ITEMS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
export const PLACED_FOR_ADOPTION: ReadonlySet<string> = new Set(['A3', 'A4', 'A5', 'A6']);
export const ADOPTED: ReadonlySet<string> = new Set(['E11', 'E12']);
export const FOSTER_PLACEMENTS: ReadonlySet<string> = new Set(['U1', 'U2', 'U3', 'U4', 'U5', 'U6']);

/** Rows of a table, or none when the table was not given. */
export function rowsOf(table: Table903 | undefined): readonly Row[] {
  return table?.rows ?? [];
}

/** Is the value blank (null or empty)? */
export const blank = (v: string | null | undefined): v is null | undefined => v == null || v === '';

/** The child's date of birth from the Header (NaN when absent or not a date). */
export function dobOf(ret: Return903, child: string | null | undefined): number {
  const header = ret.current.Header;
  if (!header || child == null) return NaN;
  const i = firstRowByChild(header).get(child);
  return i === undefined ? NaN : dates(header, 'DOB')[i]!;
}

/** The child's Header row index, or undefined. */
export function headerIndex(ret: Return903, child: string | null | undefined): number | undefined {
  const header = ret.current.Header;
  if (!header || child == null) return undefined;
  return firstRowByChild(header).get(child);
}

/** Day the child turns `years` old (NaN when the date of birth is unknown). */
export function birthday(dob: number, years: number): number {
  return Number.isNaN(dob) ? NaN : addYears(dob, years);
}

/** Is the sex code female (2 before 2024/25, F from then)? */
export const isFemale = (sex: string | null | undefined): boolean => sex === '2' || sex === 'F';
export const isMale = (sex: string | null | undefined): boolean => sex === '1' || sex === 'M';
/** The code for female in a collection year: 2 until 2023/24, F from 2024/25. */
export const femaleCode = (year: number): string => (year >= 2025 ? 'F' : '2');

/** Children looked after at some time in the year: an episode open at its start or later. */
export function lookedAfterInYear(ret: Return903): ReadonlySet<string> {
  const eps = ret.current.Episodes;
  if (!eps) return new Set();
  return derived(eps, `inYear:${ret.collectionYear}`, () => {
    const start = yearStart(ret);
    const dec = dates(eps, 'DEC');
    const out = new Set<string>();
    eps.rows.forEach((r, i) => {
      if (blank(r.DEC) || dec[i]! >= start) out.add(r.CHILD ?? '');
    });
    return out;
  });
}

// ---------------------------------------------------------------------------
// Rules of the common shapes

export interface ColumnRuleOptions {
  /** A blank cell passes (the column may be left blank). Default false. */
  blankPasses?: boolean;
  /** Only rows that pass this are checked. */
  where?: (row: Row, ret: Return903) => boolean;
}

/** The value must be one of the year's codes for the column. */
export function codeRule(code: string, table: TableName, column: string, opts: ColumnRuleOptions = {}): Rule903 {
  return defineRule(code, (ret, flag) => {
    const t = ret.current[table];
    if (!t || !hasColumn(t, column)) return;
    const valid = codeSet(table, column, ret.collectionYear);
    t.rows.forEach((row, i) => {
      if (opts.where && !opts.where(row, ret)) return;
      const v = row[column];
      if (blank(v) ? !opts.blankPasses : !valid.has(v)) flag(t, i);
    });
  });
}

/** The value must be a real date written dd/mm/yyyy. */
export function dateRule(code: string, table: TableName, column: string, opts: ColumnRuleOptions = {}): Rule903 {
  return defineRule(code, (ret, flag) => {
    const t = ret.current[table];
    if (!t || !hasColumn(t, column)) return;
    t.rows.forEach((row, i) => {
      if (opts.where && !opts.where(row, ret)) return;
      const v = row[column];
      if (blank(v) ? !opts.blankPasses : parseDate(v) === null) flag(t, i);
    });
  });
}

/** Whether the table's rows carry the column at all (a table from another year may not). */
export function hasColumn(t: Table903, column: string): boolean {
  const first = t.rows[0];
  return first === undefined || column in first;
}

// ---------------------------------------------------------------------------
// Episodes and periods of care

/** Each child's episodes in date order (row indexes into Episodes). */
export function childEpisodes(ret: Return903): ReadonlyMap<string, readonly number[]> {
  const eps = ret.current.Episodes;
  return eps ? episodesInOrder(eps) : new Map();
}

/** Completed years of age on a day (NaN when either date is unknown). */
export function ageAt(dob: number, on: number): number {
  return Number.isNaN(dob) || Number.isNaN(on) ? NaN : ageOn(dob, on);
}

export { dates, firstRowByChild, parseDate };
