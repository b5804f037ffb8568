/**
 * What the 903 rules share: the collection year's dates, the codes the DfE's rules group
 * together, a child's rows in each table, each child's episodes in order and linked, the
 * cohorts the DfE defines (looked after in the year, for twelve months at 31 March), where
 * a placement is, and rules of the common shapes (a code not in the list, a date that is
 * not a date). Everything derived from a table is built once per table and shared.
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
  dayFor,
  derived,
  episodesInOrder,
  firstRowByChild,
  parseDate,
  rowsByChild,
} from '../values.js';

// ---------------------------------------------------------------------------
// The year, cells and codes

export const yearStart = (ret: Return903): Day => collectionStart(ret.collectionYear);
export const yearEnd = (ret: Return903): Day => collectionEnd(ret.collectionYear);

/** Is the value blank (null or empty)? */
export const blank = (v: string | null | undefined): v is null | undefined => v == null || v === '';

/** A code is one of a list. */
export function oneOf(v: string | null | undefined, codes: ReadonlySet<string>): boolean {
  return v != null && codes.has(v);
}

export const set = (...codes: string[]): ReadonlySet<string> => new Set(codes);

/** Temporary placements, which take no provider. */
export const TEMPORARY_PLACEMENTS = set('T0', 'T1', 'T2', 'T3', 'T4');
/** Short breaks (respite): a single short break (V3) or a series of them (V4). */
export const RESPITE = set('V3', 'V4');
/** Placed for adoption (with consent or under a placement order). */
export const PLACED_FOR_ADOPTION = set('A3', 'A4', 'A5', 'A6');
/** Reasons an episode ends that mean the child was adopted. */
export const ADOPTED = set('E11', 'E12');
export const FOSTER_PLACEMENTS = set('U1', 'U2', 'U3', 'U4', 'U5', 'U6');
/** The AD1 items and the OC3 (care leaver) items: a row with none of them filled in says nothing. */
export const ADOPTION_ITEMS = ['DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'] as const;
export const CARE_LEAVER_ITEMS = ['IN_TOUCH', 'ACTIV', 'ACCOM'] as const;
/** The OC2 items collected for children looked after for twelve months. */
export const OC2_ITEMS = [
  'CONVICTED',
  'HEALTH_CHECK',
  'IMMUNISATIONS',
  'TEETH_CHECK',
  'HEALTH_ASSESSMENT',
  'SUBSTANCE_MISUSE',
  'INTERVENTION_RECEIVED',
  'INTERVENTION_OFFERED',
] as const;

/** Codes for a UPN that is not known (DfE 903 guide, "Unknown UPN"): UN1 to UN5 say why a child has none. */
export const UNKNOWN_UPN = set('UN1', 'UN2', 'UN3', 'UN4', 'UN5');

/** Is the sex code female (2 before 2024/25, F from then)? */
export const isFemale = (sex: string | null | undefined): boolean => sex === '2' || sex === 'F';
export const isMale = (sex: string | null | undefined): boolean => sex === '1' || sex === 'M';
/** The code for female in a collection year: 2 until 2023/24, F from 2024/25. */
export const femaleCode = (year: number): string => (year >= 2025 ? 'F' : '2');

// ---------------------------------------------------------------------------
// A table's rows, and a child's

/** Calls `check` for each row of a table, when the table was given. */
export function eachRow(t: Table903 | undefined, check: (row: Row, i: number, t: Table903) => void): void {
  if (!t) return;
  for (let i = 0; i < t.rows.length; i++) check(t.rows[i]!, i, t);
}

/** Children (CHILD values) of a table, as a set. */
export function childrenOf(table: Table903 | undefined): ReadonlySet<string> {
  if (!table) return EMPTY;
  return derived(table, 'children', () => new Set(rowsByChild(table).keys()));
}
const EMPTY: ReadonlySet<string> = new Set();

/** The child's first row in a table (e.g. the Header row), or undefined. */
export function rowOf(table: Table903 | undefined, child: string | null): Row | undefined {
  if (!table || child == null) return undefined;
  const i = firstRowByChild(table).get(child);
  return i === undefined ? undefined : table.rows[i];
}

/** The child's row indexes in a table (file order), or none. */
export function childRows(table: Table903 | undefined, child: string | null): readonly number[] {
  if (!table || child == null) return NONE;
  return rowsByChild(table).get(child) ?? NONE;
}
const NONE: readonly number[] = [];

/** The child's Header row index, or undefined. */
export function headerIndex(ret: Return903, child: string | null | undefined): number | undefined {
  const header = ret.current.Header;
  if (!header || child == null) return undefined;
  return firstRowByChild(header).get(child);
}

/** The child's date of birth from the Header (NaN when absent or not a date). */
export function dobOf(ret: Return903, child: string | null | undefined): number {
  return dayFor(ret.current.Header, 'DOB', child ?? null);
}

/** Day the child turns `years` old (NaN when the date of birth is unknown). */
export function birthday(dob: number, years: number): number {
  return Number.isNaN(dob) ? NaN : addYears(dob, years);
}

/** Completed years of age on a day (NaN when either date is unknown). */
export function ageAt(dob: number, on: number): number {
  return Number.isNaN(dob) || Number.isNaN(on) ? NaN : ageOn(dob, on);
}

// ---------------------------------------------------------------------------
// Episodes and periods of care

/** Each child's episodes in date order (row indexes into Episodes). */
export function childEpisodes(ret: Return903): ReadonlyMap<string, readonly number[]> {
  const eps = ret.current.Episodes;
  return eps ? episodesInOrder(eps) : new Map();
}

/**
 * For each episode row: the index of the child's previous and next episode in date
 * order (-1 when none), the child's first and last episode.
 */
export interface EpisodeLinks {
  prev: Int32Array;
  next: Int32Array;
  /** Row index of each child's first and last episode by start date. */
  first: ReadonlyMap<string, number>;
  last: ReadonlyMap<string, number>;
}

export function episodeLinks(episodes: Table903): EpisodeLinks {
  return derived(episodes, 'episodeLinks', () => {
    const n = episodes.rows.length;
    const prev = new Int32Array(n).fill(-1);
    const next = new Int32Array(n).fill(-1);
    const first = new Map<string, number>();
    const last = new Map<string, number>();
    for (const [child, order] of episodesInOrder(episodes)) {
      for (let k = 0; k < order.length; k++) {
        if (k > 0) prev[order[k]!] = order[k - 1]!;
        if (k < order.length - 1) next[order[k]!] = order[k + 1]!;
      }
      first.set(child, order[0]!);
      last.set(child, order[order.length - 1]!);
    }
    return { prev, next, first, last };
  });
}

/** The child's episode in which a day falls (started on or before it, and open or ended on or after it), or -1. */
export function episodeOn(eps: Table903, order: readonly number[], day: number): number {
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  for (const i of order) if (decom[i]! <= day && (Number.isNaN(dec[i]!) || day <= dec[i]!)) return i;
  return -1;
}

/**
 * Whether something that happened to a looked-after child (a missing period, a
 * deprivation of liberty order) ended while the child was still looked after: its end
 * date falls in an episode of care, or, with no end date, the period of care it began
 * in is still open (each episode followed by one starting by the day it ended, the last
 * open). True when the child has no episodes or the start is unknown: nothing to say.
 */
export function endsInCare(eps: Table903, child: string | null, start: number, end: number): boolean {
  const order = child == null ? undefined : episodesInOrder(eps).get(child);
  if (!order || Number.isNaN(start)) return true;
  if (!Number.isNaN(end)) return episodeOn(eps, order, end) >= 0;
  let e = episodeOn(eps, order, start);
  if (e < 0) return false;
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  const { next } = episodeLinks(eps);
  // Care continues when the next episode starts by the day this one ended.
  while (next[e]! >= 0 && decom[next[e]!]! <= dec[e]!) e = next[e]!;
  return Number.isNaN(dec[e]!);
}

// ---------------------------------------------------------------------------
// Cohorts

/** Children looked after at some time in the year: an episode open at its start or later. */
export function lookedAfterInYear(ret: Return903): ReadonlySet<string> {
  const eps = ret.current.Episodes;
  if (!eps) return new Set();
  return derived(eps, `inYear:${ret.collectionYear}`, () => {
    const start = yearStart(ret);
    const dec = dates(eps, 'DEC');
    const out = new Set<string>();
    eps.rows.forEach((r, i) => {
      if ((blank(r.DEC) || dec[i]! >= start) && !blank(r.CHILD)) out.add(r.CHILD);
    });
    return out;
  });
}

/** Children recorded as unaccompanied asylum-seeking, this year or last. */
export function uascChildren(ret: Return903): ReadonlySet<string> {
  const a = childrenOf(ret.current.UASC);
  const b = childrenOf(ret.previous.UASC);
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

// ---------------------------------------------------------------------------
// Where a placement is

/** A placement's distance from home (miles), authority and location, as the DfE derives them. */
export interface PlacementPlace {
  /** Straight-line miles between the home and placement postcodes, to one decimal place. */
  distance: number | null;
  /** Upper-tier authority (ONS code) of the placement postcode. */
  la: string | null;
  /** IN when placed in the returning authority, OUT otherwise. */
  location: 'IN' | 'OUT' | null;
}

/** The mile the DfE's derived distances use (rounded), so they agree to the tenth. */
const METRES_PER_MILE = 1609.3;

/**
 * PL_DISTANCE, PL_LA and PL_LOCATION of each episode row. A row that carries these
 * columns (an XML return, a test) is taken as written; otherwise they come from the
 * postcodes, through the reference postcode directory and the returning authority's
 * code. Null where the data to derive them is missing.
 */
export function placementPlaces(ret: Return903, episodes: Table903): readonly PlacementPlace[] {
  return derived(episodes, 'placementPlaces', () => {
    const lookup = ret.reference.postcodes;
    const own = ret.reference.localAuthority ?? null;
    return episodes.rows.map((row) => {
      const home = lookup && !blank(row.HOME_POST) ? lookup(row.HOME_POST) : undefined;
      const placed = lookup && !blank(row.PL_POST) ? lookup(row.PL_POST) : undefined;
      let distance: number | null = null;
      if ('PL_DISTANCE' in row) {
        const d = !blank(row.PL_DISTANCE) ? Number(row.PL_DISTANCE) : NaN;
        distance = Number.isFinite(d) ? d : null;
      } else if (home && placed) {
        const metres = Math.hypot(home.easting - placed.easting, home.northing - placed.northing);
        distance = Math.round((metres / METRES_PER_MILE) * 10) / 10;
      }
      const la = 'PL_LA' in row ? (row.PL_LA ?? null) : (placed?.laCode ?? null);
      let location: 'IN' | 'OUT' | null = null;
      if ('PL_LOCATION' in row) location = row.PL_LOCATION === 'IN' || row.PL_LOCATION === 'OUT' ? row.PL_LOCATION : null;
      else if (la && own) location = la === own ? 'IN' : 'OUT';
      return { distance, la, location };
    });
  });
}

/** Whether the episode rows' places can be known (postcodes or the columns themselves). */
export function canPlace(ret: Return903, episodes: Table903): boolean {
  if (ret.reference.postcodes) return true;
  const r = episodes.rows[0];
  return r !== undefined && ('PL_DISTANCE' in r || 'PL_LA' in r);
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
