import { describe, expect, it } from 'vitest';
import { upnProblem } from '../../../core/record/identifiers.js';
import { generateCin } from './generate.js';
import { SEEDABLE_RULES } from './seed-errors.js';
import { rulesCinFor } from '../rules/index.js';
import { validateCin } from '../validate.js';

describe('the synthetic CIN census generator', () => {
  it('gives the same return for the same seed, and another for another seed', () => {
    const a = generateCin({ children: 50, year: 2026, seed: 42 }).ret;
    expect(generateCin({ children: 50, year: 2026, seed: 42 }).ret).toEqual(a);
    expect(generateCin({ children: 50, year: 2026, seed: 43 }).ret).not.toEqual(a);
  });

  it.each([2023, 2024, 2025, 2026] as const)('makes a %i return that passes every rule for the year', (year) => {
    for (const seed of [1, 2]) {
      const { ret } = generateCin({ children: 2500, year, seed });
      expect(validateCin(ret)).toEqual([]);
    }
  });

  it('passes every rule with very few children too (the return-level queries included)', () => {
    for (const children of [1, 2, 5]) expect(validateCin(generateCin({ children, year: 2025, seed: children }).ret)).toEqual([]);
  });

  it('uses synthetic identifiers only: SYN child IDs, UPNs with a check letter and 99 for a school', () => {
    const { ret } = generateCin({ children: 300, year: 2025, seed: 5 });
    for (const c of ret.children) {
      expect(c.identifiers.LAchildID).toMatch(/^SYN\d{7}$/);
      for (const upn of [c.identifiers.UPN, c.identifiers.FormerUPN]) {
        if (upn === null) continue;
        expect(upn).toMatch(/^[A-Z]93699\d{7}$/);
        expect(upnProblem(upn)).toBeNull();
      }
    }
  });

  it.each([2023, 2026] as const)('can break each %i rule for the children it says it changed', (year) => {
    for (const rule of rulesCinFor(year).map((r) => r.code)) {
      const { ret, seeded } = generateCin({ children: 40, year, seed: 3, errors: [{ rule, count: 2 }] });
      const found = new Set(validateCin(ret, { rules: [rule] }).map((f) => `${f.row}`));
      expect(seeded.length, rule).toBeGreaterThan(0);
      for (const s of seeded) expect(found.has(`${s.row}`), `${rule} at ${s.row}`).toBe(true);
    }
  });

  it('knows how to break every rule', () => {
    expect([...SEEDABLE_RULES].sort()).toEqual(
      rulesCinFor(2026)
        .map((r) => r.code)
        .sort(),
    );
  });
});
