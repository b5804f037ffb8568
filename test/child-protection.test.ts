import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { recomputeObligations } from '../src/obligations/recompute.js';
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
    let authority: Awaited<ReturnType<typeof smallAuthority>>;

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
                   (select coalesce(sum(version), 0)::int from cp_conferences) as conference_versions,
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

    /** Move the service's clock on; sessions run out over days, so everyone signs in again. */
    async function advance(ms: number) {
      clock.advance(ms);
      await ana.signIn('ana', PASSWORD);
      await mina.signIn('mina', PASSWORD);
      await api.signIn('ana', PASSWORD);
      // a page of the new session, for its forms' CSRF token
      await ana.get(`/children/${childId}`);
      await mina.get(`/children/${childId}`);
    }

    async function auditActions() {
      return (
        await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${childId} order by id`)
      ).map((r) => r.action);
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
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
        expect((tomorrow.body as ApiErrors).errors).toEqual([
          { field: 'heldDate', message: 'Date the discussion was held must be today or in the past' },
        ]);
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
        const refused = await ana.post(`${base()}/strategy-discussions/${discussionId}/authorise`, {
          ...dateInput('authorisedDate', '2026-03-02'),
          version: '2',
        });
        expect(refused.status).toBe(403);
        await mina.get(`${base()}/strategy-discussions/${discussionId}`);
        const res = await mina.post(`${base()}/strategy-discussions/${discussionId}/authorise`, {
          ...dateInput('authorisedDate', '2026-03-02'),
          version: '2',
        });
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
        // the API description is made from the same schemas
        const described = await api.get('/api/openapi.json');
        const paths = Object.keys((described.body as { paths: Record<string, unknown> }).paths);
        expect(paths).toEqual(
          expect.arrayContaining([
            '/api/children/{childId}/child-protection/strategy-discussions',
            '/api/children/{childId}/child-protection/s47-enquiries/{id}',
            '/api/children/{childId}/child-protection/plans/{id}/finalise',
          ]),
        );
        const read = await api.get(`/api${base()}`);
        expect(read.status).toBe(200);
        expect((read.body as { enquiries: unknown[] }).enquiries).toHaveLength(2);
      });
    });

    describe('the section 47 enquiry', () => {
      it('refuses an enquiry started before the strategy discussion, naming the start date', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/strategy-discussions/${discussionId}`);
        const res = await ana.post(`${base()}/strategy-discussions/${discussionId}/s47-enquiry`, dateInput('startDate', '2026-03-01'));
        expect(res.status).toBe(400);
        expect(res.text).toContain('Date the enquiry started cannot be before the strategy discussion (2 March 2026)');
        expect(res.text).toContain('href="#startDate-day"');
        expect(await snapshot()).toEqual(before);
      });

      it('starts the enquiry the discussion decided on: it is due in 10 working days (local practice)', async () => {
        const res = await ana.post(`${base()}/strategy-discussions/${discussionId}/s47-enquiry`, dateInput('startDate', '2026-03-02'));
        expect(res.status).toBe(303);
        enquiryId = /s47-enquiries\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        expect(await obligation('s47-enquiry')).toEqual([{ due: '2026-03-16', done: null, episode: discussionId }]);
        // no conference is owed until the enquiry says one is needed
        expect(await obligation('initial-child-protection-conference')).toEqual([]);
        const again = await ana.post(`${base()}/strategy-discussions/${discussionId}/s47-enquiry`, dateInput('startDate', '2026-03-02'));
        expect(again.status).toBe(400);
        expect(again.text).toContain('A section 47 enquiry has already started from this discussion');
      });

      it('refuses a conference dated before the enquiry started, naming the date, and writes nothing', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/conferences/new?type=initial&s47EnquiryId=${enquiryId}`);
        const res = await ana.post(`${base()}/conferences/new`, {
          type: 'initial',
          s47EnquiryId: enquiryId,
          ...dateInput('conferenceDate', '2026-02-27'),
          chair: 'Cas Chair',
          ...attendanceFields(attendees),
          socialWorkerAttended: 'yes',
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          decision: 'cp_plan',
          categoryOfAbuse: 'PHY',
          action: 'save',
        });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Date of the conference cannot be before the section 47 enquiry started (2 March 2026)');
        expect(res.text).toContain('href="#conferenceDate-day"');
        expect(await snapshot()).toEqual(before);
      });

      it('asks why when no conference is needed', async () => {
        await advance(8 * DAY); // Tuesday 10 March
        await ana.get(`${base()}/s47-enquiries/${enquiryId}`);
        const res = await ana.post(`${base()}/s47-enquiries/${enquiryId}`, {
          childSeen: 'yes',
          seenAlone: 'yes',
          outcome: 'not_substantiated',
          conferenceRequired: 'no',
          ...dateInput('endDate', '2026-03-09'),
          version: '1',
        });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Enter why no conference is needed');
        expect(res.text).toContain('href="#conferenceNotRequiredReason"');
      });

      it('records the outcome: the enquiry is met and the initial conference falls due 15 working days after the discussion', async () => {
        const res = await ana.post(`${base()}/s47-enquiries/${enquiryId}`, {
          childSeen: 'yes',
          seenAlone: 'yes',
          outcome: 'substantiated',
          conferenceRequired: 'yes',
          ...dateInput('endDate', '2026-03-09'),
          version: '1',
        });
        expect(res.status).toBe(303);
        expect(await obligation('s47-enquiry')).toEqual([{ due: '2026-03-16', done: '2026-03-09', episode: discussionId }]);
        const [icpc] = await obligation('initial-child-protection-conference');
        expect(icpc!.due.slice(0, 10)).toBe('2026-03-23');
        expect(icpc!.done).toBeNull();
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Section 47 enquiry since 2 March 2026');
        expect(record.text).toContain('Next: Initial child protection conference');
      });

      it('lets a manager authorise the outcome', async () => {
        await mina.get(`${base()}/s47-enquiries/${enquiryId}`);
        const res = await mina.post(`${base()}/s47-enquiries/${enquiryId}/authorise`, {
          ...dateInput('authorisedDate', '2026-03-10'),
          version: '2',
        });
        expect(res.status).toBe(303);
        const page = await ana.get(`${base()}/s47-enquiries/${enquiryId}`);
        expect(page.text).toContain('10 March 2026 by Mina Manager');
        // authorised: the outcome can no longer be changed
        expect(page.text).not.toContain('Save the outcome');
      });
    });

    describe('the initial conference and the plan it makes', () => {
      it('refuses a conference dated in the future, and a pre-birth conference for a child already born', async () => {
        await advance(10 * DAY); // Friday 20 March
        const before = await snapshot();
        const form = {
          type: 'initial',
          s47EnquiryId: enquiryId,
          chair: 'Cas Chair',
          ...attendanceFields(attendees),
          socialWorkerAttended: 'no',
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          ...dateInput('reportSubmittedDate', '2026-03-18'),
          ...dateInput('reportSharedWithFamilyDate', '2026-03-19'),
          decision: 'cp_plan',
          categoryOfAbuse: 'PHY',
          action: 'save',
        };
        const future = await ana.post(`${base()}/conferences/new`, { ...form, ...dateInput('conferenceDate', '2026-03-21') });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date of the conference must be today or in the past');
        const preBirth = await ana.post(`${base()}/conferences/new`, {
          ...form,
          type: 'pre_birth',
          ...dateInput('conferenceDate', '2026-03-20'),
        });
        expect(preBirth.status).toBe(400);
        expect(preBirth.text).toContain('a pre-birth conference is held before the birth');
        const noCategory = await api.post(`/api${base()}/conferences`, {
          type: 'initial',
          s47EnquiryId: enquiryId,
          conferenceDate: '2026-03-20',
          chair: 'Cas Chair',
          attendance: attendees,
          socialWorkerAttended: false,
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          decision: 'cp_plan',
        });
        expect(noCategory.status).toBe(400);
        expect((noCategory.body as ApiErrors).errors).toEqual([
          { field: 'categoryOfAbuse', message: 'Select the category of abuse the plan is under' },
        ]);
        expect(await snapshot()).toEqual(before);

        const res = await ana.post(`${base()}/conferences/new`, { ...form, ...dateInput('conferenceDate', '2026-03-20') });
        expect(res.status).toBe(303);
        planId = /plans\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
      });

      it('meets the initial conference, and starts the plan’s clocks: core group, review, visits', async () => {
        const [icpc] = await obligation('initial-child-protection-conference');
        expect(icpc!.done).toBe('2026-03-20');
        // 10 working days from Friday 20 March, over Good Friday and Easter Monday
        expect(await obligation('first-core-group')).toEqual([{ due: '2026-04-07', done: null, episode: planId }]);
        expect(await obligation('child-protection-visit')).toEqual([{ due: '2026-04-07', done: null, episode: planId }]);
        expect(await obligation('review-child-protection-conference')).toEqual([{ due: '2026-06-20', done: null, episode: planId }]);
        const [plan] = await rows<{ start_date: string; initial_category: string }>(
          database.db,
          sql`select start_date::text, initial_category from cp_plans where id = ${planId}`,
        );
        expect(plan).toEqual({ start_date: '2026-03-20', initial_category: 'PHY' });
        const conference = await rows<{ social_worker_attended: boolean; report_shared_with_family_date: string }>(
          database.db,
          sql`select social_worker_attended, report_shared_with_family_date::text from cp_conferences where s47_enquiry_id = ${enquiryId}`,
        );
        expect(conference).toEqual([{ social_worker_attended: false, report_shared_with_family_date: '2026-03-19' }]);
      });

      it('refuses a second initial conference for the same enquiry', async () => {
        const res = await api.post(`/api${base()}/conferences`, {
          type: 'initial',
          s47EnquiryId: enquiryId,
          conferenceDate: '2026-03-20',
          chair: 'Cas Chair',
          attendance: attendees,
          socialWorkerAttended: true,
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          decision: 'no_plan',
        });
        expect(res.status).toBe(400);
        expect((res.body as ApiErrors).errors[0]!.field).toBe('s47EnquiryId');
      });
    });

    describe('putting a conference’s record right', () => {
      it('corrects who attended and when the report reached the family, refusing a stale correction', async () => {
        const [conference] = await rows<{ id: string }>(
          database.db,
          sql`select id from cp_conferences where s47_enquiry_id = ${enquiryId}`,
        );
        const path = `${base()}/conferences/${conference!.id}/edit`;
        const form = await ana.get(path);
        expect(form.status).toBe(200);
        expect(form.text).toContain('Its date and decision stay as recorded');
        const correction = {
          chair: 'Cas Chair',
          ...attendanceFields(attendees),
          socialWorkerAttended: 'no',
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          ...dateInput('reportSubmittedDate', '2026-03-18'),
          ...dateInput('reportSharedWithFamilyDate', '2026-03-20'),
          action: 'save',
        };
        const res = await ana.post(path, { ...correction, version: '1' });
        expect(res.status).toBe(303);
        const before = await snapshot();
        const stale = await ana.post(path, { ...correction, ...dateInput('reportSharedWithFamilyDate', '2026-03-17'), version: '1' });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This conference was changed by someone else after you opened it');
        const viaApi = await api.post(`/api${base()}/conferences/${conference!.id}`, {
          chair: 'X',
          attendance: attendees,
          socialWorkerAttended: true,
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          version: 1,
        });
        expect(viaApi.status).toBe(409);
        expect(await snapshot()).toEqual(before);
        const [row] = await rows<{ shared: string; version: number }>(
          database.db,
          sql`select report_shared_with_family_date::text as shared, version from cp_conferences where id = ${conference!.id}`,
        );
        expect(row).toEqual({ shared: '2026-03-20', version: 2 });
      });
    });

    describe('the plan: outcomes, actions and a contingency before it is finalised', () => {
      it('refuses to finalise a plan without a contingency, naming it, and writes nothing', async () => {
        const before = await snapshot();
        const page = await ana.get(`${base()}/plans/${planId}`);
        expect(page.text).toContain('This plan has no contingency plan yet');
        const res = await ana.post(`${base()}/plans/${planId}/finalise`, { ...dateInput('finalisedDate', '2026-03-20'), version: '1' });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Write the contingency plan before the plan is finalised');
        expect(res.text).toContain('href="#contingency"');
        const viaApi = await api.post(`/api${base()}/plans/${planId}/finalise`, { finalisedDate: '2026-03-20', version: 1 });
        expect(viaApi.status).toBe(400);
        expect((viaApi.body as ApiErrors).errors.map((e) => e.field)).toEqual(['contingency']);
        expect(await snapshot()).toEqual(before);
      });

      it('saves outcomes and a contingency plan, refuses a stale save, and adds actions', async () => {
        const res = await ana.post(`${base()}/plans/${planId}`, {
          outcomes: ['Kit is safe from physical harm at home', 'Kit attends nursery every day', ''],
          contingency: 'If Kit is hurt again or the father returns home, a legal planning meeting is called the same day',
          version: '1',
        });
        expect(res.status).toBe(303);
        const before = await snapshot();
        const stale = await ana.post(`${base()}/plans/${planId}`, { outcomes: ['Something else'], contingency: 'Other', version: '1' });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This child protection plan was changed by someone else after you opened it');
        expect(await snapshot()).toEqual(before);

        const early = await ana.post(`${base()}/plans/${planId}/actions`, {
          action: 'Safety plan agreed with mother',
          owner: 'Ana Fictional',
          ...dateInput('dueDate', '2026-03-01'),
          status: 'not_started',
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date it is due cannot be before the plan started');
        const added = await ana.post(`${base()}/plans/${planId}/actions`, {
          action: 'Safety plan agreed with mother',
          owner: 'Ana Fictional',
          ...dateInput('dueDate', '2026-03-27'),
          status: 'in_progress',
        });
        expect(added.status).toBe(303);
        const viaApi = await api.post(`/api${base()}/plans/${planId}/actions`, {
          action: 'Health visitor sees Kit weekly',
          owner: 'Health visiting',
          dueDate: '2026-06-30',
          status: 'not_started',
        });
        expect(viaApi.status).toBe(201);
        const actionId = (viaApi.body as { id: string }).id;
        const progress = await ana.post(`${base()}/plans/${planId}/actions/${actionId}`, { status: 'in_progress', version: '1' });
        expect(progress.status).toBe(303);
        const staleProgress = await ana.post(`${base()}/plans/${planId}/actions/${actionId}`, { status: 'completed', version: '1' });
        expect(staleProgress.status).toBe(409);
        const page = await ana.get(`${base()}/plans/${planId}`);
        expect(page.text).toContain('Kit attends nursery every day');
        expect(page.text).toContain('Health visitor sees Kit weekly');
      });

      it('finalises the plan once it has its contingency', async () => {
        const [plan] = await rows<{ version: number }>(database.db, sql`select version from cp_plans where id = ${planId}`);
        const res = await ana.post(`${base()}/plans/${planId}/finalise`, {
          ...dateInput('finalisedDate', '2026-03-20'),
          version: String(plan!.version),
        });
        expect(res.status).toBe(303);
        const [after] = await rows<{ finalised_date: string }>(
          database.db,
          sql`select finalised_date::text from cp_plans where id = ${planId}`,
        );
        expect(after!.finalised_date).toBe('2026-03-20');
        expect(await auditActions()).toEqual(
          expect.arrayContaining(['UPDATE_CP_PLAN', 'ADD_CP_PLAN_ACTION', 'UPDATE_CP_PLAN_ACTION', 'FINALISE_CP_PLAN']),
        );
      });
    });

    describe('core groups, visits, review and the end of the plan', () => {
      it('meets the first core group, and sets the next six weeks on (local practice)', async () => {
        await advance(12 * DAY); // Wednesday 1 April
        await ana.get(`${base()}/plans/${planId}/core-groups/new`);
        const early = await ana.post(`${base()}/plans/${planId}/core-groups/new`, {
          ...dateInput('meetingDate', '2026-03-19'),
          ...attendanceFields(attendees),
          action: 'save',
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date of the meeting cannot be before the plan started (20 March 2026)');
        const [action] = await rows<{ id: string }>(
          database.db,
          sql`select id from cp_plan_actions where cp_plan_id = ${planId} order by due_date limit 1`,
        );
        const res = await ana.post(`${base()}/plans/${planId}/core-groups/new`, {
          ...dateInput('meetingDate', '2026-03-31'),
          ...attendanceFields(attendees),
          actionsReviewed: action!.id,
          notes: 'Safety plan in place; father has left the home',
          action: 'save',
        });
        expect(res.status).toBe(303);
        expect(await obligation('first-core-group')).toEqual([{ due: '2026-04-07', done: '2026-03-31', episode: planId }]);
        expect(await obligation('core-group')).toEqual([{ due: '2026-05-12', done: null, episode: planId }]);
        const [group] = await rows<{ actions_reviewed: string[] }>(
          database.db,
          sql`select actions_reviewed::text[] from core_group_meetings where cp_plan_id = ${planId}`,
        );
        expect(group!.actions_reviewed).toEqual([action!.id]);
      });

      it('counts a visit the record already has, where the child was seen, as the child protection visit', async () => {
        await ana.get(`/children/${childId}/visits/new?purpose=child_protection`);
        const res = await ana.post(`/children/${childId}/visits/new`, {
          ...dateInput('visitDate', '2026-04-01'),
          purpose: 'child_protection',
          seen: 'alone',
        });
        expect(res.status).toBe(303);
        const visits = await obligation('child-protection-visit');
        expect(visits[0]).toEqual({ due: '2026-04-07', done: '2026-04-01', episode: planId });
        // the next visit counts from this one: 10 working days after 1 April, over Easter
        expect(visits[1]).toEqual({ due: '2026-04-17', done: null, episode: planId });
      });

      it('holds the review conference, which continues the plan under a new category, and meets the review', async () => {
        await advance(75 * DAY); // Monday 15 June
        await ana.get(`${base()}/conferences/new?type=review&cpPlanId=${planId}`);
        const res = await ana.post(`${base()}/conferences/new`, {
          type: 'review',
          cpPlanId: planId,
          ...dateInput('conferenceDate', '2026-06-15'),
          chair: 'Cas Chair',
          ...attendanceFields(attendees),
          socialWorkerAttended: 'yes',
          parentsParticipation: 'views_shared',
          childParticipation: 'too_young',
          ...dateInput('reportSubmittedDate', '2026-06-10'),
          ...dateInput('reportSharedWithFamilyDate', '2026-06-11'),
          decision: 'continue_plan',
          categoryOfAbuse: 'EMO',
          action: 'save',
        });
        expect(res.status).toBe(303);
        const reviews = await obligation('review-child-protection-conference');
        expect(reviews[0]).toEqual({ due: '2026-06-20', done: '2026-06-15', episode: planId });
        expect(reviews[1]).toEqual({ due: '2026-12-15', done: null, episode: planId });
        const [plan] = await rows<{ latest_category: string }>(database.db, sql`select latest_category from cp_plans where id = ${planId}`);
        expect(plan!.latest_category).toBe('EMO');
      });

      it('ends the plan with its reason: nothing more is owed under it', async () => {
        await advance(7 * DAY); // Monday 22 June
        const [plan] = await rows<{ version: number }>(database.db, sql`select version from cp_plans where id = ${planId}`);
        await ana.get(`${base()}/plans/${planId}/end`);
        const early = await ana.post(`${base()}/plans/${planId}/end`, {
          ...dateInput('endDate', '2026-06-01'),
          endReason: 'moved_to_another_authority',
          version: String(plan!.version),
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date the plan ended cannot be before the last meeting under it (15 June 2026)');
        const res = await ana.post(`${base()}/plans/${planId}/end`, {
          ...dateInput('endDate', '2026-06-22'),
          endReason: 'moved_to_another_authority',
          version: String(plan!.version),
        });
        expect(res.status).toBe(303);
        const outstanding = await rows<{ rule_id: string }>(
          database.db,
          sql`select rule_id from obligations where child_id = ${childId} and done is null and lapses_on is null and episode = ${planId}`,
        );
        expect(outstanding).toEqual([]);
        // what was overdue when the plan ended is kept, as missed, no longer owed from that day
        const missed = await rows<{ lapses_on: string }>(
          database.db,
          sql`select lapses_on::text from obligations where child_id = ${childId} and done is null and episode = ${planId}`,
        );
        expect(missed.length).toBeGreaterThan(0);
        expect(missed.every((m) => m.lapses_on === '2026-06-22')).toBe(true);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Not on a plan: the last plan ended on 22 June 2026');
        const page = await ana.get(`${base()}/plans/${planId}`);
        expect(page.text).toContain('The child moved to another local authority');
        expect(page.text).not.toContain('Finalise the plan');
      });
    });

    describe('a pre-birth plan', () => {
      let unbornId: string;
      let prePlanId: string;
      const cp = () => `/api/children/${unbornId}/child-protection`;

      it('calls a conference before the birth a pre-birth conference, and makes the plan from it', async () => {
        unbornId = await createChild(
          database.db,
          {
            firstName: 'Baby',
            lastName: 'Notional',
            sex: 'U',
            ethnicity: 'WBRI',
            expectedDateOfBirth: '2026-05-10',
            disabilities: [],
          } as NewChild,
          '2026-03-01',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        const discussion = await api.post(`${cp()}/strategy-discussions`, {
          concernDate: '2026-03-05',
          concernTime: '10:00',
          concern: 'Mother’s older children were removed; she is 30 weeks pregnant',
          held: true,
          heldDate: '2026-03-05',
          heldTime: '14:00',
          participants: [police, health, social],
          informationShared: 'Midwife’s booking assessment; police history',
          decisions: ['s47_enquiry'],
        });
        expect(discussion.status).toBe(201);
        const enquiry = await api.post(`${cp()}/strategy-discussions/${(discussion.body as { id: string }).id}/s47-enquiry`, {
          startDate: '2026-03-06',
        });
        expect(enquiry.status).toBe(201);
        const outcome = await api.post(`${cp()}/s47-enquiries/${(enquiry.body as { id: string }).id}`, {
          childSeen: false,
          outcome: 'substantiated',
          conferenceRequired: true,
          endDate: '2026-03-18',
          version: 1,
        });
        expect(outcome.status).toBe(200);
        const conference = {
          s47EnquiryId: (enquiry.body as { id: string }).id,
          conferenceDate: '2026-03-25',
          chair: 'Cas Chair',
          attendance: attendees,
          socialWorkerAttended: true,
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          decision: 'cp_plan',
          categoryOfAbuse: 'NEG',
        };
        const initial = await api.post(`${cp()}/conferences`, { ...conference, type: 'initial' });
        expect(initial.status).toBe(400);
        expect((initial.body as ApiErrors).errors).toEqual([
          { field: 'type', message: 'The child was not yet born on the date of the conference: record it as a pre-birth conference' },
        ]);
        const preBirth = await api.post(`${cp()}/conferences`, { ...conference, type: 'pre_birth' });
        expect(preBirth.status).toBe(201);
        prePlanId = (preBirth.body as { planId: string }).planId;
        expect(prePlanId).toMatch(/^[0-9a-f-]{36}$/);
      });

      it('sets the review after the birth once the birth is on the record, and a review that ends the plan meets it', async () => {
        const due = async (ruleId: string) =>
          rows<{ due: string; done: string | null }>(
            database.db,
            sql`select due, done from obligations where child_id = ${unbornId} and rule_id = ${ruleId} order by due`,
          );
        // before the birth: one first review, 3 months after the pre-birth conference of 25 March
        expect(await due('pre-birth-review-conference')).toEqual([{ due: '2026-06-25', done: null }]);
        expect(await due('review-child-protection-conference')).toEqual([]);
        // the birth is recorded (by the child's details, not by child protection)
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`update children set date_of_birth = '2026-05-08', expected_date_of_birth = null where id = ${unbornId}`);
          await recomputeObligations(tx, [unbornId]);
        });
        // 10 working days after Friday 8 May (local practice), sooner than the 3 months: the same one review
        expect(await due('pre-birth-review-conference')).toEqual([{ due: '2026-05-22', done: null }]);
        expect(await due('review-child-protection-conference')).toEqual([]);
        const review = await api.post(`${cp()}/conferences`, {
          type: 'review',
          cpPlanId: prePlanId,
          conferenceDate: '2026-05-20',
          chair: 'Cas Chair',
          attendance: attendees,
          socialWorkerAttended: true,
          parentsParticipation: 'attended',
          childParticipation: 'too_young',
          decision: 'end_plan',
        });
        expect(review.status).toBe(201);
        expect(await due('pre-birth-review-conference')).toEqual([{ due: '2026-05-22', done: '2026-05-20' }]);
        const [plan] = await rows<{ end_date: string; end_reason: string }>(
          database.db,
          sql`select end_date::text, end_reason from cp_plans where id = ${prePlanId}`,
        );
        expect(plan).toEqual({ end_date: '2026-05-20', end_reason: 'review_decision' });
        const owed = await rows<{ rule_id: string }>(
          database.db,
          sql`select rule_id from obligations where child_id = ${unbornId} and done is null and lapses_on is null`,
        );
        expect(owed).toEqual([]);
        // work overdue when the plan ended stays on the record as missed, lapsed on the day it ended
        const missed = await rows<{ lapses_on: string }>(
          database.db,
          sql`select lapses_on::text from obligations where child_id = ${unbornId} and done is null`,
        );
        expect(missed.length).toBeGreaterThan(0);
        expect(missed.every((m) => m.lapses_on === '2026-05-20')).toBe(true);
      });
    });

    describe('who may see and change it', () => {
      it('refuses a practitioner in another team, on the pages and in the API, and audits the refusal', async () => {
        const cleo = new Agent(service.url);
        await cleo.signIn('cleo', PASSWORD);
        expect((await cleo.get(`${base()}`)).status).toBe(403);
        expect((await cleo.get(`${base()}/plans/${planId}`)).status).toBe(403);
        const cleoApi = new ApiClient(service.url);
        await cleoApi.signIn('cleo', PASSWORD);
        const res = await cleoApi.post(`/api${base()}/strategy-discussions`, {
          concernDate: '2026-06-01',
          concernTime: '10:00',
          concern: 'x',
          held: false,
        });
        expect(res.status).toBe(403);
        const refused = await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from audit_events where child_id = ${childId} and action = 'ACCESS_REFUSED' and username = 'cleo'`,
        );
        expect(refused[0]!.n).toBe(3);
      });
    });
  });
}
