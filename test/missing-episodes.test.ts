import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../src/areas.js';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { missingTableRows } from '../src/missing-episodes/queries.js';
import { obligationAction } from '../src/obligations/sources.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiErrors = { errors: { field: string; message: string }[] };
const fields = (res: { body: unknown }) => (res.body as ApiErrors).errors.map((e) => e.field);

for (const kind of await testDatabases()) {
  describe(`missing and absent episodes, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let lookedAfterId: string;
    let firstId: string;
    let ana: Agent;
    let api: ApiClient;

    const base = () => `/children/${childId}/missing`;
    const apiBase = () => `/api/children/${childId}/missing-episodes`;

    /** Every episode's values and version, and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number | string | null>>(
        database.db,
        sql`select (select count(*)::int from missing_episodes) as episodes,
                   (select coalesce(sum(version), 0)::int from missing_episodes) as versions,
                   (select string_agg(started_at::text || coalesce(ended_at::text, '-') || coalesce(interview_outcome, '-')
                           || coalesce(screening_outcome, '-'), ',' order by id) from missing_episodes) as episode_values,
                   (select count(*)::int from obligations where rule_id = 'return-home-interview') as obligations,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    async function interviews(child = childId) {
      return rows<{ episode: string; due: string; done: string | null }>(
        database.db,
        sql`select episode, due, done from obligations where child_id = ${child} and rule_id = 'return-home-interview' order by due_by`,
      );
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
      childId = await createChild(
        database.db,
        { firstName: 'Kit', lastName: 'Notreal', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2011-06-03', disabilities: [] } as NewChild,
        '2026-02-02',
        actor,
      );
      lookedAfterId = await createChild(
        database.db,
        { firstName: 'Rory', lastName: 'Notreal', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2010-11-21', disabilities: [] } as NewChild,
        '2026-02-02',
        actor,
      );
      // Monday 2 March 2026, 10:00 in England (GMT)
      service = await startService(database, new TestClock('2026-03-02T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows the record’s section with no episode, linking to recording one', async () => {
      const page = await ana.get(`/children/${childId}`);
      expect(page.text).toContain('No missing or absent episodes recorded');
      expect(page.text).toContain(`href="${base()}/new"`);
      const list = await ana.get(base());
      expect(list.status).toBe(200);
      expect(list.text).toContain('No missing or absent episodes recorded.');
    });

    it('feeds the clock’s return home interview rule: the Timescales page says it runs on the record', async () => {
      const page = await ana.get('/timescales');
      const section = page.text.split('id="return-home-interview"')[1]!.split('<h2')[0]!;
      expect(section).toContain('Runs on the record');
    });

    it('describes its API operations in the OpenAPI document, from the same schemas', async () => {
      const doc = (await api.get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
      expect(Object.keys(doc.paths['/api/children/{childId}/missing-episodes']!).sort()).toEqual(['get', 'post']);
      const interview = doc.paths['/api/children/{childId}/missing-episodes/{id}/return-interview']!.post as {
        requestBody: { content: { 'application/json': { schema: { properties: Record<string, unknown>; required: string[] } } } };
      };
      const schema = interview.requestBody.content['application/json'].schema;
      expect(Object.keys(schema.properties)).toContain('heldByIndependent');
      expect(schema.required).toEqual(expect.arrayContaining(['offeredDate', 'offeredTime', 'outcome', 'version']));
      expect(schema.required).not.toContain('heldBy');
    });

    it('refuses a start in the future, a return before the start, a return without its time and a code outside DfE’s list, naming each field, and writes nothing', async () => {
      const before = await snapshot();
      const form = await ana.get(`${base()}/new`);
      expect(form.status).toBe(200);
      const future = await ana.post(`${base()}/new`, { missingCode: 'M', ...dateInput('startDate', '2026-03-03'), startTime: '09:00' });
      expect(future.status).toBe(400);
      expect(future.text).toContain('Date the child went missing must be today or in the past');
      expect(future.text).toContain('href="#startDate-day"');
      const laterToday = await ana.post(`${base()}/new`, { missingCode: 'M', ...dateInput('startDate', '2026-03-02'), startTime: '11:00' });
      expect(laterToday.status).toBe(400);
      expect(laterToday.text).toContain('Time the child went missing must be now or in the past');
      expect(laterToday.text).toContain('href="#startTime"');
      const backwards = await ana.post(`${base()}/new`, {
        missingCode: 'M',
        ...dateInput('startDate', '2026-02-27'),
        startTime: '21:30',
        ...dateInput('endDate', '2026-02-27'),
        endTime: '20:00',
      });
      expect(backwards.status).toBe(400);
      expect(backwards.text).toContain('The child returned or was found must be after they went missing (27 February 2026 at 9:30pm)');
      expect(backwards.text).toContain('href="#endDate-day"');
      const noTime = await api.post(apiBase(), { missingCode: 'M', startDate: '2026-02-27', startTime: '21:30', endDate: '2026-02-28' });
      expect(noTime.status).toBe(400);
      expect((noTime.body as ApiErrors).errors).toEqual([{ field: 'endTime', message: 'Enter the time the child returned or was found' }]);
      const badCode = await api.post(apiBase(), { missingCode: 'X', startDate: '2026-02-27', startTime: '25:00' });
      expect(badCode.status).toBe(400);
      expect(fields(badCode)).toEqual(['missingCode', 'startTime']);
      expect(await snapshot()).toEqual(before);
    });

    it('records a child missing, with no clock until they return', async () => {
      const res = await ana.post(`${base()}/new`, {
        missingCode: 'M',
        ...dateInput('startDate', '2026-02-27'),
        startTime: '21:30',
        whereFound: '',
      });
      expect(res.status).toBe(303);
      firstId = res.location!.split('/').pop()!;
      expect(res.location).toBe(`${base()}/${firstId}`);
      const page = await ana.get(`${base()}/${firstId}`);
      expect(page.text).toContain('Missing from 27 February 2026 at 9:30pm');
      expect(page.text).toContain('Not returned yet');
      expect(page.text).toContain('Owed once the child returns or is found');
      expect(page.text).not.toContain('Record the return home interview');
      const record = await ana.get(`/children/${childId}`);
      expect(record.text).toContain('1 episode recorded: missing now');
      expect(await interviews()).toEqual([]);
    });

    it('refuses an episode that overlaps one recorded, and an interview before the return is recorded', async () => {
      const before = await snapshot();
      const overlap = await api.post(apiBase(), { missingCode: 'A', startDate: '2026-03-01', startTime: '12:00' });
      expect(overlap.status).toBe(400);
      expect((overlap.body as ApiErrors).errors).toEqual([
        {
          field: 'startDate',
          message:
            'This overlaps another episode recorded for the child, from 27 February 2026 at 9:30pm with no return recorded: a child is missing once at a time',
        },
      ]);
      const early = await api.post(`${apiBase()}/${firstId}/return-interview`, {
        offeredDate: '2026-03-01',
        offeredTime: '10:00',
        outcome: 'offered',
        version: 1,
      });
      expect(early.status).toBe(400);
      expect(fields(early)).toEqual(['offeredDate']);
      expect(await snapshot()).toEqual(before);
    });

    it('records the return: the length is shown and the 72 hours of the return home interview start', async () => {
      const form = await ana.get(`${base()}/${firstId}/details`);
      expect(form.text).toContain('value="21:30"');
      const res = await ana.post(`${base()}/${firstId}/details`, {
        missingCode: 'M',
        ...dateInput('startDate', '2026-02-27'),
        startTime: '21:30',
        ...dateInput('endDate', '2026-03-01'),
        endTime: '08:15',
        whereFound: 'A friend’s flat in Salford',
        version: '1',
      });
      expect(res.status).toBe(303);
      expect(await interviews()).toEqual([{ episode: firstId, due: '2026-03-04T08:15:00+00:00', done: null }]);
      const record = await ana.get(`/children/${childId}`);
      expect(record.text).toContain('1 day 10 hours');
      expect(record.text).toContain('Not recorded, due by 4 March 2026 at 8:15am');
      expect(record.text).toContain('Next: Return home interview');
      const page = await ana.get(`${base()}/${firstId}`);
      expect(page.text).toContain('A friend’s flat in Salford');
      expect(page.text).toContain(`href="${base()}/${firstId}/return-interview"`);
      expect(obligationAction({ childId, episode: firstId, ruleId: 'return-home-interview' })).toEqual({
        text: 'Record the return home interview',
        href: `${base()}/${firstId}/return-interview`,
      });
    });

    it('refuses a stale edit, and the episode stays as the other person saved it', async () => {
      const before = await snapshot();
      const stale = await ana.post(`${base()}/${firstId}/details`, {
        missingCode: 'A',
        ...dateInput('startDate', '2026-02-27'),
        startTime: '21:30',
        version: '1',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('This missing episode was changed by someone else after you opened it');
      const viaApi = await api.post(`${apiBase()}/${firstId}`, {
        missingCode: 'A',
        startDate: '2026-02-27',
        startTime: '21:30',
        version: 1,
      });
      expect(viaApi.status).toBe(409);
      expect(fields(viaApi)).toEqual(['version']);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses an interview held before the child returned, or held by nobody named, and writes nothing', async () => {
      const before = await snapshot();
      const held = {
        offeredDate: '2026-03-01',
        offeredTime: '09:00',
        outcome: 'held',
        outcomeDate: '2026-03-01',
        outcomeTime: '08:00',
        heldBy: 'Sam Advocate',
        heldByIndependent: true,
        version: 2,
      };
      const beforeReturn = await api.post(`${apiBase()}/${firstId}/return-interview`, held);
      expect(beforeReturn.status).toBe(400);
      expect((beforeReturn.body as ApiErrors).errors).toEqual([
        { field: 'outcomeDate', message: 'The interview cannot be held before the child returned or was found (1 March 2026 at 8:15am)' },
      ]);
      const nobody = await ana.post(`${base()}/${firstId}/return-interview`, {
        ...dateInput('offeredDate', '2026-03-01'),
        offeredTime: '09:00',
        outcome: 'held',
        ...dateInput('outcomeDate', '2026-03-02'),
        outcomeTime: '09:00',
        version: '2',
      });
      expect(nobody.status).toBe(400);
      expect(nobody.text).toContain('Enter who held the interview');
      expect(nobody.text).toContain('href="#heldBy"');
      expect(await snapshot()).toEqual(before);
    });

    it('records the interview held by an independent person: the obligation is met on time', async () => {
      const res = await ana.post(`${base()}/${firstId}/return-interview`, {
        ...dateInput('offeredDate', '2026-03-01'),
        offeredTime: '09:00',
        outcome: 'held',
        ...dateInput('outcomeDate', '2026-03-02'),
        outcomeTime: '09:00',
        heldBy: 'Sam Advocate',
        heldByIndependent: 'yes',
        version: '2',
      });
      expect(res.status).toBe(303);
      expect(await interviews()).toEqual([{ episode: firstId, due: '2026-03-04T08:15:00+00:00', done: '2026-03-02T09:00:00Z' }]);
      const page = await ana.get(`${base()}/${firstId}`);
      expect(page.text).toContain('Held 2 March 2026 at 9am by Sam Advocate, independent');
      expect(page.text).toContain('Met on time');
      // the return cannot now be moved after the interview was offered
      const later = await api.post(`${apiBase()}/${firstId}`, {
        missingCode: 'M',
        startDate: '2026-02-27',
        startTime: '21:30',
        endDate: '2026-03-01',
        endTime: '10:00',
        version: 3,
      });
      expect(later.status).toBe(400);
      expect(fields(later)).toEqual(['endDate']);
    });

    it('records the strategy meeting and the exploitation risk screening, refusing a screening with no date', async () => {
      const noDate = await api.post(`${apiBase()}/${firstId}/strategy-meeting`, { screeningOutcome: 'concerns', version: 3 });
      expect(noDate.status).toBe(400);
      expect((noDate.body as ApiErrors).errors).toEqual([
        { field: 'screeningDate', message: 'Enter the date the screening was completed' },
      ]);
      const beforeMissing = await api.post(`${apiBase()}/${firstId}/strategy-meeting`, { strategyMeetingDate: '2026-02-26', version: 3 });
      expect(fields(beforeMissing)).toEqual(['strategyMeetingDate']);
      const res = await api.post(`${apiBase()}/${firstId}/strategy-meeting`, {
        strategyMeetingDate: '2026-03-02',
        screeningDate: '2026-03-02',
        screeningOutcome: 'referred_on',
        version: 3,
      });
      expect(res.status).toBe(200);
      const page = await ana.get(`${base()}/${firstId}`);
      expect(page.text).toContain('Referred on, completed 2 March 2026');
      const chronology = await ana.get(`/children/${childId}/chronology`);
      expect(chronology.text).toContain('Missing (M)');
      expect(chronology.text).toContain('Returned or found after being missing');
      expect(chronology.text).toContain('Return home interview held');
      expect(chronology.text).toContain('Child exploitation risk screening: referred on');
    });

    it('an interview declined by the child meets the obligation; one never recorded is overdue', async () => {
      const away = await api.post(apiBase(), {
        missingCode: 'M',
        startDate: '2026-03-01',
        startTime: '20:00',
        endDate: '2026-03-02',
        endTime: '06:00',
      });
      expect(away.status).toBe(201);
      const awayId = (away.body as { id: string }).id;
      const declined = await api.post(`${apiBase()}/${awayId}/return-interview`, {
        offeredDate: '2026-03-02',
        offeredTime: '08:00',
        outcome: 'declined',
        outcomeDate: '2026-03-02',
        outcomeTime: '08:30',
        version: 1,
      });
      expect(declined.status).toBe(200);
      const forgotten = await api.post(apiBase(), {
        missingCode: 'M',
        startDate: '2026-02-20',
        startTime: '16:00',
        endDate: '2026-02-20',
        endTime: '23:00',
      });
      expect(forgotten.status).toBe(201);
      const forgottenId = (forgotten.body as { id: string }).id;
      expect(await interviews()).toEqual([
        { episode: forgottenId, due: '2026-02-23T23:00:00+00:00', done: null },
        { episode: firstId, due: '2026-03-04T08:15:00+00:00', done: '2026-03-02T09:00:00Z' },
        { episode: awayId, due: '2026-03-05T06:00:00+00:00', done: '2026-03-02T08:30:00Z' },
      ]);
      const list = await api.get(apiBase());
      expect(list.status).toBe(200);
      const body = list.body as {
        episodes: { id: string; interviewOutcome: string | null }[];
        obligations: { episode: string; status: string }[];
      };
      expect(body.episodes.map((e) => [e.id, e.interviewOutcome])).toEqual([
        [awayId, 'declined'],
        [firstId, 'held'],
        [forgottenId, null],
      ]);
      expect(body.obligations.find((o) => o.episode === forgottenId)!.status).toBe('overdue');
      const record = await ana.get(`/children/${childId}`);
      expect(record.text).toContain('3 episodes recorded');
      expect(record.text).toContain('Overdue');
      expect(record.text).toContain('Offered, and declined by the child 2 March 2026 at 8:30am');
      const actions = await rows<{ action: string }>(
        database.db,
        sql`select action from audit_events where child_id = ${childId} and action not in ('VIEW_CHILD', 'ACCESS_REFUSED') order by id`,
      );
      expect(actions.map((a) => a.action)).toEqual([
        'RECORD_MISSING_EPISODE',
        'CORRECT_MISSING_EPISODE',
        'RECORD_RETURN_INTERVIEW',
        'RECORD_MISSING_STRATEGY_MEETING',
        'RECORD_MISSING_EPISODE',
        'RECORD_RETURN_INTERVIEW',
        'RECORD_MISSING_EPISODE',
      ]);
    });

    it('a page or API call for an episode that is not the child’s is not found', async () => {
      const other = await ana.get(`/children/${lookedAfterId}/missing/${firstId}`);
      expect(other.status).toBe(404);
      const notAnId = await api.post(`/api/children/${childId}/missing-episodes/not-an-id/strategy-meeting`, { version: 1 });
      expect(notAnId.status).toBe(404);
    });

    it('gives the SSDA903 Missing table of a year: looked after children’s episodes, the end left blank past 31 March', async () => {
      const la = await api.post(`/api/children/${lookedAfterId}/looked-after/periods`, {
        startDate: '2026-02-02',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U6',
        provider: 'PR1',
        intendedToAge18: 'no',
        visitRegime: 'standard',
      });
      expect(la.status).toBe(201);
      const away = await api.post(`/api/children/${lookedAfterId}/missing-episodes`, {
        missingCode: 'A',
        startDate: '2026-02-10',
        startTime: '23:30',
        endDate: '2026-02-11',
        endTime: '07:00',
      });
      expect(away.status).toBe(201);
      const missing = await api.post(`/api/children/${lookedAfterId}/missing-episodes`, {
        missingCode: 'M',
        startDate: '2026-03-01',
        startTime: '18:00',
      });
      expect(missing.status).toBe(201);
      const [ref] = await rows<{ reference: string }>(database.db, sql`select reference::text from children where id = ${lookedAfterId}`);
      const table = await missingTableRows(database.db, 2026);
      // Kit is not looked after, so Kit's episodes are no part of the return
      expect(table).toEqual([
        { CHILD: ref!.reference, DOB: '21/11/2010', MISSING: 'A', MIS_START: '10/02/2026', MIS_END: '11/02/2026' },
        { CHILD: ref!.reference, DOB: '21/11/2010', MISSING: 'M', MIS_START: '01/03/2026', MIS_END: null },
      ]);
      expect(await missingTableRows(database.db, 2025)).toEqual([]);
    });

    it('starts no return interview clock for an absence without authorisation (A): the guidance’s interview is for a child found after going missing', async () => {
      // the looked after child's A episode ended on 11 February; the M episode since has no return yet
      expect(await interviews(lookedAfterId)).toEqual([]);
      const [m] = await rows<{ id: string }>(
        database.db,
        sql`select id from missing_episodes where child_id = ${lookedAfterId} and missing_code = 'M'`,
      );
      const [v] = await rows<{ version: number }>(database.db, sql`select version from missing_episodes where id = ${m!.id}`);
      const back = await api.post(`/api/children/${lookedAfterId}/missing-episodes/${m!.id}`, {
        missingCode: 'M',
        startDate: '2026-03-01',
        startTime: '18:00',
        endDate: '2026-03-02',
        endTime: '07:00',
        version: v!.version,
      });
      expect(back.status).toBe(200);
      expect(await interviews(lookedAfterId)).toEqual([{ episode: m!.id, due: '2026-03-05T07:00:00+00:00', done: null }]);
    });
  });
}
