import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

const NOW = '2026-03-02T10:00:00Z';

for (const kind of await testDatabases()) {
  describe(`allocating a child and restricting a record, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let childId: string;

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      childId = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Rae', lastName: 'Moving' },
        { date: '2026-02-16', time: '09:00' },
      );
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows each worker’s caseload, moves the child, keeps the history, and refuses a stale allocation', async () => {
      const mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      const page = await mina.get(`/children/${childId}/allocation`);
      expect(page.text).toContain('Ben Madeup (North 1)');
      expect(page.text).toMatch(/0 children, newly qualified/);
      const current = /name="current" value="([^"]*)"/.exec(page.text)![1]!;
      // why the social worker is changing is asked (DfE's SW_REASON), and nothing is saved without it
      const noReason = await mina.post(`/children/${childId}/allocation`, { workerId: authority.workers.ben, current });
      expect(noReason.status).toBe(400);
      expect(noReason.text).toContain('Select why the social worker is changing');
      const moved = await mina.post(`/children/${childId}/allocation`, {
        workerId: authority.workers.ben,
        current,
        changeReason: 'LEFTRL',
      });
      expect(moved.status).toBe(303);
      const history = await rows<{ worker_id: string | null; ended_at: string | null; change_reason: string | null }>(
        database.db,
        sql`select worker_id, ended_at::text, change_reason from allocations where child_id = ${childId} order by started_at`,
      );
      expect(history.at(-1)).toEqual({ worker_id: authority.workers.ben, ended_at: null, change_reason: 'LEFTRL' });
      expect((await mina.get(`/children/${childId}/allocation`)).text).toContain('The previous social worker left their role');
      expect(history.slice(0, -1).every((h) => h.ended_at !== null)).toBe(true);

      await mina.get(`/children/${childId}/allocation`);
      const stale = await mina.post(`/children/${childId}/allocation`, {
        workerId: authority.workers.ana,
        current,
        changeReason: 'MANAGE',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('allocated by someone else');
      const outside = await mina.post(`/children/${childId}/allocation`, {
        workerId: authority.workers.cleo,
        current: '',
        changeReason: 'MANAGE',
      });
      expect(outside.status).toBe(400);
      expect(outside.text).toContain('Social worker must be one of the workers listed');
    });

    it('restricts a record to named users: others, even a service manager, are refused', async () => {
      const mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      await mina.get(`/children/${childId}/restriction`);
      const unknown = await mina.post(`/children/${childId}/restriction`, { restricted: 'yes', usernames: 'nobody-here' });
      expect(unknown.status).toBe(400);
      expect(unknown.text).toContain('Who may open it: No user is called nobody-here');
      const ok = await mina.post(`/children/${childId}/restriction`, { restricted: 'yes', usernames: '' });
      expect(ok.status).toBe(303);
      expect((await mina.get(`/children/${childId}`)).status).toBe(200);

      for (const username of ['ana', 'sam']) {
        const other = new Agent(service.url);
        await other.signIn(username, PASSWORD);
        expect((await other.get(`/children/${childId}`)).status).toBe(403);
        expect((await other.get('/children?name=Moving')).text).not.toContain('Rae Moving');
      }
      await mina.get(`/children/${childId}/restriction`);
      await mina.post(`/children/${childId}/restriction`, { restricted: 'yes', usernames: 'ana' });
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      expect((await ana.get(`/children/${childId}`)).status).toBe(200);
    });
  });
}

for (const kind of await testDatabases()) {
  describe(`a child's address history, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Ivo', lastName: 'Mover' },
        { date: '2026-02-16', time: '09:00' },
      );
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('records moves, ending the previous address the day before, and refuses a bad postcode or an earlier date', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      await ana.get(`/children/${childId}/addresses`);
      const move = (postcode: string, day: string) =>
        ana.post(`/children/${childId}/addresses`, {
          line1: '2 Fictional Road',
          postcode,
          'fromDate-day': day,
          'fromDate-month': '2',
          'fromDate-year': '2026',
        });
      expect((await move('m14 5aa', '1')).status).toBe(303);
      const bad = await move('NOPE', '20');
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Postcode is not a UK postcode');
      expect((await move('M14 6BB', '20')).status).toBe(303);
      const early = await move('M14 7DD', '10');
      expect(early.status).toBe(400);
      expect(early.text).toContain('must be after 20 February 2026');
      const history = await rows<{ postcode: string; from_date: string; to_date: string | null }>(
        database.db,
        sql`select postcode, from_date::text, to_date::text from addresses where child_id = ${childId} order by from_date`,
      );
      expect(history).toEqual([
        { postcode: 'M14 5AA', from_date: '2026-02-01', to_date: '2026-02-19' },
        { postcode: 'M14 6BB', from_date: '2026-02-20', to_date: null },
      ]);
    });
  });
}

for (const kind of await testDatabases()) {
  describe(`people in a child's life, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let siblingId: string;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Pia', lastName: 'Family' },
        { date: '2026-02-16', time: '09:00' },
      );
      siblingId = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Tom', lastName: 'Family' },
        { date: '2026-02-16', time: '09:30' },
      );
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('adds a parent and a sibling on the record, and names what is missing', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      await ana.get(`/children/${childId}/relationships`);
      const bad = await ana.post(`/children/${childId}/relationships`, { relationship: 'mother', parentalResponsibility: 'yes' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Enter the person’s first and last name, or the reference of a child on the record');
      expect(bad.text).toContain('Select whether they live with the child');
      expect(
        (
          await ana.post(`/children/${childId}/relationships`, {
            relationship: 'mother',
            firstName: 'Mara',
            lastName: 'Family',
            parentalResponsibility: 'yes',
            livesWithChild: 'yes',
          })
        ).status,
      ).toBe(303);
      const [sibling] = await rows<{ reference: number }>(
        database.db,
        sql`select reference::int as reference from children where id = ${siblingId}`,
      );
      expect(
        (
          await ana.post(`/children/${childId}/relationships`, {
            relationship: 'sibling',
            childReference: String(sibling!.reference),
            parentalResponsibility: 'no',
            livesWithChild: 'yes',
          })
        ).status,
      ).toBe(303);
      const record = await ana.get(`/children/${childId}`);
      expect(record.text).toContain('Mara Family, mother, parental responsibility, lives with the child');
      expect(record.text).toContain(`href="/children/${siblingId}">Tom Family</a>`);
    });
  });
}
