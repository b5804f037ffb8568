/**
 * A made-up register of providers for a generated return, in the layout of the combined
 * children's homes and social care providers list distributed for the 903 (saved as CSV),
 * so that both validators can run the URN rules on the same register. Most entries fit the
 * episodes placed with them; a few are made not to (wrong placement type, provider code or
 * postcode, deregistered too early, or missing from the list), so the URN rules fire.
 */
import type { Tables903 } from '../../model.js';
import type { Random } from '../random.js';
import { formatDate, parseDate } from '../../values.js';

const PROVIDER_TYPE: Record<string, string> = { K2: "Children's Home", K1: 'Secure Unit', R1: 'Residential Family Centre' };

export function madeUpProviders(current: Tables903, postcodes: readonly string[], rng: Random, misfit = 0.05): string {
  const lines = ['URN,Local authority,Provider type,Placement code,Placement provider code,Deregistration date,Setting address postcode'];
  const seen = new Set<string>();
  for (const row of current.Episodes?.rows ?? []) {
    const urn = row.URN;
    if (!urn || urn === 'XXXXXXX' || seen.has(urn)) continue;
    seen.add(urn);
    if (rng.chance(misfit)) continue; // not on the register
    const place = rng.chance(misfit) ? rng.pick(['K2', 'U1', 'R1', 'H5']) : (row.PLACE ?? '');
    const provider = rng.chance(misfit) ? rng.pick(['PR1', 'PR2', 'PR3', 'PR4', 'PR5']) : (row.PLACE_PROVIDER ?? '');
    const postcode = rng.chance(misfit) ? rng.pick(postcodes) : (row.PL_POST ?? '');
    const start = parseDate(row.DECOM);
    const end = parseDate(row.DEC);
    let closed = '';
    if (start !== null && rng.chance(misfit))
      closed = formatDate(end !== null && end > start && rng.chance(0.5) ? start + Math.floor((end - start) / 2) : start - rng.int(1, 400));
    lines.push([urn, 'Anytown', PROVIDER_TYPE[place] ?? 'Independent Fostering Agency', place, provider, closed, postcode].join(','));
  }
  return lines.join('\n') + '\n';
}
