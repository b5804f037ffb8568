/**
 * Rules checking an episode's Ofsted URN against Ofsted's register of providers (the
 * children's homes and social care providers lists, given as reference data): the
 * provider's type, postcode, ownership, area and registration dates must fit the
 * episode. Without the register they are not run.
 */
import type { Provider, Return903, Row, Table903 } from '../model.js';
import { defineRule, type Rule903 } from '../rule.js';
import { blank, dates, yearEnd } from './support.js';

/** Calls `check` for each episode whose URN is on the register. */
function eachRegistered(ret: Return903, check: (row: Row, i: number, eps: Table903, p: Provider) => void): void {
  const eps = ret.current.Episodes;
  const lookup = ret.reference.providers;
  if (!eps || !lookup) return;
  eps.rows.forEach((row, i) => {
    const urn = row.URN;
    if (blank(urn) || urn === 'XXXXXXX') return;
    const p = lookup(urn);
    if (p) check(row, i, eps, p);
  });
}

const compact = (pc: string | null | undefined) => (pc ?? '').replace(/\s+/g, '').toUpperCase();

export const rule219 = defineRule('219', (ret, flag) =>
  eachRegistered(ret, (row, i, eps, p) => {
    if (p.placeTypes.length > 0 && !p.placeTypes.includes(row.PLACE ?? '')) flag(eps, i);
  }),
);

export const rule221 = defineRule('221', (ret, flag) =>
  eachRegistered(ret, (row, i, eps, p) => {
    if (p.postcode && !blank(row.PL_POST) && compact(row.PL_POST) !== compact(p.postcode)) flag(eps, i);
  }),
);

export const rule224 = defineRule('224', (ret, flag) =>
  eachRegistered(ret, (row, i, eps, p) => {
    if (p.providerCodes.length > 0 && !blank(row.PLACE_PROVIDER) && !p.providerCodes.includes(row.PLACE_PROVIDER)) flag(eps, i);
  }),
);

/** The provider was registered, and not yet closed, when the episode began. */
export const rule227 = defineRule('227', (ret, flag) =>
  eachRegistered(ret, (_, i, eps, p) => {
    const start = dates(eps, 'DECOM')[i]!;
    if ((p.registered !== null && start < p.registered) || (p.closed !== null && start > p.closed)) flag(eps, i);
  }),
);

/** The provider had not closed before the episode ended (31 March for an open episode). */
export const rule228 = defineRule('228', (ret, flag) =>
  eachRegistered(ret, (row, i, eps, p) => {
    const end = blank(row.DEC) ? yearEnd(ret) : dates(eps, 'DEC')[i]!;
    if (p.closed !== null && end > p.closed) flag(eps, i);
  }),
);

/** The authority's own provision (PR1) is in its area; another authority's (PR2) is not. */
export const rule229 = defineRule('229', (ret, flag) => {
  const own = ret.reference.localAuthority;
  if (!own) return;
  eachRegistered(ret, (row, i, eps, p) => {
    if (!p.laCode) return;
    if ((row.PLACE_PROVIDER === 'PR1' && p.laCode !== own) || (row.PLACE_PROVIDER === 'PR2' && p.laCode === own)) flag(eps, i);
  });
});

export const providerRules: Rule903[] = [rule219, rule221, rule224, rule227, rule228, rule229];
