import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { decideContact, recordContact } from '../src/front-door/use-cases.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

for (const kind of await testDatabases()) {
  describe(`a front door decision for a strategy discussion, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let ana: Agent;
    let childId: string;
    let otherChildId: string;
    let contactId: string;
    let otherContactId: string;
    let referralId: string;

    const base = () => `/children/${childId}/child-protection`;
    const formPath = () => `${base()}/strategy-discussions/new?contactId=${contactId}&referralId=${referralId}`;
    const count = async () => (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from strategy_discussions`))[0]!.n;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const newChild = (firstName: string) =>
        createChild(
          database.db,
          { firstName, lastName: 'Invented', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2018-05-21', disabilities: [] } as NewChild,
          '2026-03-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      /** A school's call at 09:15, decided by the manager as needing a strategy discussion. */
      const askedFor = async (child: string) => {
        const contact = await recordContact(
          database.db,
          {
            childId: child,
            receivedDate: '2026-03-02',
            receivedTime: '09:15',
            source: '2A',
            referrerName: 'Designated safeguarding lead',
            about: 'A burn on the forearm, and a disclosure',
            consent: 'given',
            domesticAbuseNotification: false,
          } as never,
          { userId: authority.users.practitioner },
        );
        const { referralId: referral } = await decideContact(
          database.db,
          contact,
          {
            thresholdLevel: 'child_protection',
            outcome: 'strategy_discussion',
            decisionReason: 'Reasonable cause to suspect significant harm',
            teamId: authority.teams.north,
            version: 1,
          } as never,
          { userId: authority.users.manager, workerId: authority.workers.manager, at: new Date('2026-03-02T09:40:00Z') },
        );
        return { contact, referral: referral! };
      };
      childId = await newChild('Tam');
      otherChildId = await newChild('Ora');
      ({ contact: contactId, referral: referralId } = await askedFor(childId));
      ({ contact: otherContactId } = await askedFor(otherChildId));
      // Monday 2 March 2026, 10:00 in England
      service = await startService(database, new TestClock('2026-03-02T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('says on the child’s record that the discussion is waiting, and leads to the form with the contact and referral', async () => {
      const page = await ana.get(`/children/${childId}`);
      expect(page.text).toContain('The front door decided on a strategy discussion for the contact received 2 March 2026 at 9:15am');
      expect(page.text).toContain(formPath().replace('&', '&amp;'));
    });

    it('starts the form from the contact: its referral chosen, the concern at the time the call came in', async () => {
      const form = await ana.get(formPath());
      expect(form.status).toBe(200);
      expect(form.text).toMatch(new RegExp(`<option value="${referralId}" selected>`));
      expect(form.text).toMatch(/name="concernTime"[^>]*value="09:15"/);
      expect(form.text).toContain(`name="contactId" value="${contactId}"`);
    });

    it('refuses another child’s contact, naming it, and saves nothing', async () => {
      const before = await count();
      const res = await ana.post(`${base()}/strategy-discussions/new`, {
        ...dateInput('concernDate', '2026-03-02'),
        concernTime: '09:15',
        concern: 'A burn on the forearm',
        held: 'no',
        contactId: otherContactId,
        action: 'save',
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('Contact is not one of this child’s contacts');
      expect(await count()).toBe(before);
    });

    it('records the concern from the contact: linked to it, and the record no longer says it is waiting', async () => {
      const res = await ana.post(`${base()}/strategy-discussions/new`, {
        ...dateInput('concernDate', '2026-03-02'),
        concernTime: '09:15',
        concern: 'A burn on the forearm; the child says his stepfather held his arm to the cooker',
        held: 'no',
        referralId,
        contactId,
        action: 'save',
      });
      expect(res.status).toBe(303);
      const [d] = await rows<{ contact: string; referral: string }>(
        database.db,
        sql`select contact_id as contact, referral_id as referral from strategy_discussions where child_id = ${childId}`,
      );
      expect(d).toEqual({ contact: contactId, referral: referralId });
      const page = await ana.get(`/children/${childId}`);
      expect(page.text).not.toContain('The front door decided on a strategy discussion');
      expect(page.text).toContain('Concern of significant harm raised 2 March 2026 at 9:15am');
      // the other child's decision still waits on that child's record
      const other = await ana.get(`/children/${otherChildId}`);
      expect(other.text).toContain('The front door decided on a strategy discussion for the contact received 2 March 2026 at 9:15am');
    });
  });
}
