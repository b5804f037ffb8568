import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../db/database.js';
import { testDatabases } from '../db/test-database.js';
import { recordAuditBatched } from './batched.js';
import { verifyAuditChain } from './verify.js';

const view = (n: number) => ({
  userId: null,
  username: `viewer-${n}`,
  action: 'VIEW_MY_WORK',
  route: 'GET /my-work',
});

for (const kind of await testDatabases()) {
  describe(`view audit rows written together, on ${kind.name}`, () => {
    let database: Database;
    beforeAll(async () => {
      database = await kind.open();
    });
    afterAll(async () => {
      await database.close();
    });

    it('commits every row of a burst, in few transactions, with the chain intact', async () => {
      await Promise.all(Array.from({ length: 60 }, (_, n) => recordAuditBatched(database.db, view(n))));
      const [counted] = await rows<{ rows: number; transactions: number }>(
        database.db,
        sql`select count(*)::int as rows, count(distinct xmin::text)::int as transactions
              from audit_events where action = 'VIEW_MY_WORK'`,
      );
      expect(counted!.rows).toBe(60);
      // the first row goes alone; the rest arrive while it is written and go together
      expect(counted!.transactions).toBeLessThanOrEqual(3);
      const check = await verifyAuditChain(database.db);
      expect(check.broken).toBeNull();
      expect(check.rows).toBeGreaterThanOrEqual(60);
    });

    it('refuses only the row that cannot be written', async () => {
      const results = await Promise.allSettled([
        recordAuditBatched(database.db, view(100)),
        recordAuditBatched(database.db, view(101)),
        recordAuditBatched(database.db, { ...view(102), childId: 'not-a-child-id' }),
        recordAuditBatched(database.db, view(103)),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
      const [counted] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events where username in ('viewer-100', 'viewer-101', 'viewer-102', 'viewer-103')`,
      );
      expect(counted!.n).toBe(3);
      expect((await verifyAuditChain(database.db)).broken).toBeNull();
    });
  });
}
