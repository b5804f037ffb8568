import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNotes } from '../src/case-notes/schema.js';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { contacts, referrals } from '../src/front-door/schema.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiEvent = {
  day: string;
  time: string | null;
  kind: string;
  title: string;
  detail: string | null;
  body: string | null;
  href: string | null;
};
type ApiChronology = { total: number; counts: Record<string, number>; page: number | null; events: ApiEvent[] };

/** The titles of the events on a chronology page, in the order shown. */
function titles(html: string): string[] {
  return [...html.matchAll(/<li class="app-chronology__item"[^>]*>\s*<p[^>]*>([\s\S]*?)<\/p>/g)].map((m) =>
    m[1]!
      .replace(/<span class="govuk-visually-hidden">[^<]*<\/span>/g, '')
      .replace(/<span aria-hidden="true">–<\/span>/g, '')
      .replace(/<span class="app-chronology__kind">[^<]*<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

for (const kind of await testDatabases()) {
  describe(`the chronology, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let ana: Agent;
    let api: ApiClient;

    const page = () => `/children/${childId}/chronology`;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Ode', lastName: 'Fabricated', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2015-10-03', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      const contact = {
        childId,
        source: '3A',
        referrerName: 'Eli Teacher',
        referrerOrganisation: 'Hill School',
        about: 'Ode came to school hungry three days running',
        consent: 'given',
      };
      await database.db.insert(contacts).values([
        {
          ...contact,
          receivedAt: new Date('2026-03-02T09:00:00Z'),
          decidedAt: new Date('2026-03-02T09:30:00Z'),
          outcome: 'referral',
          thresholdLevel: 'child_in_need',
          decisionReason: 'Neglect concerns need an assessment',
        },
        // half past midnight on 1 July in England is still 30 June in UTC
        { ...contact, receivedAt: new Date('2026-06-30T23:30:00Z'), about: 'A neighbour heard shouting late at night' },
      ]);
      await database.db.insert(referrals).values({ childId, referralDate: '2026-03-02', source: '3A' });
      // Friday 3 July 2026, 11:00 in England
      service = await startService(database, new TestClock('2026-07-03T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      await ana.get(`/children/${childId}/visits/new`);
      const visit = await ana.post(`/children/${childId}/visits/new`, {
        ...dateInput('visitDate', '2026-03-02'),
        purpose: 'assessment',
        seen: 'alone',
        notes: 'Ode showed me her room. The fridge was empty; her mother says money ran out on Friday.',
      });
      expect(visit.status).toBe(303);
      for (const note of [
        {
          kind: 'telephone_call',
          eventDate: '2026-03-02',
          eventTime: '16:00',
          summary: 'Call with Ode’s mother',
          note: 'Agreed a food bank referral.',
        },
        {
          kind: 'management_oversight',
          eventDate: '2026-03-02',
          summary: 'Manager agrees the assessment plan',
          note: 'See Ode again within 10 working days.',
        },
      ]) {
        expect((await api.post(`/api/children/${childId}/case-notes`, note)).status).toBe(201);
      }
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('puts every area’s events in one list, with the visit’s notes, timed events in time order and date-only ones at the end of their day', async () => {
      const res = await ana.get(page());
      expect(res.status).toBe(200);
      // the allocation is dated when the child was added, by the wall clock: left aside here
      expect(titles(res.text).filter((t) => !t.includes('Allocated to'))).toEqual([
        '12:30am Contact received',
        'Management oversight: Manager agrees the assessment plan',
        'Visit: child seen alone',
        'Referral',
        '4pm Telephone call: Call with Ode’s mother',
        '9:30am Contact decided: referral',
        '9am Contact received',
      ]);
      expect(res.text).toContain('Ode showed me her room. The fridge was empty');
      expect(res.text).toContain('Monday 2 March 2026');
    });

    it('places an event at half past midnight in summer on its day in England', async () => {
      const all = (await api.get(`/api${page()}?order=oldest`)).body as ApiChronology;
      const late = all.events.find((e) => e.body === 'A neighbour heard shouting late at night');
      expect(late).toMatchObject({ day: '2026-07-01', time: '00:30', kind: 'contacts' });
      expect(all.events.map((e) => [e.day, e.time, e.title]).slice(0, 6)).toEqual([
        ['2026-03-02', '09:00', 'Contact received'],
        ['2026-03-02', '09:30', 'Contact decided: referral'],
        ['2026-03-02', '16:00', 'Telephone call: Call with Ode’s mother'],
        ['2026-03-02', null, 'Referral'],
        ['2026-03-02', null, 'Visit: child seen alone'],
        ['2026-03-02', null, 'Management oversight: Manager agrees the assessment plan'],
      ]);
    });

    it('filters by kind with checkboxes of their own names, which work without JavaScript', async () => {
      const res = await ana.get(`${page()}?visits=1&caseNotes=1`);
      expect(res.status).toBe(200);
      expect(titles(res.text)).toEqual([
        'Management oversight: Manager agrees the assessment plan',
        'Visit: child seen alone',
        '4pm Telephone call: Call with Ode’s mother',
      ]);
      expect(res.text).toMatch(/name="visits" type="checkbox" value="1" checked/);
      expect(res.text).toContain('Events 1 to 3 of 3 of the kinds chosen, newest first.');
      const api1 = (await api.get(`/api${page()}?visits=1`)).body as ApiChronology;
      expect(api1.events).toEqual([
        {
          day: '2026-03-02',
          time: null,
          kind: 'visits',
          title: 'Visit: child seen alone',
          detail: 'Ana Fictional, assessment visit',
          body: 'Ode showed me her room. The fridge was empty; her mother says money ran out on Friday.',
          href: null,
        },
      ]);
    });

    it('refuses a query it cannot read, naming the parameter', async () => {
      const res = await ana.get(`${page()}?page=two`);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Page must be a whole number');
      const twice = await ana.get(`${page()}?visits=1&visits=1`);
      expect(twice.status).toBe(400);
      const viaApi = await api.get(`/api${page()}?order=sideways`);
      expect(viaApi.status).toBe(400);
      expect((viaApi.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['order']);
    });

    it('comes in pages of 25, and whole in the print view', async () => {
      const before = ((await api.get(`/api${page()}`)).body as ApiChronology).total;
      expect(before).toBe(8);
      await database.db.insert(caseNotes).values(
        Array.from({ length: 30 }, (_, i) => ({
          childId,
          kind: 'telephone_call' as const,
          eventDate: `2026-04-${String(i + 1).padStart(2, '0')}`,
          summary: `Weekly call ${i + 1}`,
          note: 'Checked in.',
          recordedDate: `2026-04-${String(i + 1).padStart(2, '0')}`,
          recordingWorkingDays: 0,
        })),
      );
      const counts = (await api.get(`/api${page()}`)).body as ApiChronology;
      expect(counts.total).toBe(38);
      const first = await ana.get(page());
      expect(titles(first.text)).toHaveLength(25);
      expect(first.text).toContain('Events 1 to 25 of 38, newest first.');
      expect(first.text).toContain('govuk-pagination');
      expect(first.text).toContain(`href="${page()}?page=2"`);
      const second = await ana.get(`${page()}?page=2`);
      expect(titles(second.text)).toHaveLength(13);
      const beyond = await ana.get(`${page()}?page=9`);
      expect(beyond.text).toContain('Events 26 to 38 of 38');
      const print = await ana.get(`${page()}?view=print`);
      expect(titles(print.text)).toHaveLength(38);
      expect(print.text).not.toContain('govuk-pagination');
      expect(print.text).not.toContain('app-chronology-filter');
      expect(print.text).toContain('All 38 events, newest first.');
    });

    it('shows the latest five on the child’s record, with the way to the rest', async () => {
      const record = await ana.get(`/children/${childId}`);
      expect(titles(record.text)).toHaveLength(5);
      expect(record.text).toContain('The whole chronology (38 events): filter by kind, print');
      const [viewed] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events where child_id = ${childId} and action = 'VIEW_CHILD'`,
      );
      expect(viewed!.n).toBeGreaterThan(5);
    });
  });
}
