import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

const NOW = '2026-03-02T10:00:00Z';

// A child's name that the database refuses (by a check constraint this test adds), so saving
// the child fails inside the database with the name among the query's parameters.
const REFUSED_NAME = 'Zephyrine';

const child = {
  firstName: REFUSED_NAME,
  lastName: 'Imaginary',
  sex: 'F',
  ethnicity: 'WBRI',
  'dateOfBirth-day': '14',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '2019',
};

for (const kind of await testDatabases()) {
  describe(`a failure shows the service's error page and is logged without a child's details, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let logFile: string;

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      await database.db.execute(sql.raw(`alter table children add constraint refuses_one_name check (first_name <> '${REFUSED_NAME}')`));
      logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'opencsc-log-')), 'service.log');
      service = await startService(database, fixedTime(NOW), { env: { LOG_FILE: logFile } });
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    const logLines = () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);

    it('a page that fails in the database gets the error page with a reference, and the log that reference', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      await agent.get('/children/new');
      const res = await agent.post('/children/new', child);
      expect(res.status).toBe(500);
      expect(res.text).toContain('<!DOCTYPE html>');
      expect(res.text).toContain('govuk-template');
      expect(res.text).toContain('Sorry, there is a problem with the service');
      const reference = /reference ([A-Z0-9]{4}-[A-Z0-9]{4})/.exec(res.text)?.[1];
      expect(reference).toBeDefined();
      expect(res.text).not.toContain(REFUSED_NAME);
      expect(res.text).not.toMatch(/insert into|params|refuses_one_name/i);

      const logged = logLines().filter((l) => l.reference === reference);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ route: '/children/new', method: 'POST', kind: 'DrizzleQueryError', code: '23514' });
      const everything = readFileSync(logFile, 'utf8');
      expect(everything).not.toContain(REFUSED_NAME);
      expect(everything).not.toMatch(/insert into/i);
    });

    it('an API call that fails in the database gets JSON with a reference and no SQL', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const session = await agent.get('/api/session');
      const csrfToken = (JSON.parse(session.text) as { csrfToken: string }).csrfToken;
      const res = await agent.postJson('/api/children', { ...child, dateOfBirth: '2019-02-14' }, { 'csrf-token': csrfToken });
      expect(res.status).toBe(500);
      const body = JSON.parse(res.text) as { error: string; reference: string };
      expect(body.reference).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      expect(body.error).toContain('Sorry, there is a problem with the service');
      expect(res.text).not.toContain(REFUSED_NAME);
      expect(res.text).not.toMatch(/insert into|params/i);
      const logged = logLines().filter((l) => l.reference === body.reference);
      expect(logged[0]).toMatchObject({ route: '/api/children', kind: 'DrizzleQueryError', code: '23514' });
      expect(readFileSync(logFile, 'utf8')).not.toContain(REFUSED_NAME);
    });

    it('a page form with a bad CSRF token gets a page saying the form expired, with a way back', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      await agent.get('/children/new');
      const res = await agent.post(
        '/children/new',
        { ...child, firstName: 'Tia', _csrf: 'not-the-token' },
        { referer: `${service.url}/children/new` },
      );
      expect(res.status).toBe(403);
      expect(res.text).toContain('<!DOCTYPE html>');
      expect(res.text).toContain('This form has expired');
      expect(res.text).toContain('href="/children/new"');
    });

    it('a page form with no CSRF token at all gets the same page', async () => {
      const res = await fetch(`${service.url}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'username=ana&password=x',
        redirect: 'manual',
      });
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(await res.text()).toContain('This form has expired');
    });
  });
}
