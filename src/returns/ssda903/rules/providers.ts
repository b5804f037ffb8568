/**
 * Rules checking an episode's Ofsted URN against Ofsted's register of providers (the
 * children's homes and social care providers lists, given as reference data): the
 * provider's type, postcode, ownership, area and registration dates must fit the
 * episode. Without the register they are not run.
 */
import { defineRule, type Rule903 } from '../rule.js';
import { blank, yearEnd } from './helpers.js';
import { compactPostcode, dates } from '../values.js';
import type { Provider, Return903, Row, Table903 } from '../model.js';

/**
 * Calls `check` for each episode with a URN (not XXXXXXX, which means none), with the
 * provider it names, or undefined when the URN is not on the register. The DfE's logic for
 * 219, 221, 224 and 229 compares the episode with "the matching URN lookup" entry, so a URN
 * that matches none fails them as well as 1008.
 */
export function eachWithUrn(ret: Return903, check: (row: Row, i: number, eps: Table903, p: Provider | undefined) => void): void {
  const eps = ret.current.Episodes;
  const lookup = ret.reference.providers;
  if (!eps || !lookup) return;
  eps.rows.forEach((row, i) => {
    const urn = row.URN;
    if (blank(urn) || urn === 'XXXXXXX') return;
    check(row, i, eps, lookup(urn));
  });
}

/** Calls `check` for each episode whose URN is on the register. */
function eachRegistered(ret: Return903, check: (row: Row, i: number, eps: Table903, p: Provider) => void): void {
  eachWithUrn(ret, (row, i, eps, p) => {
    if (p) check(row, i, eps, p);
  });
}

export const rule219 = defineRule('219', (ret, flag) =>
  eachWithUrn(ret, (row, i, eps, p) => {
    if (!p || !p.placeTypes.includes(row.PLACE ?? '')) flag(eps, i);
  }),
);

/** Only placements in homes, secure units and the like, outside short breaks, have to be at the provider's postcode. */
const AT_THE_PROVIDER = new Set(['K1', 'K2', 'K3', 'R3', 'S1']);

export const rule221 = defineRule('221', (ret, flag) =>
  eachWithUrn(ret, (row, i, eps, p) => {
    if (row.LS === 'V3' || row.LS === 'V4' || !AT_THE_PROVIDER.has(row.PLACE ?? '') || blank(row.PL_POST)) return;
    if (!p?.postcode || compactPostcode(row.PL_POST!) !== compactPostcode(p.postcode)) flag(eps, i);
  }),
);

export const rule224 = defineRule('224', (ret, flag) =>
  eachWithUrn(ret, (row, i, eps, p) => {
    if (!p || blank(row.PLACE_PROVIDER) || !p.providerCodes.includes(row.PLACE_PROVIDER)) flag(eps, i);
  }),
);

/** The provider was registered, and not yet closed, when the episode began ("DECOM must be before REG_END"). */
export const rule227 = defineRule('227', (ret, flag) =>
  eachRegistered(ret, (_, i, eps, p) => {
    const start = dates(eps, 'DECOM')[i]!;
    if ((p.registered !== null && start < p.registered) || (p.closed !== null && start >= p.closed)) flag(eps, i);
  }),
);

/**
 * The provider had not closed before the episode ended (31 March for an open episode, and
 * for one whose end cannot be read: 147 reports that date).
 */
export const rule228 = defineRule('228', (ret, flag) =>
  eachRegistered(ret, (_row, i, eps, p) => {
    const dec = dates(eps, 'DEC')[i]!;
    const end = Number.isNaN(dec) ? yearEnd(ret) : dec;
    if (p.closed !== null && end > p.closed) flag(eps, i);
  }),
);

/**
 * The authority's own provision (PR1) is in its area; another authority's (PR2) is not.
 * Own provision whose area cannot be told (URN not on the register, no postcode) fails:
 * the DfE's logic asks that the two be equal.
 */
export const rule229 = defineRule('229', (ret, flag) => {
  const own = ret.reference.localAuthority;
  if (!own) return;
  eachWithUrn(ret, (row, i, eps, p) => {
    const la = p?.laCode ?? null;
    if ((row.PLACE_PROVIDER === 'PR1' && la !== own) || (row.PLACE_PROVIDER === 'PR2' && la === own)) flag(eps, i);
  });
});

/**
 * An episode's URN is on Ofsted's register. Checked only when the register is given;
 * XXXXXXX (no URN: placements that Ofsted does not register) and a blank URN are other
 * rules' business.
 */
export const rule1008 = defineRule('1008', (ret, flag) =>
  eachWithUrn(ret, (_row, i, eps, provider) => {
    if (!provider) flag(eps, i);
  }),
);

export const providerRules: Rule903[] = [rule219, rule221, rule224, rule227, rule228, rule229, rule1008];
