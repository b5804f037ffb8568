/**
 * Reading 903 values: dates, ages, the collection year, code lists, and indexes of a
 * return's tables (by child, parsed date columns) built once and shared by every rule.
 */
import type { Row, Table903, TableName } from './model.js';
import { codesFor } from './tables.js';

// ---------------------------------------------------------------------------
// Dates

/**
 * A date as a day number: days since 1 January 1970. Integers compare and subtract
 * directly, so rules read as arithmetic ("DEC - DECOM > 21").
 */
export type Day = number;

/** Day number of a calendar date (proleptic Gregorian; month 1-12). */
export function dayOf(year: number, month: number, day: number): Day {
  // Days-from-civil (H. Hinnant): exact for any year, no Date objects.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Calendar date of a day number. */
export function civil(d: Day): { year: number; month: number; day: number } {
  const z = d + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * A 903 date as the DfE writes it, dd/mm/yyyy (one-digit day or month accepted), as a
 * day number; null when blank or not a real date (31/02/2024, 2024-03-31, "unknown").
 */
export function parseDate(s: string | null | undefined): Day | null {
  if (s == null) return null;
  const n = s.length;
  if (n < 8 || n > 10) return null;
  const slash1 = s.indexOf('/');
  const slash2 = slash1 < 0 ? -1 : s.indexOf('/', slash1 + 1);
  if (slash1 < 1 || slash1 > 2 || slash2 - slash1 < 2 || slash2 - slash1 > 3 || n - slash2 !== 5) return null;
  const day = digits(s, 0, slash1);
  const month = digits(s, slash1 + 1, slash2);
  const year = digits(s, slash2 + 1, n);
  if (day < 1 || month < 1 || month > 12 || year < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return dayOf(year, month, day);
}

/** The number written in s[from, to), or -1 when any character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** A postcode as a lookup key: capitals, no spaces ("tw10 6aa" and "TW106AA" are one postcode). */
export function compactPostcode(postcode: string): string {
  return postcode.replace(/\s+/g, '').toUpperCase();
}

/** dd/mm/yyyy, the DfE's format. */
export function formatDate(d: Day): string {
  const { year, month, day } = civil(d);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${String(year).padStart(4, '0')}`;
}

/** The same calendar day `years` later (29 February becomes 28 February in a common year). */
export function addYears(d: Day, years: number): Day {
  const { year, month, day } = civil(d);
  const y = year + years;
  return dayOf(y, month, Math.min(day, daysInMonth(y, month)));
}

/** The same day of the month `months` later (clamped to the month's last day). */
export function addMonths(d: Day, months: number): Day {
  const { year, month, day } = civil(d);
  const m0 = month - 1 + months;
  const y = year + Math.floor(m0 / 12);
  const m = (((m0 % 12) + 12) % 12) + 1;
  return dayOf(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Completed years of age on a day (a birthday counts on the day itself). */
export function ageOn(dob: Day, on: Day): number {
  const b = civil(dob);
  const o = civil(on);
  let age = o.year - b.year;
  if (o.month < b.month || (o.month === b.month && o.day < b.day)) age--;
  return age;
}

/** First day of the collection year ending 31 March `year`: 1 April of the year before. */
export function collectionStart(year: number): Day {
  return dayOf(year - 1, 4, 1);
}

/** Last day of the collection year: 31 March `year`. */
export function collectionEnd(year: number): Day {
  return dayOf(year, 3, 31);
}

// ---------------------------------------------------------------------------
// Cells

/** A cell's value, or null when the column is absent or the cell blank. */
export function cell(row: Row, column: string): string | null {
  return row[column] ?? null;
}

export function isBlank(v: string | null | undefined): v is null | undefined {
  return v == null || v === '';
}

// ---------------------------------------------------------------------------
// Code lists

const codeSets = new Map<string, ReadonlySet<string>>();

/** The valid codes of a coded column in a collection year, as a set. */
export function codeSet(table: TableName, column: string, year: number): ReadonlySet<string> {
  const key = `${year}:${table}:${column}`;
  let set = codeSets.get(key);
  if (!set) {
    set = new Set(codesFor(table, column, year));
    codeSets.set(key, set);
  }
  return set;
}

// ---------------------------------------------------------------------------
// Indexes, built once per table and shared by every rule

const caches = new WeakMap<Table903, Map<string, unknown>>();

/**
 * A value derived from a table, computed on first use and kept for as long as the
 * table is. Tables must not change once validation starts.
 */
export function derived<T>(table: Table903, key: string, build: () => T): T {
  let cache = caches.get(table);
  if (!cache) {
    cache = new Map();
    caches.set(table, cache);
  }
  // get first: rules call this row by row, and has() as well would look up the key twice.
  const known = cache.get(key);
  if (known !== undefined || cache.has(key)) return known as T;
  const value = build();
  cache.set(key, value);
  return value;
}

const dateCaches = new WeakMap<Table903, Map<string, Float64Array>>();

/**
 * A date column parsed once: day numbers, NaN where blank or invalid (so every comparison
 * with it is false). Rules call this inside loops over rows, so the lookup allocates nothing.
 */
export function dates(table: Table903, column: string): Float64Array {
  let columns = dateCaches.get(table);
  if (!columns) {
    columns = new Map();
    dateCaches.set(table, columns);
  }
  let out = columns.get(column);
  if (!out) {
    out = new Float64Array(table.rows.length);
    for (let i = 0; i < table.rows.length; i++) out[i] = parseDate(table.rows[i]![column]) ?? NaN;
    columns.set(column, out);
  }
  return out;
}

/**
 * Row indexes of each child, in file order. A row with no child identifier is no child's: it
 * is left out, so it is never taken as another such row's episode, Header row or record.
 */
export function rowsByChild(table: Table903): ReadonlyMap<string, readonly number[]> {
  return derived(table, 'byChild', () => {
    const map = new Map<string, number[]>();
    const rows = table.rows;
    for (let i = 0; i < rows.length; i++) {
      const child = rows[i]!.CHILD;
      if (child == null || child === '') continue;
      const list = map.get(child);
      if (list) list.push(i);
      else map.set(child, [i]);
    }
    return map;
  });
}

/** Each child's first row index (e.g. the child's Header row); rows with no child identifier left out. */
export function firstRowByChild(table: Table903): ReadonlyMap<string, number> {
  return derived(table, 'firstByChild', () => {
    const map = new Map<string, number>();
    const rows = table.rows;
    for (let i = 0; i < rows.length; i++) {
      const child = rows[i]!.CHILD;
      if (child == null || child === '') continue;
      if (!map.has(child)) map.set(child, i);
    }
    return map;
  });
}

/**
 * Each child's episodes in date order (by DECOM; episodes with no valid start last,
 * ties in file order): the order "previous" and "next" episode mean in the DfE rules.
 */
export function episodesInOrder(episodes: Table903): ReadonlyMap<string, readonly number[]> {
  return derived(episodes, 'episodesInOrder', () => {
    const decom = dates(episodes, 'DECOM');
    const order = (a: number, b: number) => byDay(decom[a]!, decom[b]!) || a - b;
    const out = new Map<string, readonly number[]>();
    rowsByChild(episodes).forEach((rows, child) => {
      // Most children's episodes are already in date order in the file: the same list
      // (neither is ever changed) serves, with no sort and no copy.
      out.set(child, inOrder(rows, order) ? rows : rows.slice().sort(order));
    });
    return out;
  });
}

/** Whether a list is already sorted by a strict order (one that ties nothing, as a row index breaks ties). */
export function inOrder(list: readonly number[], order: (a: number, b: number) => number): boolean {
  for (let k = 1; k < list.length; k++) if (!(order(list[k - 1]!, list[k]!) < 0)) return false;
  return true;
}

function byDay(a: number, b: number): number {
  const na = Number.isNaN(a);
  const nb = Number.isNaN(b);
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  return a - b;
}

/** A date column of a child's row in another table: e.g. the DOB from Header for an episode. */
export function dayFor(table: Table903 | undefined, column: string, child: string | null): number {
  if (!table || child == null) return NaN;
  const i = firstRowByChild(table).get(child);
  return i === undefined ? NaN : dates(table, column)[i]!;
}
