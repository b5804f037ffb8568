import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

const figure = (html: string, name: string) => new RegExp(`data-figure="${name}">(\\d+)<`).exec(html)?.[1];

for (const kind of await testDatabases()) {
  describe(`a restricted child in a manager's lists, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let noor: string;
    let rae: string;
    const restrict = async (childId: string, userIds: string[]) => {
      await database.db.execute(sql`update children set restricted = true where id = ${childId}`);
      for (const userId of userIds)
        await database.db.execute(sql`insert into restricted_record_access (child_id, user_id) values (${childId}, ${userId})`);
    };
    const signedIn = async (username: string) => {
      const agent = new Agent(service.url);
      await agent.signIn(username, PASSWORD);
      return agent;
    };
    const auditRows = (action: string) =>
      rows<{ child_id: string | null; username: string }>(
        database.db,
        sql`select child_id, username from audit_events where action = ${action} order by id`,
      );

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      // North 1, Ana's: both long past 45 working days and never seen
      noor = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Noor', lastName: 'Hiddenname' },
        { date: '2025-11-03', time: '11:00' },
      );
      await driftingAssessment(database.db, authority, { firstName: 'Olu', lastName: 'Openrecord' }, { date: '2025-11-04', time: '11:00' });
      // a recent one, allocated to Ana too, restricted to Mina alone
      rae = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Rae', lastName: 'Notforana' },
        { date: '2026-02-23', time: '09:30' },
      );
      // Noor's record is open only to Ana: her manager and the service manager may not open it
      await restrict(noor, [authority.users.practitioner]);
      await restrict(rae, [authority.users.manager]);
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows the restricted child as a restricted record, with who holds it, in every list, and still counts it', async () => {
      const mina = await signedIn('mina');
      expect(figure((await mina.get('/my-team')).text, 'overdue-assessments')).toBe('2');
      const lists = [
        '/my-team/lists/overdue-assessments',
        '/my-team/lists/not-seen-during-assessment',
        '/my-team/lists/not-seen',
        '/my-team/lists/open-assessments',
        `/my-team/lists/caseload?workerId=${authority.workers.ana}`,
      ];
      for (const path of lists) {
        const list = await mina.get(path);
        expect(list.status, path).toBe(200);
        expect(list.text, path).toContain('Olu Openrecord');
        expect(list.text, path).not.toContain('Hiddenname');
        expect(list.text, path).toContain('Restricted record');
        expect(list.text, path).toMatch(/held by Ana Fictional, North 1/);
        expect(list.text, path).toContain(`/access-requests/new?child=${noor}`);
      }
      expect((await mina.get('/my-team/lists/overdue-assessments')).text).toContain('2 children');

      const sam = await signedIn('sam');
      expect(figure((await sam.get('/authority')).text, 'overdue-assessments')).toBe('2');
      const authorityList = await sam.get('/authority/lists/overdue-assessments');
      expect(authorityList.text).not.toContain('Hiddenname');
      expect(authorityList.text).toContain('Restricted record');

      // Ana holds Rae's case but is not named on it: her own work shows a restricted record too
      const ana = await signedIn('ana');
      const work = await ana.get('/my-work');
      expect(work.text).toContain('Noor Hiddenname');
      expect(work.text).not.toContain('Notforana');
      expect(work.text).toContain('Restricted record');
      expect(work.text).not.toContain(`/children/${rae}`);
    });

    it('records a request for access, shows it to those who can grant it, and lets a granted manager open the record', async () => {
      const mina = await signedIn('mina');
      const form = await mina.get(`/access-requests/new?child=${noor}`);
      expect(form.status).toBe(200);
      expect(form.text).not.toContain('Hiddenname');
      expect(form.text).toMatch(/held by Ana Fictional, North 1/);
      const blank = await mina.post('/access-requests', { child: noor, reason: '' });
      expect(blank.status).toBe(400);
      expect(blank.text).toContain('Enter why you need access');
      const sent = await mina.post('/access-requests', { child: noor, reason: 'Overdue assessment: I need to review the plan' });
      expect(sent.status).toBe(303);
      const [request] = await rows<{ id: string; status: string; reason: string; requested_by: string; requested_at: string | null }>(
        database.db,
        sql`select id, status, reason, requested_by, requested_at::text from access_requests where child_id = ${noor}`,
      );
      expect(request).toMatchObject({
        status: 'pending',
        reason: 'Overdue assessment: I need to review the plan',
        requested_by: authority.users.manager,
      });
      expect(request!.requested_at).toBeTruthy();
      expect(await auditRows('REQUEST_ACCESS')).toEqual([{ child_id: noor, username: 'mina' }]);
      expect((await mina.get('/my-team/lists/overdue-assessments')).text).toContain('Access requested');

      // the service manager may grant it without being named, and is not shown the child's name
      const sam = await signedIn('sam');
      const samQueue = await sam.get('/access-requests');
      expect(samQueue.text).toContain('Mina Manager');
      expect(samQueue.text).toContain('Overdue assessment: I need to review the plan');
      expect(samQueue.text).not.toContain('Hiddenname');
      // Ana is named on the record: she sees whose record it is, and the request
      const ana = await signedIn('ana');
      expect((await ana.get('/my-work')).text).toContain('1 request for access');
      const anaQueue = await ana.get('/access-requests');
      expect(anaQueue.text).toContain('Noor Hiddenname');
      expect(anaQueue.text).toContain('Mina Manager');
      // someone neither named nor a service manager cannot decide it
      const cleo = await signedIn('cleo');
      await cleo.get('/access-requests');
      expect((await cleo.post(`/access-requests/${request!.id}/grant`, {})).status).toBe(403);

      expect((await mina.get(`/children/${noor}`)).status).toBe(403);
      expect((await ana.post(`/access-requests/${request!.id}/grant`, {})).status).toBe(303);
      expect(await auditRows('GRANT_ACCESS')).toEqual([{ child_id: noor, username: 'ana' }]);
      const named = await rows<{ user_id: string }>(
        database.db,
        sql`select user_id from restricted_record_access where child_id = ${noor} order by user_id`,
      );
      expect(named.map((n) => n.user_id).sort()).toEqual([authority.users.practitioner, authority.users.manager].sort());
      // deciding twice is refused
      await sam.get('/access-requests');
      expect((await sam.post(`/access-requests/${request!.id}/decline`, {})).status).toBe(409);

      // Mina is told on her next visit, once, and can open the record
      expect((await mina.get('/my-team')).text).toContain('Your request for access to a restricted record was granted');
      expect((await mina.get('/my-team')).text).not.toContain('was granted');
      expect((await mina.get(`/children/${noor}`)).status).toBe(200);
      expect((await mina.get('/my-team/lists/overdue-assessments')).text).toContain('Noor Hiddenname');
    });

    it('lets the people named decline a request, and tells the requester', async () => {
      const sam = await signedIn('sam');
      // a practitioner outside the child's team may not ask: the record is not theirs to hold
      const cleo = await signedIn('cleo');
      expect((await cleo.get(`/access-requests/new?child=${rae}`)).status).toBe(403);
      await sam.get(`/access-requests/new?child=${rae}`);
      expect((await sam.post('/access-requests', { child: rae, reason: 'Authority review of restricted cases' })).status).toBe(303);
      const [request] = await rows<{ id: string }>(
        database.db,
        sql`select id from access_requests where child_id = ${rae} and status = 'pending'`,
      );
      // a service manager may decide others' requests, never their own
      expect((await sam.get('/access-requests')).text).toContain('Nothing is waiting for your decision');
      expect((await sam.post(`/access-requests/${request!.id}/grant`, {})).status).toBe(403);
      const mina = await signedIn('mina');
      await mina.get('/access-requests');
      expect((await mina.post(`/access-requests/${request!.id}/decline`, {})).status).toBe(303);
      expect(await auditRows('DECLINE_ACCESS')).toEqual([{ child_id: rae, username: 'mina' }]);
      expect((await sam.get('/authority')).text).toContain('Your request for access to a restricted record was declined');
      expect((await sam.get(`/children/${rae}`)).status).toBe(403);
    });

    it('shows each viewer of the same list their own rows: a record named to one is restricted to the other', async () => {
      // last: a second service manager, named on Noor's record as Sam is not
      const [sol] = await rows<{ id: string }>(
        database.db,
        sql`insert into users (username, display_name, password_hash, role)
            select 'sol', 'Sol Second', password_hash, 'service_manager' from users where username = 'sam' returning id`,
      );
      await database.db.execute(sql`insert into restricted_record_access (child_id, user_id) values (${noor}, ${sol!.id})`);
      const sam = await signedIn('sam');
      const solAgent = await signedIn('sol');
      const path = '/authority/lists/overdue-assessments';
      // the same list, at the same state of the record, one viewer after the other
      for (let round = 0; round < 2; round++) {
        const samList = (await sam.get(path)).text;
        expect(samList).not.toContain('Hiddenname');
        expect(samList).toContain('Restricted record');
        const solList = (await solAgent.get(path)).text;
        expect(solList).toContain('Noor Hiddenname');
      }
    });
  });
}
