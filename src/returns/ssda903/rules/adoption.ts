/**
 * Rules on adoption: the AD1 table (the decision, the match and the adopters), decisions
 * that a child should be placed for adoption and their reversal (PlacedAdoption, this year
 * and last), and how both agree with the child's episodes.
 */
import { defineRule, type Rule903 } from '../rule.js';
import {
  ADOPTED,
  ADOPTION_ITEMS,
  blank,
  childEpisodes,
  childRows,
  codeRule,
  dateRule,
  dobOf,
  eachRow,
  FOSTER_PLACEMENTS,
  oneOf,
  PLACED_FOR_ADOPTION,
  RESPITE,
  set,
  yearEnd,
  yearStart,
} from './helpers.js';
import { dates, episodesInOrder, firstRowByChild, rowsByChild } from '../values.js';
import type { Return903, Table903 } from '../model.js';

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
    const wrong = (row.FOSTER_CARE === '0' && ['A3', 'A5'].includes(place)) || (row.FOSTER_CARE === '1' && ['A4', 'A6'].includes(place));
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
      if (
        ['A3', 'A4'].includes(cur.PLACE ?? '') &&
        !FOSTER_PLACEMENTS.has(prev.PLACE ?? '') &&
        !PLACED_FOR_ADOPTION.has(prev.PLACE ?? '')
      ) {
        flag(eps, order[k]!);
      }
    }
  }
});

const COUPLE = set('MM', 'FF', 'MF');
const SAME_SEX = set('MM', 'FF');
/** A single adopter's code. */
const SINGLE = set('M1', 'F1');

/** An AD1 row whose adopters' legal status and sexes contradict. */
function adopters(code: string, wrong: (ls: string | null, sex: string | null, nb: string | null) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const ad1 = ret.current.AD1;
    if (!ad1) return;
    ad1.rows.forEach((row, i) => {
      if (wrong(row.LS_ADOPTR ?? null, row.SEX_ADOPTR ?? null, row.NB_ADOPTR ?? null)) flag(ad1, i);
    });
  });
}

// Two adopters recorded with a single adopter's code; a blank code is 151's and 601's, an invalid one 176's.
export const rule511 = adopters('511', (_ls, sex, nb) => nb === '2' && oneOf(sex, SINGLE));
export const rule514 = adopters('514', (ls, sex) => ls === 'L0' && oneOf(sex, COUPLE));
export const rule517 = adopters('517', (ls, sex) => ls === 'L3' && sex !== 'MF');
export const rule518 = adopters('518', (ls, sex) => ls === 'L4' && !oneOf(sex, SAME_SEX));
export const rule519 = adopters('519', (ls, sex) => ls === 'L2' && !oneOf(sex, COUPLE));
export const rule520 = adopters('520', (ls, sex) => ls === 'L11' && sex !== 'MF');
export const rule524 = adopters('524', (ls, sex) => ls === 'L12' && !oneOf(sex, SAME_SEX));

export const rule521 = defineRule('521', (ret, flag) => {
  const eps = ret.current.Episodes;
  const ad1 = ret.current.AD1;
  if (!eps || !ad1) return;
  const decom = dates(eps, 'DECOM');
  const decided = dates(ad1, 'DATE_INT');
  const ad1Row = firstRowByChild(ad1);
  eps.rows.forEach((row, i) => {
    if (!oneOf(row.PLACE, PLACED_FOR_ADOPTION)) return;
    const a = ad1Row.get(row.CHILD ?? '');
    if (a !== undefined && decided[a]! > decom[i]!) {
      flag(eps, i);
      flag(ad1, a);
    }
  });
});

export const rule522 = defineRule('522', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  if (!pa) return;
  const placed = dates(pa, 'DATE_PLACED');
  const ceased = dates(pa, 'DATE_PLACED_CEASED');
  pa.rows.forEach((_row, i) => {
    if (placed[i]! > ceased[i]!) flag(pa, i);
  });
});

export const rule523 = defineRule('523', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  const ad1 = ret.current.AD1;
  if (!pa || !ad1) return;
  const placed = dates(pa, 'DATE_PLACED');
  const decided = dates(ad1, 'DATE_INT');
  ad1.rows.forEach((row, a) => {
    for (const p of childRows(pa, row.CHILD ?? null)) {
      if (!Number.isNaN(placed[p]!) && !Number.isNaN(decided[a]!) && placed[p] !== decided[a]) {
        flag(pa, p);
        flag(ad1, a);
      }
    }
  });
});

export const rule525 = defineRule('525', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  const ad1 = ret.current.AD1;
  if (!pa || !ad1) return;
  pa.rows.forEach((row, p) => {
    if (blank(row.DATE_PLACED_CEASED)) return;
    for (const a of childRows(ad1, row.CHILD ?? null)) {
      flag(pa, p);
      flag(ad1, a);
    }
  });
});

/** Each child's latest decision to place for adoption: the row with the latest DATE_PLACED. */
function latestDecision(pa: Table903): ReadonlyMap<string, number> {
  const placed = dates(pa, 'DATE_PLACED');
  const out = new Map<string, number>();
  pa.rows.forEach((row, p) => {
    const child = row.CHILD;
    if (Number.isNaN(placed[p]!) || blank(child)) return;
    const q = out.get(child);
    if (q === undefined || placed[p]! >= placed[q]!) out.set(child, p);
  });
  return out;
}

/** Each child's earliest episode (by start date) that meets a test. */
function firstEpisode(eps: Table903, test: (row: Table903['rows'][number]) => boolean): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const [child, order] of episodesInOrder(eps)) {
    const i = order.find((k) => test(eps.rows[k]!));
    if (i !== undefined) out.set(child, i);
  }
  return out;
}

/**
 * A decision to place for adoption on the wrong side of a child's episode: `which`
 * picks the episode, `decisions` the child's decisions to compare (all of them, or the
 * latest), `wrong` compares the dates. Flags the episode and each decision.
 */
function decisionAgainst(
  code: string,
  which: (eps: Table903) => ReadonlyMap<string, number>,
  decisions: 'all' | 'latest',
  wrong: (placed: number, decom: number) => boolean,
): Rule903 {
  return defineRule(code, (ret, flag) => {
    const eps = ret.current.Episodes;
    const pa = ret.current.PlacedAdoption;
    if (!eps || !pa) return;
    const decom = dates(eps, 'DECOM');
    const placed = dates(pa, 'DATE_PLACED');
    const latest = decisions === 'latest' ? latestDecision(pa) : undefined;
    for (const [child, i] of which(eps)) {
      const rows = latest ? (latest.has(child) ? [latest.get(child)!] : []) : childRows(pa, child);
      for (const p of rows) {
        if (wrong(placed[p]!, decom[i]!)) {
          flag(eps, i);
          flag(pa, p);
        }
      }
    }
  });
}

const after = (placed: number, decom: number) => placed > decom;

export const rule551 = defineRule('551', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const pa = ret.current.PlacedAdoption;
  eps.rows.forEach((row, i) => {
    if (!oneOf(row.PLACE, PLACED_FOR_ADOPTION)) return;
    const decisions = childRows(pa, row.CHILD ?? null);
    if (decisions.length === 0 || decisions.some((p) => blank(pa!.rows[p]!.DATE_PLACED))) flag(eps, i);
  });
});

export const rule552 = decisionAgainst('552', (eps) => firstEpisode(eps, (row) => oneOf(row.PLACE, PLACED_FOR_ADOPTION)), 'latest', after);

export const rule553 = defineRule('553', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const pa = ret.current.PlacedAdoption;
  const underOrder = new Set<string>();
  eps.rows.forEach((row, i) => {
    if (row.LS !== 'E1') return;
    if (childRows(pa, row.CHILD ?? null).length === 0) flag(eps, i);
    if (blank(row.DEC) && !blank(row.CHILD)) underOrder.add(row.CHILD);
  });
  // A child still under a placement order has a decision that has not been reversed.
  pa?.rows.forEach((row, p) => {
    if (underOrder.has(row.CHILD ?? '') && (!blank(row.DATE_PLACED_CEASED) || !blank(row.REASON_PLACED_CEASED))) flag(pa, p);
  });
});

export const rule554 = decisionAgainst('554', (eps) => firstEpisode(eps, (row) => row.LS === 'E1'), 'all', after);

export const rule557 = defineRule('557', (ret, flag) => {
  const eps = ret.current.Episodes;
  const pa = ret.current.PlacedAdoption;
  if (!eps || !pa) return;
  eps.rows.forEach((row, i) => {
    // Left care from a placement for adoption or a placement order, other than by adoption.
    if (blank(row.REC) || row.REC === 'X1' || ADOPTED.has(row.REC)) return;
    if (!oneOf(row.PLACE, PLACED_FOR_ADOPTION) && row.LS !== 'E1') return;
    const decisions = childRows(pa, row.CHILD ?? null);
    // No decision recorded at all: nor is its reversal.
    if (decisions.length === 0) flag(eps, i);
    for (const p of decisions) {
      const d = pa.rows[p]!;
      if (blank(d.DATE_PLACED_CEASED) || blank(d.REASON_PLACED_CEASED)) {
        flag(eps, i);
        flag(pa, p);
      }
    }
  });
});

/** The decision that led to an adoption (the child's latest) was not reversed. */
export const rule558 = defineRule('558', (ret, flag) => {
  const eps = ret.current.Episodes;
  const pa = ret.current.PlacedAdoption;
  if (!eps || !pa) return;
  const latest = latestDecision(pa);
  eps.rows.forEach((row, i) => {
    if (!oneOf(row.REC, ADOPTED)) return;
    const p = latest.get(row.CHILD ?? '');
    if (p !== undefined && !blank(pa.rows[p]!.DATE_PLACED_CEASED)) {
      flag(eps, i);
      flag(pa, p);
    }
  });
});

export const rule559 = defineRule('559', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  const last = ret.previous.PlacedAdoption;
  if (!pa || !last) return;
  const placed = dates(pa, 'DATE_PLACED');
  const start = yearStart(ret);
  pa.rows.forEach((row, p) => {
    if (!(placed[p]! < start)) return;
    const before = childRows(last, row.CHILD ?? null);
    // Every record of the child last year should carry the date.
    if (before.length === 0 || before.some((j) => blank(last.rows[j]!.DATE_PLACED))) flag(pa, p);
  });
});

/** One of the child's decisions in last year's return. */
interface LastDecision {
  /** Day number, NaN when blank or not a date. */
  placed: number;
  /** A date placed was written (whether or not it reads as a date). */
  dated: boolean;
  /** Reversed: a date or a reason the decision ceased was written. */
  reversed: boolean;
}

/**
 * This year's decisions against each of the child's decisions in last year's return:
 * `wrong` sees this year's date placed (day number, NaN when blank) and last year's decision.
 */
function againstLastYear(code: string, wrong: (placed: number, last: LastDecision) => boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const pa = ret.current.PlacedAdoption;
    const last = ret.previous.PlacedAdoption;
    if (!pa || !last) return;
    const placed = dates(pa, 'DATE_PLACED');
    const lastPlaced = dates(last, 'DATE_PLACED');
    pa.rows.forEach((row, p) => {
      for (const j of childRows(last, row.CHILD ?? null)) {
        const r = last.rows[j]!;
        const before: LastDecision = {
          placed: lastPlaced[j]!,
          dated: !blank(r.DATE_PLACED),
          reversed: !blank(r.DATE_PLACED_CEASED) || !blank(r.REASON_PLACED_CEASED),
        };
        if (wrong(placed[p]!, before)) {
          flag(pa, p);
          return;
        }
      }
    });
  });
}

const same = (a: number, b: number) => a === b || (Number.isNaN(a) && Number.isNaN(b));

/** An open decision last year keeps its date (a decision undated last year is 559's). */
export const rule560 = againstLastYear('560', (placed, last) => last.dated && !last.reversed && !same(placed, last.placed));
/** A decision reversed last year is not reported again with the same date. */
export const rule561 = againstLastYear('561', (placed, last) => last.reversed && placed === last.placed);
/**
 * After last year's reversal, a different decision is dated after last year's decision (DfE:
 * this year's DATE_PLACED "must be >" last year's, where that was given and the decision ceased).
 */
export const rule584 = againstLastYear('584', (placed, last) => {
  if (!last.reversed || same(placed, last.placed)) return false;
  return !Number.isNaN(last.placed) && !(placed > last.placed);
});

export const rule563 = defineRule('563', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  if (!pa) return;
  pa.rows.forEach((row, p) => {
    if (blank(row.DATE_PLACED) && !blank(row.DATE_PLACED_CEASED)) flag(pa, p);
  });
});

export const rule579 = defineRule('579', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  if (!pa) return;
  const placed = dates(pa, 'DATE_PLACED');
  const ceased = dates(pa, 'DATE_PLACED_CEASED');
  for (const rows of rowsByChild(pa).values()) {
    if (rows.length < 2) continue;
    const order = [...rows].sort((a, b) => placed[a]! - placed[b]! || a - b);
    for (let k = 1; k < order.length; k++) {
      const a = order[k - 1]!;
      const b = order[k]!;
      // The earlier decision is still open, or the later one starts before it ended.
      if (Number.isNaN(ceased[a]!) || placed[b]! < ceased[a]!) flag(pa, b);
    }
  }
});

export const rule583 = defineRule('583', (ret, flag) => {
  const pa = ret.current.PlacedAdoption;
  if (!pa) return;
  const placed = dates(pa, 'DATE_PLACED');
  for (const rows of rowsByChild(pa).values()) {
    if (rows.length < 2) continue;
    const latest = Math.max(...rows.map((p) => placed[p]!).filter((d) => !Number.isNaN(d)));
    for (const p of rows) if (placed[p]! < latest && blank(pa.rows[p]!.DATE_PLACED_CEASED)) flag(pa, p);
  }
});

export const rule582 = defineRule('582', (ret, flag) => {
  const eps = ret.current.Episodes;
  const ad1 = ret.current.AD1;
  if (!eps || !ad1) return;
  const dec = dates(eps, 'DEC');
  const matched = dates(ad1, 'DATE_MATCH');
  eps.rows.forEach((row, i) => {
    if (!oneOf(row.REC, ADOPTED)) return;
    for (const a of childRows(ad1, row.CHILD ?? null)) if (matched[a] === dec[i]) flag(eps, i);
  });
});

export const rule601 = defineRule('601', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const ad1 = ret.current.AD1;
  const dec = dates(eps, 'DEC');
  const start = yearStart(ret);
  const end = yearEnd(ret);
  eps.rows.forEach((row, i) => {
    if (!oneOf(row.REC, ADOPTED) || !(dec[i]! >= start && dec[i]! <= end)) return;
    const rows = childRows(ad1, row.CHILD ?? null);
    const incomplete = rows.filter((a) => ADOPTION_ITEMS.some((f) => blank(ad1!.rows[a]![f])));
    if (rows.length === 0 || incomplete.length > 0) {
      flag(eps, i);
      for (const a of incomplete) flag(ad1!, a);
    }
  });
});

export const rule602 = defineRule('602', (ret, flag) => {
  const ad1 = ret.current.AD1;
  if (!ad1) return;
  const eps = ret.current.Episodes;
  const adopted = new Set<string>();
  if (eps) {
    const dec = dates(eps, 'DEC');
    const start = yearStart(ret);
    const end = yearEnd(ret);
    eps.rows.forEach((row, i) => {
      if (oneOf(row.REC, ADOPTED) && dec[i]! >= start && dec[i]! <= end && !blank(row.CHILD)) adopted.add(row.CHILD);
    });
  }
  ad1.rows.forEach((row, a) => {
    if (!adopted.has(row.CHILD ?? '')) flag(ad1, a);
  });
});

/** Compared with the first time the child started to be looked after in the year's episodes. */
export const rule1003 = decisionAgainst(
  '1003',
  (eps) => firstEpisode(eps, (row) => row.RNE === 'S'),
  'all',
  (placed, decom) => placed < decom,
);

export const adoptionRules: Rule903[] = [
  rule112,
  rule113,
  rule114,
  rule115,
  rule116,
  rule117,
  rule118,
  rule119,
  rule120,
  rule151,
  rule175,
  rule176,
  rule177,
  rule184,
  rule331,
  rule333,
  rule334,
  rule335,
  rule336,
  rule511,
  rule514,
  rule517,
  rule518,
  rule519,
  rule520,
  rule521,
  rule522,
  rule523,
  rule524,
  rule525,
  rule551,
  rule552,
  rule553,
  rule554,
  rule557,
  rule558,
  rule559,
  rule560,
  rule561,
  rule563,
  rule579,
  rule582,
  rule583,
  rule584,
  rule601,
  rule602,
  rule1003,
];
