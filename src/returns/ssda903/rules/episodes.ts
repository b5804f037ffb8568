/**
 * Rules on episodes of care: codes and dates, how episodes follow one another, the limits
 * the Children Act 1989 and the regulations set on legal statuses and placements, legal
 * statuses, placements and reasons that contradict each other, placement providers, and
 * where the child is placed (distance and authority, from the postcodes).
 */
import { defineRule, type Flag, type Rule903 } from '../rule.js';
import {
  ADOPTED,
  ageAt,
  birthday,
  blank,
  canPlace,
  childEpisodes,
  childRows,
  codeRule,
  dateRule,
  dobOf,
  eachRow,
  episodeLinks,
  FOSTER_PLACEMENTS,
  headerIndex,
  oneOf,
  PLACED_FOR_ADOPTION,
  placementPlaces,
  RESPITE,
  set,
  TEMPORARY_PLACEMENTS,
  uascChildren,
  yearEnd,
  yearStart,
} from './helpers.js';
import { ageOn, codeSet, compactPostcode, dates, dayFor, dayOf, rowsByChild } from '../values.js';
import type { Return903, Row, Table903 } from '../model.js';

/** Calls `check` for each child's episodes in date order. */
function eachChild(ret: Return903, check: (child: string, order: readonly number[], eps: Table903) => void): void {
  const eps = ret.current.Episodes;
  if (!eps) return;
  // forEach, not for-of: no [child, order] array per child.
  childEpisodes(ret).forEach((order, child) => check(child, order, eps));
}

/**
 * An episode's length in days. An open episode has lasted at least until 31 March: the
 * limits on legal statuses count it so; the limits on temporary placements wait for it to
 * end (NaN until then).
 */
function lengthInDays(eps: Table903, i: number, open?: Return903): number {
  const dec = open && blank(eps.rows[i]!.DEC) ? yearEnd(open) : dates(eps, 'DEC')[i]!;
  return dec - dates(eps, 'DECOM')[i]!;
}

export const rule141 = dateRule('141', 'Episodes', 'DECOM');
export const rule143 = codeRule('143', 'Episodes', 'RNE');
export const rule144 = codeRule('144', 'Episodes', 'LS');
export const rule145 = codeRule('145', 'Episodes', 'CIN');
export const rule146 = codeRule('146', 'Episodes', 'PLACE');
export const rule147 = dateRule('147', 'Episodes', 'DEC', { blankPasses: true });
export const rule149 = codeRule('149', 'Episodes', 'REC', { blankPasses: true });
/**
 * A provider code from the list; placements that take none (temporary placements T0 to T3,
 * and until 2024/25 also T4 and Z1; from 2025/26 the other placements Z11 to Z14 that
 * replace Z1) have no valid code.
 */
export const rule178 = defineRule('178', (ret, flag) => {
  const valid = codeSet('Episodes', 'PLACE_PROVIDER', ret.collectionYear);
  const none = ret.collectionYear >= 2026 ? ['T0', 'T1', 'T2', 'T3', ...OTHER_PLACEMENTS] : ['T0', 'T1', 'T2', 'T3', 'T4', 'Z1'];
  eachRow(ret.current.Episodes, (row, i, eps) => {
    const p = row.PLACE_PROVIDER;
    if (blank(p)) return;
    if (!valid.has(p) || none.includes(row.PLACE ?? '')) flag(eps, i);
  });
});

export const rule148 = defineRule('148', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (blank(row.DEC) !== blank(row.REC)) flag(eps, i);
  }),
);

/**
 * A later episode starts while an earlier one has not ended: no (valid) end date, or no
 * reason it ended (the rule's fields are DEC and REC). An episode with no valid start date
 * cannot be placed before another (rule 141 reports it).
 */
export const rule142 = defineRule('142', (ret, flag) =>
  eachChild(ret, (_, order, eps) => {
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    for (let k = 0; k < order.length - 1; k++) {
      const i = order[k]!;
      if (Number.isNaN(decom[i]!)) continue;
      if (Number.isNaN(dec[i]!) || blank(eps.rows[i]!.REC)) flag(eps, i);
    }
  }),
);

/**
 * The child's first episode (by start date) begins before the date of birth: a birth date
 * after the year is also rule 301's finding. Each Header row of the child is checked
 * against it (a child listed twice has two dates of birth).
 */
export const rule302 = defineRule('302', (ret, flag) => {
  const eps = ret.current.Episodes;
  const h = ret.current.Header;
  if (!eps || !h) return;
  const byChild = childEpisodes(ret);
  const decom = dates(eps, 'DECOM');
  const dob = dates(h, 'DOB');
  h.rows.forEach((row, hi) => {
    if (blank(row.CHILD)) return;
    const first = byChild.get(row.CHILD)?.[0];
    if (first !== undefined && decom[first]! < dob[hi]!) {
      flag(eps, first);
      flag(h, hi);
    }
  });
});

export const rule352 = defineRule('352', (ret, flag) => {
  const header = ret.current.Header;
  if (!header) return;
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (row.RNE !== 'S') return;
    // A child listed twice in the Header is checked against each date of birth given.
    for (const h of rowsByChild(header).get(row.CHILD ?? '') ?? []) {
      if (dates(eps, 'DECOM')[i]! >= birthday(dates(header, 'DOB')[h]!, 18)) flag(eps, i);
    }
  });
});

const EARLIEST_EPISODE = dayOf(1991, 10, 14); // the Children Act 1989 came into force

export const rule353 = defineRule('353', (ret, flag) =>
  eachRow(ret.current.Episodes, (_, i, eps) => {
    if (dates(eps, 'DECOM')[i]! < EARLIEST_EPISODE) flag(eps, i);
  }),
);

export const rule354 = defineRule('354', (ret, flag) =>
  eachRow(ret.current.Episodes, (_, i, eps) => {
    if (dates(eps, 'DECOM')[i]! > yearEnd(ret)) flag(eps, i);
  }),
);

export const rule385 = defineRule('385', (ret, flag) =>
  eachRow(ret.current.Episodes, (_, i, eps) => {
    if (dates(eps, 'DEC')[i]! > yearEnd(ret)) flag(eps, i);
  }),
);

export const rule355 = defineRule('355', (ret, flag) =>
  eachRow(ret.current.Episodes, (_, i, eps) => {
    if (dates(eps, 'DEC')[i] === dates(eps, 'DECOM')[i]) flag(eps, i);
  }),
);

export const rule356 = defineRule('356', (ret, flag) =>
  eachRow(ret.current.Episodes, (_, i, eps) => {
    if (dates(eps, 'DEC')[i]! < dates(eps, 'DECOM')[i]!) flag(eps, i);
  }),
);

/**
 * A child's first episode in the return, if it begins in the year, starts a period of care
 * (S). Last year's return is not consulted: "check whether there is an episode immediately
 * preceding this one, which has been left out" is the finding for a child whose episode
 * open at the end of last year is missing from this year's return.
 */
export const rule357 = defineRule('357', (ret, flag) => {
  eachChild(ret, (child, order, eps) => {
    if (!child) return;
    const first = order[0]!;
    if (dates(eps, 'DECOM')[first]! >= yearStart(ret) && eps.rows[first]!.RNE !== 'S') flag(eps, first);
  });
});

/** Youth justice legal statuses (remand, detention) are not for children under 10, the age of criminal responsibility. */
export const rule358 = defineRule('358', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (!['J1', 'J2', 'J3'].includes(row.LS ?? '')) return;
    const dob = dobOf(ret, row.CHILD);
    if (dates(eps, 'DECOM')[i]! < birthday(dob, 10)) {
      flag(eps, i);
      const h = headerIndex(ret, row.CHILD);
      if (h !== undefined) flag(ret.current.Header!, h);
    }
  }),
);

/** After 18 a young person may stay looked after only under section 20(5), in a community home. */
export const rule359 = defineRule('359', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const end = yearEnd(ret);
  const dec = dates(eps, 'DEC');
  eachRow(ret.current.Episodes, (row, i) => {
    const eighteen = birthday(dobOf(ret, row.CHILD), 18);
    const until = blank(row.DEC) ? end : dec[i]!;
    if (until > eighteen && (row.LS !== 'V2' || (row.PLACE !== 'K1' && row.PLACE !== 'K2'))) flag(eps, i);
  });
});

/**
 * A legal status lasting more than `days`: the time under it runs across consecutive
 * episodes (a placement can change while the order lasts), to 31 March if still open.
 */
function statusLongerThan(code: string, ls: string, days: number): Rule903 {
  return defineRule(code, (ret, flag) =>
    eachChild(ret, (_, order, eps) => {
      const decom = dates(eps, 'DECOM');
      const dec = dates(eps, 'DEC');
      for (let k = 0; k < order.length; k++) {
        if (eps.rows[order[k]!]!.LS !== ls) continue;
        let j = k;
        while (j + 1 < order.length && eps.rows[order[j + 1]!]!.LS === ls && dec[order[j]!] === decom[order[j + 1]!]) j++;
        const last = order[j]!;
        const until = blank(eps.rows[last]!.DEC) ? yearEnd(ret) : dec[last]!;
        if (until - decom[order[k]!]! > days) for (let m = k; m <= j; m++) flag(eps, order[m]!);
        k = j;
      }
    }),
  );
}

/** A single short break (V3): each episode at most 17 days. */
function episodeLongerThan(code: string, ls: string, days: number): Rule903 {
  return defineRule(code, (ret, flag) =>
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (row.LS === ls && lengthInDays(eps, i, ret) > days) flag(eps, i);
    }),
  );
}

/** Police protection: at most 72 hours (Children Act 1989 s46(6)). */
export const rule361 = statusLongerThan('361', 'L1', 3);
/** Emergency protection order: 8 days, extendable by 7; the DfE allows 21. */
export const rule362 = statusLongerThan('362', 'L2', 21);
/** Child assessment order: at most 7 days (s43(5)). */
export const rule363 = statusLongerThan('363', 'L3', 7);
/** Detained under PACE (s38(6)): the DfE allows up to 21 days. */
export const rule364 = statusLongerThan('364', 'J2', 21);
/** A single short break (V3) lasts at most 17 days. */
export const rule365 = episodeLongerThan('365', 'V3', 17);

/** Each single short break (V3) is a period of care of its own, in one placement: its episode starts the period (S). */
export const rule366 = defineRule('366', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (row.LS === 'V3' && row.RNE !== 'S') flag(eps, i);
  }),
);

/** Single short breaks (V3) add up to at most 75 days in the year (open ones counted to 31 March). */
export const rule367 = defineRule('367', (ret, flag) =>
  eachChild(ret, (_, order, eps) => {
    const start = yearStart(ret);
    const end = yearEnd(ret);
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    let total = 0;
    const inYear: number[] = [];
    for (const i of order) {
      if (eps.rows[i]!.LS !== 'V3') continue;
      const from = Math.max(decom[i]!, start);
      const to = Math.min(blank(eps.rows[i]!.DEC) ? end : dec[i]!, end);
      if (!(to >= from)) continue;
      total += to - from;
      inYear.push(i);
    }
    if (total > 75) for (const i of inYear) flag(eps, i);
  }),
);

/** The child is at least `years` old when the placement starts (the episode is reported). */
function placementNotUnder(code: string, places: (year: number) => readonly string[], years: number): Rule903 {
  return defineRule(code, (ret, flag) => {
    const list = places(ret.collectionYear);
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (!list.includes(row.PLACE ?? '')) return;
      if (dates(eps, 'DECOM')[i]! < birthday(dobOf(ret, row.CHILD), years)) flag(eps, i);
    });
  });
}

/** Independent living (P2, until 2023/24). */
export const rule370 = placementNotUnder('370', () => ['P2'], 16);
/** Supported accommodation not regulated as a children's home: H5, and K3 from 2024/25 when K3 replaced it. */
export const rule371 = placementNotUnder('371', (year) => (year >= 2025 ? ['K3'] : ['H5']), 16);
/** Youth custody or prison. */
export const rule372 = placementNotUnder('372', () => ['R5'], 10);
/** Residential schools. */
export const rule373 = placementNotUnder('373', () => ['S1'], 4);
/** Residential employment. */
export const rule374 = placementNotUnder('374', () => ['P3'], 14);

function temporaryLongerThan(code: string, place: string, days: number, countOpen = false): Rule903 {
  return defineRule(code, (ret, flag) =>
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (row.PLACE === place && lengthInDays(eps, i, countOpen ? ret : undefined) > days) flag(eps, i);
    }),
  );
}

/** T1, hospital, at most six weeks. */
export const rule375 = temporaryLongerThan('375', 'T1', 42);
/** T3, while the usual foster carers are on holiday, at most three weeks. */
export const rule376 = temporaryLongerThan('376', 'T3', 21, true);
/** T4, any other reason, at most seven days. */
export const rule379 = temporaryLongerThan('379', 'T4', 7);

/** At most two T3 placements in any twelve months. */
export const rule377 = defineRule('377', (ret, flag) =>
  eachChild(ret, (_, order, eps) => {
    const t3 = order.filter((i) => eps.rows[i]!.PLACE === 'T3');
    if (t3.length > 2) for (const i of t3) flag(eps, i);
  }),
);

/** A child placed with parents is not accommodated under a single period of s20. */
export const rule378 = defineRule('378', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (row.PLACE === 'P1' && row.LS === 'V2') flag(eps, i);
  }),
);

/** A temporary placement is entered by a move (P, B): not at the start of a period of care, nor without a move. */
export const rule380 = defineRule('380', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (TEMPORARY_PLACEMENTS.has(row.PLACE ?? '') && row.RNE !== 'P' && row.RNE !== 'B') flag(eps, i);
  }),
);

export const rule381 = defineRule('381', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (!blank(row.REC) && row.REC !== 'X1' && TEMPORARY_PLACEMENTS.has(row.PLACE ?? '')) flag(eps, i);
  }),
);

export const rule382 = defineRule('382', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (RESPITE.has(row.LS ?? '') && TEMPORARY_PLACEMENTS.has(row.PLACE ?? '')) flag(eps, i);
  }),
);

/**
 * After a temporary placement the child goes back to the placement before it: the episode
 * after a temporary one is a move (P, B, T, U) to the placement type and postcode of the
 * episode before the temporary one (the episode after is reported). The postcode is
 * compared from 2025/26, when the rule took in PL_POST; before that only the type.
 */
export const rule383 = defineRule('383', (ret, flag) => {
  const samePostcode = ret.collectionYear >= 2026;
  eachChild(ret, (_, order, eps) => {
    for (let k = 2; k < order.length; k++) {
      if (!TEMPORARY_PLACEMENTS.has(eps.rows[order[k - 1]!]!.PLACE ?? '')) continue;
      const before = eps.rows[order[k - 2]!]!;
      const after = eps.rows[order[k]!]!;
      const back = after.PLACE === before.PLACE && (!samePostcode || after.PL_POST === before.PL_POST);
      if (!back || !['P', 'B', 'T', 'U'].includes(after.RNE ?? '')) flag(eps, order[k]!);
    }
  });
});

/** Long-term foster placements (U1, U4) are not short breaks. */
export const rule384 = defineRule('384', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (RESPITE.has(row.LS ?? '') && ['U1', 'U4'].includes(row.PLACE ?? '')) flag(eps, i);
  }),
);

/**
 * The child's age when care ended, for a reason that needs an age. A reason given with no
 * end date is read at 31 March (`open: 'year-end'`), or reported as it cannot be checked.
 */
function ceasedUnderAge(
  code: string,
  reasons: readonly string[],
  years: number,
  test: 'under' | 'over',
  open: 'year-end' | 'report',
): Rule903 {
  return defineRule(code, (ret, flag) =>
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (!reasons.includes(row.REC ?? '')) return;
      if (blank(row.DEC) && open === 'report') return flag(eps, i);
      const when = blank(row.DEC) ? yearEnd(ret) : dates(eps, 'DEC')[i]!;
      const limit = birthday(dobOf(ret, row.CHILD), years);
      if (test === 'under' ? when < limit : when >= limit) flag(eps, i);
    }),
  );
}

/** Adopted at 18 or over. */
export const rule386 = ceasedUnderAge('386', ['E11', 'E12'], 18, 'over', 'year-end');
/** Moved to independent living under 14. */
export const rule387 = ceasedUnderAge('387', ['E5', 'E6'], 14, 'under', 'year-end');
/** Transferred to adult social care under 16. */
export const rule389 = ceasedUnderAge('389', ['E7'], 16, 'under', 'report');

/**
 * "New episode begins" needs a next episode, starting the day this one ended. An episode
 * whose start date is not a date is taken as the child's earliest (as the reference does):
 * rule 141 reports the date, and the episode's end still links it to the next one.
 */
export const rule388 = defineRule('388', (ret, flag) =>
  eachChild(ret, (child, inOrder, eps) => {
    if (!child) return;
    const decom = dates(eps, 'DECOM');
    const dec = dates(eps, 'DEC');
    const undated = inOrder.filter((i) => Number.isNaN(decom[i]!));
    const order = [...undated, ...inOrder.filter((i) => !Number.isNaN(decom[i]!))];
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (eps.rows[i]!.REC !== 'X1') continue;
      const next = order[k + 1];
      // An end date that is written but is not a date is reported by rule 147 instead.
      const unreadable = !blank(eps.rows[i]!.DEC) && Number.isNaN(dec[i]!);
      if (next === undefined || (!unreadable && decom[next] !== dec[i])) flag(eps, i);
    }
    // And the other way round: an episode that ended care is not followed by one starting that day.
    for (let k = 0; k + 1 < order.length; k++) {
      const i = order[k]!;
      const rec = eps.rows[i]!.REC;
      if (!blank(rec) && rec !== 'X1' && decom[order[k + 1]!] === dec[i]) flag(eps, i);
    }
  }),
);

/** Adopted from a placement for adoption only. */
export const rule390 = defineRule('390', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (ADOPTED.has(row.REC ?? '') && !PLACED_FOR_ADOPTION.has(row.PLACE ?? '')) flag(eps, i);
  }),
);

/** A child adopted from care (last year or earlier this year) is looked after again. */
export const rule199 = defineRule('199', (ret, flag) => {
  const adoptedBefore = new Map<string, number>();
  const last = ret.previous.Episodes;
  if (last) {
    const dec = dates(last, 'DEC');
    const decom = dates(last, 'DECOM');
    last.rows.forEach((r, i) => {
      if (!ADOPTED.has(r.REC ?? '') || blank(r.CHILD)) return;
      // With no readable end date the adoption came some time after the episode began.
      const on = Number.isNaN(dec[i]!) ? decom[i]! : dec[i]!;
      if (Number.isNaN(on)) return;
      adoptedBefore.set(r.CHILD, Math.max(adoptedBefore.get(r.CHILD) ?? -Infinity, on));
    });
  }
  eachChild(ret, (child, order, eps) => {
    const adoptedOn = adoptedBefore.get(child) ?? NaN;
    const decom = dates(eps, 'DECOM');
    let adoptedEarlier = false;
    for (const i of order) {
      // An episode whose start cannot be read is not known to come after the adoption.
      if (!Number.isNaN(decom[i]!) && (adoptedEarlier || decom[i]! >= adoptedOn)) flag(eps, i);
      if (ADOPTED.has(eps.rows[i]!.REC ?? '')) adoptedEarlier = true;
    }
  });
});

/** The other placements that replace Z1 from 2025/26: like Z1 they have no provider and no URN. */
const OTHER_PLACEMENTS = ['Z11', 'Z12', 'Z13', 'Z14'];

/** Temporary placements (and from 2025/26 the other placements Z11 to Z14) have no provider. */
export const rule213 = defineRule('213', (ret, flag) => {
  const other = ret.collectionYear >= 2026 ? OTHER_PLACEMENTS : [];
  eachRow(ret.current.Episodes, (row, i, eps) => {
    const place = row.PLACE ?? '';
    if ((TEMPORARY_PLACEMENTS.has(place) || other.includes(place)) && !blank(row.PLACE_PROVIDER)) flag(eps, i);
  });
});

/** Placement postcode and URN are not collected for short breaks (V3, V4). */
export const rule214 = defineRule('214', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (RESPITE.has(row.LS ?? '') && (!blank(row.PL_POST) || !blank(row.URN))) flag(eps, i);
  }),
);

/** Placed for adoption with current foster carers: a new placement type with the same carers (or a start). */
export const rule217 = defineRule('217', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (['A3', 'A5'].includes(row.PLACE ?? '') && !['S', 'T', 'U'].includes(row.RNE ?? '')) flag(eps, i);
  }),
);

/**
 * Placement types with no registered provider, whose URN should be blank; the list shrinks
 * as codes leave the list of placement types (P2 after 2023/24, Z1 after 2024/25) and
 * grows as Z11 to Z14 join it (2025/26).
 */
export function urnNotRecorded(year: number): ReadonlySet<string> {
  const types = ['P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4'];
  if (year <= 2025) types.push('Z1');
  else types.push(...OTHER_PLACEMENTS);
  if (year <= 2024) types.push('P2');
  if (year <= 2023) types.push('H5');
  return new Set(types);
}

/** URNs have been collected for episodes open after 31 March 2015. */
const URNS_COLLECTED = dayOf(2015, 3, 31);

/**
 * Every placement but those known to have no registered provider needs a URN, a blank or
 * unknown placement type included (146 also reports that). Ofsted registers providers in
 * England only, so a placement postcode elsewhere needs none; nor does an episode that ended
 * before URNs were collected, or whose end cannot be read (147's).
 */
export const rule218 = defineRule('218', (ret, flag) => {
  const notRecorded = urnNotRecorded(ret.collectionYear);
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (notRecorded.has(row.PLACE ?? '') || !blank(row.URN)) return;
    if (!blank(row.DEC) && !(dates(eps, 'DEC')[i]! > URNS_COLLECTED)) return;
    const place = ret.reference.postcodes && !blank(row.PL_POST) ? ret.reference.postcodes(row.PL_POST) : undefined;
    if (place && !place.laCode.startsWith('E')) return; // placed outside England
    flag(eps, i);
  });
});

export const rule222 = defineRule('222', (ret, flag) => {
  const notRecorded = urnNotRecorded(ret.collectionYear);
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (notRecorded.has(row.PLACE ?? '') && !blank(row.URN) && row.URN !== 'XXXXXXX') flag(eps, i);
  });
});

/** The reason a placement changed is given on the episode that ended with the change. */
export const rule225 = defineRule('225', (ret, flag) =>
  eachChild(ret, (_, order, eps) => {
    for (let k = 0; k < order.length - 1; k++) {
      const cur = eps.rows[order[k]!]!;
      const next = eps.rows[order[k + 1]!]!;
      if (cur.REC === 'X1' && ['P', 'B', 'T', 'U'].includes(next.RNE ?? '') && blank(cur.REASON_PLACE_CHANGE)) {
        if (!TEMPORARY_PLACEMENTS.has(cur.PLACE ?? '') && !TEMPORARY_PLACEMENTS.has(next.PLACE ?? '')) flag(eps, order[k]!);
      }
    }
  }),
);

/** No reason is given for a move into, or out of, a temporary placement: the temporary episode is reported. */
export const rule226 = defineRule('226', (ret, flag) =>
  eachChild(ret, (_, order, eps) => {
    for (let k = 0; k < order.length; k++) {
      const row = eps.rows[order[k]!]!;
      if (!TEMPORARY_PLACEMENTS.has(row.PLACE ?? '')) continue;
      const before = k > 0 ? eps.rows[order[k - 1]!]! : undefined;
      if (!blank(row.REASON_PLACE_CHANGE) || (before && !blank(before.REASON_PLACE_CHANGE))) flag(eps, order[k]!);
    }
  }),
);

export const rule233 = defineRule('233', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (!blank(row.REASON_PLACE_CHANGE) && blank(row.DEC)) flag(eps, i);
  }),
);

/**
 * Under 10s are below the age of criminal responsibility, so cannot move into custody (age
 * at the start of the placement the child moved from).
 */
export const rule234 = defineRule('234', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (row.REASON_PLACE_CHANGE !== 'CUSTOD') return;
    if (ageAt(dobOf(ret, row.CHILD), dates(eps, 'DECOM')[i]!) < 10) {
      flag(eps, i);
      const h = headerIndex(ret, row.CHILD);
      if (h !== undefined) flag(ret.current.Header!, h);
    }
  }),
);

/** Children on short breaks, and unaccompanied asylum-seeking children (no home postcode), need no postcodes. */
function postcodesExpected(uasc: ReadonlySet<string>, row: Row): boolean {
  if (RESPITE.has(row.LS ?? '')) return false;
  return !uasc.has(row.CHILD ?? '');
}

export const rule392b = defineRule('392b', (ret, flag) => {
  const uasc = uascChildren(ret);
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (postcodesExpected(uasc, row) && (blank(row.HOME_POST) || blank(row.PL_POST))) flag(eps, i);
  });
});

const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ](\d{1,2}|[A-HK-Y]\d([0-9ABEHMNPRV-Y])?|\d[A-HJKPS-UW]) ?\d[ABD-HJLNP-UW-Z]{2})$/;

/** A postcode that exists (in the postcode directory given), or that has a postcode's shape when none is given. */
function postcodeKnown(ret: Return903, pc: string): boolean {
  const lookup = ret.reference.postcodes;
  return lookup ? lookup(pc) !== undefined : POSTCODE.test(pc.toUpperCase());
}

export const rule392c = defineRule('392c', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    for (const pc of [row.HOME_POST, row.PL_POST]) {
      if (!blank(pc) && !postcodeKnown(ret, pc)) {
        flag(eps, i);
        return;
      }
    }
  }),
);

/**
 * compactPostcode(a) === compactPostcode(b), without building two strings for each episode: plain ASCII
 * postcodes are compared a character at a time, skipping spaces, letters in either case.
 */
function samePostcode(a: string, b: string): boolean {
  if (a === b) return true;
  let i = 0;
  let j = 0;
  for (;;) {
    let c = i < a.length ? a.charCodeAt(i) : -1;
    while (c === 32 || (c >= 9 && c <= 13)) c = ++i < a.length ? a.charCodeAt(i) : -1;
    let d = j < b.length ? b.charCodeAt(j) : -1;
    while (d === 32 || (d >= 9 && d <= 13)) d = ++j < b.length ? b.charCodeAt(j) : -1;
    // Other spaces and letters that change length in capitals: compare as compactPostcode() does.
    if (c > 127 || d > 127) return compactPostcode(a) === compactPostcode(b);
    if (c >= 97 && c <= 122) c -= 32;
    if (d >= 97 && d <= 122) d -= 32;
    if (c !== d) {
      // A non-ASCII character further on could still make them equal after compactPostcode().
      return hasNonAscii(a, i) || hasNonAscii(b, j) ? compactPostcode(a) === compactPostcode(b) : false;
    }
    if (c === -1) return true;
    i++;
    j++;
  }
}

function hasNonAscii(s: string, from: number): boolean {
  for (let k = from; k < s.length; k++) if (s.charCodeAt(k) > 127) return true;
  return false;
}

export const rule392d = defineRule('392d', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (!blank(row.HOME_POST) && !blank(row.PL_POST) && row.PLACE !== 'P1' && samePostcode(row.HOME_POST, row.PL_POST)) flag(eps, i);
  }),
);

export const rule398 = defineRule('398', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (RESPITE.has(row.LS ?? '') && (!blank(row.HOME_POST) || !blank(row.PL_POST))) flag(eps, i);
  }),
);

/** Straight-line distance between the home and placement postcodes, miles; NaN when either is unknown. */
export function placementDistance(ret: Return903, row: Row): number {
  const lookup = ret.reference.postcodes;
  if (!lookup || blank(row.HOME_POST) || blank(row.PL_POST)) return NaN;
  const a = lookup(row.HOME_POST);
  const b = lookup(row.PL_POST);
  if (!a || !b) return NaN;
  return Math.round((Math.hypot(a.easting - b.easting, a.northing - b.northing) / 1609.344) * 10) / 10;
}

/** Distance rules need a postcode directory; without one they are not run. */
function withPostcodes(check: (ret: Return903, flag: Flag) => void) {
  return (ret: Return903, flag: Flag) => {
    if (ret.reference.postcodes) check(ret, flag);
  };
}

export const rule392a = defineRule(
  '392a',
  withPostcodes((ret, flag) => {
    const uasc = uascChildren(ret);
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (postcodesExpected(uasc, row) && Number.isNaN(placementDistance(ret, row))) flag(eps, i);
    });
  }),
);

export const rule164 = defineRule(
  '164',
  withPostcodes((ret, flag) => {
    const uasc = uascChildren(ret);
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (uasc.has(row.CHILD ?? '')) return;
      // Only a distance that there is can be out of range: none (a postcode missing or not
      // in the directory) is reported by 392a, and the postcode itself by 392c.
      const d = placementDistance(ret, row);
      if (d < 0 || d > 999.9) flag(eps, i);
    });
  }),
);

export const rule169 = defineRule(
  '169',
  withPostcodes((ret, flag) => {
    const uasc = uascChildren(ret);
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (!postcodesExpected(uasc, row)) return;
      if (blank(row.PL_POST) || !ret.reference.postcodes!(row.PL_POST)) flag(eps, i);
    });
  }),
);

export const rule179 = defineRule(
  '179',
  withPostcodes((ret, flag) => {
    if (!ret.reference.localAuthority) return;
    const uasc = uascChildren(ret);
    eachRow(ret.current.Episodes, (row, i, eps) => {
      if (!postcodesExpected(uasc, row)) return;
      if (blank(row.PL_POST) || !ret.reference.postcodes!(row.PL_POST)) flag(eps, i);
    });
  }),
);

/** From 28 October 2023 (2023/24 only) P2, independent living, was no longer a placement type. */
const UNREGULATED_ENDED = dayOf(2023, 10, 28);

export const rule217t = defineRule('217t', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (row.PLACE === 'P2' && dates(eps, 'DECOM')[i]! >= UNREGULATED_ENDED) flag(eps, i);
  }),
);

/**
 * From 28 October 2023 (2023/24 only) supported accommodation in England (H5) is
 * registered with Ofsted, so an H5 placement still open then has the provider's URN.
 */
export const rule230 = defineRule('230', (ret, flag) =>
  eachRow(ret.current.Episodes, (row, i, eps) => {
    if (row.PLACE !== 'H5') return;
    if (!blank(row.DEC) && dates(eps, 'DEC')[i]! < UNREGULATED_ENDED) return;
    const place = ret.reference.postcodes && !blank(row.PL_POST) ? ret.reference.postcodes(row.PL_POST) : undefined;
    if (place && !place.laCode.startsWith('E')) return; // placed outside England
    if (blank(row.URN) || row.URN === 'XXXXXXX') flag(eps, i);
  }),
);

// --- how episodes follow one another ----------------------------------------

export const rule431 = defineRule('431', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const { prev } = episodeLinks(eps);
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  eps.rows.forEach((row, i) => {
    const p = prev[i]!;
    // Read as the reference validator does: also when the previous episode ended after this one began.
    if (row.RNE === 'S' && p >= 0 && dec[p]! >= decom[i]!) flag(eps, i);
  });
});

export const rule432 = defineRule('432', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const { prev } = episodeLinks(eps);
  const ceasing = new Set([...codeSet('Episodes', 'REC', ret.collectionYear)].filter((c) => c !== 'X1'));
  eps.rows.forEach((row, i) => {
    const p = prev[i]!;
    if (p < 0) return;
    const rec = eps.rows[p]!.REC;
    if (oneOf(rec, ceasing) && !blank(row.RNE) && row.RNE !== 'S') flag(eps, i);
  });
});

const CONTINUES = set('L', 'P', 'T', 'B', 'U');

export const rule433 = defineRule('433', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const { prev } = episodeLinks(eps);
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  eps.rows.forEach((row, i) => {
    const p = prev[i]!;
    if (oneOf(row.RNE, CONTINUES) && p >= 0 && dec[p] !== decom[i]) flag(eps, i);
  });
});

const PLACEMENT_FIELDS = ['PLACE', 'PL_POST', 'URN', 'PLACE_PROVIDER'] as const;

/** Whether the placement (type, postcode, URN, provider) changed from the previous episode. */
function placementChanged(a: Record<string, string | null>, b: Record<string, string | null>): boolean {
  return PLACEMENT_FIELDS.some((f) => (a[f] ?? null) !== (b[f] ?? null));
}

function changeRule(code: string, reasons: ReadonlySet<string>, lsChanges: boolean, placeChanges: boolean): Rule903 {
  return defineRule(code, (ret, flag) => {
    const eps = ret.current.Episodes;
    if (!eps) return;
    const { prev } = episodeLinks(eps);
    eps.rows.forEach((row, i) => {
      const p = prev[i]!;
      if (!oneOf(row.RNE, reasons) || p < 0) return;
      const before = eps.rows[p]!;
      const ls = (row.LS ?? null) !== (before.LS ?? null);
      const place = placementChanged(row, before);
      if (ls !== lsChanges || place !== placeChanges) flag(eps, i);
    });
  });
}

export const rule434 = changeRule('434', set('L'), true, false);
export const rule435 = changeRule('435', set('P', 'T'), false, true);
export const rule436 = changeRule('436', set('B', 'U'), true, true);

export const rule437 = defineRule('437', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const { next } = episodeLinks(eps);
  eps.rows.forEach((row, i) => {
    if (oneOf(row.REC, set('E2', 'E15')) && next[i]! >= 0) flag(eps, i);
  });
});

export const rule501 = defineRule('501', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const { prev } = episodeLinks(eps);
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  eps.rows.forEach((_row, i) => {
    const p = prev[i]!;
    if (p >= 0 && decom[i]! < dec[p]!) flag(eps, i);
  });
});

export const rule504 = defineRule('504', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const { prev } = episodeLinks(eps);
  const decom = dates(eps, 'DECOM');
  const dec = dates(eps, 'DEC');
  eps.rows.forEach((row, i) => {
    const p = prev[i]!;
    // An episode that follows an X1 without a break continues the same period of care.
    if (p >= 0 && eps.rows[p]!.REC === 'X1' && dec[p] === decom[i] && (row.CIN ?? null) !== (eps.rows[p]!.CIN ?? null)) flag(eps, i);
  });
});

// --- legal statuses, placements and reasons that contradict each other --------

const SGO = set('E45', 'E46', 'E47', 'E48');

/** An episode ending with a reason the child's age contradicts; flags the episode (and the child's Header row). */
function ageAtEnd(code: string, reasons: ReadonlySet<string>, wrong: (age: number) => boolean, withHeader = true): Rule903 {
  return defineRule(code, (ret, flag) => {
    const eps = ret.current.Episodes;
    const header = ret.current.Header;
    if (!eps || !header) return;
    const dec = dates(eps, 'DEC');
    eps.rows.forEach((row, i) => {
      if (!oneOf(row.REC, reasons)) return;
      const dob = dayFor(header, 'DOB', row.CHILD ?? null);
      if (Number.isNaN(dob) || Number.isNaN(dec[i]!)) return;
      if (wrong(ageOn(dob, dec[i]!))) {
        flag(eps, i);
        if (withHeader) for (const h of childRows(header, row.CHILD ?? null)) flag(header, h);
      }
    });
  });
}

export const rule407 = ageAtEnd('407', SGO, (age) => age >= 18);
export const rule460 = ageAtEnd('460', set('E17'), (age) => age < 18, false);

export const rule408 = defineRule('408', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eps.rows.forEach((row, i) => {
    if (oneOf(row.PLACE, set('A5', 'A6')) && row.LS !== 'E1') flag(eps, i);
  });
});

export const rule426 = defineRule('426', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  for (const rows of rowsByChild(eps).values()) {
    const v3 = rows.some((i) => eps.rows[i]!.LS === 'V3');
    const v4 = rows.some((i) => eps.rows[i]!.LS === 'V4');
    if (v3 && v4) for (const i of rows) if (oneOf(eps.rows[i]!.LS, RESPITE)) flag(eps, i);
  }
});

export const rule446 = defineRule('446', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const decom = dates(eps, 'DECOM');
  // "Before December 2005", as the DfE's message says (placement orders began on 30 December).
  const from = dayOf(2005, 12, 1);
  eps.rows.forEach((row, i) => {
    if (row.LS === 'E1' && decom[i]! < from) flag(eps, i);
  });
});

export const rule516 = defineRule('516', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eps.rows.forEach((row, i) => {
    if (oneOf(row.REC, set('E45', 'E46')) && !oneOf(row.PLACE, FOSTER_PLACEMENTS)) flag(eps, i);
  });
});

// --- placement providers ------------------------------------------------------

export const rule526 = defineRule('526', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eps.rows.forEach((row, i) => {
    if (!oneOf(row.PLACE, TEMPORARY_PLACEMENTS) && blank(row.PLACE_PROVIDER)) flag(eps, i);
  });
});

function providerCannotOffer(code: string, provider: string, places: ReadonlySet<string>): Rule903 {
  return defineRule(code, (ret, flag) => {
    const eps = ret.current.Episodes;
    if (!eps) return;
    eps.rows.forEach((row, i) => {
      if (row.PLACE_PROVIDER === provider && oneOf(row.PLACE, places)) flag(eps, i);
    });
  });
}

export const rule527 = providerCannotOffer('527', 'PR1', set('P1', 'R2', 'R5'));
export const rule528 = providerCannotOffer('528', 'PR2', set('P1', 'R2', 'R5'));
export const rule529 = providerCannotOffer('529', 'PR3', set('P1', 'A3', 'A4', 'A5', 'A6', 'K1', 'K2', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'));
export const rule530 = providerCannotOffer('530', 'PR4', set('P1'));
export const rule531 = providerCannotOffer('531', 'PR5', set('P1'));

export const rule550 = defineRule('550', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eps.rows.forEach((row, i) => {
    if (row.PLACE_PROVIDER === 'PR0' && !blank(row.PLACE) && row.PLACE !== 'P1') flag(eps, i);
  });
});

export const rule1009 = defineRule('1009', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  const valid = codeSet('Episodes', 'REASON_PLACE_CHANGE', ret.collectionYear);
  eps.rows.forEach((row, i) => {
    if (!blank(row.REASON_PLACE_CHANGE) && !valid.has(row.REASON_PLACE_CHANGE)) flag(eps, i);
  });
});

// --- where the child is placed ------------------------------------------------

export const rule406 = defineRule('406', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps || !canPlace(ret, eps)) return;
  const uasc = uascChildren(ret);
  const places = placementPlaces(ret, eps);
  eps.rows.forEach((row, i) => {
    if (places[i]!.distance !== null && uasc.has(row.CHILD ?? '')) flag(eps, i);
  });
});

export const rule411 = defineRule('411', (ret, flag) => {
  const eps = ret.current.Episodes;
  const own = ret.reference.localAuthority;
  if (!eps || !own || !canPlace(ret, eps)) return;
  const places = placementPlaces(ret, eps);
  places.forEach((p, i) => {
    if (p.la === null || p.location === null) return;
    if ((p.la === own) !== (p.location === 'IN')) flag(eps, i);
  });
});

export const rule420 = defineRule('420', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps || !canPlace(ret, eps)) return;
  const places = placementPlaces(ret, eps);
  eps.rows.forEach((row, i) => {
    if (oneOf(row.LS, RESPITE) && places[i]!.la !== null) flag(eps, i);
  });
});

export const rule454 = defineRule('454', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps || !canPlace(ret, eps)) return;
  const places = placementPlaces(ret, eps);
  eps.rows.forEach((_row, i) => {
    const d = places[i]!.distance;
    if (d !== null && d > 350) flag(eps, i);
  });
});

/** Foster and adoptive placements the authority provides may lie outside its area. */
const MAY_BE_OUT_OF_AREA = set('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6');

export const rule1015 = defineRule('1015', (ret, flag) => {
  const eps = ret.current.Episodes;
  const own = ret.reference.localAuthority;
  if (!eps || !own || !canPlace(ret, eps)) return;
  const places = placementPlaces(ret, eps);
  eps.rows.forEach((row, i) => {
    // An unknown placement authority is not the authority's own either.
    if (row.PLACE_PROVIDER !== 'PR1' || oneOf(row.PLACE, MAY_BE_OUT_OF_AREA) || oneOf(row.LS, RESPITE)) return;
    if (places[i]!.la !== own) flag(eps, i);
  });
});

export const episodeRules: Rule903[] = [
  rule141,
  rule142,
  rule143,
  rule144,
  rule145,
  rule146,
  rule147,
  rule148,
  rule149,
  rule164,
  rule169,
  rule178,
  rule179,
  rule199,
  rule213,
  rule214,
  rule217,
  rule217t,
  rule218,
  rule222,
  rule225,
  rule226,
  rule230,
  rule233,
  rule234,
  rule302,
  rule352,
  rule353,
  rule354,
  rule355,
  rule356,
  rule357,
  rule358,
  rule359,
  rule361,
  rule362,
  rule363,
  rule364,
  rule365,
  rule366,
  rule367,
  rule370,
  rule371,
  rule372,
  rule373,
  rule374,
  rule375,
  rule376,
  rule377,
  rule378,
  rule379,
  rule380,
  rule381,
  rule382,
  rule383,
  rule384,
  rule385,
  rule386,
  rule387,
  rule388,
  rule389,
  rule390,
  rule392a,
  rule392b,
  rule392c,
  rule392d,
  rule398,
  rule406,
  rule407,
  rule408,
  rule411,
  rule420,
  rule426,
  rule431,
  rule432,
  rule433,
  rule434,
  rule435,
  rule436,
  rule437,
  rule446,
  rule454,
  rule460,
  rule501,
  rule504,
  rule516,
  rule526,
  rule527,
  rule528,
  rule529,
  rule530,
  rule531,
  rule550,
  rule1009,
  rule1015,
];
