import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/core/audit/verify.js';
import { openDatabase, rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { checkObligations } from '../src/obligations/rebuild.js';
import { smallAuthority, PASSWORD } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';
const run = promisify(execFile);

const newChild = {
  firstName: 'Ode',
  lastName: 'Ledgerly',
  sex: 'M',
  ethnicity: 'WBRI',
  nhsNumber: '9434765919',
  addressLine1: '2 Imaginary Street',
  postcode: 'm60 2la',
  'dateOfBirth-day': '3',
  'dateOfBirth-month': '5',
  'dateOfBirth-year': '2018',
};
const contactForm = {
  'receivedDate-day': '2',
  'receivedDate-month': '3',
  'receivedDate-year': '2026',
  receivedTime: '09:30',
  source: '2A',
  referrerName: 'A Teacher',
  about: 'Concerns raised at school',
  consent: 'given',
  domesticAbuseNotification: 'no',
};
const visit = { 'visitDate-day': '2', 'visitDate-month': '3', 'visitDate-year': '2026', purpose: 'assessment', seen: 'alone' };

for (const kind of await testDatabases()) {
  describe(`the audit trail and writes to one child, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let childId: string;
    let ana: Agent;
    const contactFormFor = () => ({ ...contactForm, childId });

    const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(database.db, query))[0]!.n;
    const auditRows = (action: string) =>
      rows<{ id: number; child_id: string | null; child_ids: string[] | null; username: string }>(
        database.db,
        sql`select id, child_id, child_ids, username from audit_events where action = ${action} order by id`,
      );

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      service = await startService(database, fixedTime(NOW));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      await ana.get('/children/new');
      const created = await ana.post('/children/new', newChild);
      expect(created.status).toBe(303);
      childId = created.location!.split('/').pop()!;
      // a referral, so the child has obligations that every visit recomputes
      await ana.get(`/front-door/contacts/new?childId=${childId}`);
      const contact = await ana.post('/front-door/contacts/new', {
        ...contactFormFor(),
        'receivedDate-day': '27',
        'receivedDate-month': '2',
      });
      const contactId = contact.location!.split('/').pop()!;
      await ana.get(`/front-door/contacts/${contactId}`);
      const decided = await ana.post(`/front-door/contacts/${contactId}/decision`, {
        thresholdLevel: 'child_in_need',
        outcome: 'referral',
        decisionReason: 'Needs assessment',
        teamId: authority.teams.north,
        version: '1',
      });
      expect(decided.status).toBe(303);
      // allocated to Ana herself, so the child is on her My work
      const mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      await mina.get(`/children/${childId}/allocation`);
      const [current] = await rows<{ id: string }>(
        database.db,
        sql`select id from allocations where child_id = ${childId} and ended_at is null`,
      );
      const allocated = await mina.post(`/children/${childId}/allocation`, {
        workerId: authority.workers.ana,
        current: current!.id,
        changeReason: 'FCONTA',
      });
      expect(allocated.status).toBe(303);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('saves neither a change nor its audit row when the audit row cannot be written, and answers with an error', async () => {
      await database.db.execute(sql`create function refuse_visit_audit() returns trigger language plpgsql as $$
        begin if new.action = 'RECORD_VISIT' then raise exception 'audit refused for the test'; end if; return new; end $$`);
      await database.db.execute(
        sql`create trigger refuse_visit_audit before insert on audit_events for each row execute function refuse_visit_audit()`,
      );
      try {
        const visits = await count(sql`select count(*)::int as n from visits where child_id = ${childId}`);
        const obligations = await rows(database.db, sql`select key, done from obligations where child_id = ${childId} order by key`);
        await ana.get(`/children/${childId}/visits/new`);
        const res = await ana.post(`/children/${childId}/visits/new`, visit);
        expect(res.status).toBe(500);
        expect(res.text).not.toContain('Visit recorded');
        expect(await count(sql`select count(*)::int as n from visits where child_id = ${childId}`)).toBe(visits);
        expect(await rows(database.db, sql`select key, done from obligations where child_id = ${childId} order by key`)).toEqual(
          obligations,
        );
        expect(await auditRows('RECORD_VISIT')).toEqual([]);
      } finally {
        await database.db.execute(sql`drop trigger refuse_visit_audit on audit_events`);
        await database.db.execute(sql`drop function refuse_visit_audit()`);
      }
    });

    it('writes no change row for an edit refused for bad input or a stale version, and one for an edit saved', async () => {
      const [child] = await rows<{ version: number }>(database.db, sql`select version from children where id = ${childId}`);
      const details = { firstName: 'Ode', lastName: 'Ledgerly', sex: 'M', ethnicity: 'WBRI', nhsNumber: '9434765919' };
      await ana.get(`/children/${childId}/edit`);
      const bad = await ana.post(`/children/${childId}/edit`, { ...details, lastName: '', version: String(child!.version) });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Enter last name');
      expect(await auditRows('UPDATE_CHILD')).toEqual([]);
      const saved = await ana.post(`/children/${childId}/edit`, { ...details, language: 'English', version: String(child!.version) });
      expect(saved.status).toBe(303);
      expect((await auditRows('UPDATE_CHILD')).map((r) => r.child_id)).toEqual([childId]);
      // a second save from the copy opened before the first
      const stale = await ana.post(`/children/${childId}/edit`, { ...details, language: 'Welsh', version: String(child!.version) });
      expect(stale.status).toBe(409);
      expect(await auditRows('UPDATE_CHILD')).toHaveLength(1);
    });

    it('writes no change row when a new child is held back for its likely matches, and records the matches shown', async () => {
      const created = await auditRows('CREATE_CHILD');
      await ana.get('/children/new');
      const res = await ana.post('/children/new', newChild);
      expect(res.status).toBe(200);
      expect(res.text).toContain(childId);
      expect(await auditRows('CREATE_CHILD')).toEqual(created);
      const shown = await auditRows('VIEW_CHILDREN');
      expect(shown.at(-1)!.child_ids).toEqual([childId]);
    });

    it('records the children a search, a work list, a manager’s list and the front door queue showed', async () => {
      const search = await ana.get('/children?name=Ledgerly');
      expect(search.text).toContain('Ode Ledgerly');
      expect((await auditRows('SEARCH_CHILDREN')).at(-1)!.child_ids).toEqual([childId]);

      const myWork = await ana.get('/my-work');
      expect(myWork.text).toContain('Ode Ledgerly');
      expect((await auditRows('VIEW_MY_WORK')).at(-1)!.child_ids).toEqual([childId]);

      const mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      const caseload = await mina.get(`/my-team/lists/caseload?workerId=${authority.workers.ana}`);
      expect(caseload.text).toContain('Ode Ledgerly');
      expect((await auditRows('VIEW_LIST')).at(-1)).toMatchObject({ username: 'mina', child_ids: [childId] });

      await ana.get(`/front-door/contacts/new?childId=${childId}`);
      const contact = await ana.post('/front-door/contacts/new', contactFormFor());
      expect(contact.status).toBe(303);
      const queue = await ana.get('/front-door');
      expect(queue.text).toContain('Ode Ledgerly');
      expect((await auditRows('VIEW_FRONT_DOOR')).at(-1)!.child_ids).toEqual([childId]);

      // a child's trail finds every list they appeared in, through the GIN index on child_ids
      const appeared = await rows<{ action: string }>(
        database.db,
        sql`select action from audit_events where child_ids @> array[${childId}]::uuid[] order by id`,
      );
      expect(appeared.map((a) => a.action)).toEqual(
        expect.arrayContaining(['VIEW_CHILDREN', 'SEARCH_CHILDREN', 'VIEW_MY_WORK', 'VIEW_LIST', 'VIEW_FRONT_DOOR']),
      );
    });

    it('names the child in a refused access row', async () => {
      const cleo = new Agent(service.url);
      await cleo.signIn('cleo', PASSWORD);
      const res = await cleo.get(`/children/${childId}`);
      expect(res.status).toBe(403);
      const refused = await auditRows('ACCESS_REFUSED');
      expect(refused.at(-1)).toMatchObject({ username: 'cleo', child_id: childId });
    });

    it('records 40 visits to one child sent 4 at a time: every one answered, saved and audited, obligations consistent', async () => {
      await ana.get(`/children/${childId}/visits/new`);
      const before = await count(sql`select count(*)::int as n from visits where child_id = ${childId}`);
      const statuses: number[] = [];
      for (let round = 0; round < 10; round++) {
        const answers = await Promise.all(Array.from({ length: 4 }, () => ana.post(`/children/${childId}/visits/new`, visit)));
        statuses.push(...answers.map((a) => a.status));
      }
      expect(statuses).toEqual(Array(40).fill(303));
      expect(await count(sql`select count(*)::int as n from visits where child_id = ${childId}`)).toBe(before + 40);
      const audited = await auditRows('RECORD_VISIT');
      expect(audited).toHaveLength(40);
      expect(await count(sql`select count(*)::int as n from obligations where child_id = ${childId}`)).toBeGreaterThan(0);
      const visitIds = await rows<{ id: string }>(database.db, sql`select id::text from visits where child_id = ${childId} order by id`);
      const auditedIds = await rows<{ record_id: string }>(
        database.db,
        sql`select record_id from audit_events where action = 'RECORD_VISIT' order by record_id`,
      );
      expect(auditedIds.map((a) => a.record_id)).toEqual(visitIds.map((v) => v.id).sort());
      expect((await checkObligations(database.db)).differences).toEqual([]);
    });

    it('verifies an intact audit trail, and names the first row changed afterwards', async () => {
      const intact = await verifyAuditChain(database.db);
      expect(intact.broken).toBeNull();
      const total = await count(sql`select count(*)::int as n from audit_events`);
      expect(intact.rows).toBe(total);
      if (kind.name === 'postgres') {
        const cli = await run('node', ['bin/opencsc.js', 'audit', 'verify'], { env: { ...process.env, DATABASE_URL: database.location } });
        expect(cli.stdout).toContain(`intact: ${total} rows`);
      }

      // someone with the database owner's rights edits a row behind the append-only trigger
      const [victim] = await rows<{ id: number }>(database.db, sql`select id::int from audit_events where action = 'UPDATE_CHILD'`);
      await database.db.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await database.db.execute(sql`update audit_events set username = 'someone-else' where id = ${victim!.id}`);
      await database.db.execute(sql`alter table audit_events enable trigger audit_events_append_only`);
      const tampered = await verifyAuditChain(database.db);
      expect(tampered.broken).toMatchObject({ id: victim!.id, action: 'UPDATE_CHILD' });
      expect(tampered.rows).toBe(await count(sql`select count(*)::int as n from audit_events where id < ${victim!.id}`));
      if (kind.name === 'postgres') {
        const failed = await run('node', ['bin/opencsc.js', 'audit', 'verify'], {
          env: { ...process.env, DATABASE_URL: database.location },
        }).then(
          () => ({ code: 0, stdout: '' }),
          (e: { code: number; stdout: string }) => e,
        );
        expect(failed.code).toBe(1);
        expect(failed.stdout).toContain(`broken at row ${victim!.id}`);
      }
    });

    it('reports a database that cannot write on /health, and a write then gets the error page and saves nothing', async () => {
      const visits = await count(sql`select count(*)::int as n from visits where child_id = ${childId}`);
      await ana.get(`/children/${childId}/visits/new`);
      // PGlite has one connection, which the service shares; PostgreSQL's new connections read the database's setting
      let readOnly: Database | undefined;
      let target = service;
      if (kind.name === 'postgres') {
        await database.db.execute(
          sql.raw(`alter database ${new URL(database.location).pathname.slice(1)} set default_transaction_read_only = on`),
        );
        readOnly = await openDatabase({ databaseUrl: database.location, poolSize: 2 });
        target = await startService(readOnly, fixedTime(NOW));
      } else {
        await database.db.execute(sql`set default_transaction_read_only = on`);
      }
      try {
        const health = await fetch(`${target.url}/health`);
        expect(health.status).toBe(503);
        expect(await health.json()).toMatchObject({ status: 'database cannot write', database: { reachable: true, writable: false } });
        const res = await ana.at(target.url).post(`/children/${childId}/visits/new`, visit);
        expect(res.status).toBe(500);
        expect(res.location).toBeNull();
        expect(res.text).not.toContain('Visit recorded');
      } finally {
        if (kind.name === 'postgres') {
          await target.close();
          await readOnly!.close();
          await database.db.execute(
            sql.raw(`alter database ${new URL(database.location).pathname.slice(1)} set default_transaction_read_only = off`),
          );
        } else {
          await database.db.execute(sql`set default_transaction_read_only = off`);
        }
      }
      expect(await count(sql`select count(*)::int as n from visits where child_id = ${childId}`)).toBe(visits);
      const healthy = await fetch(`${service.url}/health`);
      expect(healthy.status).toBe(200);
      expect(await healthy.json()).toMatchObject({ status: 'ok', database: { writable: true } });
    });
  });
}
