/**
 * The demo authority's CIN census is clean but for the data problems the demo plants on
 * purpose, which docs/RETURNS.md lists under "The demo's CIN census": a smaller demo's
 * census, built from its record, raises no rule but those.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { censusFromRecord, type CheckedCensus } from '../src/cin-census/census.js';
import type { Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { buildDemoAuthority } from '../src/demo/build.js';

/** The rule codes in the first column of the table in docs/RETURNS.md's section on the demo's census. */
function plantedRules(): Set<string> {
  const doc = readFileSync(new URL('../docs/RETURNS.md', import.meta.url), 'utf8');
  const section = doc.split(/^## /m).find((s) => s.startsWith("The demo's CIN census"));
  if (!section) throw new Error('docs/RETURNS.md has no section "The demo\'s CIN census"');
  const codes = [...section.matchAll(/^\| (\d{4}Q?) \|/gm)].map((m) => m[1]!);
  return new Set(codes);
}

for (const kind of await testDatabases()) {
  describe(`the demo's CIN census, on ${kind.name}`, () => {
    let database: Database;
    let checked: CheckedCensus;
    const planted = plantedRules();

    beforeAll(async () => {
      database = await kind.open();
      await buildDemoAuthority(database.db, { today: '2026-12-07', now: new Date('2026-12-07T10:00:00Z'), scale: 0.05 });
      checked = await censusFromRecord(database.db, 2026, { laNumber: '352', madeAt: '2026-12-07T10:00:00.000Z' });
    }, 300_000);
    afterAll(() => database?.close());

    it('lists the planted problems in the docs', () => {
      expect([...planted].sort()).toEqual(['2991Q', '8569Q', '8670Q', '8675Q', '8770Q', '8825Q']);
    });

    it('is within DfE’s schema and raises no rule but the planted ones', () => {
      expect(checked.census.children.length).toBeGreaterThan(200);
      expect(checked.schemaProblems).toEqual([]);
      const fired = new Set(checked.findings.map((f) => f.rule));
      expect([...fired].filter((rule) => !planted.has(rule)).sort()).toEqual([]);
    });

    it('sends a disability, NONE where the child has none, and UPNs under Manchester’s LA number', () => {
      const children = checked.census.children;
      expect(children.filter((c) => c.characteristics.Disabilities.length === 0)).toEqual([]);
      expect(children.some((c) => c.characteristics.Disabilities.includes('NONE'))).toBe(true);
      const upns = children.map((c) => c.identifiers.UPN).filter((u) => u !== null);
      expect(upns.length).toBeGreaterThan(children.length / 2);
      expect(upns.filter((u) => !/^[A-Z]352\d{9}$/.test(u))).toEqual([]);
    });
  });
}
