import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const MINUTE = 60_000;

for (const kind of await testDatabases()) {
  describe(`sessions end when they should, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let other: RunningService;
    const clock = new TestClock('2026-03-02T09:00:00Z');

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database, clock);
      // a second instance over the same database, as behind a load balancer
      other = await startService(database, clock);
    });
    afterAll(async () => {
      await service?.close();
      await other?.close();
      await database?.close();
    });

    it('looks up no session for a stylesheet or a script: only pages move the last-seen time', async () => {
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      const lastSeen = async () =>
        (
          await rows<{ at: string }>(
            database.db,
            sql`select last_seen_at::text as at from sessions s join users u on u.id = s.user_id where u.username = 'sam' and s.ended_at is null`,
          )
        )[0]!.at;
      const signedInAt = await lastSeen();
      clock.advance(2 * MINUTE);
      for (const file of ['/stylesheets/app.css', '/javascripts/app.js', '/stylesheets/govuk-frontend.min.css']) {
        expect((await sam.get(file)).status).toBe(200);
      }
      expect(await lastSeen()).toBe(signedInAt);
      expect((await sam.get('/authority')).status).toBe(200);
      expect(await lastSeen()).not.toBe(signedInAt);
    });

    it('refuses a copy of the cookie taken before sign-out: no page, no CSRF token, no post', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      await ana.get('/children/new');
      const before = ana.at(service.url);
      expect((await ana.at(other.url).get('/my-work')).status).toBe(200);
      const apiBefore = await fetch(`${service.url}/api/session`, { headers: { cookie: ana.cookie } });
      expect(apiBefore.status).toBe(200);

      expect((await ana.post('/sign-out', {})).location).toBe('/sign-in');

      // on either instance
      for (const base of [service.url, other.url]) {
        const page = await before.at(base).get('/my-work');
        expect(page.status).toBe(302);
        expect(page.location).toMatch(/^\/sign-in/);
      }
      const api = await fetch(`${service.url}/api/session`, { headers: { cookie: before.cookie } });
      expect(api.status).toBe(401);
      const post = await before.at(service.url).post('/children/new', {
        firstName: 'Ivo',
        lastName: 'Aftersignout',
        sex: 'M',
        ethnicity: 'WBRI',
        addressLine1: '2 Imaginary Street',
        postcode: 'M60 2LA',
        'dateOfBirth-day': '1',
        'dateOfBirth-month': '5',
        'dateOfBirth-year': '2018',
      });
      expect(post.status).toBe(302);
      expect(post.location).toMatch(/^\/sign-in/);
      const apiPost = await fetch(`${service.url}/api/children`, {
        method: 'POST',
        headers: { cookie: before.cookie, 'content-type': 'application/json', 'csrf-token': before.csrf },
        body: JSON.stringify({ firstName: 'Ivo', lastName: 'Aftersignout' }),
      });
      expect(apiPost.status).toBe(401);
      const [count] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from children`);
      expect(count!.n).toBe(0);
      const [row] = await rows<{ ended_reason: string }>(
        database.db,
        sql`select s.ended_reason from sessions s join users u on u.id = s.user_id where u.username = 'ana' order by s.created_at desc limit 1`,
      );
      expect(row!.ended_reason).toBe('signed_out');
      const signOuts = await rows<{ username: string }>(database.db, sql`select username from audit_events where action = 'SIGN_OUT'`);
      expect(signOuts).toEqual([{ username: 'ana' }]);
    });

    it('tells someone whose session has ended why, on the sign-in page', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      await ana.get('/my-work');
      const copy = ana.at(service.url);
      expect((await ana.post('/sign-out', {})).location).toBe('/sign-in');
      const page = await copy.get('/my-work');
      const signIn = await copy.get(page.location!);
      expect(signIn.text).toContain('You have been signed out. Sign in again to continue.');
      // said once
      expect((await copy.get('/sign-in')).text).not.toContain('You have been signed out');
    });

    it('ends a session after the idle timeout, and writes last seen at most once a minute', async () => {
      const ben = new Agent(service.url);
      await ben.signIn('mina', PASSWORD);
      const lastSeen = async () =>
        (
          await rows<{ t: string }>(
            database.db,
            sql`select s.last_seen_at::text as t from sessions s join users u on u.id = s.user_id
                 where u.username = 'mina' and s.ended_at is null`,
          )
        )[0]?.t;
      const signedInAt = await lastSeen();
      clock.advance(30_000);
      expect((await ben.get('/my-team')).status).toBe(200);
      expect(await lastSeen()).toBe(signedInAt);
      clock.advance(40_000);
      expect((await ben.get('/my-team')).status).toBe(200);
      expect(await lastSeen()).not.toBe(signedInAt);

      clock.advance(59 * MINUTE);
      expect((await ben.get('/my-team')).status).toBe(200);
      clock.advance(60 * MINUTE);
      const page = await ben.get('/my-team');
      expect(page.status).toBe(302);
      expect((await ben.get(page.location!)).text).toContain('you had not used the service for 60 minutes');
    });

    it('ends a session 12 hours after sign-in, however active', async () => {
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      for (let hour = 0; hour < 23; hour++) {
        clock.advance(30 * MINUTE);
        expect((await sam.get('/authority')).status).toBe(200);
      }
      clock.advance(30 * MINUTE);
      const page = await sam.get('/authority');
      expect(page.status).toBe(302);
      expect((await sam.get(page.location!)).text).toContain('you signed in more than 12 hours ago');
    });

    it('ends every other session when someone changes their own password, keeping the one they used', async () => {
      const here = new Agent(service.url);
      await here.signIn('cleo', PASSWORD);
      const elsewhere = new Agent(other.url);
      await elsewhere.signIn('cleo', PASSWORD);
      await here.get('/account/password');
      const wrong = await here.post('/account/password', { currentPassword: 'not my password', newPassword: 'a new and long password' });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toContain('Current password is not correct');
      expect((await elsewhere.get('/my-work')).status).toBe(200);

      await here.get('/account/password');
      const changed = await here.post('/account/password', { currentPassword: PASSWORD, newPassword: 'a new and long password' });
      expect(changed.status).toBe(303);
      expect((await here.get('/my-work')).status).toBe(200);
      const refused = await elsewhere.get('/my-work');
      expect(refused.status).toBe(302);
      expect((await elsewhere.get(refused.location!)).text).toContain('You have been signed out because your account was changed');
      const [audit] = await rows<{ username: string }>(
        database.db,
        sql`select username from audit_events where action = 'CHANGE_OWN_PASSWORD'`,
      );
      expect(audit!.username).toBe('cleo');
    });

    it('drops the rows of sessions past their end by more than a day when someone signs in', async () => {
      const count = async () => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from sessions`))[0]!.n;
      const before = await count();
      expect(before).toBeGreaterThan(0);
      // every session so far runs out at most 12 hours from now
      clock.advance(12 * 60 * MINUTE + 24 * 60 * MINUTE + MINUTE);
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      expect(await count()).toBe(1);
    });

    it('keeps only a hash of the session id', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      const stored = await rows<{ token_hash: string }>(database.db, sql`select token_hash from sessions`);
      expect(stored.length).toBeGreaterThan(0);
      for (const s of stored) expect(s.token_hash).toMatch(/^[0-9a-f]{64}$/);
    });
  });
}
