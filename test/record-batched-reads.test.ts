/**
 * The child's record page reads through `batchedReads`: the reads it issues together go to
 * the database as one statement. On a demo authority, every record's reads (the child, the
 * clock's settings, the obligations and every area's section) come back the same batched as
 * one statement at a time, and the heaviest record makes a handful of round trips, not one per
 * read. A read the database refuses fails only its own caller.
 */
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/areas.js';
import { recordSections } from '../src/children/record-sections.js';
import { childRecord } from '../src/children/queries.js';
import type { SignedInUser } from '../src/core/auth/users.js';
import { batchedReads } from '../src/core/db/batched-reads.js';
import { type Database, type Db, rows } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { buildDemoAuthority } from '../src/demo/build.js';
import { childObligations } from '../src/obligations/queries.js';
import { loadClockContext } from '../src/obligations/recompute.js';

const TODAY = '2026-12-07';
const NOW = new Date(`${TODAY}T10:00:00Z`);
const MANAGER: SignedInUser = {
  id: '00000000-0000-4000-8000-000000000001',
  username: 'manager',
  displayName: 'Manager',
  role: 'service_manager',
  workerId: null,
  teamId: null,
  teamName: null,
  demo: false,
};

/** `db`, counting the statements that reach it through `execute`. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const counted = new Proxy(db, {
    get(target, property, receiver) {
      if (property === 'execute')
        return (query: Parameters<Db['execute']>[0]) => {
          n++;
          return target.execute(query);
        };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
  return { db: counted, count: () => n };
}

/** What the record page reads about a child, as its route reads it. */
async function readRecord(db: Db, childId: string) {
  const [record, clock] = await Promise.all([childRecord(db, childId, NOW, MANAGER), loadClockContext(db)]);
  const obligations = await childObligations(db, childId, NOW, clock);
  return { record, obligations, sections: await recordSections(db, childId, obligations, TODAY) };
}

for (const kind of await testDatabases()) {
  describe(`the record page's batched reads, on ${kind.name}`, () => {
    let database: Database;
    /** A spread of the demo's children, heaviest first. */
    let children: string[];

    beforeAll(async () => {
      database = await kind.open();
      await buildDemoAuthority(database.db, { today: TODAY, now: NOW, scale: 0.05 });
      const heaviest = await rows<{ id: string }>(
        database.db,
        sql`select child_id as id from obligations group by child_id order by count(*) desc, child_id limit 10`,
      );
      // a fixed spread of the rest: looked after, protected, in need, adopted, leaving care, known only through a contact
      const spread = await rows<{ id: string }>(database.db, sql`select id from children order by md5(id::text) limit 120`);
      children = [...new Set([...heaviest, ...spread].map((c) => c.id))];
    }, 300_000);
    afterAll(() => database?.close());

    it('reads every record the same, batched or one statement at a time', async () => {
      const differing: string[] = [];
      for (const childId of children) {
        const alone = await readRecord(database.db, childId);
        const batched = await readRecord(batchedReads(database.db), childId);
        if (!isDeepStrictEqual(alone, batched)) differing.push(childId);
      }
      expect(children.length).toBeGreaterThan(100);
      expect(differing).toEqual([]);
    }, 300_000);

    it('reads the heaviest record in a handful of round trips', async () => {
      const alone = counting(database.db);
      await readRecord(alone.db, children[0]!);
      const batched = counting(database.db);
      await readRecord(batchedReads(batched.db), children[0]!);
      expect(batched.count()).toBeLessThanOrEqual(8);
      expect(alone.count()).toBeGreaterThanOrEqual(4 * batched.count());
    });

    it('fails only the read the database refuses', async () => {
      const db = batchedReads(database.db);
      const [good, bad, empty] = await Promise.allSettled([
        rows<{ n: number }>(db, sql`select 1 as n`),
        rows(db, sql`select * from no_such_table`),
        rows(db, sql`select id from children where false`),
      ]);
      expect(good).toEqual({ status: 'fulfilled', value: [{ n: 1 }] });
      expect(bad.status).toBe('rejected');
      expect(String((bad as PromiseRejectedResult).reason)).toMatch(/no_such_table/);
      expect(empty).toEqual({ status: 'fulfilled', value: [] });
    });
  });
}
