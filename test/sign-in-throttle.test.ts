import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const MINUTE = 60_000;

async function attempt(base: string, username: string, password: string) {
  const agent = new Agent(base);
  await agent.get('/sign-in');
  return agent.post('/sign-in', { username, password });
}

for (const kind of await testDatabases()) {
  describe(`sign-in is throttled, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    const clock = new TestClock('2026-03-02T09:00:00Z');

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database, clock, {
        env: { SIGN_IN_MAX_FAILURES: '5', SIGN_IN_MAX_FAILURES_PER_ADDRESS: '10', SIGN_IN_LOCKOUT_MINUTES: '15' },
      });
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('refuses the right password after 50 wrong ones, saying the account is locked and for how long', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 50; i++) statuses.push((await attempt(service.url, 'ana', `wrong guess ${i}`)).status);
      expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
      expect(statuses.slice(4).every((s) => s === 429)).toBe(true);

      const right = await attempt(service.url, 'ana', PASSWORD);
      expect(right.status).toBe(429);
      expect(right.text).toContain('This account is locked after too many failed sign-in attempts. Try again in 15 minutes.');
      // only the five that counted were checked and recorded
      const [failures] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from sign_in_failures where account = 'ana'`);
      expect(failures!.n).toBe(5);
      const audit = await rows<{ action: string; n: number }>(
        database.db,
        sql`select action, count(*)::int as n from audit_events where username = 'ana' group by action order by action`,
      );
      expect(audit).toEqual([
        { action: 'SIGN_IN_LOCKED', n: 47 },
        { action: 'SIGN_IN_REFUSED', n: 5 },
      ]);

      clock.advance(10 * MINUTE);
      expect((await attempt(service.url, 'ana', PASSWORD)).text).toContain('Try again in 5 minutes');
      clock.advance(5 * MINUTE);
      expect((await attempt(service.url, 'ana', PASSWORD)).status).toBe(303);
    });

    it('locks a username nobody has exactly as it locks a real one', async () => {
      for (let i = 0; i < 5; i++) await attempt(service.url, 'nobody-here', 'wrong');
      const res = await attempt(service.url, 'nobody-here', 'wrong');
      expect(res.status).toBe(429);
      expect(res.text).toContain('This account is locked after too many failed sign-in attempts. Try again in 15 minutes.');
      clock.advance(16 * MINUTE);
    });

    it('refuses an address that has failed too often, whichever accounts it tries', async () => {
      // ten failures across ten names from one address (the tests' 127.0.0.1)
      for (let i = 0; i < 10; i++) expect((await attempt(service.url, `guess${i}`, 'wrong')).status).toBe(401 + (i === 9 ? 28 : 0));
      const sam = await attempt(service.url, 'sam', PASSWORD);
      expect(sam.status).toBe(429);
      expect(sam.text).toContain('There have been too many failed sign-in attempts from your network. Try again in 15 minutes.');
      clock.advance(15 * MINUTE);
      expect((await attempt(service.url, 'sam', PASSWORD)).status).toBe(303);
    });
  });

  describe(`password checks running at once are bounded, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database, undefined, { env: { SIGN_IN_CONCURRENT_CHECKS: '2', SIGN_IN_QUEUE: '2' } });
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('runs at most two checks at once, and asks the rest to try again in a moment', async () => {
      const mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      const checks = service.app.passwordChecks;
      const peakBefore = checks.peak;
      const agents = Array.from({ length: 20 }, () => new Agent(service.url));
      for (const a of agents) await a.get('/sign-in');
      const [results, page] = await Promise.all([
        Promise.all(
          agents.map((a, i) => a.post('/sign-in', { username: i % 2 ? 'sam' : 'ana', password: i % 4 < 2 ? PASSWORD : 'wrong' })),
        ),
        mina.get('/my-team'),
      ]);
      expect(page.status).toBe(200);
      expect(peakBefore).toBe(1);
      expect(checks.peak).toBe(2);
      const busy = results.filter((r) => r.status === 503);
      expect(busy.length).toBe(checks.refused);
      expect(busy.length).toBeGreaterThan(0);
      expect(busy[0]!.text).toContain('There are too many sign-in attempts right now. Try again in a moment.');
      // every other sign-in was checked: right passwords signed in, wrong ones were refused
      expect(results.every((r) => [303, 401, 503].includes(r.status))).toBe(true);
    });
  });
}
