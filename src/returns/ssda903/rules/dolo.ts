/**
 * Deprivation of liberty order (DoLO) rules 700-710, from the 2026/27 return: valid and
 * ordered dates within the year, no overlaps, carried over from last year, ended when
 * care ends, and placements where such an order is expected.
 */
import type { Return903, Table903 } from '../model.js';
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { dates, episodesInOrder, parseDate, rowsByChild } from '../values.js';
import { blank, childRows, endsInCare, set, yearEnd, yearStart } from './helpers.js';

function eachOrder(code: string, wrong: (ret: Return903, dolo: Table903, i: number) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const dolo = ret.current.DoLo;
    if (!dolo) return;
    for (let i = 0; i < dolo.rows.length; i++) if (wrong(ret, dolo, i)) flag(dolo, i);
  });
}

// An order has a start date: blank is not a valid date either.
export const rule700 = eachOrder('700', (_r, d, i) => parseDate(d.rows[i]!.DOLO_START) === null);
export const rule701 = eachOrder('701', (_r, d, i) => !blank(d.rows[i]!.DOLO_END) && parseDate(d.rows[i]!.DOLO_END) === null);
// An order ending the day it started has not run at all.
export const rule702 = eachOrder('702', (_r, d, i) => dates(d, 'DOLO_END')[i]! <= dates(d, 'DOLO_START')[i]!);
export const rule703 = eachOrder('703', (r, d, i) => dates(d, 'DOLO_START')[i]! > yearEnd(r));
export const rule704 = eachOrder('704', (r, d, i) => {
  const end = dates(d, 'DOLO_END')[i]!;
  return end < yearStart(r) || end > yearEnd(r);
});
export const rule708 = eachOrder('708', (_r, d, i) => dates(d, 'DOLO_START')[i]! < dates(d, 'DOB')[i]!);

export const rule705 = defineRule('705', (ret, flag) => {
  const dolo = ret.current.DoLo;
  if (!dolo) return;
  const start = dates(dolo, 'DOLO_START');
  const end = dates(dolo, 'DOLO_END');
  for (const rows of rowsByChild(dolo).values()) {
    const order = rows.filter((i) => !Number.isNaN(start[i]!)).sort((a, b) => start[a]! - start[b]! || a - b);
    for (let k = 1; k < order.length; k++) {
      const before = order[k - 1]!;
      // Starts while the one before is open, or before it ended.
      if (Number.isNaN(end[before]!) || start[order[k]!]! < end[before]!) flag(dolo, order[k]!);
    }
  }
});

export const rule706 = defineRule('706', (ret, flag) => {
  const dolo = ret.current.DoLo;
  const last = ret.previous.DoLo;
  if (!dolo || !last) return;
  const start = dates(dolo, 'DOLO_START');
  const lastStart = dates(last, 'DOLO_START');
  last.rows.forEach((r, j) => {
    if (!blank(r.DOLO_END) || Number.isNaN(lastStart[j]!)) return;
    const all = childRows(dolo, r.CHILD ?? null);
    if (all.length === 0 || all.some((i) => start[i] === lastStart[j])) return;
    // This year's first order should be the one carried over.
    const dated = all.filter((i) => !Number.isNaN(start[i]!));
    flag(dolo, dated.length ? dated.reduce((a, b) => (start[b]! < start[a]! ? b : a)) : all[0]!);
  });
});

/** An order ends while the child is looked after: its end in an episode of care, or, open, in a period of care still open. */
export const rule707 = defineRule('707', (ret, flag) => {
  const dolo = ret.current.DoLo;
  const eps = ret.current.Episodes;
  if (!dolo || !eps) return;
  dolo.rows.forEach((r, i) => {
    if (!endsInCare(eps, r.CHILD ?? null, dates(dolo, 'DOLO_START')[i]!, dates(dolo, 'DOLO_END')[i]!)) flag(dolo, i);
  });
});

/** Placements a DoLO is expected in: children's homes and the placements for children whose liberty is restricted. */
const EXPECTED = set('K2', 'Z12', 'Z13');
/** Secure children's homes, with parents, young offender institutions, supported accommodation. */
const FORBIDDEN = set('K1', 'P1', 'R5', 'K3');

/** Each DoLO against the child's episodes it overlaps; flags the order and the episodes whose placement is wrong. */
function placementDuring(code: string, wrong: (place: string | null) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const dolo = ret.current.DoLo;
    const eps = ret.current.Episodes;
    if (!dolo || !eps) return;
    const start = dates(dolo, 'DOLO_START');
    const end = dates(dolo, 'DOLO_END');
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    const orders = episodesInOrder(eps);
    dolo.rows.forEach((r, d) => {
      if (Number.isNaN(start[d]!)) return;
      const until = Number.isNaN(end[d]!) ? Infinity : end[d]!;
      for (const i of orders.get(r.CHILD ?? '') ?? []) {
        const epEnd = Number.isNaN(dec[i]!) ? Infinity : dec[i]!;
        if (decom[i]! <= until && start[d]! <= epEnd && wrong(eps.rows[i]!.PLACE ?? null)) {
          flag(dolo, d);
          flag(eps, i);
        }
      }
    });
  });
}

export const rule709 = placementDuring('709', (place) => place === null || !EXPECTED.has(place));
export const rule710 = placementDuring('710', (place) => place !== null && FORBIDDEN.has(place));

export const doloRules: Rule903[] = [rule700, rule701, rule702, rule703, rule704, rule705, rule706, rule707, rule708, rule709, rule710];
