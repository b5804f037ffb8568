import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/children.js';
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

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const police = { agency: 'police', role: 'Detective sergeant', name: 'Pat Constable' };
const health = { agency: 'health', role: 'Health visitor', name: 'Hal Visitor' };
const social = { agency: 'childrens_social_care', role: 'Social worker', name: 'Ana Fictional' };

function participantFields(list: { agency: string; role: string; name: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  list.forEach((p, i) => {
    out[`participants-${i}-agency`] = p.agency;
    out[`participants-${i}-role`] = p.role;
    out[`participants-${i}-name`] = p.name;
  });
  return out;
}

function attendanceFields(list: { agency: string; name: string; attended: boolean }[]): Record<string, string> {
  const out: Record<string, string> = {};
  list.forEach((a, i) => {
    out[`attendance-${i}-agency`] = a.agency;
    out[`attendance-${i}-name`] = a.name;
    out[`attendance-${i}-attended`] = a.attended ? 'yes' : 'no';
  });
  return out;
}

const attendees = [
  { agency: 'childrens_social_care', name: 'Ana Fictional, social worker', attended: true },
  { agency: 'police', name: 'Pat Constable', attended: true },
  { agency: 'health', name: 'Hal Visitor', attended: false },
];

type ApiErrors = { errors: { field: string; message: string }[] };

for (const kind of await testDatabases()) {
  describe(`child protection casework, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let ana: Agent;
    let mina: Agent;
    let api: ApiClient;
    let discussionId: string;
    let enquiryId: string;
    let planId: string;

    const base = () => `/children/${childId}/child-protection`;

    /** Every child protection row and version, and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from strategy_discussions) as discussions,
                   (select coalesce(sum(version), 0)::int from strategy_discussions) as discussion_versions,
                   (select count(*)::int from s47_enquiries) as enquiries,
                   (select coalesce(sum(version), 0)::int from s47_enquiries) as enquiry_versions,
                   (select count(*)::int from cp_conferences) as conferences,
                   (select count(*)::int from cp_plans) as plans,
                   (select coalesce(sum(version), 0)::int from cp_plans) as plan_versions,
                   (select count(*)::int from cp_plan_actions) as actions,
                   (select coalesce(sum(version), 0)::int from cp_plan_actions) as action_versions,
                   (select count(*)::int from core_group_meetings) as core_groups,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    async function obligation(ruleId: string) {
      return rows<{ due: string; done: string | null; episode: string | null }>(
        database.db,
        sql`select due, done, episode from obligations where child_id = ${childId} and rule_id = ${ruleId} order by due`,
      );
    }

    async function auditActions() {
      return (await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${childId} order by id`)).map((r) => r.action);
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Kit', lastName: 'Invented', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2019-04-11', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      // Monday 2 March 2026, 10:00 in England
      clock = new TestClock('2026-03-02T10:00:00Z');
      service = await startService(database, clock);
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    describe('a concern and its strategy discussion', () => {
      it('records the concern alone: the strategy discussion is then due, by the same time the next working day', async () => {
        const form = await ana.get(`${base()}/strategy-discussions/new`);
        expect(form.status).toBe(200);
        expect(form.text).toContain('Record a concern and strategy discussion');
        const res = await ana.post(`${base()}/strategy-discussions/new`, {
          ...dateInput('concernDate', '2026-03-02'),
          concernTime: '09:00',
          concern: 'Bruising to the face seen at nursery; the child said her father hit her',
          held: 'no',
          action: 'save',
        });
        expect(res.status).toBe(303);
        discussionId = /strategy-discussions\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        const [due] = await obligation('strategy-discussion');
        expect(due).toEqual({ due: '2026-03-03T09:00:00+00:00', done: null, episode: discussionId });
        expect(await auditActions()).toContain('RECORD_STRATEGY_DISCUSSION');
      });

      it('shows the concern on the child’s record, with the strategy discussion next and its due time', async () => {
        const page = await ana.get(`/children/${childId}`);
        expect(page.text).toContain('Concern of significant harm raised 2 March 2026 at 9am');
        expect(page.text).toMatch(/Next: Strategy discussion<\/strong>, due 3 March 2026 at 9am/);
      });

      it('refuses a discussion without the police, naming who took part, and saves nothing', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/strategy-discussions/${discussionId}/edit`);
        const res = await ana.post(`${base()}/strategy-discussions/${discussionId}/edit`, {
          ...dateInput('concernDate', '2026-03-02'),
          concernTime: '09:00',
          concern: 'Bruising to the face seen at nursery',
          held: 'yes',
          ...dateInput('heldDate', '2026-03-02'),
          heldTime: '09:45',
          ...participantFields([health, social]),
          informationShared: 'Nursery’s body map; police checks on the father',
          decisions: 's47_enquiry',
          version: '1',
          action: 'save',
        });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Who took part must include police');
        expect(res.text).toContain('href="#participants"');
        expect(await snapshot()).toEqual(before);
      });

      it('refuses a discussion held in the future, naming the time', async () => {
        const before = await snapshot();
        const res = await ana.post(`${base()}/strategy-discussions/${discussionId}/edit`, {
          ...dateInput('concernDate', '2026-03-02'),
          concernTime: '09:00',
          concern: 'Bruising to the face seen at nursery',
          held: 'yes',
          ...dateInput('heldDate', '2026-03-02'),
          heldTime: '11:30',
          ...participantFields([police, health, social]),
          informationShared: 'Nursery’s body map',
          decisions: 's47_enquiry',
          version: '1',
          action: 'save',
        });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Time the discussion was held must be now or in the past');
        expect(res.text).toContain('href="#heldTime"');
        const tomorrow = await api.post(`/api${base()}/strategy-discussions/${discussionId}`, {
          concernDate: '2026-03-02',
          concernTime: '09:00',
          concern: 'Bruising',
          held: true,
          heldDate: '2026-03-03',
          heldTime: '09:00',
          participants: [police, health],
          informationShared: 'x',
          decisions: ['s47_enquiry'],
          version: 1,
        });
        expect(tomorrow.status).toBe(400);
        expect((tomorrow.body as ApiErrors).errors).toEqual([{ field: 'heldDate', message: 'Date the discussion was held must be today or in the past' }]);
        expect(await snapshot()).toEqual(before);
      });

      it('records the discussion held with the police and health: the obligation is met', async () => {
        const res = await ana.post(`${base()}/strategy-discussions/${discussionId}/edit`, {
          ...dateInput('concernDate', '2026-03-02'),
          concernTime: '09:00',
          concern: 'Bruising to the face seen at nursery; the child said her father hit her',
          held: 'yes',
          ...dateInput('heldDate', '2026-03-02'),
          heldTime: '09:45',
          ...participantFields([police, health, social]),
          informationShared: 'Nursery’s body map; police checks on the father',
          decisions: ['s47_enquiry', 'police_investigation'],
          version: '1',
          action: 'save',
        });
        expect(res.status).toBe(303);
        const [met] = await obligation('strategy-discussion');
        expect(met).toMatchObject({ due: '2026-03-03T09:00:00+00:00', done: '2026-03-02T09:45:00Z' });
        const page = await ana.get(`${base()}/strategy-discussions/${discussionId}`);
        expect(page.text).toContain('Pat Constable');
        expect(page.text).toContain('Section 47 enquiry, Police investigation');
      });

      it('refuses a stale change (409), saying someone else saved first, and saves nothing', async () => {
        const before = await snapshot();
        const res = await ana.post(`${base()}/strategy-discussions/${discussionId}/edit`, {
          ...dateInput('concernDate', '2026-03-02'),
          concernTime: '08:00',
          concern: 'Changed on a page opened before the last save',
          held: 'no',
          version: '1',
          action: 'save',
        });
        expect(res.status).toBe(409);
        expect(res.text).toContain('This strategy discussion was changed by someone else after you opened it');
        expect(res.text).toContain('href="#concernDate-day"');
        // the form is shown again against the version now saved
        expect(res.text).toContain('name="version" value="2"');
        const stale = await api.post(`/api${base()}/strategy-discussions/${discussionId}`, {
          concernDate: '2026-03-02',
          concernTime: '08:00',
          concern: 'Stale',
          held: false,
          version: 1,
        });
        expect(stale.status).toBe(409);
        expect((stale.body as ApiErrors).errors[0]!.field).toBe('version');
        expect(await snapshot()).toEqual(before);
      });

      it('lets only a manager authorise the decision', async () => {
        const refused = await ana.post(`${base()}/strategy-discussions/${discussionId}/authorise`, { ...dateInput('authorisedDate', '2026-03-02'), version: '2' });
        expect(refused.status).toBe(403);
        await mina.get(`${base()}/strategy-discussions/${discussionId}`);
        const res = await mina.post(`${base()}/strategy-discussions/${discussionId}/authorise`, { ...dateInput('authorisedDate', '2026-03-02'), version: '2' });
        expect(res.status).toBe(303);
        const page = await mina.get(`${base()}/strategy-discussions/${discussionId}`);
        expect(page.text).toContain('2 March 2026 by Mina Manager');
        expect(await auditActions()).toContain('AUTHORISE_STRATEGY_DISCUSSION');
      });

      it('records a concern and a discussion through the API, refusing a list without health with the field named', async () => {
        const bad = await api.post(`/api${base()}/strategy-discussions`, {
          concernDate: '2026-02-20',
          concernTime: '16:10',
          concern: 'An earlier concern, recorded late',
          held: true,
          heldDate: '2026-02-20',
          heldTime: '17:00',
          participants: [police],
          informationShared: 'Checks',
          decisions: ['no_further_action'],
        });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors.map((e) => e.field)).toEqual(['participants']);
        const ok = await api.post(`/api${base()}/strategy-discussions`, {
          concernDate: '2026-02-20',
          concernTime: '16:10',
          concern: 'An earlier concern, recorded late',
          held: true,
          heldDate: '2026-02-20',
          heldTime: '17:00',
          participants: [police, health],
          informationShared: 'Checks',
          decisions: ['no_further_action'],
        });
        expect(ok.status).toBe(201);
        const read = await api.get(`/api${base()}`);
        expect(read.status).toBe(200);
        expect((read.body as { enquiries: unknown[] }).enquiries).toHaveLength(2);
      });
    });
  });
}
