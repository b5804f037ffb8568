/**
 * Shared readings of a 903 return used by the rules from 406 on: where a placement
 * is (distance from home, authority, in or out of area), periods of care, and small
 * lookups across tables by child. Each is computed once per table and reused.
 */
import type { Return903, Row, Table903, TableName } from '../model.js';
import { collectionEnd, collectionStart, dates, derived, episodesInOrder, firstRowByChild, rowsByChild } from '../values.js';

// ---------------------------------------------------------------------------
// Tables

/** A table of this year's return, when given and not empty of rows' columns. */
export function cur(ret: Return903, name: TableName): Table903 | undefined {
  return ret.current[name];
}

/** Last year's table, when given. */
export function prev(ret: Return903, name: TableName): Table903 | undefined {
  return ret.previous[name];
}

/** Children (CHILD values) of a table, as a set. */
export function childrenOf(table: Table903 | undefined): ReadonlySet<string> {
  if (!table) return EMPTY;
  return derived(table, 'b:children', () => new Set(rowsByChild(table).keys()));
}
const EMPTY: ReadonlySet<string> = new Set();

/** The child's first row in a table (e.g. the Header row), or undefined. */
export function rowOf(table: Table903 | undefined, child: string | null): Row | undefined {
  if (!table || child == null) return undefined;
  const i = firstRowByChild(table).get(child);
  return i === undefined ? undefined : table.rows[i];
}

/** The child's row indexes in a table (file order), or none. */
export function rowsOf(table: Table903 | undefined, child: string | null): readonly number[] {
  if (!table || child == null) return NONE;
  return rowsByChild(table).get(child) ?? NONE;
}
const NONE: readonly number[] = [];

export function isSet(v: string | null | undefined): v is string {
  return v != null && v !== '';
}

// ---------------------------------------------------------------------------
// Episodes

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
  return derived(episodes, 'b:links', () => {
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

/** A code is one of a list. */
export function oneOf(v: string | null | undefined, codes: ReadonlySet<string>): boolean {
  return v != null && codes.has(v);
}

export const set = (...codes: string[]): ReadonlySet<string> => new Set(codes);

/** Reasons an episode ends that mean the child was adopted. */
export const ADOPTED = set('E11', 'E12');
/** Placed for adoption (with consent or under a placement order). */
export const PLACED_FOR_ADOPTION = set('A3', 'A4', 'A5', 'A6');
/** Legal statuses of short breaks (respite). */
export const RESPITE = set('V3', 'V4');

/**
 * The day the child ceased to be looked after this year, when the child's last
 * episode ended in the year with a reason other than X1 (a new episode follows);
 * NaN otherwise.
 */
export function ceasedDay(ret: Return903, episodes: Table903, child: string): number {
  const i = episodeLinks(episodes).last.get(child);
  if (i === undefined) return NaN;
  const row = episodes.rows[i]!;
  if (!isSet(row.REC) || row.REC === 'X1') return NaN;
  return dates(episodes, 'DEC')[i]!;
}

export function yearStart(ret: Return903): number {
  return collectionStart(ret.collectionYear);
}
export function yearEnd(ret: Return903): number {
  return collectionEnd(ret.collectionYear);
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
  return derived(episodes, 'b:places', () => {
    const lookup = ret.reference.postcodes;
    const own = ret.reference.localAuthority ?? null;
    return episodes.rows.map((row) => {
      const home = lookup && isSet(row.HOME_POST) ? lookup(row.HOME_POST) : undefined;
      const placed = lookup && isSet(row.PL_POST) ? lookup(row.PL_POST) : undefined;
      let distance: number | null = null;
      if ('PL_DISTANCE' in row) {
        const d = isSet(row.PL_DISTANCE) ? Number(row.PL_DISTANCE) : NaN;
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
// Children looked after

/** Children recorded as unaccompanied asylum-seeking, this year or last. */
export function uascChildren(ret: Return903): ReadonlySet<string> {
  const a = childrenOf(ret.current.UASC);
  const b = childrenOf(ret.previous.UASC);
  if (b.size === 0) return a;
  return new Set([...a, ...b]);
}

/**
 * Children looked after continuously for twelve months at 31 March, as the OC2 rules
 * (543, 545, 546) read it: looked after on 31 March (an episode open then, or ending
 * that day), in a period of care that started (the latest "started to be looked after",
 * RNE S) on or before 1 April a year earlier, with no short-break episode (V3, V4) in it.
 */
export function twelveMonthCohort(ret: Return903): ReadonlySet<string> {
  const eps = ret.current.Episodes;
  if (!eps) return EMPTY;
  return derived(eps, `b:twelveMonths:${ret.collectionYear}`, () => {
    const start = yearStart(ret);
    const end = yearEnd(ret);
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    const out = new Set<string>();
    for (const [child, order] of episodesInOrder(eps)) {
      let k = -1;
      for (let j = order.length - 1; j >= 0; j--) {
        const i = order[j]!;
        if (decom[i]! <= end && (!isSet(eps.rows[i]!.DEC) || dec[i]! >= end)) {
          k = j;
          break;
        }
      }
      if (k < 0) continue;
      let s = k;
      while (s > 0 && eps.rows[order[s]!]!.RNE !== 'S') s--;
      let respite = false;
      for (let j = s; j <= k; j++) if (RESPITE.has(eps.rows[order[j]!]!.LS ?? '')) respite = true;
      if (!respite && decom[order[s]!]! <= start) out.add(child);
    }
    return out;
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
