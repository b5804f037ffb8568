import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { referrals } from '../src/front-door/schema.js';
import { recomputeObligations } from '../src/obligations/recompute.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
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

const DAY = 24 * 3_600_000;
const attendees = [
  { agency: 'childrens_social_care', name: 'Ana Fictional, social worker', attended: true },
  { agency: 'education', name: 'Eli Teacher, designated safeguarding lead', attended: true },
  { agency: 'health', name: 'Hal Visitor', attended: false },
];

type ApiErrors = { errors: { field: string; message: string }[] };

for (const kind of await testDatabases()) {
  describe(`children in need casework, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let referralId: string;
    let ana: Agent;
    let api: ApiClient;
    let planId: string;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;

    const base = () => `/children/${childId}/children-in-need`;

    /** Every children in need row and version, the referrals' and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from cin_plans) as plans,
                   (select coalesce(sum(version), 0)::int from cin_plans) as plan_versions,
                   (select count(*)::int from cin_plan_actions) as actions,
                   (select coalesce(sum(version), 0)::int from cin_plan_actions) as action_versions,
                   (select count(*)::int from cin_plan_reviews) as reviews,
                   (select count(*)::int from case_closures) as closures,
                   (select count(*)::int from transition_plans) as transitions,
                   (select coalesce(sum(version), 0)::int from transition_plans) as transition_versions,
                   (select coalesce(sum(version), 0)::int from referrals) as referral_versions,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    async function obligation(ruleId: string, child = childId) {
      return rows<{ due: string; done: string | null }>(
        database.db,
        sql`select due, done from obligations where child_id = ${child} and rule_id = ${ruleId} order by due`,
      );
    }

    async function advance(ms: number) {
      clock.advance(ms);
      await ana.signIn('ana', PASSWORD);
      await api.signIn('ana', PASSWORD);
      await ana.get(`/children/${childId}`);
    }

    async function auditActions() {
      return (
        await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${childId} order by id`)
      ).map((r) => r.action);
    }

    async function planVersion() {
      const [p] = await rows<{ version: number }>(database.db, sql`select version from cin_plans where id = ${planId}`);
      return String(p!.version);
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      childId = await createChild(
        database.db,
        { firstName: 'Wren', lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2016-08-19', disabilities: [] } as NewChild,
        '2026-02-02',
        { userId: authority.users.practitioner, teamId: authority.teams.north },
      );
      const [r] = await database.db
        .insert(referrals)
        .values({ childId, referralDate: '2026-02-16', source: '3A' })
        .returning({ id: referrals.id });
      referralId = r!.id;
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

    describe('starting a plan', () => {
      it('says on the record that no plan is recorded, rather than that nothing is due', async () => {
        const page = await ana.get(`/children/${childId}`);
        expect(page.text).toContain('No child in need plan recorded');
        expect(page.text).toContain(`href="${base()}/plans/new"`);
      });

      it('refuses a plan starting in the future, or before its referral, naming the date, and writes nothing', async () => {
        const before = await snapshot();
        const form = await ana.get(`${base()}/plans/new`);
        expect(form.status).toBe(200);
        const future = await ana.post(`${base()}/plans/new`, { referralId, ...dateInput('startDate', '2026-03-03') });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date the plan started must be today or in the past');
        expect(future.text).toContain('href="#startDate-day"');
        const early = await api.post(`/api${base()}/plans`, { referralId, startDate: '2026-02-13' });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'startDate', message: 'Date the plan started cannot be before the referral (16 February 2026)' },
        ]);
        const noReferral = await api.post(`/api${base()}/plans`, { startDate: '2026-03-02' });
        expect(noReferral.status).toBe(400);
        expect((noReferral.body as ApiErrors).errors.map((e) => e.field)).toEqual(['referralId']);
        expect(await snapshot()).toEqual(before);
      });

      it('starts the plan: its review and visits fall due (local policy), and the record shows what is next', async () => {
        const res = await ana.post(`${base()}/plans/new`, { referralId, ...dateInput('startDate', '2026-03-02') });
        expect(res.status).toBe(303);
        planId = /plans\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        expect(await obligation('child-in-need-review')).toEqual([{ due: '2026-06-02', done: null }]);
        expect(await obligation('child-in-need-visit')).toEqual([{ due: '2026-04-13', done: null }]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('On a child in need plan since 2 March 2026');
        expect(record.text).toMatch(/Next: Child in need visit<\/strong>, due 13 April 2026/);
        expect(await auditActions()).toContain('START_CIN_PLAN');
      });

      it('refuses a second plan while one is in force', async () => {
        const before = await snapshot();
        const again = await api.post(`/api${base()}/plans`, { referralId, startDate: '2026-03-02' });
        expect(again.status).toBe(400);
        expect((again.body as ApiErrors).errors).toEqual([
          { field: 'startDate', message: 'The child is already on a child in need plan, since 2 March 2026: end it first' },
        ]);
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('the plan builder', () => {
      it('saves outcomes and a contingency, and refuses a stale save (409) saying someone else saved first', async () => {
        await ana.get(`${base()}/plans/${planId}`);
        const res = await ana.post(`${base()}/plans/${planId}`, {
          outcomes: ['Wren goes to school every day', 'Wren’s mother gets help with her health', ''],
          contingency: 'If attendance falls below 80% again, a strategy discussion is considered',
          version: '1',
        });
        expect(res.status).toBe(303);
        const before = await snapshot();
        const stale = await ana.post(`${base()}/plans/${planId}`, { outcomes: ['Something else'], contingency: 'Other', version: '1' });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This child in need plan was changed by someone else after you opened it');
        expect(stale.text).toContain('name="version" value="2"');
        const staleApi = await api.post(`/api${base()}/plans/${planId}`, { outcomes: ['x'], version: 1 });
        expect(staleApi.status).toBe(409);
        expect((staleApi.body as ApiErrors).errors[0]!.field).toBe('version');
        expect(await snapshot()).toEqual(before);
      });

      it('adds actions, refusing one due before the plan started, and records progress, refusing a stale one', async () => {
        const early = await ana.post(`${base()}/plans/${planId}/actions`, {
          action: 'School attendance plan',
          owner: 'Eli Teacher',
          ...dateInput('dueDate', '2026-03-01'),
          status: 'not_started',
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date it is due cannot be before the plan started');
        expect(early.text).toContain('href="#dueDate-day"');
        const added = await ana.post(`${base()}/plans/${planId}/actions`, {
          action: 'School attendance plan',
          owner: 'Eli Teacher',
          ...dateInput('dueDate', '2026-03-20'),
          status: 'in_progress',
        });
        expect(added.status).toBe(303);
        const viaApi = await api.post(`/api${base()}/plans/${planId}/actions`, {
          action: 'GP appointment for mother',
          owner: 'Ana Fictional',
          dueDate: '2026-04-30',
          status: 'not_started',
        });
        expect(viaApi.status).toBe(201);
        const actionId = (viaApi.body as { id: string }).id;
        expect((await ana.post(`${base()}/plans/${planId}/actions/${actionId}`, { status: 'completed', version: '1' })).status).toBe(303);
        const before = await snapshot();
        const stale = await ana.post(`${base()}/plans/${planId}/actions/${actionId}`, { status: 'not_completed', version: '1' });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('href="#status-' + actionId + '"');
        expect(await snapshot()).toEqual(before);
        const page = await ana.get(`${base()}/plans/${planId}`);
        expect(page.text).toContain('Wren goes to school every day');
        expect(page.text).toContain('GP appointment for mother');
        expect(page.text).toContain('govuk-tag--green">\n  Completed');
      });
    });

    describe('reviews', () => {
      it('refuses a review before the plan started, in the future or with nobody invited, naming each field, and writes nothing', async () => {
        await advance(70 * DAY); // Monday 11 May
        const before = await snapshot();
        await ana.get(`${base()}/plans/${planId}/reviews/new`);
        const early = await ana.post(`${base()}/plans/${planId}/reviews/new`, {
          ...dateInput('reviewDate', '2026-02-27'),
          ...attendanceFields(attendees),
          decisions: 'The plan continues',
          action: 'save',
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date of the review cannot be before the plan started (2 March 2026)');
        expect(early.text).toContain('href="#reviewDate-day"');
        const future = await api.post(`/api${base()}/plans/${planId}/reviews`, {
          reviewDate: '2026-05-12',
          attendance: attendees,
          decisions: 'x',
        });
        expect(future.status).toBe(400);
        expect((future.body as ApiErrors).errors).toEqual([
          { field: 'reviewDate', message: 'Date of the review must be today or in the past' },
        ]);
        const nobody = await api.post(`/api${base()}/plans/${planId}/reviews`, { reviewDate: '2026-05-11', attendance: [], decisions: '' });
        expect(nobody.status).toBe(400);
        expect((nobody.body as ApiErrors).errors.map((e) => e.field).sort()).toEqual(['attendance', 'decisions']);
        expect(await snapshot()).toEqual(before);
      });

      it('records the review: the review is met and the next falls due 3 months on', async () => {
        const res = await ana.post(`${base()}/plans/${planId}/reviews/new`, {
          ...dateInput('reviewDate', '2026-05-11'),
          ...attendanceFields(attendees),
          childViews: 'Wren said she likes her new class',
          decisions: 'The plan continues; attendance is now 92%',
          action: 'save',
        });
        expect(res.status).toBe(303);
        expect(await obligation('child-in-need-review')).toEqual([
          { due: '2026-06-02', done: '2026-05-11' },
          { due: '2026-08-11', done: null },
        ]);
        const page = await ana.get(`${base()}/plans/${planId}`);
        expect(page.text).toContain('Wren said she likes her new class');
        expect(page.text).toContain(
          'Ana Fictional, social worker (Children’s social care), Eli Teacher, designated safeguarding lead (Education)',
        );
        expect(await auditActions()).toContain('RECORD_CIN_REVIEW');
      });
    });

    describe('the end of the plan', () => {
      it('refuses an end before the last review, and a stale end, and writes nothing', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/plans/${planId}/end`);
        const early = await ana.post(`${base()}/plans/${planId}/end`, {
          ...dateInput('endDate', '2026-05-01'),
          endReason: 'needs_met',
          version: await planVersion(),
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date the plan ended cannot be before its last review (11 May 2026)');
        const stale = await api.post(`/api${base()}/plans/${planId}/end`, { endDate: '2026-05-11', endReason: 'needs_met', version: 1 });
        expect(stale.status).toBe(409);
        const unchosen = await api.post(`/api${base()}/plans/${planId}/end`, {
          endDate: '2026-05-11',
          endReason: 'case_closed',
          version: Number(await planVersion()),
        });
        expect(unchosen.status).toBe(400);
        expect((unchosen.body as ApiErrors).errors[0]!.field).toBe('endReason');
        expect(await snapshot()).toEqual(before);
      });

      it('ends the plan with its reason: nothing more is owed under it, and the record says so', async () => {
        const res = await ana.post(`${base()}/plans/${planId}/end`, {
          ...dateInput('endDate', '2026-05-11'),
          endReason: 'needs_met',
          version: await planVersion(),
        });
        expect(res.status).toBe(303);
        const owed = await rows<{ rule_id: string }>(
          database.db,
          sql`select rule_id from obligations where child_id = ${childId} and done is null and lapses_on is null and episode = ${planId}`,
        );
        expect(owed).toEqual([]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Not on a child in need plan: the last plan ended on 11 May 2026 (the child’s needs are met)');
        const page = await ana.get(`${base()}/plans/${planId}`);
        expect(page.text).not.toContain('Add the action');
        const later = await api.post(`/api${base()}/plans/${planId}/reviews`, {
          reviewDate: '2026-05-11',
          attendance: attendees,
          decisions: 'x',
        });
        expect(later.status).toBe(400);
        expect((later.body as ApiErrors).errors[0]!.field).toBe('reviewDate');
      });
    });

    describe('closing the case', () => {
      it('refuses a closure referred to early help without a step-down, or a step-down with nobody taking it on, and writes nothing', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/closure`);
        const res = await ana.post(`${base()}/closure`, {
          ...dateInput('closedDate', '2026-05-11'),
          reason: 'RC9',
          summary: 'Needs met',
          stepDownToEarlyHelp: 'no',
        });
        expect(res.status).toBe(400);
        expect(res.text).toContain('A case closed and referred to early help (RC9) steps down to early help: select yes');
        const noProvider = await api.post(`/api${base()}/closure`, {
          closedDate: '2026-05-11',
          reason: 'RC7',
          summary: 'Needs met',
          stepDownToEarlyHelp: true,
        });
        expect(noProvider.status).toBe(400);
        expect((noProvider.body as ApiErrors).errors).toEqual([
          { field: 'earlyHelpProvider', message: 'Enter who takes the work on in early help' },
        ]);
        const early = await api.post(`/api${base()}/closure`, {
          closedDate: '2026-02-10',
          reason: 'RC7',
          summary: 'Needs met',
          stepDownToEarlyHelp: false,
        });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'closedDate', message: 'Date the case closed cannot be before the open referral (16 February 2026)' },
        ]);
        // the referral led to a child in need plan: "closed after assessment" would contradict it (census rule 2990)
        const afterAssessment = await api.post(`/api${base()}/closure`, {
          closedDate: '2026-05-11',
          reason: 'RC8',
          summary: 'Needs met',
          stepDownToEarlyHelp: false,
        });
        expect(afterAssessment.status).toBe(400);
        const [refusal] = (afterAssessment.body as ApiErrors).errors;
        expect(refusal!.field).toBe('reason');
        expect(refusal!.message).toMatch(
          /^RC8 is for a case closed after its assessment with nothing more done, but this referral had a child in need plan \(from \d+ \w+ 2026\)/,
        );
        expect(await snapshot()).toEqual(before);
      });

      it('closes the case with its reason, closing the referral, and steps down to early help', async () => {
        const res = await ana.post(`${base()}/closure`, {
          ...dateInput('closedDate', '2026-05-11'),
          reason: 'RC7',
          summary: 'Wren’s attendance is good and her mother has support; the family agree to early help',
          stepDownToEarlyHelp: 'yes',
          earlyHelpProvider: 'North family hub',
        });
        expect(res.status).toBe(303);
        const [referral] = await rows<{ closed_date: string; closure_reason: string }>(
          database.db,
          sql`select closed_date::text, closure_reason from referrals where id = ${referralId}`,
        );
        expect(referral).toEqual({ closed_date: '2026-05-11', closure_reason: 'RC7' });
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('stepped down to early help (North family hub)');
        const again = await api.post(`/api${base()}/closure`, {
          closedDate: '2026-05-11',
          reason: 'RC7',
          summary: 'Again',
          stepDownToEarlyHelp: false,
        });
        expect(again.status).toBe(400);
        expect((again.body as ApiErrors).errors).toEqual([
          { field: 'closedDate', message: 'The case is not open: the child has no open referral to close' },
        ]);
        const read = await api.get(`/api${base()}`);
        expect((read.body as { closures: { reason: string }[] }).closures.map((c) => c.reason)).toEqual(['RC7']);
        expect(await auditActions()).toEqual(expect.arrayContaining(['END_CIN_PLAN', 'CLOSE_CASE']));
      });
    });

    describe('transition planning for a disabled child', () => {
      let disabledId: string;
      const tp = () => `/children/${disabledId}/children-in-need/transition-planning`;

      it('refuses transition planning for a child with no disability recorded, naming the field', async () => {
        const res = await api.post(`/api${base()}/transition-planning`, {
          startedDate: '2026-05-01',
          lead: 'Transitions team',
          adultServicesInvolved: true,
          summary: 'x',
        });
        expect(res.status).toBe(400);
        expect((res.body as ApiErrors).errors[0]).toEqual({
          field: 'startedDate',
          message: 'The child has no disability recorded: record it on the child’s details before transition planning',
        });
      });

      it('meets the transition obligation the clock set for the 16th birthday, and refuses a stale change', async () => {
        disabledId = await createChild(
          database.db,
          {
            firstName: 'Ash',
            lastName: 'Notreal',
            sex: 'M',
            ethnicity: 'WBRI',
            dateOfBirth: '2010-07-01',
            disabilities: ['LD'],
          } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        // known only by name, no case open: nothing owed until a referral opens one
        expect(await obligation('transition-planning', disabledId)).toEqual([]);
        await database.db.insert(referrals).values({ childId: disabledId, referralDate: '2026-02-16', source: '3A' });
        await recomputeObligations(database.db, [disabledId]);
        expect(await obligation('transition-planning', disabledId)).toEqual([{ due: '2026-07-01', done: null }]);
        const form = await ana.get(tp());
        expect(form.status).toBe(200);
        const future = await ana.post(tp(), {
          ...dateInput('startedDate', '2026-05-12'),
          lead: 'Transitions team',
          adultServicesInvolved: 'yes',
          summary: 'Education, health and care',
        });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date transition planning started must be today or in the past');
        const res = await ana.post(tp(), {
          ...dateInput('startedDate', '2026-05-04'),
          lead: 'Transitions team',
          adultServicesInvolved: 'yes',
          summary: 'Education, health and care; where Ash will live',
        });
        expect(res.status).toBe(303);
        expect(await obligation('transition-planning', disabledId)).toEqual([{ due: '2026-07-01', done: '2026-05-04' }]);
        const changed = await ana.post(`${tp()}/change`, {
          ...dateInput('startedDate', '2026-05-04'),
          lead: 'Adult social care transitions',
          adultServicesInvolved: 'yes',
          summary: 'Also short breaks',
          version: '1',
        });
        expect(changed.status).toBe(303);
        const before = await snapshot();
        const stale = await api.post(`/api${tp()}/change`, {
          startedDate: '2026-05-04',
          lead: 'Someone',
          adultServicesInvolved: false,
          summary: 'Stale',
          version: 1,
        });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
        const record = await ana.get(`/children/${disabledId}`);
        expect(record.text).toContain('Started 4 May 2026, led by Adult social care transitions');
      });
    });

    describe('who may see and change it', () => {
      it('refuses a practitioner in another team, on the pages and in the API', async () => {
        const cleo = new Agent(service.url);
        await cleo.signIn('cleo', PASSWORD);
        expect((await cleo.get(base())).status).toBe(403);
        expect((await cleo.get(`${base()}/plans/${planId}`)).status).toBe(403);
        const cleoApi = new ApiClient(service.url);
        await cleoApi.signIn('cleo', PASSWORD);
        expect((await cleoApi.post(`/api${base()}/plans`, { referralId, startDate: '2026-05-11' })).status).toBe(403);
      });
    });
  });
}
