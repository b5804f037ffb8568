import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { rebuildsSettled, submissionOf } from './support/rebuilds.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

const contactForm = (childId: string, source: string) => ({
  childId,
  'receivedDate-day': '11',
  'receivedDate-month': '3',
  'receivedDate-year': '2026',
  receivedTime: '09:15',
  source,
  referrerName: 'PC Imaginary',
  about: 'Officers called to the home overnight',
  consent: 'given',
  domesticAbuseNotification: source === '6' ? 'yes' : 'no',
});

for (const kind of await testDatabases()) {
  describe(`contact decisions and a manager's sign-off, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let childId: string;
    let ana: Agent;
    let mina: Agent;

    const signIn = async (username: string) => {
      const agent = new Agent(service.url);
      await agent.signIn(username, PASSWORD);
      return agent;
    };
    const newContact = async (source: string) => {
      await ana.get(`/front-door/contacts/new?childId=${childId}`);
      const res = await ana.post('/front-door/contacts/new', contactForm(childId, source));
      expect(res.status).toBe(303);
      return res.location!.split('/').at(-1)!;
    };
    const state = async (contactId: string) =>
      (
        await rows<{ decided: boolean; decidedBy: string | null; referrals: number; pending: number; returned: number; version: number }>(
          database.db,
          sql`select k.decided_at is not null as decided, k.decided_by as "decidedBy", k.version,
                     (select count(*)::int from referrals r where r.contact_id = k.id) as referrals,
                     (select count(*)::int from contact_decision_proposals p where p.contact_id = k.id and p.status = 'pending') as pending,
                     (select count(*)::int from contact_decision_proposals p where p.contact_id = k.id and p.status = 'returned') as returned
                from contacts k where k.id = ${contactId}`,
        )
      )[0]!;
    const decision = (version: number, outcome = 'referral') => ({
      version: String(version),
      thresholdLevel: 'child_in_need',
      outcome,
      teamId: authority.teams.north,
      primaryNeed: 'N1',
      decisionReason: 'Repeated police call-outs: the family needs an assessment',
    });

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Sol', lastName: 'Inventedly', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2017-02-14', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      // Wednesday 11 March 2026, 10:00 in England
      service = await startService(database, new TestClock('2026-03-11T10:00:00Z'));
      ana = await signIn('ana');
      mina = await signIn('mina');
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('by default, as before, a practitioner’s decision stands at once', async () => {
      const contactId = await newContact('3F');
      const page = await ana.get(`/front-door/contacts/${contactId}`);
      expect(page.text).toContain('Record decision');
      const res = await ana.post(`/front-door/contacts/${contactId}/decision`, decision(1, 'advice'));
      expect(res.status).toBe(303);
      expect(await state(contactId)).toMatchObject({ decided: true, decidedBy: authority.workers.ana, pending: 0 });
    });

    it('shows referral sources by their DfE label on the queue and the contact, not a bare code', async () => {
      const contactId = await newContact('6');
      const queue = await ana.get('/front-door');
      expect(queue.text).toMatch(/<td class="govuk-table__cell">\s*Police \(6\)\s*<\/td>/);
      expect(queue.text).not.toMatch(/<td class="govuk-table__cell">\s*6\s*<\/td>/);
      const page = await ana.get(`/front-door/contacts/${contactId}`);
      expect(page.text).toContain('Police (6)');
    });

    it('where the policy requires it, holds a practitioner’s decision for a manager, who returns it or signs it off', async () => {
      const admin = await signIn('ada');
      const policy = await admin.get('/admin/policy');
      expect(policy.text).toContain('needs a manager’s sign-off before it stands');
      const set = await admin.post('/admin/policy', {
        key: 'frontDoor.contactDecisionSignOff',
        value: 'required',
        'effectiveFrom-day': '11',
        'effectiveFrom-month': '3',
        'effectiveFrom-year': '2026',
        submission: submissionOf(policy.text),
      });
      expect(set.status).toBe(303);
      await rebuildsSettled(database.db);

      const contactId = await newContact('6');
      const form = await ana.get(`/front-door/contacts/${contactId}`);
      expect(form.text).toContain('Send for sign-off');
      const sent = await ana.post(`/front-door/contacts/${contactId}/decision`, decision(1));
      expect(sent.status).toBe(303);
      expect(sent.location).toBe(`/front-door/contacts/${contactId}`);
      // nothing is decided yet: no referral, the clock's deadline still runs
      expect(await state(contactId)).toMatchObject({ decided: false, referrals: 0, pending: 1, version: 2 });

      const queue = await mina.get('/front-door');
      const row = queue.text.split('<tr').find((r) => r.includes(`/front-door/contacts/${contactId}`)) ?? '';
      expect(row).toContain('Awaiting sign-off');
      expect(queue.text).toMatch(
        /<span class="app-figure__number">1<\/span><span class="app-figure__label">decided, awaiting a manager’s sign-off/,
      );

      // a practitioner cannot sign it off, nor decide it again while it waits
      await ana.get(`/front-door/contacts/${contactId}`);
      expect((await ana.post(`/front-door/contacts/${contactId}/sign-off`, { version: '2' })).status).toBe(403);
      const again = await ana.post(`/front-door/contacts/${contactId}/decision`, decision(2, 'advice'));
      expect(again.status).toBe(409);
      expect(again.text).toContain('already waiting for a manager’s sign-off');
      expect(await state(contactId)).toMatchObject({ decided: false, pending: 1, version: 2 });

      // returning it needs a reason, named; nothing is written without one
      const page = await mina.get(`/front-door/contacts/${contactId}`);
      expect(page.text).toContain('Decision awaiting a manager’s sign-off');
      expect(page.text).toContain('Primary need');
      const blank = await mina.post(`/front-door/contacts/${contactId}/return`, { version: '2', reviewComment: '  ' });
      expect(blank.status).toBe(400);
      expect(blank.text).toContain('href="#reviewComment"');
      expect(blank.text).toContain('Enter why it is returned');
      expect(await state(contactId)).toMatchObject({ pending: 1, returned: 0, version: 2 });

      const returned = await mina.post(`/front-door/contacts/${contactId}/return`, {
        version: '2',
        reviewComment: 'Check with health first: is there a younger sibling?',
      });
      expect(returned.status).toBe(303);
      expect(await state(contactId)).toMatchObject({ decided: false, pending: 0, returned: 1, version: 3 });
      const back = await ana.get(`/front-door/contacts/${contactId}`);
      expect(back.text).toContain('Check with health first: is there a younger sibling?');
      expect(back.text).toContain('Mina Manager');

      expect((await ana.post(`/front-door/contacts/${contactId}/decision`, decision(3))).status).toBe(303);
      await mina.get(`/front-door/contacts/${contactId}`);
      // a sign-off from a page opened before a change is refused
      expect((await mina.post(`/front-door/contacts/${contactId}/sign-off`, { version: '3' })).status).toBe(409);
      expect(await state(contactId)).toMatchObject({ decided: false, pending: 1 });
      const signed = await mina.post(`/front-door/contacts/${contactId}/sign-off`, { version: '4' });
      expect(signed.status).toBe(303);
      // decided as Ana proposed, by her, once signed off: the referral is made
      expect(await state(contactId)).toMatchObject({ decided: true, decidedBy: authority.workers.ana, referrals: 1, pending: 0 });
      const done = await ana.get(`/front-door/contacts/${contactId}`);
      expect(done.text).toMatch(/Signed off[\s\S]*?by Mina Manager/);
      const audit = await rows<{ action: string }>(
        database.db,
        sql`select action from audit_events where record_id = ${contactId} and action like '%CONTACT_DECISION' order by id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['RETURN_CONTACT_DECISION', 'SIGN_OFF_CONTACT_DECISION']);
    });

    it('lets a manager’s own decision stand without a sign-off', async () => {
      const contactId = await newContact('3F');
      await mina.get(`/front-door/contacts/${contactId}`);
      expect((await mina.post(`/front-door/contacts/${contactId}/decision`, decision(1, 'advice'))).status).toBe(303);
      expect(await state(contactId)).toMatchObject({ decided: true, decidedBy: authority.workers.manager, pending: 0 });
    });
  });
}
