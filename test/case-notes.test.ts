import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

const DAY = 24 * 3_600_000;
type ApiErrors = { errors: { field: string; message: string }[] };
type NoteList = {
  lateAfterWorkingDays: number;
  notes: { id: string; summary: string; recordingWorkingDays: number; recordedLate: boolean }[];
};

for (const kind of await testDatabases()) {
  describe(`case notes, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let ana: Agent;
    let api: ApiClient;
    let lateId: string;

    const base = () => `/children/${childId}/case-notes`;

    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from case_notes) as notes,
                   (select coalesce(sum(version), 0)::int from case_notes) as versions,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Tam', lastName: 'Imaginary', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2014-01-09', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      // Wednesday 11 March 2026, 10:00 in England
      clock = new TestClock('2026-03-11T10:00:00Z');
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

    it('refuses a note about the future, or with no summary, naming each field, and writes nothing', async () => {
      const page = await ana.get(base());
      expect(page.text).toContain('No case notes yet');
      const before = await snapshot();
      await ana.get(`${base()}/new`);
      const future = await ana.post(`${base()}/new`, {
        kind: 'telephone_call',
        ...dateInput('eventDate', '2026-03-12'),
        summary: 'Call',
        note: 'x',
      });
      expect(future.status).toBe(400);
      expect(future.text).toContain('Date of the event must be today or in the past');
      expect(future.text).toContain('href="#eventDate-day"');
      const laterToday = await ana.post(`${base()}/new`, {
        kind: 'telephone_call',
        ...dateInput('eventDate', '2026-03-11'),
        eventTime: '10:30',
        summary: 'Call',
        note: 'x',
      });
      expect(laterToday.status).toBe(400);
      expect(laterToday.text).toContain('Time of the event must be now or in the past');
      expect(laterToday.text).toContain('href="#eventTime"');
      const viaApi = await api.post(`/api${base()}`, { kind: 'email', eventDate: '2026-03-11', summary: '', note: 'x' });
      expect(viaApi.status).toBe(400);
      expect((viaApi.body as ApiErrors).errors.map((e) => e.field)).toEqual(['kind', 'summary']);
      expect(await snapshot()).toEqual(before);
    });

    it('records a note on the day, and one written seven working days after the event, which counts as late', async () => {
      const today = await ana.post(`${base()}/new`, {
        kind: 'telephone_call',
        ...dateInput('eventDate', '2026-03-11'),
        eventTime: '09:15',
        summary: 'Call with Tam’s school about attendance',
        note: 'The school says Tam has been in every day this week.',
      });
      expect(today.status).toBe(303);
      const late = await api.post(`/api${base()}`, {
        kind: 'management_oversight',
        eventDate: '2026-03-02',
        summary: 'Manager’s direction: see Tam alone within a week',
        note: 'Direction given in supervision.\n\nReview at the next supervision.',
      });
      expect(late.status).toBe(201);
      lateId = (late.body as { id: string }).id;
      const list = (await api.get(`/api${base()}`)).body as NoteList;
      expect(list.lateAfterWorkingDays).toBe(5);
      // Tuesday 3 March to Wednesday 11 March: seven working days after the event
      expect(list.notes.map((n) => [n.summary.slice(0, 20), n.recordingWorkingDays, n.recordedLate])).toEqual([
        ['Call with Tam’s scho', 0, false],
        ['Manager’s direction:', 7, true],
      ]);
      const page = await ana.get(base());
      expect(page.text).toContain('1 of 2 notes were recorded late: more than 5 working days after the event (the authority’s setting).');
      expect(page.text).toContain('11 March 2026 at 9:15am');
      expect(page.text).toContain('Recorded late');
      const note = await ana.get(`${base()}/${lateId}`);
      expect(note.text).toContain('11 March 2026 by Ana Fictional: 7 working days after, later than the 5 working days the authority sets');
      expect(note.text).toContain('Review at the next supervision.');
    });

    it('judges lateness by the setting in force on the day the note was recorded', async () => {
      await database.db.execute(
        sql`insert into policy_settings (key, value, effective_from) values ('caseNotes.lateAfterWorkingDays', '10'::jsonb, '2026-01-01')`,
      );
      const list = (await api.get(`/api${base()}`)).body as NoteList;
      expect(list.notes.map((n) => n.recordedLate)).toEqual([false, false]);
      await database.db.execute(sql`delete from policy_settings where key = 'caseNotes.lateAfterWorkingDays'`);
    });

    it('corrects a note, keeping the day it was recorded, and refuses a stale correction and an event after the recording', async () => {
      await advance(2);
      await ana.get(`${base()}/${lateId}`);
      const res = await ana.post(`${base()}/${lateId}`, {
        kind: 'supervision_discussion',
        ...dateInput('eventDate', '2026-03-09'),
        summary: 'Supervision: see Tam alone within a week',
        note: 'Direction given in supervision.',
        version: '1',
      });
      expect(res.status).toBe(303);
      const [saved] = await rows<{ recorded_date: string; recording_working_days: number; kind: string }>(
        database.db,
        sql`select recorded_date::text, recording_working_days, kind from case_notes where id = ${lateId}`,
      );
      expect(saved).toEqual({ recorded_date: '2026-03-11', recording_working_days: 2, kind: 'supervision_discussion' });
      const before = await snapshot();
      const stale = await ana.post(`${base()}/${lateId}`, {
        kind: 'visit',
        ...dateInput('eventDate', '2026-03-09'),
        summary: 'Stale',
        note: 'x',
        version: '1',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('This case note was changed by someone else after you opened it');
      const after = await api.post(`/api${base()}/${lateId}`, {
        kind: 'visit',
        eventDate: '2026-03-12',
        summary: 'x',
        note: 'x',
        version: 2,
      });
      expect(after.status).toBe(400);
      expect((after.body as ApiErrors).errors).toEqual([
        { field: 'eventDate', message: 'Date of the event cannot be after the note was recorded (11 March 2026)' },
      ]);
      expect(await snapshot()).toEqual(before);
      const actions = await rows<{ action: string }>(
        database.db,
        sql`select action from audit_events where child_id = ${childId} and action like '%CASE_NOTE' order by id`,
      );
      expect(actions.map((a) => a.action)).toEqual(['RECORD_CASE_NOTE', 'RECORD_CASE_NOTE', 'CORRECT_CASE_NOTE']);
    });

    async function advance(days: number) {
      clock.advance(days * DAY);
      await ana.signIn('ana', PASSWORD);
      await api.signIn('ana', PASSWORD);
    }
  });
}
