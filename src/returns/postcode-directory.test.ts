import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insideAuthority, milesApart, postcodeDirectoryLoader } from './postcode-directory.js';

describe('the postcode directory', () => {
  it('measures straight-line miles between centroids', () => {
    const a = { laCode: 'E08000003', easting: 384_000, northing: 398_000 };
    expect(milesApart(a, { ...a, easting: 384_000 + 1609.344 * 3, northing: 398_000 + 1609.344 * 4 })).toBeCloseTo(5, 9);
  });

  it('places a postcode inside or outside the authority by its code, and a district against a county as not known', () => {
    const at = (laCode: string) => ({ laCode, easting: 0, northing: 0 });
    expect(insideAuthority(at('E08000003'), 'E08000003')).toBe(true);
    expect(insideAuthority(at('E08000007'), 'E08000003')).toBe(false);
    // a district lies in some county, never in a unitary, metropolitan or London authority
    expect(insideAuthority(at('E07000008'), 'E06000001')).toBe(false);
    // against a county: its own code inside, another county or a single-tier area outside
    expect(insideAuthority(at('E10000003'), 'E10000003')).toBe(true);
    expect(insideAuthority(at('E10000002'), 'E10000003')).toBe(false);
    expect(insideAuthority(at('E06000001'), 'E10000003')).toBe(false);
    expect(insideAuthority(at('W06000015'), 'E10000003')).toBe(false);
    // a district, its county not given: which county it lies in is not known
    expect(insideAuthority(at('E07000008'), 'E10000003')).toBeNull();
  });

  it('is read once in the process, whichever area asks for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-postcodes-'));
    try {
      const file = join(dir, 'postcodes.csv');
      writeFileSync(file, 'postcode,la_code,easting,northing\nM1 1AA,E08000003,384000,398000\n');
      const first = await postcodeDirectoryLoader(file)();
      writeFileSync(file, 'postcode,la_code,easting,northing\nM1 1AA,E08000009,1,1\n');
      const second = await postcodeDirectoryLoader(file)();
      expect(second).toBe(first);
      expect(first.state === 'loaded' && first.place('m11aa')?.laCode).toBe('E08000003');
      expect(await postcodeDirectoryLoader(undefined)()).toMatchObject({ state: 'not_computed' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
