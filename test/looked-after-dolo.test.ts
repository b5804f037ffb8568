import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiErrors = { errors: { field: string; message: string }[] };

const childrensHome = {
  placementType: 'K2',
  provider: 'PR4',
  providerName: 'Hillside House',
  urn: 'SC123456',
  placementPostcode: 'M60 2LA',
  homePostcode: 'M13 9PL',
  intendedToAge18: 'no',
  visitRegime: 'standard',
};

for (const kind of await testDatabases()) {
  describe(`deprivation of liberty orders, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let childId: string;
    let secureId: string;
    let rowanId: string;
    let periodId: string;
    let ana: Agent;
    let api: ApiClient;

    const base = () => `/children/${childId}/looked-after`;
    const period = () => `${base()}/periods/${periodId}`;

    /** Every order, the periods' versions and values, and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number | string | null>>(
        database.db,
        sql`select (select count(*)::int from deprivation_of_liberty_orders) as orders,
                   (select string_agg(start_date::text || coalesce(end_date::text, '-'), ',' order by id) from deprivation_of_liberty_orders) as order_values,
                   (select coalesce(sum(version), 0)::int from care_periods) as period_versions,
                   (select string_agg(coalesce(end_date::text, '-') || coalesce(reason_ceased, '-'), ',' order by id) from care_periods) as period_values,
                   (select count(*)::int from placements) as placements,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    async function version() {
      const [p] = await rows<{ version: number }>(database.db, sql`select version from care_periods where id = ${periodId}`);
      return p!.version;
    }

    async function orders() {
      return rows<{ id: string; startDate: string; endDate: string | null }>(
        database.db,
        sql`select id, start_date::text as "startDate", end_date::text as "endDate" from deprivation_of_liberty_orders
             where child_id = ${childId} order by start_date`,
      );
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
      const child = (firstName: string) =>
        createChild(
          database.db,
          { firstName, lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2011-09-14', disabilities: [] } as NewChild,
          '2026-02-02',
          actor,
        );
      childId = await child('Juniper');
      secureId = await child('Laurel');
      rowanId = await child('Rowan');
      // Monday 4 May 2026, 10:00 in England
      service = await startService(database, new TestClock('2026-05-04T09:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      const started = await api.post(`/api${base()}/periods`, {
        startDate: '2026-03-02',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        ...childrensHome,
      });
      expect(started.status).toBe(201);
      periodId = (started.body as { id: string }).id;
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('records an order from the page: on the period, the child’s record, the chronology and the trail', async () => {
      const periodPage = await ana.get(period());
      expect(periodPage.text).toContain('No deprivation of liberty order recorded in this period of care.');
      expect(periodPage.text).toContain(`href="${period()}/deprivation-of-liberty/new"`);
      const form = await ana.get(`${period()}/deprivation-of-liberty/new`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Record a deprivation of liberty order');
      const res = await ana.post(`${period()}/deprivation-of-liberty/new`, {
        ...dateInput('startDate', '2026-03-10'),
        'endDate-day': '',
        'endDate-month': '',
        'endDate-year': '',
        version: String(await version()),
      });
      expect(res.status).toBe(303);
      expect(res.location).toBe(period());
      expect(await orders()).toEqual([{ id: expect.any(String), startDate: '2026-03-10', endDate: null }]);
      const after = await ana.get(period());
      expect(after.text).toMatch(/Deprivation of liberty orders<\/caption>[\s\S]*?10 March 2026[\s\S]*?In force/);
      const record = await ana.get(`/children/${childId}`);
      expect(record.text).toMatch(/Deprivation of liberty order\s*<\/dt>\s*<dd[^>]*>\s*In force since 10 March 2026/);
      const chronology = await ana.get(`/children/${childId}/chronology`);
      expect(chronology.text).toContain('Deprivation of liberty order started');
      const [audit] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events where action = 'RECORD_DEPRIVATION_OF_LIBERTY' and child_id = ${childId}`,
      );
      expect(audit!.n).toBe(1);
    });

    it('refuses a start before the period of care, an end before the start, an overlap, a future date and a stale edit, naming the field, and writes nothing', async () => {
      const before = await snapshot();
      const v = await version();
      const early = await api.post(`/api${period()}/deprivation-of-liberty`, {
        startDate: '2026-02-27',
        endDate: '2026-03-05',
        version: v,
      });
      expect(early.status).toBe(400);
      expect((early.body as ApiErrors).errors).toEqual([
        { field: 'startDate', message: 'Date the order started cannot be before the child became looked after (2 March 2026)' },
      ]);
      const backwards = await api.post(`/api${period()}/deprivation-of-liberty`, {
        startDate: '2026-04-10',
        endDate: '2026-04-01',
        version: v,
      });
      expect(backwards.status).toBe(400);
      expect((backwards.body as ApiErrors).errors).toEqual([
        { field: 'endDate', message: 'Date the order ended must be after the day it started' },
      ]);
      // the page says so beside the field
      const page = await ana.post(`${period()}/deprivation-of-liberty/new`, {
        ...dateInput('startDate', '2026-04-10'),
        ...dateInput('endDate', '2026-04-10'),
        version: String(v),
      });
      expect(page.status).toBe(400);
      expect(page.text).toContain('href="#endDate-day"');
      const overlap = await api.post(`/api${period()}/deprivation-of-liberty`, { startDate: '2026-03-20', version: v });
      expect(overlap.status).toBe(400);
      expect((overlap.body as ApiErrors).errors).toEqual([
        { field: 'startDate', message: 'The child’s orders cannot overlap: another order has been open since 10 March 2026' },
      ]);
      // an earlier order running into the open one overlaps it too
      const into = await api.post(`/api${period()}/deprivation-of-liberty`, { startDate: '2026-03-03', endDate: '2026-03-11', version: v });
      expect(into.status).toBe(400);
      expect((into.body as ApiErrors).errors[0]!.field).toBe('startDate');
      const future = await api.post(`/api${period()}/deprivation-of-liberty`, { startDate: '2026-05-05', version: v });
      expect(future.status).toBe(400);
      expect((future.body as ApiErrors).errors[0]!.field).toBe('startDate');
      const stale = await api.post(`/api${period()}/deprivation-of-liberty`, {
        startDate: '2026-03-03',
        endDate: '2026-03-05',
        version: v - 1,
      });
      expect(stale.status).toBe(409);
      expect((stale.body as ApiErrors).errors[0]!.field).toBe('version');
      expect(await snapshot()).toEqual(before);
    });

    it('ends an order, takes the next from the day it ended, and refuses to end care while an order is open', async () => {
      const [first] = await orders();
      const ended = await api.post(`/api${period()}/deprivation-of-liberty/${first!.id}/end`, {
        endDate: '2026-04-01',
        version: await version(),
      });
      expect(ended.status).toBe(200);
      // ending it again is refused, and so is an end before its start
      const again = await api.post(`/api${period()}/deprivation-of-liberty/${first!.id}/end`, {
        endDate: '2026-04-02',
        version: await version(),
      });
      expect(again.status).toBe(400);
      expect((again.body as ApiErrors).errors).toEqual([
        { field: 'endDate', message: 'The order already ended on 1 April 2026: correct it instead' },
      ]);
      // one order may start the day the last ended (DfE's rule 705)
      const next = await api.post(`/api${period()}/deprivation-of-liberty`, { startDate: '2026-04-01', version: await version() });
      expect(next.status).toBe(201);
      const before = await snapshot();
      const cease = await api.post(`/api${period()}/end`, { endDate: '2026-04-20', reasonCeased: 'E8', version: await version() });
      expect(cease.status).toBe(400);
      expect((cease.body as ApiErrors).errors).toEqual([
        {
          field: 'endDate',
          message: 'A deprivation of liberty order has been open since 1 April 2026: record the day it ended first',
        },
      ]);
      expect(await snapshot()).toEqual(before);
    });

    it('corrects an order’s dates from its page, refusing a correction that overlaps the next, and a stale one', async () => {
      const [first, second] = await orders();
      const form = await ana.get(`${period()}/deprivation-of-liberty/${first!.id}`);
      expect(form.status).toBe(200);
      expect(form.text).toContain('Correct a deprivation of liberty order');
      const before = await snapshot();
      const overlapping = await ana.post(`${period()}/deprivation-of-liberty/${first!.id}`, {
        ...dateInput('startDate', '2026-03-10'),
        ...dateInput('endDate', '2026-04-05'),
        version: String(await version()),
      });
      expect(overlapping.status).toBe(400);
      expect(overlapping.text).toContain('The child’s orders cannot overlap: another order has been open since 1 April 2026');
      const stale = await ana.post(`${period()}/deprivation-of-liberty/${first!.id}`, {
        ...dateInput('startDate', '2026-03-09'),
        ...dateInput('endDate', '2026-04-01'),
        version: String((await version()) - 1),
      });
      expect(stale.status).toBe(409);
      expect(await snapshot()).toEqual(before);
      const corrected = await ana.post(`${period()}/deprivation-of-liberty/${first!.id}`, {
        ...dateInput('startDate', '2026-03-09'),
        ...dateInput('endDate', '2026-04-01'),
        version: String(await version()),
      });
      expect(corrected.status).toBe(303);
      expect(await orders()).toEqual([
        { id: first!.id, startDate: '2026-03-09', endDate: '2026-04-01' },
        { id: second!.id, startDate: '2026-04-01', endDate: null },
      ]);
      const read = (await api.get(`/api${period()}`)).body as { orderList: { startDate: string; endDate: string | null }[] };
      expect(read.orderList.map((o) => [o.startDate, o.endDate])).toEqual([
        ['2026-03-09', '2026-04-01'],
        ['2026-04-01', null],
      ]);
    });

    it('ends care once the order has ended, and then takes an order in the ended period only with an end within it', async () => {
      const [, second] = await orders();
      expect(
        (await api.post(`/api${period()}/deprivation-of-liberty/${second!.id}/end`, { endDate: '2026-04-15', version: await version() }))
          .status,
      ).toBe(200);
      // care cannot end before the last order did
      const early = await api.post(`/api${period()}/end`, { endDate: '2026-04-14', reasonCeased: 'E8', version: await version() });
      expect(early.status).toBe(400);
      expect((early.body as ApiErrors).errors[0]!.field).toBe('endDate');
      expect((await api.post(`/api${period()}/end`, { endDate: '2026-04-20', reasonCeased: 'E8', version: await version() })).status).toBe(
        200,
      );
      const before = await snapshot();
      const open = await api.post(`/api${period()}/deprivation-of-liberty`, { startDate: '2026-04-16', version: await version() });
      expect(open.status).toBe(400);
      expect((open.body as ApiErrors).errors).toEqual([
        {
          field: 'endDate',
          message: 'The child ceased to be looked after on 20 April 2026: date the order ended is needed, on or before that day',
        },
      ]);
      const reopened = await api.post(`/api${period()}/deprivation-of-liberty/${second!.id}`, {
        startDate: '2026-04-01',
        version: await version(),
      });
      expect(reopened.status).toBe(400);
      expect(await snapshot()).toEqual(before);
      const within = await api.post(`/api${period()}/deprivation-of-liberty`, {
        startDate: '2026-04-16',
        endDate: '2026-04-18',
        version: await version(),
      });
      expect(within.status).toBe(201);
    });

    it('refuses an order while the child is in a secure children’s home (DfE’s rule 710), and writes nothing', async () => {
      const started = await api.post(`/api/children/${secureId}/looked-after/periods`, {
        startDate: '2026-03-02',
        legalStatus: 'C2',
        categoryOfNeed: 'N1',
        ...childrensHome,
        placementType: 'K1',
      });
      expect(started.status).toBe(201);
      const secure = (started.body as { id: string }).id;
      const before = await snapshot();
      const [p] = await rows<{ version: number }>(database.db, sql`select version from care_periods where id = ${secure}`);
      const res = await api.post(`/api/children/${secureId}/looked-after/periods/${secure}/deprivation-of-liberty`, {
        startDate: '2026-03-10',
        version: p!.version,
      });
      expect(res.status).toBe(400);
      expect((res.body as ApiErrors).errors[0]).toMatchObject({ field: 'startDate' });
      expect((res.body as ApiErrors).errors[0]!.message).toContain('a deprivation of liberty order cannot run in a secure children’s home');
      expect(await snapshot()).toEqual(before);
      // an order that is not there is not found
      const missing = await api.post(`/api${period()}/deprivation-of-liberty/not-an-id/end`, {
        endDate: '2026-04-15',
        version: await version(),
      });
      expect(missing.status).toBe(404);
    });

    it('refuses a placement type unknown to DfE, or not in its list for the year the placement began, naming the field', async () => {
      const rowan = `/api/children/${rowanId}/looked-after/periods`;
      const start = { startDate: '2025-03-10', legalStatus: 'C2', categoryOfNeed: 'N1', ...childrensHome };
      const before = await snapshot();
      const unknown = await api.post(rowan, { ...start, placementType: 'Z99' });
      expect(unknown.status).toBe(400);
      expect((unknown.body as ApiErrors).errors.map((e) => e.field)).toEqual(['placementType']);
      // Z11 is a placement type from 2025/26 on
      const early = await api.post(rowan, { ...start, placementType: 'Z11' });
      expect(early.status).toBe(400);
      expect((early.body as ApiErrors).errors).toEqual([
        {
          field: 'placementType',
          message: 'Placement type Z11 is not one of DfE’s placement types for 2024 to 2025, when the placement began (10 March 2025)',
        },
      ]);
      expect(await snapshot()).toEqual(before);
      const started = await api.post(rowan, start);
      expect(started.status).toBe(201);
      const id = (started.body as { id: string }).id;
      const [p] = await rows<{ version: number }>(database.db, sql`select version from care_periods where id = ${id}`);
      const moved = await api.post(`${rowan}/${id}/placements`, {
        ...childrensHome,
        placementType: 'Z11',
        moveDate: '2025-04-01',
        reasonForChange: 'CARPL',
        sameCarers: 'no',
        version: p!.version,
      });
      expect(moved.status).toBe(201);
    });
  });
}
