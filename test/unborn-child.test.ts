import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const dateInput = (name: string, iso: string): Record<string, string> => {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
};

type ApiErrors = { errors: { field: string; message: string }[] };

for (const kind of await testDatabases()) {
  describe(`an unborn child, and the date of birth, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let ana: Agent;
    let api: ApiClient;
    let unbornId: string;

    const child = async (id: string) =>
      (
        await rows<{ dob: string | null; expected: string | null; sex: string; version: number }>(
          database.db,
          sql`select date_of_birth::text as dob, expected_date_of_birth::text as expected, sex, version from children where id = ${id}`,
        )
      )[0]!;
    const childCount = async () => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from children`))[0]!.n;

    beforeAll(async () => {
      database = await kind.open();
      await smallAuthority(database.db);
      // Wednesday 11 March 2026, 10:00 in England
      service = await startService(database, new TestClock('2026-03-11T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('refuses a date of birth in 1890, saying why a child’s record stops at 25, and writes nothing', async () => {
      const before = await childCount();
      await ana.get('/children/new');
      const page = await ana.post('/children/new', {
        firstName: 'Old',
        lastName: 'Mistake',
        sex: 'F',
        ethnicity: 'WBRI',
        ...dateInput('dateOfBirth', '1890-06-01'),
      });
      expect(page.status).toBe(400);
      expect(page.text).toContain('href="#dateOfBirth-day"');
      expect(page.text).toContain(
        'Date of birth must be in the last 25 years: a care leaver is supported to the age of 25 (Children Act 1989, s23CZB)',
      );
      const json = await api.post('/api/children', {
        firstName: 'Old',
        lastName: 'Mistake',
        sex: 'F',
        ethnicity: 'WBRI',
        dateOfBirth: '2026-03-12',
      });
      expect(json.status).toBe(400);
      expect((json.body as ApiErrors).errors).toEqual([{ field: 'dateOfBirth', message: 'Date of birth must be today or in the past' }]);
      expect(await childCount()).toBe(before);
    });

    it('records an unborn child with the expected date, and shows them so on the record, in a search and on the pages that read the birth', async () => {
      await ana.get('/children/new');
      const res = await ana.post('/children/new', {
        firstName: 'Baby',
        lastName: 'Unbornson',
        sex: 'U',
        ethnicity: 'WBRI',
        ...dateInput('expectedDateOfBirth', '2026-05-20'),
      });
      expect(res.status).toBe(303);
      unbornId = res.location!.split('/').at(-1)!;
      expect(await child(unbornId)).toMatchObject({ dob: null, expected: '2026-05-20' });

      const record = await ana.get(`/children/${unbornId}`);
      expect(record.status).toBe(200);
      expect(record.text).toContain('Unborn: expected 20 May 2026');
      expect(record.text).toContain(`href="/children/${unbornId}/birth"`);
      const search = await ana.get('/children?name=Unbornson');
      expect(search.text).toContain('Unborn: expected 20 May 2026');
      // the pages and reads that use the date of birth take a child without one
      for (const path of [`/children/${unbornId}/chronology`, `/children/${unbornId}/visits`, `/children/${unbornId}/child-protection`]) {
        expect((await ana.get(path)).status, path).toBe(200);
      }
      expect((await api.get(`/api/children/${unbornId}`)).status).toBe(200);
    });

    it('records the birth, refusing a date in the future or none, naming the field, with nothing written', async () => {
      const form = await ana.get(`/children/${unbornId}/birth`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Recorded as unborn, expected 20 May 2026');
      const before = await child(unbornId);

      const future = await ana.post(`/children/${unbornId}/birth`, {
        version: String(before.version),
        sex: 'F',
        ...dateInput('dateOfBirth', '2026-03-12'),
      });
      expect(future.status).toBe(400);
      expect(future.text).toContain('href="#dateOfBirth-day"');
      expect(future.text).toContain('Date of birth must be today or in the past');
      const none = await ana.post(`/children/${unbornId}/birth`, { version: String(before.version), sex: 'F' });
      expect(none.status).toBe(400);
      expect(none.text).toContain('Enter the date of birth');
      const api400 = await api.post(`/api/children/${unbornId}/birth`, { version: before.version, sex: 'F', dateOfBirth: '1890-01-01' });
      expect(api400.status).toBe(400);
      expect((api400.body as ApiErrors).errors.map((e) => e.field)).toEqual(['dateOfBirth']);
      expect(await child(unbornId)).toEqual(before);

      const born = await ana.post(`/children/${unbornId}/birth`, {
        version: String(before.version),
        sex: 'F',
        ...dateInput('dateOfBirth', '2026-03-09'),
      });
      expect(born.status).toBe(303);
      expect(await child(unbornId)).toMatchObject({ dob: '2026-03-09', expected: '2026-05-20', sex: 'F', version: before.version + 1 });
      const record = await ana.get(`/children/${unbornId}`);
      expect(record.text).toContain('9 March 2026');
      expect(record.text).not.toContain('Unborn: expected');
      const audit = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events where child_id = ${unbornId} and action = 'RECORD_BIRTH'`,
      );
      expect(audit[0]!.n).toBe(1);
    });

    it('refuses a second birth, or one from a stale page, with nothing changed', async () => {
      const now = await child(unbornId);
      const again = await api.post(`/api/children/${unbornId}/birth`, { version: now.version, sex: 'M', dateOfBirth: '2026-03-10' });
      expect(again.status).toBe(409);
      expect((again.body as ApiErrors).errors[0]!.field).toBe('dateOfBirth');
      const stale = await api.post(`/api/children/${unbornId}/birth`, { version: now.version - 1, sex: 'M', dateOfBirth: '2026-03-10' });
      expect(stale.status).toBe(409);
      expect(await child(unbornId)).toEqual(now);
    });
  });
}
