import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { latestRecordChange } from '../src/core/db/record-changes.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiVisits = {
  total: number;
  visits: { visitDate: string; childSeen: boolean; seenAlone: boolean; purpose: string; notes: string | null; workerName: string | null }[];
};

const LONG_NOTE = `Lou showed me the garden. ${'We talked about school and friends. '.repeat(12)}The last line of the note.`;

for (const kind of await testDatabases()) {
  describe(`a child's visits, read back, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let restrictedId: string;
    let ana: Agent;
    let api: ApiClient;

    const auditCount = async (action: string, child: string) =>
      (
        await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from audit_events where child_id = ${child} and action = ${action}`,
        )
      )[0]!.n;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const child = (firstName: string) =>
        createChild(
          database.db,
          { firstName, lastName: 'Visitedson', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2016-05-20', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      childId = await child('Lou');
      // North 1's child, restricted to Mina: Ana may not open it
      restrictedId = await child('Rue');
      await database.db.execute(sql`update children set restricted = true where id = ${restrictedId}`);
      await database.db.execute(
        sql`insert into restricted_record_access (child_id, user_id) values (${restrictedId}, ${authority.users.manager})`,
      );
      service = await startService(database, new TestClock('2026-03-11T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      await ana.get(`/children/${childId}/visits/new`);
      for (const [date, seen, purpose, notes] of [
        ['2026-02-10', 'no', 'assessment', 'Nobody answered the door.'],
        ['2026-03-04', 'alone', 'child_in_need', LONG_NOTE],
        ['2026-02-24', 'with-others', 'assessment', 'Lou was with his grandmother <Nan> throughout.'],
      ] as const) {
        const res = await ana.post(`/children/${childId}/visits/new`, { ...dateInput('visitDate', date), purpose, seen, notes });
        expect(res.status).toBe(303);
      }
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows the recent visits on the record: date, seen and seen alone, purpose, who, and the note', async () => {
      const record = await ana.get(`/children/${childId}`);
      expect(record.status).toBe(200);
      const table = /<caption[^>]*>\s*Recent visits[\s\S]*?<\/table>/.exec(record.text)?.[0] ?? '';
      const cells = [...table.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
      expect(cells.slice(0, 4)).toEqual(['4 March 2026', 'Seen alone', 'Child in need', 'Ana Fictional']);
      // the record shows the start of a long note; the visits page has it whole
      expect(cells[4]).toMatch(/^Lou showed me the garden\. .*…$/s);
      expect(cells[4]).not.toContain('The last line of the note.');
      expect(cells.slice(5, 10)).toEqual([
        '24 February 2026',
        'Seen, with someone else present',
        'Assessment',
        'Ana Fictional',
        'Lou was with his grandmother &lt;Nan&gt; throughout.',
      ]);
      expect(cells.slice(10, 12)).toEqual(['10 February 2026', 'Not seen']);
      expect(record.text).toContain(`href="/children/${childId}/visits">All 3 visits, with every note in full</a>`);
    });

    it('has a page with every visit and every note whole', async () => {
      const page = await ana.get(`/children/${childId}/visits`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('The last line of the note.');
      expect(page.text).toContain('Nobody answered the door.');
      expect(await auditCount('VIEW_CHILD', childId)).toBeGreaterThanOrEqual(2);
    });

    it('reads them through the API, newest first, audited as a view of the child', async () => {
      const before = await auditCount('VIEW_CHILD', childId);
      const res = await api.get(`/api/children/${childId}/visits`);
      expect(res.status).toBe(200);
      const body = res.body as ApiVisits;
      expect(body.total).toBe(3);
      expect(body.visits.map((v) => [v.visitDate, v.childSeen, v.seenAlone, v.purpose, v.workerName])).toEqual([
        ['2026-03-04', true, true, 'child_in_need', 'Ana Fictional'],
        ['2026-02-24', true, false, 'assessment', 'Ana Fictional'],
        ['2026-02-10', false, false, 'assessment', 'Ana Fictional'],
      ]);
      expect(body.visits[0]!.notes).toBe(LONG_NOTE);
      expect(await auditCount('VIEW_CHILD', childId)).toBe(before + 1);
    });

    it('shows each visit with its note in the chronology, a long note behind a details component, whole in print', async () => {
      const paged = await ana.get(`/children/${childId}/chronology?visits=1`);
      expect(paged.status).toBe(200);
      expect(paged.text).toMatch(/<details[^>]*>[\s\S]*?Read what was recorded[\s\S]*?The last line of the note\.[\s\S]*?<\/details>/);
      expect(paged.text).toContain('Lou was with his grandmother &lt;Nan&gt; throughout.');
      const print = await ana.get(`/children/${childId}/chronology?visits=1&view=print`);
      expect(print.text).toContain('The last line of the note.');
      expect(print.text).not.toContain('Read what was recorded');
    });

    it('moves the record’s change counter once for a visit, when it has committed', async () => {
      const before = Number(await latestRecordChange(database.db));
      const res = await api.post(`/api/children/${childId}/visits`, {
        visitDate: '2026-03-10',
        purpose: 'other',
        childSeen: true,
        seenAlone: false,
      });
      expect(res.status).toBe(201);
      // once: a move inside the transaction too would have the dashboards computed twice for it
      expect(Number(await latestRecordChange(database.db))).toBe(before + 1);
    });

    it('documents the route on the API page', async () => {
      const doc = await api.get('/api/openapi.json');
      const paths = (doc.body as { paths: Record<string, Record<string, unknown>> }).paths;
      const visits = Object.entries(paths).find(([p]) => p.endsWith('/visits'));
      expect(visits).toBeDefined();
      expect(Object.keys(visits![1]).sort()).toEqual(['get', 'post']);
    });

    it('refuses a restricted record’s visits, and another team’s child’s, auditing the refusal', async () => {
      const refusedBefore = await auditCount('ACCESS_REFUSED', restrictedId);
      const restricted = await api.get(`/api/children/${restrictedId}/visits`);
      expect(restricted.status).toBe(403);
      expect(restricted.text).not.toContain('Rue');
      expect(await auditCount('ACCESS_REFUSED', restrictedId)).toBe(refusedBefore + 1);
      expect((await ana.get(`/children/${restrictedId}/visits`)).status).toBe(403);

      const cleo = new ApiClient(service.url);
      await cleo.signIn('cleo', PASSWORD);
      const otherTeam = await cleo.get(`/api/children/${childId}/visits`);
      expect(otherTeam.status).toBe(403);
      expect(otherTeam.text).not.toContain('Nobody answered the door.');
    });
  });
}
