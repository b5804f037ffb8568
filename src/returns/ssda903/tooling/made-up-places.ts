/**
 * A made-up postcode directory for synthetic returns: postcodes in real shapes, placed on
 * the grid around the returning authority or elsewhere in Great Britain, so that the rules
 * that need postcode places (placement distance, placed inside or outside the authority)
 * can run on generated files, and other validators can be given the same directory.
 */
import type { PostcodePlace } from '../model.js';
import { Random } from './random.js';
import { compactPostcode } from '../values.js';

export interface MadeUpPlaces {
  /** Postcodes inside the authority (`own`) and elsewhere (`other`), for the generator. */
  pool: { own: readonly string[]; other: readonly string[] };
  /** Postcode without spaces, upper case → its place. */
  places: ReadonlyMap<string, PostcodePlace>;
  /** The same directory as CSV with the columns pcd,laua,easting,northing. */
  csv: string;
}

/** Made-up outward codes in real postcode shapes; inward parts are generated. */
const OUTWARD = [
  'AB12',
  'B23',
  'BS7',
  'CB4',
  'CF24',
  'DN15',
  'E17',
  'GL3',
  'HU9',
  'L13',
  'LS11',
  'M14',
  'NE6',
  'NG7',
  'PL4',
  'S10',
  'SE15',
  'SW9',
  'TS3',
  'WV10',
];
const INWARD_LETTERS = [...'ABDEFGHJLNPQRSTUWXYZ'];

/** `count` different postcodes in real shapes, made up from the random source. */
export function madeUpPostcodes(rng: Random, count: number): string[] {
  const out = new Set<string>();
  while (out.size < count) out.add(`${rng.pick(OUTWARD)} ${rng.int(1, 9)}${rng.pick(INWARD_LETTERS)}${rng.pick(INWARD_LETTERS)}`);
  return [...out];
}
/** Other authorities' codes: English, and one each in Wales and Scotland. */
const ELSEWHERE = ['E08000003', 'E06000023', 'E10000015', 'E09000005', 'W06000015', 'S12000036'];

export function madeUpPlaces(options: { localAuthority: string; seed?: number; count?: number }): MadeUpPlaces {
  const rng = new Random(options.seed ?? 1);
  const count = options.count ?? 400;
  const all = madeUpPostcodes(rng, count);
  const own = all.slice(0, count / 2);
  const other = all.slice(count / 2);
  const places = new Map<string, PostcodePlace>();
  // The authority spans about 10 km; elsewhere is anywhere on a 600 km square.
  for (const pc of own) {
    places.set(compactPostcode(pc), {
      laCode: options.localAuthority,
      easting: 520_000 + rng.int(0, 10_000),
      northing: 175_000 + rng.int(0, 10_000),
    });
  }
  for (const pc of other) {
    const la = rng.pick(ELSEWHERE.filter((c) => c !== options.localAuthority));
    places.set(compactPostcode(pc), { laCode: la, easting: 100_000 + rng.int(0, 600_000), northing: 50_000 + rng.int(0, 600_000) });
  }
  const lines = ['pcd,laua,easting,northing'];
  for (const pc of all) {
    const p = places.get(compactPostcode(pc))!;
    lines.push(`${pc},${p.laCode},${p.easting},${p.northing}`);
  }
  return { pool: { own, other }, places, csv: lines.join('\n') + '\n' };
}
