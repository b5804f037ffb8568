import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

const childForm = {
  firstName: 'Tia',
  lastName: 'Imaginary',
  sex: 'F',
  ethnicity: 'WBRI',
  'dateOfBirth-day': '14',
  'dateOfBirth-month': '2',
  'dateOfBirth-year': '2019',
};
const childJson = { firstName: 'Tia', lastName: 'Imaginary', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2019-02-14' };

type ApiErrors = { errors: { field: string; message: string }[] };

for (const kind of await testDatabases()) {
  describe(`input that used to cause a 500 gets an error naming the field, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let agent: Agent;
    let csrfToken: string;

    const childCount = async () => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from children`))[0]!.n;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Remy', lastName: 'Madeup', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2018-05-01', disabilities: [] } as NewChild,
        '2026-02-01',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      service = await startService(database, fixedTime(NOW));
      agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      csrfToken = (JSON.parse((await agent.get('/api/session')).text) as { csrfToken: string }).csrfToken;
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    const postPage = async (path: string, form: Record<string, string>) => {
      await agent.get(path);
      return agent.post(path, form);
    };
    const postApi = (path: string, json: unknown) => agent.postJson(path, json, { 'csrf-token': csrfToken });
    const fieldsOf = (text: string) => (JSON.parse(text) as ApiErrors).errors.map((e) => e.field);

    describe('a NUL byte or control character in a text field', () => {
      it('is refused in a name on the page, and nothing is saved', async () => {
        const before = await childCount();
        const res = await postPage('/children/new', { ...childForm, firstName: 'Ti\u0000a' });
        expect(res.status).toBe(400);
        expect(res.text).toContain('First name must not contain control characters');
        expect(res.text).toContain('href="#firstName"');
        expect(await childCount()).toBe(before);
      });

      it('is refused in a name in the API', async () => {
        const res = await postApi('/api/children', { ...childJson, lastName: 'Imag\u0000inary' });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.text)).toEqual(['lastName']);
      });

      it('a tab or line break is refused in a one-line field, accepted in notes', async () => {
        const res = await postApi('/api/children', { ...childJson, firstName: 'Ti\ta' });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.text)).toEqual(['firstName']);
        const notes = await postApi(`/api/children/${childId}/visits`, {
          visitDate: '2026-03-01',
          purpose: 'child_in_need',
          childSeen: true,
          seenAlone: true,
          notes: 'First line\r\n\tsecond line',
        });
        expect(notes.status).toBe(201);
      });

      it('is refused in notes, on the page and in the API', async () => {
        const page = await postPage(`/children/${childId}/visits/new`, {
          'visitDate-day': '1',
          'visitDate-month': '3',
          'visitDate-year': '2026',
          purpose: 'child_in_need',
          seen: 'alone',
          notes: 'Saw \u0000 the child',
        });
        expect(page.status).toBe(400);
        expect(page.text).toContain('What happened must not contain control characters');
        const api = await postApi(`/api/children/${childId}/visits`, {
          visitDate: '2026-03-01',
          purpose: 'child_in_need',
          childSeen: true,
          seenAlone: true,
          notes: 'Saw \u0000 the child',
        });
        expect(api.status).toBe(400);
        expect(fieldsOf(api.text)).toEqual(['notes']);
      });

      it('is refused in a username at sign-in', async () => {
        const visitor = new Agent(service.url);
        await visitor.get('/sign-in');
        const res = await visitor.post('/sign-in', { username: 'an\u0000a', password: 'x' });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Username must not contain control characters');
      });

      it('is refused in a search, on the page and in the API', async () => {
        const page = await agent.get('/children?name=Ti%00a');
        expect(page.status).toBe(400);
        expect(page.text).toContain('There is a problem');
        expect(page.text).toContain('name must not contain control characters');
        const api = await agent.get('/api/children?name=Ti%00a');
        expect(api.status).toBe(400);
        expect(fieldsOf(api.text)).toEqual(['name']);
      });
    });

    it('a version number of 2^31 or more is refused as not valid', async () => {
      const res = await postPage(`/children/${childId}/edit`, {
        firstName: 'Remy',
        lastName: 'Madeup',
        sex: 'M',
        ethnicity: 'WBRI',
        version: String(2 ** 31),
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Version is not valid: reload the page');
    });

    it('a repeated query parameter is refused, naming it, on a page and in the API', async () => {
      const page = await agent.get('/children?name=a&name=b');
      expect(page.status).toBe(400);
      expect(page.text).toContain('name is given more than once');
      const api = await agent.get('/api/children?name=a&name=b');
      expect(api.status).toBe(400);
      expect(fieldsOf(api.text)).toEqual(['name']);
    });

    it('a path holding a NUL byte is a page not found, on a page and in the API', async () => {
      const page = await agent.get('/children/x%00y');
      expect(page.status).toBe(404);
      expect(page.text).toContain('Page not found');
      const api = await agent.get('/api/children/x%00y');
      expect(api.status).toBe(404);
    });

    it('an id in the query string that is not a UUID is refused, naming it', async () => {
      const manager = new Agent(service.url);
      await manager.signIn('sam', PASSWORD);
      const res = await manager.get('/my-team?teamId=north');
      expect(res.status).toBe(400);
      expect(res.text).toContain('teamId is not a valid reference');
    });

    it('an impossible date in a search is refused, naming the field', async () => {
      const page = await agent.get('/children?dateOfBirth-day=31&dateOfBirth-month=2&dateOfBirth-year=2019');
      expect(page.status).toBe(400);
      expect(page.text).toContain('Date of birth must be a real date');
      expect(page.text).toContain('href="#dateOfBirth-day"');
      const api = await agent.get('/api/children?dateOfBirth=2019-02-31');
      expect(api.status).toBe(400);
      expect(fieldsOf(api.text)).toEqual(['dateOfBirth']);
      const nonsense = await agent.get('/api/children?dateOfBirth=yesterday');
      expect(nonsense.status).toBe(400);
      expect(fieldsOf(nonsense.text)).toEqual(['dateOfBirth']);
    });

    describe('an impossible but real date of birth', () => {
      it('is refused on the page: born 9999-12-31 or 1000-01-01', async () => {
        const before = await childCount();
        const future = await postPage('/children/new', {
          ...childForm,
          'dateOfBirth-day': '31',
          'dateOfBirth-month': '12',
          'dateOfBirth-year': '9999',
        });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date of birth must be today or in the past');
        const ancient = await postPage('/children/new', {
          ...childForm,
          'dateOfBirth-day': '1',
          'dateOfBirth-month': '1',
          'dateOfBirth-year': '1000',
        });
        expect(ancient.status).toBe(400);
        expect(ancient.text).toContain('Date of birth must be in the last 25 years');
        expect(await childCount()).toBe(before);
      });

      it('is refused in the API, and so is an expected date of birth years away', async () => {
        for (const dateOfBirth of ['9999-12-31', '1000-01-01', '2000-03-01']) {
          const res = await postApi('/api/children', { ...childJson, dateOfBirth });
          expect(res.status, dateOfBirth).toBe(400);
          expect(fieldsOf(res.text)).toEqual(['dateOfBirth']);
        }
        const { dateOfBirth: _, ...unborn } = childJson;
        const res = await postApi('/api/children', { ...unborn, expectedDateOfBirth: '2099-01-01' });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.text)).toEqual(['expectedDateOfBirth']);
      });

      it('a child born 25 years ago to the day is still accepted', async () => {
        const res = await postApi('/api/children', { ...childJson, firstName: 'Careleaver', dateOfBirth: '2001-03-02' });
        expect(res.status).toBe(201);
      });
    });

    it('other dates stay between 1900 and 2100', async () => {
      const res = await postApi(`/api/children/${childId}/visits`, { visitDate: '1000-01-01', purpose: 'child_in_need', childSeen: false });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.text)).toEqual(['visitDate']);
      expect(res.text).toContain('Date of the visit must be between 1900 and 2100');
    });
  });
}
