import { describe, expect, it } from 'vitest';
import { generate903 } from './generate.js';
import { madeUpPlaces } from './made-up-places.js';
import { SEEDERS } from './seed-errors.js';
import { validate903 } from '../validate.js';

describe('synthetic 903 returns', () => {
  it('are the same for the same seed, and differ for another', () => {
    const a = generate903({ children: 50, year: 2026, seed: 4 });
    const b = generate903({ children: 50, year: 2026, seed: 4 });
    const c = generate903({ children: 50, year: 2026, seed: 5 });
    expect(b.current).toEqual(a.current);
    expect(c.current.Episodes!.rows).not.toEqual(a.current.Episodes!.rows);
  });

  it.each([2024, 2026, 2027])('are valid by default (%i)', (year) => {
    const ret = generate903({ children: 300, year, seed: 9 });
    expect(ret.current.Episodes!.rows.length).toBeGreaterThan(300);
    expect(Object.keys(ret.previous)).toContain('Episodes');
    expect(validate903(ret)).toEqual([]);
  });

  it('have the tables a return has: reviews, health, care leavers, adoption, social workers', () => {
    const ret = generate903({ children: 400, year: 2026, seed: 2 });
    for (const t of ['Reviews', 'OC2', 'OC3', 'AD1', 'PlacedAdoption', 'PrevPerm', 'Missing', 'SWEpisodes', 'UASC'] as const) {
      expect(ret.current[t]!.rows.length, t).toBeGreaterThan(0);
    }
  });

  // The deprivation of liberty table (DoLo) is in returns from 2026/27 only.
  const doloRules = (code: string) => /^7(0\d|10)$/.test(code);

  it.each([
    [2026, (code: string) => !doloRules(code)],
    [2027, () => true],
  ])('seed errors that the intended rule finds at the changed row (%i)', (year, expected) => {
    // Enough errors that every seeder runs at least twice; the made-up postcode directory
    // lets the rules on where children are placed run.
    const la = 'E09000027';
    const places = madeUpPlaces({ localAuthority: la, seed: 3 });
    const ret = generate903({ children: 1000, year, seed: 3, errors: { rate: 0.25 }, postcodes: places.pool });
    ret.reference = { localAuthority: la, postcodes: (pc) => places.places.get(pc.replace(/\s+/g, '').toUpperCase()) };
    const found = new Set(validate903(ret).map((f) => `${f.rule}:${f.table}:${f.row}`));
    const rules = new Set(ret.seeded.map((s) => s.rule));
    // (706 has no seeder: it needs last year's DoLo table, which 2025/26 returns do not have.)
    expect(Object.keys(SEEDERS).filter((r) => expected(r) && !rules.has(r))).toEqual([]);
    const missed = ret.seeded.filter((s) => !found.has(`${s.rule}:${s.table}:${s.row}`));
    expect(missed).toEqual([]);
  });
});
