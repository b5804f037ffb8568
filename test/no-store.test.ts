import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

for (const kind of await testDatabases()) {
  describe(`no page or API answer is kept by a browser or proxy, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let agent: Agent;

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      service = await startService(database, fixedTime('2026-03-02T10:00:00Z'));
      agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    const cacheControl = async (path: string, signedIn = true) => {
      if (signedIn) {
        const res = await agent.get(path);
        return { status: res.status, cacheControl: res.headers.get('cache-control') };
      }
      const res = await fetch(service.url + path, { redirect: 'manual' });
      await res.arrayBuffer();
      return { status: res.status, cacheControl: res.headers.get('cache-control') };
    };

    it('pages, API answers, redirects, errors and the 404 say no-store', async () => {
      for (const path of [
        '/children?name=Tia',
        '/my-work',
        '/api/children?name=Tia',
        '/api/session',
        '/children?name=a&name=b',
        '/no-such-page',
        '/api/no-such',
      ]) {
        expect(await cacheControl(path), path).toMatchObject({ cacheControl: 'no-store' });
      }
      expect(await cacheControl('/sign-in', false)).toEqual({ status: 200, cacheControl: 'no-store' });
      expect(await cacheControl('/children', false)).toEqual({ status: 302, cacheControl: 'no-store' });
    });

    it('static files stay cacheable', async () => {
      const css = await cacheControl('/stylesheets/govuk-frontend.min.css', false);
      expect(css.status).toBe(200);
      expect(css.cacheControl).toContain('max-age=3600');
      const own = await cacheControl('/javascripts/app.js', false);
      expect(own.cacheControl).toContain('max-age=3600');
    });
  });
}
