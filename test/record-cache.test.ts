import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/core/auth/schema.js';
import { resumeSession, startSession } from '../src/core/auth/sessions.js';
import type { Database } from '../src/core/db/database.js';
import { RecordCache } from '../src/core/db/record-cache.js';
import { changeNotedOnCommit, latestRecordChange, noteRecordChange } from '../src/core/db/record-changes.js';
import { testDatabases } from '../src/core/db/test-database.js';

const at = new Date('2026-03-02T10:00:05Z');

for (const kind of await testDatabases()) {
  describe(`figures kept until the record changes, on ${kind.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await kind.open();
    });
    afterAll(async () => {
      await database?.close();
    });

    it('computes once for requests that arrive together, and again after a change', async () => {
      const cache = new RecordCache(database.db);
      let computed = 0;
      const compute = async () => {
        computed++;
        await new Promise((r) => setTimeout(r, 20));
        return { n: computed };
      };
      const together = await Promise.all(Array.from({ length: 5 }, () => cache.get('figures', at, compute)));
      expect(computed).toBe(1);
      expect(together.every((r) => r.n === 1)).toBe(true);
      expect((await cache.get('figures', at, compute)).n).toBe(1);
      await noteRecordChange(database.db);
      expect((await cache.get('figures', at, compute)).n).toBe(2);
      // another key is its own computation
      expect((await cache.get('other', at, compute)).n).toBe(3);
    });

    it('takes the counter as the session was read, and computes again once the record has changed', async () => {
      const policy = { lifetimeMs: 3_600_000, idleMs: 1_800_000 };
      const [user] = await database.db
        .insert(users)
        .values({ username: 'cache-reader', displayName: 'Cache Reader', passwordHash: 'not-a-hash', role: 'practitioner' })
        .returning({ id: users.id });
      const token = await startSession(database.db, user!.id, 'password', at, policy);
      const seen = async () => {
        const found = await resumeSession(database.db, token, at, policy);
        if (!found || !('recordChange' in found)) throw new Error('the session should be live');
        return found.recordChange;
      };
      const first = await seen();
      expect(first).toBe(await latestRecordChange(database.db));
      const cache = new RecordCache(database.db);
      let computed = 0;
      const compute = async () => ({ n: ++computed });
      expect((await (await cache.asOf(at, first)).get('figures', compute)).n).toBe(1);
      expect((await (await cache.asOf(at, await seen())).get('figures', compute)).n).toBe(1);
      await noteRecordChange(database.db);
      const second = await seen();
      expect(Number(second)).toBe(Number(first) + 1);
      expect((await (await cache.asOf(at, second)).get('figures', compute)).n).toBe(2);
      // read without a session's value, the counter is asked for: the same, so the same result
      expect((await cache.get('figures', at, compute)).n).toBe(2);
    });

    it('leaves a change noted inside a unit of work to the note made once it has committed', async () => {
      const before = Number(await latestRecordChange(database.db));
      await changeNotedOnCommit(() =>
        database.db.transaction(async (tx) => {
          await noteRecordChange(tx);
          // not moved, even as seen from inside (the counter is outside any transaction)
          expect(Number(await latestRecordChange(tx))).toBe(before);
        }),
      );
      expect(Number(await latestRecordChange(database.db))).toBe(before);
      await noteRecordChange(database.db);
      expect(Number(await latestRecordChange(database.db))).toBe(before + 1);
    });

    it('computes again when the minute turns, so time-bound figures are never a minute behind', async () => {
      const cache = new RecordCache(database.db);
      let computed = 0;
      const compute = async () => ++computed;
      expect(await cache.get('due', at, compute)).toBe(1);
      expect(await cache.get('due', new Date('2026-03-02T10:00:59Z'), compute)).toBe(1);
      expect(await cache.get('due', new Date('2026-03-02T10:01:00Z'), compute)).toBe(2);
    });

    it('keeps no failure: the next request computes afresh', async () => {
      const cache = new RecordCache(database.db);
      await expect(cache.get('broken', at, () => Promise.reject(new Error('query failed')))).rejects.toThrow('query failed');
      expect(await cache.get('broken', at, async () => 'answered')).toBe('answered');
    });

    it('holds at most its capacity, dropping the least recently used', async () => {
      const cache = new RecordCache(database.db, 2);
      let computed = 0;
      const compute = async () => ++computed;
      await cache.get('a', at, compute);
      await cache.get('b', at, compute);
      await cache.get('a', at, compute);
      await cache.get('c', at, compute);
      expect(computed).toBe(3);
      // a was used after b, so b went
      expect(await cache.get('a', at, compute)).toBe(1);
      expect(await cache.get('b', at, compute)).toBe(4);
    });
  });
}
