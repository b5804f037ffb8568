/**
 * Rules comparing a child's details (Header) and episodes with last year's return: sex,
 * date of birth, ethnicity, UPN, mother status and the first child's date of birth do not
 * change without reason, and the episode open at the end of last year carries on,
 * unchanged, as this year's first. Other tables are compared with last year's by their own
 * rules (uasc.ts, adoption.ts, missing.ts, dolo.ts, oc3.ts).
 */
import { defineRule, type Flag, type Rule903 } from '../rule.js';
import { blank, canPlace, childrenOf, episodeLinks, isFemale, isMale, placementPlaces, rowOf, UNKNOWN_UPN, yearStart } from './helpers.js';
import { dates, derived, firstRowByChild, parseDate, rowsByChild } from '../values.js';
import type { Return903, Row, Table903 } from '../model.js';

/** For each child in both years' Header tables: this year's and last year's row. */
function eachInBoth(ret: Return903, check: (cur: Row, last: Row, i: number, j: number, h: Table903, hl: Table903) => void): void {
  const h = ret.current.Header;
  const hl = ret.previous.Header;
  if (!h || !hl) return;
  const lastRows = firstRowByChild(hl);
  h.rows.forEach((row, i) => {
    const j = lastRows.get(row.CHILD ?? '');
    if (j !== undefined) check(row, hl.rows[j]!, i, j, h, hl);
  });
}

/**
 * Reports this year's Header row of a child in both years when it disagrees with any of
 * the child's rows last year (a child listed twice last year is compared with each row).
 */
function disagreesWithLastYear(ret: Return903, flag: (t: Table903, i: number) => void, differs: (cur: Row, last: Row) => boolean): void {
  const h = ret.current.Header;
  const hl = ret.previous.Header;
  if (!h || !hl) return;
  const lastRows = rowsByChild(hl);
  h.rows.forEach((row, i) => {
    const js = lastRows.get(row.CHILD ?? '');
    if (!js) return;
    for (const j of js) {
      if (differs(row, hl.rows[j]!)) {
        flag(h, i);
        return;
      }
    }
  });
}

/** Sex codes changed in 2024/25 (1/2 to M/F): compare the meaning, not the code. */
function sameSex(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a === b) return true;
  return (isMale(a) && isMale(b)) || (isFemale(a) && isFemale(b));
}

export const rule202 = defineRule('202', (ret, flag) => disagreesWithLastYear(ret, flag, (cur, last) => !sameSex(cur.SEX, last.SEX)));

export const rule203 = defineRule('203', (ret, flag) =>
  disagreesWithLastYear(ret, flag, (cur, last) => parseDate(cur.DOB) !== parseDate(last.DOB)),
);

export const rule204 = defineRule('204', (ret, flag) => disagreesWithLastYear(ret, flag, (cur, last) => cur.ETHNIC !== last.ETHNIC));

/** Once recorded as a mother, always a mother. */
export const rule207 = defineRule('207', (ret, flag) =>
  eachInBoth(ret, (cur, last, i, _j, h) => {
    if (last.MOTHER === '1' && cur.MOTHER !== '1') {
      flag(h, i);
    }
  }),
);

/**
 * The UPN recorded last year (a UPN, or a code saying why there is none) may change only
 * from UN1 (under school age) to another reason (UN2-UN5), or from any such code to a UPN.
 * Nothing was recorded when last year's UPN was blank.
 */
export const rule208 = defineRule('208', (ret, flag) =>
  disagreesWithLastYear(ret, flag, (cur, last) => {
    const before = last.UPN;
    const now = cur.UPN;
    if (blank(before) || now === before) return false;
    if (before === 'UN1' && now != null && /^UN[2-5]$/.test(now)) return false;
    return !(UNKNOWN_UPN.has(before) && !blank(now) && !UNKNOWN_UPN.has(now));
  }),
);

export const rule624 = defineRule('624', (ret, flag) => {
  const header = ret.current.Header;
  const last = ret.previous.Header;
  if (!header || !last) return;
  const mc = dates(header, 'MC_DOB');
  const lastRows = firstRowByChild(last);
  const lastMc = dates(last, 'MC_DOB');
  header.rows.forEach((row, i) => {
    const j = lastRows.get(row.CHILD ?? '');
    if (j === undefined) return;
    const recorded = last.rows[j]!.MC_DOB;
    if (recorded == null || recorded === '') return;
    // A date recorded last year that cannot be read as a date is still a record: anything else this year contradicts it.
    const differs = Number.isNaN(lastMc[j]!) ? (row.MC_DOB ?? '') !== recorded : lastMc[j] !== mc[i];
    if (differs) flag(header, i);
  });
});

export const rule626 = defineRule('626', (ret, flag) => {
  const header = ret.current.Header;
  const last = ret.previous.Header;
  if (!header || !last) return;
  const mc = dates(header, 'MC_DOB');
  const start = yearStart(ret);
  header.rows.forEach((row, i) => {
    if (row.MOTHER !== '1' || !(mc[i]! < start)) return;
    if (rowOf(last, row.CHILD ?? null)?.MOTHER === '0') flag(header, i);
  });
});

// ---------------------------------------------------------------------------
// The episode open at the end of last year

/**
 * Each child's last episode in last year's return: the one begun latest, of those whose
 * start is a date, and the first of them in the file when several began that day (as the
 * reference picks it). A child none of whose starts is a date: the child's last row.
 */
function latestEpisodes(last: Table903): ReadonlyMap<string, number> {
  return derived(last, 'latestEpisodes', () => findLatestEpisodes(last));
}

function findLatestEpisodes(last: Table903): ReadonlyMap<string, number> {
  const decom = dates(last, 'DECOM');
  const out = new Map<string, number>();
  for (const [child, rows] of rowsByChild(last)) {
    let best = rows[rows.length - 1]!;
    let bestDay = NaN;
    for (const j of rows) {
      if (decom[j]! > bestDay || (Number.isNaN(bestDay) && !Number.isNaN(decom[j]!))) {
        best = j;
        bestDay = decom[j]!;
      }
    }
    out.set(child, best);
  }
  return out;
}

/** Whether last year's episode was open at the end of the year. */
type Open = (last: Table903, j: number) => boolean;
/** No end date that is a date: blank, or one that cannot be read. */
const noEndDate: Open = (last, j) => Number.isNaN(dates(last, 'DEC')[j]!);
/** No end date given at all. */
const blankEndDate: Open = (last, j) => last.rows[j]!.DEC == null;

/**
 * For each child with episodes this year whose last episode in last year's return
 * was still open: this year's first episode and that open episode (row indexes).
 */
function carriedOver(ret: Return903, open: Open): { eps: Table903; last: Table903; pairs: [number, number][] } | undefined {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return undefined;
  // Eleven rules ask for the same pairs: worked out once for each pair of tables.
  const key = open === noEndDate ? 'carriedOver:noEndDate' : 'carriedOver:blankEndDate';
  const byLast = derived(eps, key, () => new WeakMap<Table903, [number, number][]>());
  let pairs = byLast.get(last);
  if (!pairs) {
    pairs = findCarriedOver(eps, last, open);
    byLast.set(last, pairs);
  }
  return { eps, last, pairs };
}

function findCarriedOver(eps: Table903, last: Table903, open: Open): [number, number][] {
  const latest = latestEpisodes(last);
  const pairs: [number, number][] = [];
  for (const [child, first] of episodeLinks(eps).first) {
    const j = latest.get(child);
    if (j === undefined || !open(last, j)) continue;
    pairs.push([first, j]);
  }
  return pairs;
}

/**
 * Every episode last year left with no end date is the one open at the end of the year,
 * so each must start when this year's first episode does (a stray second open episode
 * is reported too, as the reference does).
 */
export const rule502 = defineRule('502', (ret, flag) => {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return;
  const decom = dates(eps, 'DECOM');
  const lastDecom = dates(last, 'DECOM');
  const lastRows = rowsByChild(last);
  for (const [child, i] of episodeLinks(eps).first) {
    const rows = lastRows.get(child);
    if (!rows) continue;
    for (const j of rows) {
      if (blankEndDate(last, j) && !(decom[i] === lastDecom[j])) {
        flag(eps, i);
        break;
      }
    }
  }
});

/** The first episode this year differs from last year's open episode in one field. */
function sameAsLastYear(
  code: string,
  differs: (ret: Return903, now: Table903, i: number, before: Table903, j: number) => boolean,
  open: Open = noEndDate,
): Rule903 {
  return defineRule(code, (ret, flag: Flag) => {
    const c = carriedOver(ret, open);
    if (!c) return;
    for (const [i, j] of c.pairs) if (differs(ret, c.eps, i, c.last, j)) flag(c.eps, i);
  });
}

const field = (name: string) => (_ret: Return903, now: Table903, i: number, before: Table903, j: number) =>
  (now.rows[i]![name] ?? null) !== (before.rows[j]![name] ?? null);

type Place = 'distance' | 'la' | 'location';
const place = (what: Place) => (ret: Return903, now: Table903, i: number, before: Table903, j: number) => {
  if (!canPlace(ret, now)) return false;
  const a = placementPlaces(ret, now)[i]![what];
  const b = placementPlaces(ret, before)[j]![what];
  if (what !== 'distance') return a !== b;
  // A blank distance this year is reported by 392a; distances are to a tenth of a mile,
  // so only a difference of more than that is a contradiction.
  return a !== null && (b === null || Math.abs((a as number) - (b as number)) > 0.1 + 1e-9);
};

/**
 * Placement codes the DfE replaced between last year and this (year the collection ends):
 * the old code last year and one of its new codes this year is the same placement.
 * 2024/25: H5 became K3; 2025/26: Z1 was divided into Z11-Z14.
 */
const RECODED: Readonly<Record<number, readonly [string, ReadonlySet<string>]>> = {
  2025: ['H5', new Set(['K3'])],
  2026: ['Z1', new Set(['Z11', 'Z12', 'Z13', 'Z14'])],
};
const placementType = (ret: Return903, now: Table903, i: number, before: Table903, j: number) => {
  const recoded = RECODED[ret.collectionYear];
  const was = before.rows[j]!.PLACE;
  const is = now.rows[i]!.PLACE;
  if (recoded && was === recoded[0] && is != null && recoded[1].has(is)) return false;
  return placeDiffers(ret, now, i, before, j);
};
const placeDiffers = field('PLACE');

/** 452 and 453 compare the placement only when the episode carried on for the same reason. */
const sameReason =
  (differs: (ret: Return903, now: Table903, i: number, before: Table903, j: number) => boolean) =>
  (ret: Return903, now: Table903, i: number, before: Table903, j: number) =>
    (now.rows[i]!.RNE ?? null) === (before.rows[j]!.RNE ?? null) && differs(ret, now, i, before, j);

export const rule503A = sameAsLastYear('503A', field('RNE'));
export const rule503B = sameAsLastYear('503B', field('LS'));
export const rule503C = sameAsLastYear('503C', field('CIN'));
export const rule503D = sameAsLastYear('503D', placementType);
export const rule503E = sameAsLastYear('503E', field('PLACE_PROVIDER'));
export const rule503F = sameAsLastYear('503F', field('URN'));
export const rule503G = sameAsLastYear('503G', place('distance'));
export const rule503H = sameAsLastYear('503H', place('la'));
export const rule503J = sameAsLastYear('503J', place('location'));
export const rule452 = sameAsLastYear('452', sameReason(place('la')), blankEndDate);
export const rule453 = sameAsLastYear('453', sameReason(place('distance')));

export const rule562 = defineRule('562', (ret, flag) => {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return;
  const start = yearStart(ret);
  const decom = dates(eps, 'DECOM');
  const lastDecom = dates(last, 'DECOM');
  // The episode that continues into this year is the one last year's record ends with.
  const latest = latestEpisodes(last);
  for (const [child, i] of episodeLinks(eps).first) {
    // Rows with no child identifier are no one child's episodes.
    if (child === '' || !(decom[i]! < start)) continue;
    const j = latest.get(child);
    if (j === undefined || lastDecom[j] !== decom[i]) flag(eps, i);
  }
});

export const ruleNoE = defineRule('NoE', (ret, flag) => {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return;
  const start = yearStart(ret);
  const decom = dates(eps, 'DECOM');
  const before = childrenOf(last);
  eps.rows.forEach((row: Row, i) => {
    if (decom[i]! < start && !before.has(row.CHILD ?? '')) flag(eps, i);
  });
});

export const lastYearRules: Rule903[] = [
  rule202,
  rule203,
  rule204,
  rule207,
  rule208,
  rule452,
  rule453,
  rule502,
  rule503A,
  rule503B,
  rule503C,
  rule503D,
  rule503E,
  rule503F,
  rule503G,
  rule503H,
  rule503J,
  rule562,
  rule624,
  rule626,
  ruleNoE,
];
