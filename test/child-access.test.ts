import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

const NOW = '2026-03-02T10:00:00Z';

/** The message a page gives for one field, as the GOV.UK error message under it. */
const fieldError = (html: string, field: string) =>
  /<p id="([^"]+)-error" class="govuk-error-message">([\s\S]*?)<\/p>/g
    .exec(html.slice(html.indexOf(`id="${field}-error"`) - 8))?.[2]
    ?.replace(/<[^>]+>/g, '')
    .trim();

for (const kind of await testDatabases()) {
  describe(`a child nobody may see is never named through another child's record, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let pia: string;
    let sol: string;
    let rae: string;
    const reference = async (id: string) =>
      (await rows<{ reference: number }>(database.db, sql`select reference::int as reference from children where id = ${id}`))[0]!
        .reference;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      pia = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Pia', lastName: 'Linked' },
        { date: '2026-02-16', time: '09:00' },
      );
      // South 1's child: Ana (North 1) may not open it
      sol = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Sol', lastName: 'Southonly' },
        { date: '2026-02-16', time: '09:30' },
        { teamId: authority.teams.south, workerId: authority.workers.cleo },
      );
      // North 1's child, restricted to Mina: Ana may not open it either
      rae = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Rae', lastName: 'Restricted' },
        { date: '2026-02-16', time: '10:00' },
      );
      await database.db.execute(sql`update children set restricted = true where id = ${rae}`);
      await database.db.execute(sql`insert into restricted_record_access (child_id, user_id) values (${rae}, ${authority.users.manager})`);
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('gives the same answer for an unknown reference and for a child the practitioner may not see, and links neither', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      await ana.get(`/children/${pia}/relationships`);
      const link = (childReference: string) =>
        ana.post(`/children/${pia}/relationships`, {
          relationship: 'sibling',
          childReference,
          parentalResponsibility: 'no',
          livesWithChild: 'no',
        });
      const [highest] = await rows<{ n: number }>(database.db, sql`select max(reference)::int as n from children`);
      const unknown = await link(String(highest!.n + 1));
      const otherTeam = await link(String(await reference(sol)));
      const restricted = await link(String(await reference(rae)));
      expect(unknown.status).toBe(400);
      const message = fieldError(unknown.text, 'childReference');
      expect(message).toBeTruthy();
      for (const answer of [otherTeam, restricted]) {
        expect(answer.status).toBe(unknown.status);
        expect(fieldError(answer.text, 'childReference')).toBe(message);
        expect(answer.text).not.toContain('Southonly');
        expect(answer.text).not.toContain('Restricted</');
      }
      const saved = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from relationships where child_id = ${pia}`);
      expect(saved[0]!.n).toBe(0);
    });

    it('shows a related child the viewer may not see without name, id or link, on the page and in the API', async () => {
      // Sam sees Pia and Sol; Mina sees Pia and Rae (named on the restriction): each links one
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      await sam.get(`/children/${pia}/relationships`);
      expect(
        (
          await sam.post(`/children/${pia}/relationships`, {
            relationship: 'half_sibling',
            childReference: String(await reference(sol)),
            parentalResponsibility: 'no',
            livesWithChild: 'no',
          })
        ).status,
      ).toBe(303);
      const mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      await mina.get(`/children/${pia}/relationships`);
      expect(
        (
          await mina.post(`/children/${pia}/relationships`, {
            relationship: 'sibling',
            childReference: String(await reference(rae)),
            parentalResponsibility: 'no',
            livesWithChild: 'yes',
          })
        ).status,
      ).toBe(303);

      // whoever made the link, it names the child only to someone who may open them
      expect((await sam.get(`/children/${pia}`)).text).toContain(`href="/children/${sol}">Sol Southonly</a>`);
      expect((await mina.get(`/children/${pia}`)).text).toContain(`href="/children/${rae}">Rae Restricted</a>`);

      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      for (const path of [`/children/${pia}`, `/children/${pia}/relationships`]) {
        const page = await ana.get(path);
        expect(page.status).toBe(200);
        for (const secret of ['Sol Southonly', 'Southonly', sol, 'Rae Restricted', rae]) expect(page.text).not.toContain(secret);
        expect(page.text).toContain('you do not have access to their record');
      }

      const api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      const record = await api.get(`/api/children/${pia}`);
      expect(record.status).toBe(200);
      for (const secret of ['Southonly', sol, 'Restricted', rae]) expect(record.text).not.toContain(secret);
      const related = (record.body as { relationships: Record<string, unknown>[] }).relationships;
      expect(related).toHaveLength(2);
      for (const r of related) {
        expect(r).toMatchObject({ name: null, childId: null, withheld: true });
      }
      const samApi = new ApiClient(service.url);
      await samApi.signIn('sam', PASSWORD);
      const seen = (await samApi.get(`/api/children/${pia}`)).body as { relationships: Record<string, unknown>[] };
      expect(seen.relationships).toContainEqual(expect.objectContaining({ name: 'Sol Southonly', childId: sol, withheld: false }));
    });

    it('refuses to create a likely duplicate through the API until the caller confirms, naming only children they may see', async () => {
      const api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      const count = async () => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from children`))[0]!.n;
      const before = await count();
      // born the same day as Pia and Sol, with Pia's first name and Sol's last name: both are likely matches
      const child = { firstName: 'Pia', lastName: 'Southonly', dateOfBirth: '2017-06-01', sex: 'F', ethnicity: 'WBRI' };
      const refused = await api.post('/api/children', child);
      expect(refused.status).toBe(409);
      expect(await count()).toBe(before);
      const body = refused.body as { errors: { field: string; message: string }[]; likelyMatches: Record<string, unknown>[] };
      expect(body.errors[0]!.field).toBe('confirmNotDuplicate');
      expect(body.likelyMatches).toContainEqual(expect.objectContaining({ visible: true, id: pia, firstName: 'Pia', lastName: 'Linked' }));
      expect(body.likelyMatches).toContainEqual({ visible: false, reference: await reference(sol) });
      expect(refused.text).not.toContain(sol);
      expect(refused.text).not.toContain('Sol');
      // the answer named children: the trail says which
      const shown = await rows<{ child_ids: string[] }>(
        database.db,
        sql`select child_ids from audit_events where username = 'ana' and action = 'VIEW_CHILDREN' and route = 'POST /api/children'`,
      );
      expect(shown.flatMap((r) => r.child_ids)).toContain(pia);

      const notABoolean = await api.post('/api/children', { ...child, confirmNotDuplicate: 'yes' });
      expect(notABoolean.status).toBe(400);
      expect(notABoolean.body).toMatchObject({
        errors: [{ field: 'confirmNotDuplicate', message: 'Confirm not duplicate must be true or false' }],
      });

      const confirmed = await api.post('/api/children', { ...child, confirmNotDuplicate: true });
      expect(confirmed.status).toBe(201);
      expect(await count()).toBe(before + 1);
      const [audit] = await rows<{ child_id: string | null }>(
        database.db,
        sql`select child_id from audit_events where action = 'CREATE_CHILD' order by id desc limit 1`,
      );
      expect(audit!.child_id).toBe((confirmed.body as { id: string }).id);

      const described = (await api.get('/api/openapi.json')).body as {
        paths: Record<string, { post?: { requestBody: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }>;
      };
      expect(described.paths['/api/children']!.post!.requestBody.content['application/json']!.schema.properties).toHaveProperty(
        'confirmNotDuplicate',
      );
    });
  });
}
