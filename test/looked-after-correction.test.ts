/**
 * Correcting a saved episode: a legal status, category of need or placement type recorded
 * wrongly is put right, on the page and in the API, with the episodes' continuity checked
 * again, the period's version named, and the change audited; a refusal writes nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { becomeLookedAfter, changeLegalStatus, movePlacement } from '../src/looked-after/use-cases.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

type ApiErrors = { errors: { field: string; message: string }[] };

const placement = { placementPostcode: 'M14 5AB', homePostcode: 'M13 9PL', intendedToAge18: false, visitRegime: 'standard' };

for (const kind of await testDatabases()) {
  describe(`correcting a saved looked after episode, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let ana: Agent;
    let api: ApiClient;
    let childId: string;
    let periodId: string;
    /** The episodes in order: S (C2, U4), L (C1, the same placement), P (C1 carried, U6). */
    let episodes: string[];

    const correctPage = (episodeId: string) => `/children/${childId}/looked-after/periods/${periodId}/episodes/${episodeId}/correct`;
    const correctApi = (episodeId: string) => `/api/children/${childId}/looked-after/periods/${periodId}/episodes/${episodeId}/correction`;

    /** Each episode's legal status, category of need and placement type, the period's version and the audit trail's changes. */
    async function recorded() {
      const found = await rows<{ reason: string; status: string; need: string; type: string }>(
        database.db,
        sql`select e.reason_new as reason, e.legal_status as status, e.category_of_need as need, p.placement_type as type
              from care_episodes e join placements p on p.id = e.placement_id
             where e.care_period_id = ${periodId} order by e.start_date`,
      );
      const [period] = await rows<{ version: number; corrections: number }>(
        database.db,
        sql`select version, (select count(*)::int from audit_events where child_id = ${childId} and action = 'CORRECT_EPISODE') as corrections
              from care_periods where id = ${periodId}`,
      );
      return { episodes: found.map((e) => `${e.reason} ${e.status} ${e.need} ${e.type}`), ...period! };
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Corin', lastName: 'Madeup', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2014-05-10', disabilities: [] } as NewChild,
        '2025-12-01',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      const by = { userId: authority.users.practitioner, workerId: authority.workers.ana, now: new Date('2026-03-02T10:00:00Z') };
      await database.db.transaction(async (tx) => {
        periodId = await becomeLookedAfter(
          tx,
          childId,
          { startDate: '2026-01-05', legalStatus: 'C2', categoryOfNeed: 'N1', placementType: 'U4', ...placement } as Parameters<
            typeof becomeLookedAfter
          >[2],
          by,
        );
        await changeLegalStatus(tx, childId, periodId, { changeDate: '2026-02-02', legalStatus: 'C1', version: 1 }, by);
        await movePlacement(
          tx,
          childId,
          periodId,
          {
            moveDate: '2026-02-16',
            reasonForChange: 'CARPL',
            sameCarers: false,
            placementType: 'U6',
            ...placement,
            version: 2,
          } as Parameters<typeof movePlacement>[3],
          by,
        );
      });
      episodes = (
        await rows<{ id: string }>(database.db, sql`select id from care_episodes where care_period_id = ${periodId} order by start_date`)
      ).map((e) => e.id);
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

    it('links each episode to its correction, and shows the form with what was recorded', async () => {
      expect(await recorded()).toMatchObject({ episodes: ['S C2 N1 U4', 'L C1 N1 U4', 'P C1 N1 U6'], version: 3, corrections: 0 });
      const period = await ana.get(`/children/${childId}/looked-after/periods/${periodId}`);
      for (const id of episodes) expect(period.text).toContain(`href="${correctPage(id)}"`);
      const form = await ana.get(correctPage(episodes[1]!));
      expect(form.status).toBe(200);
      expect(form.text).toContain('The episode that began on 2 February 2026');
      expect(form.text).toMatch(/<option value="C1" selected>/);
      expect(form.text).toMatch(/<option value="U4" selected>/);
      expect((await ana.get(correctPage('00000000-0000-4000-8000-000000000000'))).status).toBe(404);
    });

    it('refuses a correction that breaks the episodes’ continuity, naming the field and why, and writes nothing', async () => {
      const before = await recorded();
      // the change of legal status on 2 February would no longer change it
      const same = await ana.post(correctPage(episodes[1]!), {
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U4',
        version: '3',
      });
      expect(same.status).toBe(400);
      expect(same.text).toContain('href="#legalStatus"');
      expect(same.text).toContain('began with a change of legal status, and the episode before (began 5 January 2026) is already C2');
      // the move on 16 February carried the status from the episode before
      const carried = await api.post(correctApi(episodes[2]!), {
        legalStatus: 'E1',
        categoryOfNeed: 'N1',
        placementType: 'U6',
        version: 3,
      });
      expect(carried.status).toBe(400);
      expect((carried.body as ApiErrors).errors[0]).toMatchObject({ field: 'legalStatus' });
      expect((carried.body as ApiErrors).errors[0]!.message).toContain('began with a move of placement');
      // the first episode's status cannot become the one the next change is to
      const next = await api.post(correctApi(episodes[0]!), { legalStatus: 'C1', categoryOfNeed: 'N1', placementType: 'U4', version: 3 });
      expect(next.status).toBe(400);
      expect((next.body as ApiErrors).errors[0]!.message).toContain('The next change of legal status, on 2 February 2026, is to C1');
      // short breaks are a period of their own
      const breaks = await api.post(correctApi(episodes[0]!), { legalStatus: 'V3', categoryOfNeed: 'N1', placementType: 'U4', version: 3 });
      expect(breaks.status).toBe(400);
      expect((breaks.body as ApiErrors).errors[0]!.field).toBe('legalStatus');
      const nothing = await api.post(correctApi(episodes[0]!), {
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        placementType: 'U4',
        version: 3,
      });
      expect(nothing.status).toBe(400);
      expect((nothing.body as ApiErrors).errors[0]!.message).toBe('Nothing to correct: the episode already records these');
      const unknown = await api.post(correctApi(episodes[0]!), {
        legalStatus: 'XX',
        categoryOfNeed: 'N1',
        placementType: 'U4',
        version: 3,
      });
      expect(unknown.status).toBe(400);
      expect((unknown.body as ApiErrors).errors.map((e) => e.field)).toEqual(['legalStatus']);
      expect(await recorded()).toEqual(before);
    });

    it('corrects the legal status and need from the page, into the episode the move carried them to, audited', async () => {
      const res = await ana.post(correctPage(episodes[1]!), { legalStatus: 'E1', categoryOfNeed: 'N2', placementType: 'U4', version: '3' });
      expect(res.status).toBe(303);
      expect(res.location).toBe(`/children/${childId}/looked-after/periods/${periodId}`);
      expect(await recorded()).toEqual({ episodes: ['S C2 N1 U4', 'L E1 N2 U4', 'P E1 N2 U6'], version: 4, corrections: 1 });
      expect((await ana.get(res.location!)).text).toContain('Episode corrected');
    });

    it('corrects a placement type in the API for the whole placement, and refuses a stale version', async () => {
      const stale = await api.post(correctApi(episodes[2]!), { legalStatus: 'E1', categoryOfNeed: 'N2', placementType: 'U5', version: 3 });
      expect(stale.status).toBe(409);
      expect(await recorded()).toMatchObject({ episodes: ['S C2 N1 U4', 'L E1 N2 U4', 'P E1 N2 U6'], version: 4 });
      // the first placement is shared by the first two episodes
      const done = await api.post(correctApi(episodes[0]!), { legalStatus: 'C2', categoryOfNeed: 'N1', placementType: 'U5', version: 4 });
      expect(done.status).toBe(200);
      expect(await recorded()).toEqual({ episodes: ['S C2 N1 U5', 'L E1 N2 U5', 'P E1 N2 U6'], version: 5, corrections: 2 });
    });
  });
}
