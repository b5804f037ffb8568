/**
 * Episode rules that compare this year's return with last year's: the episode open
 * at the end of last year must carry on, unchanged, as this year's first episode.
 */
import type { Return903, Row, Table903 } from '../model.js';
import { defineRule } from '../rule.js';
import type { Flag, Rule903 } from '../rule.js';
import { dates } from '../values.js';
import { childrenOf, episodeLinks, placementPlaces, canPlace, yearStart } from './b-helpers.js';

/**
 * For each child with episodes this year whose last episode in last year's return
 * was still open: this year's first episode and that open episode (row indexes).
 */
function carriedOver(ret: Return903): { eps: Table903; last: Table903; pairs: [number, number][] } | undefined {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return undefined;
  const lastLinks = episodeLinks(last);
  const pairs: [number, number][] = [];
  for (const [child, first] of episodeLinks(eps).first) {
    const j = lastLinks.last.get(child);
    if (j === undefined || last.rows[j]!.DEC != null) continue;
    pairs.push([first, j]);
  }
  return { eps, last, pairs };
}

export const r502 = defineRule('502', (ret, flag) => {
  const c = carriedOver(ret);
  if (!c) return;
  const decom = dates(c.eps, 'DECOM');
  const lastDecom = dates(c.last, 'DECOM');
  for (const [i, j] of c.pairs) if (decom[i] !== lastDecom[j]) flag(c.eps, i);
});

/** The first episode this year differs from last year's open episode in one field. */
function sameAsLastYear(code: string, differs: (ret: Return903, now: Table903, i: number, before: Table903, j: number) => boolean): Rule903 {
  return defineRule(code, (ret, flag: Flag) => {
    const c = carriedOver(ret);
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

export const r503A = sameAsLastYear('503A', field('RNE'));
export const r503B = sameAsLastYear('503B', field('LS'));
export const r503C = sameAsLastYear('503C', field('CIN'));
export const r503D = sameAsLastYear('503D', field('PLACE'));
export const r503E = sameAsLastYear('503E', field('PLACE_PROVIDER'));
export const r503F = sameAsLastYear('503F', field('URN'));
export const r503G = sameAsLastYear('503G', place('distance'));
export const r503H = sameAsLastYear('503H', place('la'));
export const r503J = sameAsLastYear('503J', place('location'));
export const r452 = sameAsLastYear('452', place('la'));
export const r453 = sameAsLastYear('453', place('distance'));

export const r562 = defineRule('562', (ret, flag) => {
  const eps = ret.current.Episodes;
  const last = ret.previous.Episodes;
  if (!eps || !last) return;
  const start = yearStart(ret);
  const decom = dates(eps, 'DECOM');
  const lastDecom = dates(last, 'DECOM');
  const lastStarts = new Set<string>();
  last.rows.forEach((row, j) => lastStarts.add(`${row.CHILD}\u0000${lastDecom[j]}`));
  for (const i of episodeLinks(eps).first.values()) {
    if (decom[i]! < start && !lastStarts.has(`${eps.rows[i]!.CHILD}\u0000${decom[i]}`)) flag(eps, i);
  }
});

export const rNoE = defineRule('NoE', (ret, flag) => {
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

export const lastYearEpisodeRules: Rule903[] = [
  r452, r453, r502, r503A, r503B, r503C, r503D, r503E, r503F, r503G, r503H, r503J, r562, rNoE,
];
