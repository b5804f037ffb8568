/** Rules on adoption: the AD1 table, decisions to place for adoption (PlacedAdoption), and adoptive placements. */
import type { Return903 } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { ADOPTED, ADOPTION_ITEMS, blank, childEpisodes, codeRule, dateRule, dobOf, eachRow, FOSTER_PLACEMENTS, PLACED_FOR_ADOPTION, RESPITE, yearEnd, yearStart } from './helpers.js';
import { dates } from '../values.js';

export const rule112 = dateRule('112', 'AD1', 'DATE_INT', { blankPasses: true });
export const rule113 = dateRule('113', 'AD1', 'DATE_MATCH', { blankPasses: true });
export const rule114 = codeRule('114', 'AD1', 'FOSTER_CARE', { blankPasses: true });
export const rule115 = dateRule('115', 'PlacedAdoption', 'DATE_PLACED', { blankPasses: true });
export const rule116 = dateRule('116', 'PlacedAdoption', 'DATE_PLACED_CEASED', { blankPasses: true });
export const rule120 = codeRule('120', 'PlacedAdoption', 'REASON_PLACED_CEASED', { blankPasses: true });
export const rule175 = defineRule('175', (ret, flag) =>
  eachRow(ret.current.AD1, (row, i, t) => {
    if (!blank(row.NB_ADOPTR) && row.NB_ADOPTR !== '1' && row.NB_ADOPTR !== '2') flag(t, i);
  }),
);
export const rule176 = codeRule('176', 'AD1', 'SEX_ADOPTR', { blankPasses: true });
export const rule177 = codeRule('177', 'AD1', 'LS_ADOPTR', { blankPasses: true });

/** The episode starting the child's latest period of care (reason S), if any. */
function periodStartEpisode(ret: Return903, child: string): number | undefined {
  const eps = ret.current.Episodes;
  const order = childEpisodes(ret).get(child);
  if (!eps || !order) return undefined;
  let found: number | undefined;
  for (const i of order) if (eps.rows[i]!.RNE === 'S') found = i;
  return found;
}

/** Decisions fall within the year, and not after the child ceased to be looked after (an episode ending care). */
export const rule117 = defineRule('117', (ret, flag) => {
  const eps = ret.current.Episodes;
  eachRow(ret.current.PlacedAdoption, (row, i, t) => {
    const latest = Math.max(dates(t, 'DATE_PLACED')[i]! || -Infinity, dates(t, 'DATE_PLACED_CEASED')[i]! || -Infinity);
    if (latest === -Infinity) return;
    if (latest > yearEnd(ret)) flag(t, i);
    if (!eps) return;
    for (const e of childEpisodes(ret).get(row.CHILD ?? '') ?? []) {
      const rec = eps.rows[e]!.REC;
      if (!blank(rec) && rec !== 'X1' && dates(eps, 'DEC')[e]! < latest) {
        flag(t, i);
        flag(eps, e);
      }
    }
  });
});

/**
 * A decision that the child should no longer be placed for adoption falls in the year, and
 * after the child started to be looked after (the first episode that is not a short break;
 * it is reported too).
 */
export const rule118 = defineRule('118', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eachRow(ret.current.PlacedAdoption, (row, i, t) => {
    const d = dates(t, 'DATE_PLACED_CEASED')[i]!;
    if (Number.isNaN(d)) return;
    const first = (childEpisodes(ret).get(row.CHILD ?? '') ?? []).find((e) => !RESPITE.has(eps.rows[e]!.LS ?? ''));
    if (first === undefined) return;
    if (d < yearStart(ret) || d < dates(eps, 'DECOM')[first]!) {
      flag(t, i);
      flag(eps, first);
    }
  });
});

export const rule119 = defineRule('119', (ret, flag) =>
  eachRow(ret.current.PlacedAdoption, (row, i, t) => {
    if (blank(row.DATE_PLACED_CEASED) !== blank(row.REASON_PLACED_CEASED)) flag(t, i);
  }),
);

export const rule151 = defineRule('151', (ret, flag) =>
  eachRow(ret.current.AD1, (row, i, t) => {
    const filled = ADOPTION_ITEMS.filter((c) => !blank(row[c])).length;
    if (filled > 0 && filled < ADOPTION_ITEMS.length) flag(t, i);
  }),
);

export const rule184 = defineRule('184', (ret, flag) =>
  eachRow(ret.current.PlacedAdoption, (row, i, t) => {
    if (dates(t, 'DATE_PLACED')[i]! < dobOf(ret, row.CHILD)) flag(t, i);
  }),
);

/**
 * The placement of adoption is the episode that ended with the adoption (E11, E12): the
 * rule's fields are the match date and that episode's start and reason ceased. An earlier
 * placement type A3-A6 that the child moved on from is not it.
 */
export const rule331 = defineRule('331', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eachRow(ret.current.AD1, (row, i, t) => {
    const match = dates(t, 'DATE_MATCH')[i]!;
    for (const e of childEpisodes(ret).get(row.CHILD ?? '') ?? []) {
      if (ADOPTED.has(eps.rows[e]!.REC ?? '') && match > dates(eps, 'DECOM')[e]!) {
        flag(t, i);
        flag(eps, e);
      }
    }
  });
});

/** A match needs a decision that the child should be placed for adoption on or before it: none (or no date) is reported too. */
export const rule333 = defineRule('333', (ret, flag) =>
  eachRow(ret.current.AD1, (_, i, t) => {
    const match = dates(t, 'DATE_MATCH')[i]!;
    const decided = dates(t, 'DATE_INT')[i]!;
    if (!Number.isNaN(match) && (Number.isNaN(decided) || decided > match)) flag(t, i);
  }),
);

export const rule334 = defineRule('334', (ret, flag) =>
  eachRow(ret.current.AD1, (row, i, t) => {
    const e = periodStartEpisode(ret, row.CHILD ?? '');
    if (e === undefined) return;
    if (dates(t, 'DATE_INT')[i]! < dates(ret.current.Episodes!, 'DECOM')[e]!) {
      flag(t, i);
      flag(ret.current.Episodes!, e);
    }
  }),
);

/** Adopted by the current foster carers (1) fits A3 or A5; by others (0) fits A4 or A6. */
export const rule335 = defineRule('335', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eachRow(ret.current.AD1, (row, i, t) => {
    const order = childEpisodes(ret).get(row.CHILD ?? '');
    if (!order) return;
    const adopted = order.find((e) => ADOPTED.has(eps.rows[e]!.REC ?? ''));
    if (adopted === undefined) return;
    const place = eps.rows[adopted]!.PLACE ?? '';
    const wrong =
      (row.FOSTER_CARE === '0' && ['A3', 'A5'].includes(place)) || (row.FOSTER_CARE === '1' && ['A4', 'A6'].includes(place));
    if (wrong) {
      flag(t, i);
      flag(eps, adopted);
    }
  });
});

/** Placed for adoption under a placement order (A3, A4): the placement before was foster care (or another adoptive placement). */
export const rule336 = defineRule('336', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  for (const order of childEpisodes(ret).values()) {
    for (let k = 1; k < order.length; k++) {
      const cur = eps.rows[order[k]!]!;
      const prev = eps.rows[order[k - 1]!]!;
      if (['A3', 'A4'].includes(cur.PLACE ?? '') && !FOSTER_PLACEMENTS.has(prev.PLACE ?? '') && !PLACED_FOR_ADOPTION.has(prev.PLACE ?? '')) {
        flag(eps, order[k]!);
      }
    }
  }
});

export const adoptionRules: Rule903[] = [
  rule112, rule113, rule114, rule115, rule116, rule117, rule118, rule119, rule120, rule151, rule175, rule176,
  rule177, rule184, rule331, rule333, rule334, rule335, rule336,
];
