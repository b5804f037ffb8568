import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { allocate } from '../src/workforce/use-cases.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

const DAY = 24 * 3_600_000;
type ApiErrors = { errors: { field: string; message: string }[] };

/** A notification as the page posts it; every name is made up. */
const notificationForm = (notifiedOn: string) => ({
  ...dateInput('notifiedOn', notifiedOn),
  notifiedBy: 'school',
  notifierDetail: 'Hill Primary School',
  ...dateInput('arrangementStartedOn', '2026-02-20'),
  carerName: 'Rowan Invented',
  carerPostcode: 'm60 2la',
  carerRelationship: 'Family friend',
  parentsDetails: 'Mother: Sky Pretend, in hospital in Leeds\nFather: not known',
  expectedDuration: 'Until mother leaves hospital, about three months',
});

for (const kind of await testDatabases()) {
  describe(`private fostering, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let otherId: string;
    let arrangementId: string;
    let ana: Agent;
    let api: ApiClient;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;

    const base = () => `/children/${childId}/private-fostering`;
    const arrangement = () => `${base()}/${arrangementId}`;
    const apiArrangement = () => `/api${base()}/arrangements/${arrangementId}`;

    /** Every arrangement row and version, the visits and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from private_fostering_arrangements) as arrangements,
                   (select coalesce(sum(version), 0)::int from private_fostering_arrangements) as versions,
                   (select count(*)::int from obligations where rule_id = 'private-fostering-visit') as obligations,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN', 'VIEW_MY_WORK')) as changes`,
      );
      return counts!;
    }

    async function obligation(child = childId) {
      return rows<{ due: string; done: string | null }>(
        database.db,
        sql`select due, done from obligations where child_id = ${child} and rule_id = 'private-fostering-visit' order by due`,
      );
    }

    async function version() {
      const [a] = await rows<{ version: number }>(
        database.db,
        sql`select version from private_fostering_arrangements where id = ${arrangementId}`,
      );
      return a!.version;
    }

    async function advance(ms: number) {
      clock.advance(ms);
      await ana.signIn('ana', PASSWORD);
      await api.signIn('ana', PASSWORD);
    }

    async function auditActions(child = childId) {
      return (await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${child} order by id`)).map(
        (r) => r.action,
      );
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      const child = (firstName: string, lastName: string, dateOfBirth: string) =>
        createChild(
          database.db,
          { firstName, lastName, sex: 'F', ethnicity: 'WBRI', dateOfBirth, disabilities: [] } as NewChild,
          '2026-02-02',
          {
            userId: authority.users.practitioner,
            teamId: authority.teams.north,
          },
        );
      childId = await child('Juno', 'Fakename', '2013-05-14');
      otherId = await child('Tali', 'Notreal', '2011-09-30');
      // on Ana's caseload, so what is due for her shows on My work with the page that meets it
      await allocate(
        database.db,
        otherId,
        { teamId: authority.teams.north, workerId: authority.workers.ana },
        { userId: authority.users.manager },
      );
      // Monday 2 March 2026, 10:00 in England
      clock = new TestClock('2026-03-02T10:00:00Z');
      service = await startService(database, clock);
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    describe('the notification', () => {
      it('offers private fostering from the record, with no section for a child never privately fostered', async () => {
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain(`href="${base()}"`);
        expect(record.text).not.toContain('id="private-fostering-heading"');
        const overview = await ana.get(base());
        expect(overview.status).toBe(200);
        expect(overview.text).toContain('No private fostering arrangement recorded');
        expect(overview.text).toContain(`href="${base()}/new"`);
      });

      it('refuses a notification in the future, a postcode that is not one, and someone else unnamed, naming each field, and writes nothing', async () => {
        const before = await snapshot();
        expect((await ana.get(`${base()}/new`)).status).toBe(200);
        const future = await ana.post(`${base()}/new`, notificationForm('2026-03-03'));
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date the notification was received must be today or in the past');
        expect(future.text).toContain('href="#notifiedOn-day"');
        const bad = await api.post(`/api${base()}/arrangements`, {
          notifiedOn: '2026-03-02',
          notifiedBy: 'other',
          arrangementStartedOn: '2026-02-20',
          carerName: 'Rowan Invented',
          carerPostcode: '12345',
          carerRelationship: 'Family friend',
          parentsDetails: 'Mother: Sky Pretend',
          expectedDuration: 'Three months',
        });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors).toEqual([
          { field: 'carerPostcode', message: 'The private foster carer’s postcode is not a UK postcode (for example M60 2LA)' },
          { field: 'notifierDetail', message: 'Enter who notified the authority' },
        ]);
        const empty = await api.post(`/api${base()}/arrangements`, {});
        expect(empty.status).toBe(400);
        expect((empty.body as ApiErrors).errors.map((e) => e.field).sort()).toEqual(
          [
            'arrangementStartedOn',
            'carerName',
            'carerPostcode',
            'carerRelationship',
            'expectedDuration',
            'notifiedBy',
            'notifiedOn',
            'parentsDetails',
          ].sort(),
        );
        expect(await snapshot()).toEqual(before);
      });

      it('records the notification: the first visit falls due 7 working days on, and the record says what is next', async () => {
        const res = await ana.post(`${base()}/new`, notificationForm('2026-03-02'));
        expect(res.status).toBe(303);
        arrangementId = /private-fostering\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        // Monday 2 March: the 7th working day after is Wednesday 11 March
        expect(await obligation()).toEqual([{ due: '2026-03-11', done: null }]);
        const [saved] = await rows<{ carer_postcode: string; arrangement_started_on: string }>(
          database.db,
          sql`select carer_postcode, arrangement_started_on::text from private_fostering_arrangements where id = ${arrangementId}`,
        );
        expect(saved).toEqual({ carer_postcode: 'M60 2LA', arrangement_started_on: '2026-02-20' });
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Privately fostered by Rowan Invented (Family friend) since 20 February 2026; notified 2 March 2026');
        expect(record.text).toMatch(/Next: Private fostering visit<\/strong>, due 11 March 2026/);
        expect(record.text).toContain(`href="/children/${childId}/visits/new?purpose=private_fostering"`);
        expect(await auditActions()).toContain('RECORD_PRIVATE_FOSTERING_NOTIFICATION');
      });

      it('refuses a second arrangement while one continues', async () => {
        const before = await snapshot();
        const again = await ana.post(`${base()}/new`, notificationForm('2026-03-02'));
        expect(again.status).toBe(400);
        expect(again.text).toContain('The child is already in a private fostering arrangement, notified on 2 March 2026: end it first');
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('visits', () => {
      it('a visit where the child was not seen meets nothing; one where the child was seen meets the first visit, and the next is 6 weeks on', async () => {
        await advance(7 * DAY); // Monday 9 March
        const form = await ana.get(`/children/${childId}/visits/new?purpose=private_fostering`);
        expect(form.text).toMatch(/value="private_fostering" checked/);
        const notSeen = await ana.post(`/children/${childId}/visits/new`, {
          ...dateInput('visitDate', '2026-03-05'),
          purpose: 'private_fostering',
          seen: 'no',
          notes: 'Nobody at home',
        });
        expect(notSeen.status).toBe(303);
        expect(await obligation()).toEqual([{ due: '2026-03-11', done: null }]);
        const seen = await ana.post(`/children/${childId}/visits/new`, {
          ...dateInput('visitDate', '2026-03-09'),
          purpose: 'private_fostering',
          seen: 'alone',
          notes: 'Juno showed me her room',
        });
        expect(seen.status).toBe(303);
        expect(await obligation()).toEqual([
          { due: '2026-03-11', done: '2026-03-09' },
          { due: '2026-04-20', done: null },
        ]);
        const page = await ana.get(arrangement());
        expect(page.status).toBe(200);
        expect(page.text).toContain('First visit: within 7 working days of the notification');
        expect(page.text).toContain('Met on time');
        expect(page.text).toContain('Not seen: does not count as a visit');
        expect(page.text).toContain('Seen alone');
        expect(page.text).toContain(`href="/children/${childId}/visits/new?purpose=private_fostering"`);
      });
    });

    describe('the carer’s assessment', () => {
      it('refuses an assessment started before the notification, completed before it started, or an outcome without a completion, and writes nothing', async () => {
        const before = await snapshot();
        expect((await ana.get(`${arrangement()}/assessment`)).status).toBe(200);
        const early = await ana.post(`${arrangement()}/assessment`, {
          ...dateInput('assessmentStartedOn', '2026-02-27'),
          version: String(await version()),
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date the assessment started cannot be before the notification (2 March 2026)');
        expect(early.text).toContain('href="#assessmentStartedOn-day"');
        const backwards = await api.post(`${apiArrangement()}/assessment`, {
          assessmentStartedOn: '2026-03-05',
          assessmentCompletedOn: '2026-03-04',
          assessmentOutcome: 'suitable',
          version: await version(),
        });
        expect(backwards.status).toBe(400);
        expect((backwards.body as ApiErrors).errors).toEqual([
          { field: 'assessmentCompletedOn', message: 'Date the assessment was completed cannot be before it started' },
        ]);
        const noDate = await api.post(`${apiArrangement()}/assessment`, {
          assessmentStartedOn: '2026-03-05',
          assessmentOutcome: 'prohibited',
          version: await version(),
        });
        expect(noDate.status).toBe(400);
        expect((noDate.body as ApiErrors).errors.map((e) => e.field)).toEqual(['assessmentCompletedOn']);
        expect(await snapshot()).toEqual(before);
      });

      it('records the assessment and its outcome', async () => {
        const res = await ana.post(`${arrangement()}/assessment`, {
          ...dateInput('assessmentStartedOn', '2026-03-04'),
          ...dateInput('assessmentCompletedOn', '2026-03-09'),
          assessmentOutcome: 'requirements_imposed',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        const page = await ana.get(arrangement());
        expect(page.text).toContain('Completed 9 March 2026: requirements imposed on the carer');
        expect(await auditActions()).toContain('RECORD_PRIVATE_FOSTERING_ASSESSMENT');
      });
    });

    describe('changing the details', () => {
      it('refuses a stale change (409) saying someone else saved first, on the page and in the API, and writes nothing', async () => {
        const before = await snapshot();
        const stale = await ana.post(`${arrangement()}/change`, {
          ...notificationForm('2026-03-02'),
          carerName: 'Someone Else',
          version: '1',
        });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This private fostering arrangement was changed by someone else after you opened it');
        expect(stale.text).toContain(`name="version" value="${await version()}"`);
        const staleApi = await api.post(`${apiArrangement()}/change`, {
          notifiedOn: '2026-03-02',
          notifiedBy: 'carer',
          arrangementStartedOn: '2026-02-20',
          carerName: 'Someone Else',
          carerPostcode: 'M60 2LA',
          carerRelationship: 'Family friend',
          parentsDetails: 'x',
          expectedDuration: 'x',
          version: 1,
        });
        expect(staleApi.status).toBe(409);
        expect((staleApi.body as ApiErrors).errors[0]!.field).toBe('version');
        const late = await ana.post(`${arrangement()}/change`, { ...notificationForm('2026-03-05'), version: String(await version()) });
        expect(late.status).toBe(400);
        expect(late.text).toContain('Date the notification was received cannot be after the assessment started (4 March 2026)');
        expect(await snapshot()).toEqual(before);
      });

      it('saves a change at the current version', async () => {
        const res = await ana.post(`${arrangement()}/change`, {
          ...notificationForm('2026-03-02'),
          expectedDuration: 'Six months',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        const read = await api.get(apiArrangement());
        expect(read.status).toBe(200);
        const body = read.body as { expectedDuration: string; version: number; visits: unknown[]; obligations: { due: string }[] };
        expect(body.expectedDuration).toBe('Six months');
        expect(body.version).toBe(3);
        expect(body.visits).toHaveLength(2);
        expect(body.obligations.map((o) => o.due).sort()).toEqual(['2026-03-11', '2026-04-20']);
      });
    });

    describe('the managers’ figures', () => {
      it('counts privately fostered children and those seen within 7 working days, with the children behind each figure', async () => {
        // notified Tuesday 10 February, never visited: the first visit was due Thursday 19 February
        const other = await api.post(`/api/children/${otherId}/private-fostering/arrangements`, {
          notifiedOn: '2026-02-10',
          notifiedBy: 'parent',
          arrangementStartedOn: '2026-02-01',
          carerName: 'Ira Madeup',
          carerPostcode: 'SW1A 1AA',
          carerRelationship: 'Host family (language school)',
          parentsDetails: 'Both parents abroad',
          expectedDuration: 'The school year',
        });
        expect(other.status).toBe(201);
        expect(await obligation(otherId)).toEqual([{ due: '2026-02-19', done: null }]);
        const myWork = await ana.get('/my-work');
        expect(myWork.text).toContain(`href="/children/${otherId}/visits/new?purpose=private_fostering"`);

        const mina = new Agent(service.url);
        await mina.signIn('mina', PASSWORD);
        const page = await mina.get('/private-fostering');
        expect(page.status).toBe(200);
        expect(page.text).toContain(
          '1 of 2 privately fostered children whose first visit fell due in the last 12 months were seen within 7 working days of the notification (50%).',
        );
        const notSeen = await mina.get('/private-fostering?list=not_seen');
        expect(notSeen.text).toContain('Tali Notreal');
        expect(notSeen.text).not.toContain('Juno Fakename');
        const onTime = await mina.get('/private-fostering?list=on_time');
        expect(onTime.text).toContain('Juno Fakename');
        expect(onTime.text).not.toContain('Tali Notreal');
        const [audited] = await rows<{ revealed: string[] }>(
          database.db,
          sql`select child_ids::text[] as revealed from audit_events where action = 'VIEW_PRIVATE_FOSTERING_FIGURES' order by id desc limit 1`,
        );
        expect(audited!.revealed).toEqual([childId]);

        const minaApi = new ApiClient(service.url);
        await minaApi.signIn('mina', PASSWORD);
        const figures = await minaApi.get('/api/private-fostering');
        expect(figures.status).toBe(200);
        expect(figures.body).toMatchObject({
          percentOnTime: 50,
          firstVisitsDue: 2,
          counts: { current: 2, notified: 2, on_time: 1, late: 0, not_seen: 1, not_yet_due: 0, ended_before_due: 0 },
        });

        // not for a practitioner, nor for a manager of another team's children
        expect((await ana.get('/private-fostering')).status).toBe(403);
        const sam = new Agent(service.url);
        await sam.signIn('sam', PASSWORD);
        expect((await sam.get('/private-fostering')).text).toContain('(50%)');

        // a restricted record is counted, never named, to anyone not named on it
        await database.db.execute(sql`update children set restricted = true where id = ${otherId}`);
        await database.db.execute(
          sql`insert into restricted_record_access (child_id, user_id) values (${otherId}, ${authority.users.practitioner})`,
        );
        const restricted = await sam.get('/private-fostering?list=not_seen');
        expect(restricted.text).toContain('(50%)');
        expect(restricted.text).toContain('Restricted record');
        expect(restricted.text).not.toContain('Tali Notreal');
        expect(restricted.text).not.toContain(`/children/${otherId}`);
        const samApi = new ApiClient(service.url);
        await samApi.signIn('sam', PASSWORD);
        const samFigures = (await samApi.get('/api/private-fostering')).body as { lists: { not_seen: Record<string, unknown>[] } };
        expect(samFigures.lists.not_seen).toEqual([{ restricted: true, notifiedOn: '2026-02-10', firstVisit: 'not_seen' }]);
      });

      it('a late visit counts as seen, but not within 7 working days', async () => {
        const res = await ana.post(`/children/${otherId}/visits/new`, {
          ...dateInput('visitDate', '2026-03-09'),
          purpose: 'private_fostering',
          seen: 'with-others',
        });
        expect(res.status).toBe(303);
        expect((await obligation(otherId))[0]).toEqual({ due: '2026-02-19', done: '2026-03-09' });
        const minaApi = new ApiClient(service.url);
        await minaApi.signIn('mina', PASSWORD);
        const figures = await minaApi.get('/api/private-fostering');
        expect(figures.body).toMatchObject({ percentOnTime: 50, counts: { on_time: 1, late: 1, not_seen: 0 } });
      });
    });

    describe('the end of the arrangement', () => {
      it('refuses an end before the arrangement began, or in the future, and writes nothing', async () => {
        const before = await snapshot();
        expect((await ana.get(`${arrangement()}/end`)).status).toBe(200);
        const early = await ana.post(`${arrangement()}/end`, {
          ...dateInput('endedOn', '2026-02-19'),
          endReason: 'returned_to_parents',
          version: String(await version()),
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date the arrangement ended cannot be before it began (20 February 2026)');
        expect(early.text).toContain('href="#endedOn-day"');
        const future = await api.post(`${apiArrangement()}/end`, {
          endedOn: '2026-03-10',
          endReason: 'returned_to_parents',
          version: await version(),
        });
        expect(future.status).toBe(400);
        expect((future.body as ApiErrors).errors).toEqual([
          { field: 'endedOn', message: 'Date the arrangement ended must be today or in the past' },
        ]);
        const stale = await api.post(`${apiArrangement()}/end`, { endedOn: '2026-03-09', endReason: 'returned_to_parents', version: 1 });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
      });

      it('ends the arrangement: no later visit is owed, the record and the chronology say so', async () => {
        const res = await ana.post(`${arrangement()}/end`, {
          ...dateInput('endedOn', '2026-03-09'),
          endReason: 'returned_to_parents',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        expect(await obligation()).toEqual([{ due: '2026-03-11', done: '2026-03-09' }]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain(
          'Not privately fostered: the last arrangement ended on 9 March 2026 (the child returned to their parents)',
        );
        const chronology = await ana.get(`/children/${childId}/chronology`);
        expect(chronology.text).toContain('Private fostering notified by the child’s school');
        expect(chronology.text).toContain('Private foster carer assessed: requirements imposed on the carer');
        expect(chronology.text).toContain('Private fostering ended: the child returned to their parents');
        expect(chronology.text).toContain(`href="${arrangement()}"`);
        const before = await snapshot();
        const overlapping = await api.post(`/api${base()}/arrangements`, {
          notifiedOn: '2026-03-09',
          notifiedBy: 'carer',
          arrangementStartedOn: '2026-03-02',
          carerName: 'Ira Madeup',
          carerPostcode: 'SW1A 1AA',
          carerRelationship: 'Neighbour',
          parentsDetails: 'Mother: Sky Pretend',
          expectedDuration: 'A month',
        });
        expect(overlapping.status).toBe(400);
        expect((overlapping.body as ApiErrors).errors).toEqual([
          {
            field: 'arrangementStartedOn',
            message: 'Date the arrangement began cannot be before the last arrangement ended (9 March 2026)',
          },
        ]);
        expect(await snapshot()).toEqual(before);
        const read = await api.get(`/api${base()}`);
        expect((read.body as { arrangements: { endReason: string }[] }).arrangements.map((a) => a.endReason)).toEqual([
          'returned_to_parents',
        ]);
        expect(await auditActions()).toEqual(
          expect.arrayContaining(['CHANGE_PRIVATE_FOSTERING_ARRANGEMENT', 'END_PRIVATE_FOSTERING_ARRANGEMENT']),
        );
      });
    });

    describe('who may see and change it', () => {
      it('refuses a practitioner in another team, on the pages and in the API', async () => {
        const cleo = new Agent(service.url);
        await cleo.signIn('cleo', PASSWORD);
        expect((await cleo.get(base())).status).toBe(403);
        expect((await cleo.get(arrangement())).status).toBe(403);
        const cleoApi = new ApiClient(service.url);
        await cleoApi.signIn('cleo', PASSWORD);
        expect((await cleoApi.post(`/api${base()}/arrangements`, {})).status).toBe(403);
      });
    });
  });
}
