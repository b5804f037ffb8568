import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

for (const kind of await testDatabases()) {
  describe(`integrations authenticate with API tokens, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let northChild: string;
    let southChild: string;
    let token: string;
    let ada: Agent;

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      northChild = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Nia', lastName: 'Northteam' },
        { date: '2026-02-16', time: '09:00' },
      );
      southChild = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Sol', lastName: 'Southteam' },
        { date: '2026-02-16', time: '09:00' },
        { teamId: authority.teams.south, workerId: authority.workers.cleo },
      );
      service = await startService(database);
      ada = new Agent(service.url);
      await ada.signIn('ada', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    const api = (path: string, bearer: string, init: RequestInit = {}) =>
      fetch(`${service.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
      });

    const create = async (form: Record<string, string>) => {
      await ada.get('/admin/api-tokens');
      return ada.post('/admin/api-tokens', form);
    };

    it('creates a token shown once, keeping only its hash, naming a missing team', async () => {
      const noTeam = await create({ name: 'case-sync', role: 'practitioner' });
      expect(noTeam.status).toBe(400);
      expect(noTeam.text).toContain('href="#teamId"');
      expect(noTeam.text).toContain('Select the team');

      const created = await create({ name: 'case-sync', role: 'practitioner', teamId: authority.teams.north });
      expect(created.status).toBe(201);
      token = /<code id="new-token">([^<]+)<\/code>/.exec(created.text)![1]!;
      expect(token).toMatch(/^ocsc_[A-Za-z0-9_-]{43}$/);
      expect((await ada.get('/admin/api-tokens')).text).not.toContain(token);

      const stored = await rows<Record<string, unknown>>(database.db, sql`select * from api_tokens`);
      expect(JSON.stringify(stored)).not.toContain(token);
      expect(stored[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
      const taken = await create({ name: 'Case-Sync', role: 'service_manager' });
      expect(taken.status).toBe(400);
      expect(taken.text).toContain('Name is already used by another token');
    });

    it('acts as its role and team on the API, needs no CSRF token, and is audited by name', async () => {
      const seen = await api(`/api/children/${northChild}`, token);
      expect(seen.status).toBe(200);
      expect(((await seen.json()) as { child: { firstName: string } }).child.firstName).toBe('Nia');

      const visit = await api(`/api/children/${northChild}/visits`, token, {
        method: 'POST',
        body: JSON.stringify({ visitDate: '2026-02-20', purpose: 'assessment', childSeen: true, seenAlone: false }),
      });
      expect(visit.status).toBe(201);
      const bad = await api(`/api/children/${northChild}/visits`, token, {
        method: 'POST',
        body: JSON.stringify({ purpose: 'assessment' }),
      });
      expect(bad.status).toBe(400);

      // another team's child: refused, and the refusal audited under the token's name
      const other = await api(`/api/children/${southChild}`, token);
      expect(other.status).toBe(403);

      const audit = await rows<{ action: string; username: string; child_id: string | null }>(
        database.db,
        sql`select action, username, child_id from audit_events where username like 'api-token:%' order by id`,
      );
      expect(audit.map((a) => [a.action, a.username])).toEqual([
        ['VIEW_CHILD', 'api-token:case-sync'],
        ['RECORD_VISIT', 'api-token:case-sync'],
        ['ACCESS_REFUSED', 'api-token:case-sync'],
      ]);
      expect(audit[0]!.child_id).toBe(northChild);
      const [used] = await rows<{ last_used_at: string | null }>(
        database.db,
        sql`select last_used_at::text from api_tokens where name = 'case-sync'`,
      );
      expect(used!.last_used_at).not.toBeNull();
    });

    it('gives a service manager token every child, and an API token nothing outside /api', async () => {
      const created = await create({ name: 'reporting', role: 'service_manager' });
      const wide = /<code id="new-token">([^<]+)<\/code>/.exec(created.text)![1]!;
      expect((await api(`/api/children/${southChild}`, wide)).status).toBe(200);
      const doc = (await (await fetch(`${service.url}/api/openapi.json`)).json()) as {
        components: { securitySchemes: Record<string, { scheme?: string }> };
      };
      expect(doc.components.securitySchemes.apiToken!.scheme).toBe('bearer');
      const page = await fetch(`${service.url}/children/${southChild}`, {
        headers: { authorization: `Bearer ${wide}` },
        redirect: 'manual',
      });
      expect(page.status).toBe(302);
    });

    it('refuses a revoked or unknown token with 401 JSON, whatever cookie comes with it', async () => {
      const [row] = await rows<{ id: string }>(database.db, sql`select id from api_tokens where name = 'case-sync'`);
      const listed = (await ada.get('/admin/api-tokens')).text;
      // the page's Revoke button is a form to this address, carrying the page's CSRF token
      expect(listed).toMatch(
        new RegExp(
          `<form method="post" action="/admin/api-tokens/${row!.id}/revoke"[^>]*><input type="hidden" name="_csrf" value="[^"]+">`,
        ),
      );
      expect(listed).toContain('aria-label="Revoke case-sync"');
      expect((await ada.post(`/admin/api-tokens/${row!.id}/revoke`, {})).status).toBe(303);
      const revoked = await api(`/api/children/${northChild}`, token);
      expect(revoked.status).toBe(401);
      expect(await revoked.json()).toEqual({ error: 'The API token is not valid: it is unknown or has been revoked' });
      const unknown = await api(`/api/children/${northChild}`, 'ocsc_not-a-token', { headers: { cookie: ada.cookie } });
      expect(unknown.status).toBe(401);
      const [revocation] = await rows<{ username: string }>(
        database.db,
        sql`select username from audit_events where action = 'REVOKE_API_TOKEN' and record_id = ${row!.id}`,
      );
      expect(revocation!.username).toBe('ada');
      expect((await ada.get('/admin/api-tokens')).text).toContain('Revoked');
    });
  });
}
