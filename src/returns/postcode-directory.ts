/**
 * The postcode directory that distances between a child's placement and home are computed
 * from (POSTCODE_DIRECTORY): the same CSV the SSDA903 validation takes with --postcodes (the
 * ONS Postcode Directory, or postcode, la_code, easting, northing). Read once in a process, on
 * first use, and shared by every area that measures placements (a national directory is large);
 * where none is configured, or it cannot be read, distance is not computed and the pages say
 * why, never showing a count of nothing.
 */
import { readFile } from 'node:fs/promises';
import { ReturnReadError } from './findings.js';
import { parsePostcodeDirectory } from './reference-data.js';
import type { PostcodePlace } from './ssda903/model.js';
import { compactPostcode } from './ssda903/values.js';

export type PostcodeDirectory =
  { state: 'loaded'; place: (postcode: string) => PostcodePlace | undefined } | { state: 'not_computed'; reason: string };

export const NO_DIRECTORY =
  'Distance from home is not computed: no postcode directory is configured (POSTCODE_DIRECTORY), and OpenCSC does not guess distances from postcodes.';

const METRES_PER_MILE = 1609.344;

/** Straight-line miles between two postcodes' centroids, as the SSDA903's distance is measured. */
export function milesApart(a: PostcodePlace, b: PostcodePlace): number {
  return Math.hypot(a.easting - b.easting, a.northing - b.northing) / METRES_PER_MILE;
}

/**
 * ONS's GSS codes for England's two tiers, as the directory gives them: a county council's area
 * is the non-metropolitan districts within it, and a district's code does not say which county
 * it lies in. Every other authority code is for a single tier (unitary, metropolitan district,
 * London borough, or outside England), whose area lies in no county.
 */
export const TWO_TIERS = {
  county: 'E10',
  district: 'E07',
  source: 'ONS, GSS coding system: E10 county, E07 non-metropolitan district (two-tier)',
} as const;

export const COUNTY_NOT_GIVEN = 'the postcode directory gives the placement postcode’s district, not its county';

/**
 * Whether a postcode lies inside the authority with the ONS code given, by the directory's code
 * for it (its county where the directory gives one); null for a county authority when the
 * directory gives only the postcode's district (COUNTY_NOT_GIVEN): inside or outside is not known.
 */
export function insideAuthority(place: PostcodePlace, authorityCode: string): boolean | null {
  if (place.laCode === authorityCode) return true;
  if (authorityCode.startsWith(TWO_TIERS.county) && place.laCode.startsWith(TWO_TIERS.district)) return null;
  return false;
}

const loaded = new Map<string, Promise<PostcodeDirectory>>();

/** The directory at `path` (or none), read on the first call in the process and kept. */
export function postcodeDirectoryLoader(path: string | undefined): () => Promise<PostcodeDirectory> {
  return () => {
    if (!path) return load(undefined);
    let loading = loaded.get(path);
    if (!loading) loaded.set(path, (loading = load(path)));
    return loading;
  };
}

async function load(path: string | undefined): Promise<PostcodeDirectory> {
  if (!path) return { state: 'not_computed', reason: NO_DIRECTORY };
  try {
    const places = parsePostcodeDirectory(new Uint8Array(await readFile(path)), path);
    return { state: 'loaded', place: (postcode) => places.get(compactPostcode(postcode)) };
  } catch (e) {
    const why = e instanceof ReturnReadError ? `${e.reason}${e.location ? ` (${e.location})` : ''}` : 'the file could not be read';
    return {
      state: 'not_computed',
      reason: `Distance from home is not computed: the postcode directory configured (POSTCODE_DIRECTORY) cannot be used: ${why}.`,
    };
  }
}
