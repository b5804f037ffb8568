/**
 * Episode rules from 406: legal status and placement codes that contradict each
 * other, the sequence of a child's episodes, placement providers, where the child
 * is placed.
 */
import { defineRule } from '../rule.js';
import type { Rule903 } from '../rule.js';
import { ageOn, codeSet, dates, dayFor, dayOf, rowsByChild } from '../values.js';
import { blank, canPlace, childRows, episodeLinks, FOSTER_PLACEMENTS, oneOf, placementPlaces, RESPITE, set, TEMPORARY_PLACEMENTS, uascChildren } from './helpers.js';

const SGO = set('E45', 'E46', 'E47', 'E48');

export const rule406 = defineRule('406', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps || !canPlace(ret, eps)) return;
  const uasc = uascChildren(ret);
  const places = placementPlaces(ret, eps);
  eps.rows.forEach((row, i) => {
    if (places[i]!.distance !== null && uasc.has(row.CHILD ?? '')) flag(eps, i);
  });
});

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

export const rule426 = defineRule('426', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  for (const rows of rowsByChild(eps).values()) {
    const v3 = rows.some((i) => eps.rows[i]!.LS === 'V3');
    const v4 = rows.some((i) => eps.rows[i]!.LS === 'V4');
    if (v3 && v4) for (const i of rows) if (oneOf(eps.rows[i]!.LS, RESPITE)) flag(eps, i);
  }
});

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

export const rule454 = defineRule('454', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps || !canPlace(ret, eps)) return;
  const places = placementPlaces(ret, eps);
  eps.rows.forEach((_row, i) => {
    const d = places[i]!.distance;
    if (d !== null && d > 350) flag(eps, i);
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

export const rule516 = defineRule('516', (ret, flag) => {
  const eps = ret.current.Episodes;
  if (!eps) return;
  eps.rows.forEach((row, i) => {
    if (oneOf(row.REC, set('E45', 'E46')) && !oneOf(row.PLACE, FOSTER_PLACEMENTS)) flag(eps, i);
  });
});

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
  rule406, rule407, rule408, rule411, rule420, rule426, rule431, rule432, rule433, rule434, rule435, rule436, rule437, rule446, rule454, rule460, rule501, rule504,
  rule516, rule526, rule527, rule528, rule529, rule530, rule531, rule550, rule1009, rule1015,
];
