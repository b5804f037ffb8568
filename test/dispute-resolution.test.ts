import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { referrals } from '../src/front-door/schema.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

const DAY = 24 * 3_600_000;
type ApiErrors = { errors: { field: string; message: string }[] };

for (const kind of await testDatabases()) {
  describe(`dispute resolution, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let planId: string;
    let disputeId: string;
    let ana: Agent;
    let api: ApiClient;

    const base = () => `/children/${childId}/disputes`;

    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from plan_disputes) as disputes,
                   (select coalesce(sum(version), 0)::int from plan_disputes) as versions,
                   (select count(*)::int from dispute_stages) as stages,
                   (select count(*)::int from dispute_stages where responded_date is not null) as responses,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    async function stages() {
      return rows<{ stage: number; due_date: string; responded_date: string | null }>(
        database.db,
        sql`select stage, due_date::text, responded_date::text from dispute_stages where dispute_id = ${disputeId} order by stage`,
      );
    }

    async function version() {
      const [d] = await rows<{ version: number }>(database.db, sql`select version from plan_disputes where id = ${disputeId}`);
      return d!.version;
    }

    async function advance(days: number) {
      clock.advance(days * DAY);
      await ana.signIn('ana', PASSWORD);
      await api.signIn('ana', PASSWORD);
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Lux', lastName: 'Pretence', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2012-02-20', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      const [referral] = await database.db
        .insert(referrals)
        .values({ childId, referralDate: '2026-02-16', source: '3A' })
        .returning({ id: referrals.id });
      // Monday 16 March 2026, 10:00 in England
      clock = new TestClock('2026-03-16T10:00:00Z');
      service = await startService(database, clock);
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      const plan = await api.post(`/api/children/${childId}/children-in-need/plans`, { referralId: referral!.id, startDate: '2026-03-02' });
      expect(plan.status).toBe(201);
      planId = (plan.body as { id: string }).id;
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('refuses a concern dated before the plan, or about a plan that is not the child’s, naming the field, and writes nothing', async () => {
      const before = await snapshot();
      const form = await ana.get(`${base()}/new?planKind=child_in_need&planId=${planId}`);
      expect(form.status).toBe(200);
      expect(form.text).toMatch(new RegExp(`value="child_in_need:${planId}" checked`));
      const early = await ana.post(`${base()}/new`, {
        plan: `child_in_need:${planId}`,
        raisedByRole: 'reviewing_officer',
        raisedByName: 'Ira Reviewer',
        ...dateInput('raisedDate', '2026-02-27'),
        concern: 'No review has been booked',
        addressedTo: 'Mina Manager',
      });
      expect(early.status).toBe(400);
      expect(early.text).toContain('Date the concern was raised cannot be before the plan started (2 March 2026)');
      expect(early.text).toContain('href="#raisedDate-day"');
      const otherKind = await api.post(`/api${base()}`, {
        planKind: 'child_protection',
        planId,
        raisedByRole: 'conference_chair',
        raisedByName: 'Cas Chair',
        raisedDate: '2026-03-16',
        concern: 'x',
        addressedTo: 'Mina Manager',
      });
      expect(otherKind.status).toBe(400);
      expect((otherKind.body as ApiErrors).errors).toEqual([{ field: 'planId', message: 'Plan is not one of this child’s plans' }]);
      const future = await api.post(`/api${base()}`, {
        planKind: 'child_in_need',
        planId,
        raisedByRole: 'reviewing_officer',
        raisedByName: 'Ira',
        raisedDate: '2026-03-17',
        concern: 'x',
        addressedTo: 'Mina',
      });
      expect(future.status).toBe(400);
      expect((future.body as ApiErrors).errors[0]!.field).toBe('raisedDate');
      expect(await snapshot()).toEqual(before);
    });

    it('raises the concern from the plan: stage 1 is due in 5 working days (local setting)', async () => {
      const plan = await ana.get(`/children/${childId}/children-in-need/plans/${planId}`);
      expect(plan.text).toContain(`href="${base()}/new?planKind=child_in_need&amp;planId=${planId}"`);
      const res = await ana.post(`${base()}/new`, {
        plan: `child_in_need:${planId}`,
        raisedByRole: 'reviewing_officer',
        raisedByName: 'Ira Reviewer',
        ...dateInput('raisedDate', '2026-03-16'),
        concern: 'Two weeks on, no actions are agreed and Lux has not been seen',
        addressedTo: 'Mina Manager',
      });
      expect(res.status).toBe(303);
      disputeId = /disputes\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
      expect(await stages()).toEqual([{ stage: 1, due_date: '2026-03-23', responded_date: null }]);
      const page = await ana.get(`${base()}/${disputeId}`);
      expect(page.text).toContain('Stage 1: response due 23 March 2026');
    });

    it('records the response, refuses a second one and a stale escalation, then escalates to stage 2', async () => {
      await advance(4); // Friday 20 March
      const early = await api.post(`/api${base()}/${disputeId}/response`, { respondedDate: '2026-03-13', response: 'x', version: 1 });
      expect(early.status).toBe(400);
      expect((early.body as ApiErrors).errors).toEqual([
        { field: 'respondedDate', message: 'Date of the response cannot be before stage 1 started (16 March 2026)' },
      ]);
      await ana.get(`${base()}/${disputeId}`);
      const res = await ana.post(`${base()}/${disputeId}/response`, {
        ...dateInput('respondedDate', '2026-03-20'),
        response: 'Actions will be agreed at the next meeting',
        version: '1',
      });
      expect(res.status).toBe(303);
      const before = await snapshot();
      const again = await api.post(`/api${base()}/${disputeId}/response`, { respondedDate: '2026-03-20', response: 'Again', version: 2 });
      expect(again.status).toBe(400);
      expect((again.body as ApiErrors).errors[0]!.field).toBe('response');
      const stale = await ana.post(`${base()}/${disputeId}/escalate`, {
        ...dateInput('escalatedDate', '2026-03-20'),
        addressedTo: 'Sam Servicemanager',
        version: '1',
      });
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('This dispute was changed by someone else after you opened it');
      expect(await snapshot()).toEqual(before);
      const up = await ana.post(`${base()}/${disputeId}/escalate`, {
        ...dateInput('escalatedDate', '2026-03-20'),
        addressedTo: 'Sam Servicemanager',
        version: String(await version()),
      });
      expect(up.status).toBe(303);
      expect(await stages()).toEqual([
        { stage: 1, due_date: '2026-03-23', responded_date: '2026-03-20' },
        { stage: 2, due_date: '2026-03-27', responded_date: null },
      ]);
    });

    it('shows a stage overdue, then resolves the dispute, refusing a resolution dated before the stage', async () => {
      await advance(11); // Tuesday 31 March
      const list = await ana.get(base());
      expect(list.text).toContain('Stage 2: response overdue since 27 March 2026');
      const early = await api.post(`/api${base()}/${disputeId}/resolve`, {
        resolvedDate: '2026-03-19',
        resolution: 'x',
        version: await version(),
      });
      expect(early.status).toBe(400);
      expect((early.body as ApiErrors).errors).toEqual([
        { field: 'resolvedDate', message: 'Date it was resolved cannot be before the last stage’s start (20 March 2026)' },
      ]);
      await ana.get(`${base()}/${disputeId}`);
      const res = await ana.post(`${base()}/${disputeId}/resolve`, {
        ...dateInput('resolvedDate', '2026-03-31'),
        resolution: 'Actions agreed with dates; Lux seen on 30 March',
        version: String(await version()),
      });
      expect(res.status).toBe(303);
      const page = await ana.get(`${base()}/${disputeId}`);
      expect(page.text).toContain('Resolved 31 March 2026');
      expect(page.text).not.toContain('Escalate to stage');
      const after = await api.post(`/api${base()}/${disputeId}/escalate`, {
        escalatedDate: '2026-03-31',
        addressedTo: 'Head',
        version: await version(),
      });
      expect(after.status).toBe(400);
      expect((after.body as ApiErrors).errors[0]).toEqual({ field: 'escalatedDate', message: 'The dispute was resolved on 31 March 2026' });
      const chronology = await ana.get(`/children/${childId}/chronology?disputes=1&order=oldest`);
      for (const t of [
        'Concern raised about the plan',
        'Response to the concern at stage 1',
        'Concern escalated to stage 2',
        'Concern about the plan resolved',
      ])
        expect(chronology.text).toContain(t);
      const actions = await rows<{ action: string }>(
        database.db,
        sql`select action from audit_events where child_id = ${childId} and action like '%DISPUTE%' order by id`,
      );
      expect(actions.map((a) => a.action)).toEqual([
        'RAISE_PLAN_DISPUTE',
        'RECORD_DISPUTE_RESPONSE',
        'ESCALATE_PLAN_DISPUTE',
        'RESOLVE_PLAN_DISPUTE',
      ]);
    });
  });
}
