import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { checkObligations, rebuildAllObligations } from '../src/obligations/rebuild.js';
import { smallAuthority, PASSWORD } from './support/fixture.js';
import { Agent, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

for (const kind of await testDatabases()) {
  describe(`the front door and the single assessment, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let childId: string;

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('refuses a wrong password without saying which part was wrong', async () => {
      const agent = new Agent(service.url);
      await agent.get('/sign-in');
      const res = await agent.post('/sign-in', { username: 'ana', password: 'wrong' });
      expect(res.status).toBe(401);
      expect(res.text).toContain('Enter a correct username and password');
    });

    it('refuses a form without its CSRF token', async () => {
      const res = await fetch(`${service.url}/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `username=ana&password=${encodeURIComponent(PASSWORD)}`,
        redirect: 'manual',
      });
      expect(res.status).toBe(403);
    });

    it('names each bad field when a child is added with bad details, and saves nothing', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      await agent.get('/children/new');
      const res = await agent.post('/children/new', {
        firstName: 'Tia',
        lastName: '',
        sex: 'F',
        ethnicity: 'WBRI',
        nhsNumber: '9434765918',
        postcode: 'NOT A POSTCODE',
        addressLine1: '1 Imaginary Street',
        'dateOfBirth-day': '31',
        'dateOfBirth-month': '2',
        'dateOfBirth-year': '2019',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('Enter last name');
      expect(res.text).toContain('Date of birth must be a real date');
      expect(res.text).toContain('NHS number is not valid');
      expect(res.text).toContain('Postcode is not a UK postcode');
      const [count] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from children`);
      expect(count!.n).toBe(0);
    });

    it('records a contact, which must be decided within 1 working day', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      await agent.get('/children/new');
      const created = await agent.post('/children/new', {
        firstName: 'Tia',
        lastName: 'Imaginary',
        sex: 'F',
        ethnicity: 'WBRI',
        nhsNumber: '9434765919',
        addressLine1: '1 Imaginary Street',
        postcode: 'm60 2la',
        'dateOfBirth-day': '14',
        'dateOfBirth-month': '2',
        'dateOfBirth-year': '2019',
      });
      expect(created.status).toBe(303);
      childId = created.location!.split('/').pop()!;

      await agent.get(`/front-door/contacts/new?childId=${childId}`);
      const contact = await agent.post('/front-door/contacts/new', {
        childId,
        'receivedDate-day': '27',
        'receivedDate-month': '2',
        'receivedDate-year': '2026',
        receivedTime: '15:30',
        source: '2A',
        referrerName: 'A Teacher',
        about: 'Concerns raised at school',
        consent: 'not_sought',
        consentReason: 'Parent could not be reached the same day',
        domesticAbuseNotification: 'no',
      });
      expect(contact.status).toBe(303);
      const [obligation] = await rows<{ due: string; done: string | null }>(
        database.db,
        sql`select due, done from obligations where child_id = ${childId} and rule_id = 'contact-decision'`,
      );
      // received Friday 27 February at 15:30: due by 15:30 on Monday 2 March
      expect(obligation!.due.slice(0, 10)).toBe('2026-03-02');
      expect(obligation!.done).toBeNull();
    });

    it('turns the contact into a referral whose assessment is due 45 working days later', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const [contact] = await rows<{ id: string; version: number }>(
        database.db,
        sql`select id, version from contacts where child_id = ${childId}`,
      );
      await agent.get(`/front-door/contacts/${contact!.id}`);
      const missing = await agent.post(`/front-door/contacts/${contact!.id}/decision`, {
        thresholdLevel: 'child_in_need',
        outcome: 'referral',
        decisionReason: 'Needs assessment',
        version: String(contact!.version),
      });
      expect(missing.status).toBe(400);
      expect(missing.text).toContain('Select the team to receive the referral');

      const decided = await agent.post(`/front-door/contacts/${contact!.id}/decision`, {
        thresholdLevel: 'child_in_need',
        outcome: 'referral',
        decisionReason: 'Needs assessment',
        teamId: authority.teams.north,
        version: String(contact!.version),
      });
      expect(decided.status).toBe(303);
      const found = await rows<{ rule_id: string; due: string; done: string | null }>(
        database.db,
        sql`select rule_id, due, done from obligations where child_id = ${childId} order by rule_id`,
      );
      const decision = found.find((o) => o.rule_id === 'contact-decision')!;
      expect(decision.done).not.toBeNull();
      const assessment = found.find((o) => o.rule_id === 'assessment-45-working-days')!;
      // referral Friday 27 February 2026 + 45 working days, not counting Good Friday, Easter Monday and 4 May
      expect(assessment.due).toBe('2026-05-06');
    });

    it('refuses a second save made from a stale copy of the contact', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const [contact] = await rows<{ id: string }>(database.db, sql`select id from contacts where child_id = ${childId}`);
      await agent.get(`/front-door/contacts/${contact!.id}`);
      const res = await agent.post(`/front-door/contacts/${contact!.id}/decision`, {
        thresholdLevel: 'early_help',
        outcome: 'early_help',
        decisionReason: 'Second opinion',
        version: '1',
      });
      expect(res.status).toBe(409);
      expect(res.text).toContain('has not been saved');
    });

    it('records a visit with the child seen, audited, and shows it on the record', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      await agent.get(`/children/${childId}/visits/new`);
      const bad = await agent.post(`/children/${childId}/visits/new`, { purpose: 'assessment' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Enter date of the visit');
      expect(bad.text).toContain('Select whether the child was seen');
      const ok = await agent.post(`/children/${childId}/visits/new`, {
        'visitDate-day': '2',
        'visitDate-month': '3',
        'visitDate-year': '2026',
        purpose: 'assessment',
        seen: 'alone',
      });
      expect(ok.status).toBe(303);
      const record = await agent.get(`/children/${childId}`);
      expect(record.status).toBe(200);
      expect(record.text).toContain('Visit: child seen alone');
      const audit = await rows<{ action: string; username: string }>(
        database.db,
        sql`select action, username from audit_events where child_id = ${childId} order by id`,
      );
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['CREATE_CHILD', 'RECORD_CONTACT', 'RECORD_VISIT', 'VIEW_CHILD']));
      expect(audit.every((a) => a.username === 'ana')).toBe(true);
    });

    it('refuses the child to a practitioner of another team, revealing nothing', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('cleo', PASSWORD);
      const res = await agent.get(`/children/${childId}`);
      expect(res.status).toBe(403);
      expect(res.text).not.toContain('Imaginary');
      const search = await agent.get('/children?name=Imaginary');
      expect(search.text).not.toContain('Tia Imaginary');
    });

    it('keeps the audit trail append-only', async () => {
      await expect(database.db.execute(sql`delete from audit_events`)).rejects.toThrow();
      await expect(database.db.execute(sql`update audit_events set action = 'X'`)).rejects.toThrow();
    });

    it('stores exactly the obligations a fresh computation gives, after every write above, and after a rebuild', async () => {
      const check = await checkObligations(database.db);
      expect(check.children).toBeGreaterThan(0);
      expect(check.differences).toEqual([]);
      const before = await rows<{ key: string; due: string; done: string | null }>(
        database.db,
        sql`select key, due, done from obligations order by key`,
      );
      const rebuilt = await rebuildAllObligations(database.db);
      expect(rebuilt.obligations).toBe(before.length);
      const after = await rows<{ key: string; due: string; done: string | null }>(
        database.db,
        sql`select key, due, done from obligations order by key`,
      );
      expect(after).toEqual(before);
    });

    it('answers /health with the database reachable', async () => {
      const res = await fetch(`${service.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ database: { reachable: true, kind: kind.name } });
    });
  });
}
