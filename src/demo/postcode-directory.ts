/**
 * A made-up postcode directory for the demo authority's own made-up postcodes, so that the
 * pages that measure distance from home show figures for the demo: each postcode at the
 * centre of its district as src/demo/authority.ts places it (the same centres the demo was
 * built to place 9% over 20 miles with), with the ONS code of the authority the district
 * lies in. Written as the CSV POSTCODE_DIRECTORY and `validate 903 --postcodes` take; never
 * a real directory, and only for the demo.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../core/db/database.js';
import { districtOf, postcodeDistricts } from './authority.js';

/** The ONS code the demo authority's own postcodes carry, and the demo serves as AUTHORITY_CODE. */
export const DEMO_AUTHORITY_CODE = 'E08000003';
const MANCHESTER = DEMO_AUTHORITY_CODE;

/** The ONS code of the authority each district outside the demo authority lies in (mostly). */
const authorityOf: Record<string, string> = {
  M24: 'E08000005',
  M25: 'E08000002',
  M30: 'E08000006',
  M32: 'E08000009',
  M33: 'E08000009',
  M34: 'E08000008',
  M35: 'E08000004',
  M41: 'E08000009',
  M43: 'E08000008',
  M45: 'E08000002',
  OL1: 'E08000004',
  OL8: 'E08000004',
  SK1: 'E08000007',
  SK4: 'E08000007',
  SK8: 'E08000007',
  BL1: 'E08000001',
  BL9: 'E08000002',
  WA14: 'E08000009',
  PR1: 'E07000123',
  LS1: 'E08000035',
  L1: 'E08000012',
  ST1: 'E06000021',
  CH1: 'E06000050',
  S1: 'E08000019',
  FY1: 'E06000009',
  CW1: 'E06000049',
  LA1: 'E07000121',
};

export const DEMO_POSTCODE_DIRECTORY = 'demo-postcodes.csv';

/** The directory's CSV text for these postcodes: those in no listed district are left out. */
export function demoPostcodeDirectory(postcodes: Iterable<string>): string {
  const lines = ['postcode,la_code,easting,northing'];
  for (const postcode of [...new Set(postcodes)].sort()) {
    const district = districtOf(postcode);
    if (district === null) continue;
    const d = postcodeDistricts[district]!;
    const la = d.inside ? MANCHESTER : authorityOf[district];
    if (la) lines.push(`${postcode},${la},${d.east * 1000},${d.north * 1000}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the directory for every postcode on the demo's record into `dir`; returns its path. */
export async function writeDemoPostcodeDirectory(db: Db, dir: string): Promise<string> {
  const found = await rows<{ postcode: string }>(
    db,
    sql`select placement_postcode as postcode from placements where placement_postcode is not null
        union select home_postcode from placements where home_postcode is not null
        union select postcode from addresses where postcode is not null`,
  );
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, DEMO_POSTCODE_DIRECTORY);
  await writeFile(path, demoPostcodeDirectory(found.map((f) => f.postcode)), { mode: 0o600 });
  return path;
}
