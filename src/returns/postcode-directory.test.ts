import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { milesApart, postcodeDirectoryLoader } from './postcode-directory.js';

describe('the postcode directory', () => {
  it('measures straight-line miles between centroids', () => {
    const a = { laCode: 'E08000003', easting: 384_000, northing: 398_000 };
    expect(milesApart(a, { ...a, easting: 384_000 + 1609.344 * 3, northing: 398_000 + 1609.344 * 4 })).toBeCloseTo(5, 9);
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
