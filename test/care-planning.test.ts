import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uasc903Rows } from '../src/care-planning/queries.js';
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
const fieldsOf = (body: unknown) => (body as ApiErrors).errors.map((e) => e.field).sort();
const messageFor = (body: unknown, field: string) => (body as ApiErrors).errors.find((e) => e.field === field)?.message;

const placement = {
  placementType: 'U6',
  provider: 'PR1',
  providerName: 'Pat and Sam Carer',
  urn: '',
  placementPostcode: 'M60 2LA',
  homePostcode: 'M13 9PL',
  intendedToAge18: 'no',
  visitRegime: 'standard',
};

const sections = {
  health: 'Registered with the local surgery; asthma plan reviewed with the carers.',
  education: 'Stays at the same primary school; the PEP meeting is this term.',
  contact: 'Sees mum weekly at the family centre, supervised, and his gran every other Saturday.',
  wellbeing: 'Life story work with the social worker; keeps going to his football club.',
  permanence: 'long_term_fostering',
  permanenceDetail: 'A long-term match with the current carers, agreed at the second review.',
  contingency: 'If the match is not agreed, family finding for another long-term foster home.',
  involvement: 'Ellis told his social worker what he wanted; the carers and his mum read the plan with her.',
};

const arrangements = {
  needsMet: 'The carers live near the school and have looked after children with asthma.',
  contact: 'The carers take him to the family centre on Wednesdays.',
  health: 'The carers hold the inhalers and the asthma plan.',
  education: 'The carers take him to school; the school knows to call them.',
  delegatedAuthority: 'The carers may sign school trip forms and agree haircuts and sleepovers.',
};

for (const kind of await testDatabases()) {
  describe(`care and placement plans, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let ellis: string;
    let kit: string;
    let noor: string;
    let periodId: string;
    let kitPeriodId: string;
    let placementId: string;
    let kitPlacementId: string;
    let ana: Agent;
    let api: ApiClient;

    const base = (child = ellis) => `/children/${child}/care-planning`;

    /** Every care planning row and version, and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number | string | null>>(
        database.db,
        sql`select (select count(*)::int from care_plans) as plans,
                   (select coalesce(sum(version), 0)::int from care_plans) as plan_versions,
                   (select count(*)::int from care_plan_versions) as versions,
                   (select count(*)::int from placement_plans) as placement_plans,
                   (select string_agg(completed_date::text || version, ',' order by id) from placement_plans) as placement_values,
                   (select count(*)::int from uasc_statuses) as uasc,
                   (select string_agg(uasc::text || coalesce(ceased_date::text, '-') || version, ',' order by id) from uasc_statuses) as uasc_values,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    /** What is owed or was done under a rule. */
    async function obligation(ruleId: string, child = ellis) {
      return rows<{ due: string; done: string | null; episode: string }>(
        database.db,
        sql`select due, done, episode from obligations
             where child_id = ${child} and rule_id = ${ruleId} and (done is not null or lapses_on is null) order by due`,
      );
    }

    async function planVersion(period = periodId) {
      const [p] = await rows<{ version: number }>(database.db, sql`select version from care_plans where care_period_id = ${period}`);
      return p?.version;
    }

    async function auditActions(child = ellis) {
      return (await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${child} order by id`)).map(
        (r) => r.action,
      );
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
      const child = (firstName: string, sex: string, dateOfBirth: string) =>
        createChild(
          database.db,
          { firstName, lastName: 'Madeup', sex, ethnicity: 'WBRI', dateOfBirth, disabilities: [] } as NewChild,
          '2026-02-02',
          actor,
        );
      ellis = await child('Ellis', 'M', '2014-05-10');
      kit = await child('Kit', 'F', '2007-04-01');
      noor = await child('Noor', 'F', '2010-08-15');
      // Monday 2 March 2026, 10:00 in England
      clock = new TestClock('2026-03-02T10:00:00Z');
      service = await startService(database, clock);
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      for (const c of [ellis, kit]) {
        const res = await api.post(`/api/children/${c}/looked-after/periods`, {
          startDate: '2026-03-02',
          legalStatus: 'C1',
          categoryOfNeed: 'N1',
          ...placement,
        });
        expect(res.status).toBe(201);
      }
      const ids = async (c: string) =>
        (
          await rows<{ period: string; placement: string }>(
            database.db,
            sql`select care_period_id as period, id as placement from placements where child_id = ${c}`,
          )
        )[0]!;
      ({ period: periodId, placement: placementId } = await ids(ellis));
      ({ period: kitPeriodId, placement: kitPlacementId } = await ids(kit));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    describe('the care plan', () => {
      it('is owed 10 working days after the child became looked after, and the record says none is recorded', async () => {
        expect(await obligation('care-plan')).toEqual([{ due: '2026-03-16', done: null, episode: periodId }]);
        expect(await obligation('placement-plan')).toEqual([{ due: '2026-03-09', done: null, episode: placementId }]);
        const record = await ana.get(`/children/${ellis}`);
        const section = record.text.split('id="care-planning-heading"')[1]!.split('</section>')[0]!;
        expect(section).toContain('Care plan');
        expect(section).toContain('Not recorded');
        expect(section).toMatch(/Next: Placement plan<\/strong>, due 9 March 2026/);
        expect(section).toContain(`href="${base()}"`);
        // a child never looked after and with no UASC status has no section
        expect((await ana.get(`/children/${noor}`)).text).not.toContain('id="care-planning-heading"');
      });

      it('refuses to complete a plan without every section and a contingency, naming each missing field, and writes nothing', async () => {
        const before = await snapshot();
        const res = await api.post(`/api${base()}/care-plans`, {
          carePeriodId: periodId,
          health: sections.health,
          education: '   ',
          completedDate: '2026-03-02',
        });
        expect(res.status).toBe(400);
        expect(fieldsOf(res.body)).toEqual(['contact', 'contingency', 'education', 'permanence', 'permanenceDetail', 'wellbeing']);
        expect(messageFor(res.body, 'contingency')).toBe('Enter contingency plan: a care plan cannot be completed without it');
        expect(messageFor(res.body, 'permanence')).toBe('Select the plan for permanence: a care plan cannot be completed without it');
        // the page names them too, each linked to its field
        const form = await ana.get(`${base()}/care-plans?period=${periodId}`);
        expect(form.status).toBe(200);
        const page = await ana.post(`${base()}/care-plans`, {
          carePeriodId: periodId,
          ...sections,
          contingency: '',
          ...dateInput('completedDate', '2026-03-02'),
        });
        expect(page.status).toBe(400);
        expect(page.text).toContain('Enter contingency plan: a care plan cannot be completed without it');
        expect(page.text).toContain('href="#contingency"');
        // what was typed is kept
        expect(page.text).toContain('Life story work with the social worker');
        expect(await snapshot()).toEqual(before);
      });

      it('refuses a plan for a period of care that is not the child’s, a future date and an unknown plan for permanence', async () => {
        const before = await snapshot();
        const other = await api.post(`/api${base()}/care-plans`, { carePeriodId: kitPeriodId, ...sections, completedDate: '2026-03-02' });
        expect(other.status).toBe(400);
        expect((other.body as ApiErrors).errors).toEqual([
          { field: 'carePeriodId', message: 'The period of care is not one of this child’s' },
        ]);
        const garbage = await api.post(`/api${base()}/care-plans`, { carePeriodId: 'not-an-id', ...sections });
        expect(garbage.status).toBe(400);
        expect(fieldsOf(garbage.body)).toEqual(['carePeriodId']);
        const future = await api.post(`/api${base()}/care-plans`, {
          carePeriodId: periodId,
          ...sections,
          permanence: 'orphanage',
          completedDate: '2026-03-03',
        });
        expect(future.status).toBe(400);
        expect(fieldsOf(future.body)).toEqual(['completedDate', 'permanence']);
        expect(messageFor(future.body, 'completedDate')).toBe('Date the care plan was completed must be today or in the past');
        const empty = await api.post(`/api${base()}/care-plans`, { carePeriodId: periodId });
        expect(empty.status).toBe(400);
        expect((empty.body as ApiErrors).errors).toEqual([
          { field: 'health', message: 'Enter at least one section of the care plan to save a draft' },
        ]);
        // a form for another child's period is not this child's page
        expect((await ana.get(`${base()}/care-plans?period=${kitPeriodId}`)).status).toBe(404);
        expect(await snapshot()).toEqual(before);
      });

      it('saves a draft from the page, which does not meet the clock', async () => {
        await ana.get(`${base()}/care-plans?period=${periodId}`);
        const res = await ana.post(`${base()}/care-plans`, {
          carePeriodId: periodId,
          health: sections.health,
          contact: sections.contact,
          version: '',
        });
        expect(res.status).toBe(303);
        expect(res.location).toBe(`${base()}/periods/${periodId}`);
        expect(await obligation('care-plan')).toEqual([{ due: '2026-03-16', done: null, episode: periodId }]);
        const page = await ana.get(res.location!);
        expect(page.text).toContain('Version 1, a draft not yet completed');
        expect(page.text).toContain('Not set out in this version');
        expect(page.text).toContain('Not recorded in this version');
        expect(await auditActions()).toContain('SAVE_CARE_PLAN');
        expect(await planVersion()).toBe(1);
      });

      it('refuses a save against a plan someone else has changed, or from a page that showed none', async () => {
        const before = await snapshot();
        const none = await api.post(`/api${base()}/care-plans`, { carePeriodId: periodId, ...sections });
        expect(none.status).toBe(409);
        expect(fieldsOf(none.body)).toEqual(['version']);
        const stale = await api.post(`/api${base()}/care-plans`, { carePeriodId: periodId, ...sections, version: 2 });
        expect(stale.status).toBe(409);
        expect(messageFor(stale.body, 'version')).toBe(
          'This care plan was changed by someone else after you opened it. Nothing has been saved: check it and save again.',
        );
        expect(await snapshot()).toEqual(before);
      });

      it('completes the plan on a day before the period began, which meets the care plan deadline', async () => {
        await ana.get(`${base()}/care-plans?period=${periodId}`);
        const res = await ana.post(`${base()}/care-plans`, {
          carePeriodId: periodId,
          ...sections,
          ...dateInput('completedDate', '2026-02-27'),
          version: String(await planVersion()),
        });
        expect(res.status).toBe(303);
        expect(await obligation('care-plan')).toEqual([{ due: '2026-03-16', done: '2026-02-27', episode: periodId }]);
        const record = await ana.get(`/children/${ellis}`);
        expect(record.text).toContain('Version 2, completed on 27 February 2026: plan for permanence, long-term fostering');
      });

      it('keeps every version: a later one is the plan now, and an earlier completed date than the last is refused', async () => {
        const before = await snapshot();
        const earlier = await api.post(`/api${base()}/care-plans`, {
          carePeriodId: periodId,
          ...sections,
          completedDate: '2026-02-20',
          version: await planVersion(),
        });
        expect(earlier.status).toBe(400);
        expect((earlier.body as ApiErrors).errors).toEqual([
          {
            field: 'completedDate',
            message: 'Date the care plan was completed cannot be before the last completed version (27 February 2026)',
          },
        ]);
        expect(await snapshot()).toEqual(before);
        const update = await api.post(`/api${base()}/care-plans`, {
          carePeriodId: periodId,
          ...sections,
          permanence: 'special_guardianship',
          permanenceDetail: 'A special guardianship order to his gran, assessed by the summer.',
          completedDate: '2026-03-02',
          version: await planVersion(),
        });
        expect(update.status).toBe(201);
        expect((update.body as { periodId: string }).periodId).toBe(periodId);
        const read = await api.get(`/api${base()}/periods/${periodId}`);
        expect(read.status).toBe(200);
        const versions = (read.body as { versions: { number: number; permanence: string | null; completedDate: string | null }[] })
          .versions;
        expect(versions.map((v) => [v.number, v.permanence, v.completedDate])).toEqual([
          [3, 'special_guardianship', '2026-03-02'],
          [2, 'long_term_fostering', '2026-02-27'],
          [1, null, null],
        ]);
        // the first completed version still meets the deadline
        expect(await obligation('care-plan')).toEqual([{ due: '2026-03-16', done: '2026-02-27', episode: periodId }]);
        const page = await ana.get(`${base()}/periods/${periodId}`);
        expect(page.text).toContain('Version 3, completed on 2 March 2026');
        expect(page.text).toContain('A special guardianship order to his gran');
        expect(page.text).toContain('Ellis told his social worker what he wanted');
        const [first] = await rows<{ id: string }>(
          database.db,
          sql`select id from care_plan_versions where number = 1 and child_id = ${ellis}`,
        );
        const old = await ana.get(`${base()}/periods/${periodId}/versions/${first!.id}`);
        expect(old.status).toBe(200);
        expect(old.text).toContain('A later version (version 3) is the plan now; this one is kept as history.');
        expect((await ana.get(`/children/${kit}/care-planning/periods/${kitPeriodId}/versions/${first!.id}`)).status).toBe(404);
      });

      it('refuses a draft, or a plan completed after the end, once the period of care has ended', async () => {
        const [p] = await rows<{ version: number }>(database.db, sql`select version from care_periods where id = ${kitPeriodId}`);
        const end = await api.post(`/api/children/${kit}/looked-after/periods/${kitPeriodId}/end`, {
          endDate: '2026-03-02',
          reasonCeased: 'E4A',
          version: p!.version,
        });
        expect(end.status).toBe(200);
        const before = await snapshot();
        const draft = await api.post(`/api/children/${kit}/care-planning/care-plans`, { carePeriodId: kitPeriodId, health: 'Well' });
        expect(draft.status).toBe(400);
        expect((draft.body as ApiErrors).errors).toEqual([
          { field: 'completedDate', message: 'The period of care ended on 2 March 2026: only a plan completed by then can be recorded' },
        ]);
        const placementAfter = await api.post(`/api/children/${kit}/care-planning/placement-plans`, {
          placementId: kitPlacementId,
          ...arrangements,
          completedDate: '2026-03-02',
        });
        // a plan on the day the placement ended still belongs to it
        expect(placementAfter.status).toBe(200);
        const after = await snapshot();
        expect(after.placement_plans).toBe(Number(before.placement_plans) + 1);
      });
    });

    describe('the placement plan', () => {
      it('refuses a missing arrangement, a placement not the child’s and a future date, naming each, and writes nothing', async () => {
        const before = await snapshot();
        const missing = await api.post(`/api${base()}/placement-plans`, {
          placementId,
          ...arrangements,
          delegatedAuthority: '',
          completedDate: '2026-03-02',
        });
        expect(missing.status).toBe(400);
        expect((missing.body as ApiErrors).errors).toEqual([
          { field: 'delegatedAuthority', message: 'Enter delegated authority to the carers' },
        ]);
        const other = await api.post(`/api${base()}/placement-plans`, {
          placementId: kitPlacementId,
          ...arrangements,
          completedDate: '2026-03-02',
        });
        expect(other.status).toBe(400);
        expect((other.body as ApiErrors).errors).toEqual([{ field: 'placementId', message: 'The placement is not one of this child’s' }]);
        const future = await api.post(`/api${base()}/placement-plans`, { placementId, ...arrangements, completedDate: '2026-03-03' });
        expect(future.status).toBe(400);
        expect((future.body as ApiErrors).errors).toEqual([
          { field: 'completedDate', message: 'Date the placement plan was completed must be today or in the past' },
        ]);
        await ana.get(`${base()}/placement-plans?placement=${placementId}`);
        const page = await ana.post(`${base()}/placement-plans`, { placementId, ...arrangements, needsMet: '' });
        expect(page.status).toBe(400);
        expect(page.text).toContain('Enter date the placement plan was completed');
        expect(page.text).toContain('href="#needsMet"');
        expect(await snapshot()).toEqual(before);
      });

      it('records the plan from the page, which meets the placement plan deadline', async () => {
        const form = await ana.get(`${base()}/placement-plans?placement=${placementId}`);
        expect(form.text).toContain('Record the placement plan');
        const res = await ana.post(`${base()}/placement-plans`, {
          placementId,
          ...arrangements,
          ...dateInput('completedDate', '2026-03-02'),
        });
        expect(res.status).toBe(303);
        expect(res.location).toBe(`${base()}/periods/${periodId}`);
        expect(await obligation('placement-plan')).toEqual([{ due: '2026-03-09', done: '2026-03-02', episode: placementId }]);
        expect((await ana.get(res.location!)).text).toContain('Completed on 2 March 2026');
        expect(await auditActions()).toContain('SAVE_PLACEMENT_PLAN');
      });

      it('brings the plan up to date against its version, and refuses a stale save', async () => {
        const update = await api.post(`/api${base()}/placement-plans`, {
          placementId,
          ...arrangements,
          contact: 'The carers take him to the family centre on Thursdays now.',
          completedDate: '2026-03-02',
          version: 1,
        });
        expect(update.status).toBe(200);
        const before = await snapshot();
        const stale = await api.post(`/api${base()}/placement-plans`, {
          placementId,
          ...arrangements,
          completedDate: '2026-03-02',
          version: 1,
        });
        expect(stale.status).toBe(409);
        expect(messageFor(stale.body, 'version')).toMatch(/^This placement plan was changed by someone else/);
        expect(await snapshot()).toEqual(before);
        const [plan] = await rows<{ contact: string; version: number }>(
          database.db,
          sql`select contact, version from placement_plans where placement_id = ${placementId}`,
        );
        expect(plan).toEqual({ contact: 'The carers take him to the family centre on Thursdays now.', version: 2 });
      });
    });

    describe('unaccompanied asylum-seeking child', () => {
      it('refuses a date ceased for a child who never was one, after the 18th birthday or in the future, and writes nothing', async () => {
        const before = await snapshot();
        const never = await api.post(`/api${base()}/uasc`, { uasc: false, ceasedDate: '2026-01-01' });
        expect(never.status).toBe(400);
        expect(fieldsOf(never.body)).toEqual(['ceasedDate']);
        const late = await api.post(`/api/children/${kit}/care-planning/uasc`, { uasc: true, ceasedDate: '2025-06-01' });
        expect(late.status).toBe(400);
        expect((late.body as ApiErrors).errors).toEqual([
          {
            field: 'ceasedDate',
            message: 'Date the child ceased to be an unaccompanied asylum-seeking child cannot be after their 18th birthday (1 April 2025)',
          },
        ]);
        const future = await api.post(`/api${base()}/uasc`, { uasc: true, ceasedDate: '2026-04-01' });
        expect(future.status).toBe(400);
        expect(fieldsOf(future.body)).toEqual(['ceasedDate']);
        expect(await snapshot()).toEqual(before);
      });

      it('records the status from the page and the API, shows it on the record and the chronology, and refuses a stale save', async () => {
        await ana.get(`${base()}/uasc`);
        const res = await ana.post(`${base()}/uasc`, { uasc: 'yes', version: '' });
        expect(res.status).toBe(303);
        expect((await ana.get(`/children/${ellis}`)).text).toMatch(
          /Unaccompanied asylum-seeking child\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Yes\s*</,
        );
        const kitStatus = await api.post(`/api/children/${kit}/care-planning/uasc`, { uasc: true, ceasedDate: '2025-04-01' });
        expect(kitStatus.status).toBe(200);
        const noorStatus = await api.post(`/api/children/${noor}/care-planning/uasc`, { uasc: true });
        expect(noorStatus.status).toBe(200);
        // a child never looked after has no plans, but the status shows on the record and the overview
        const noorOverview = await ana.get(base(noor));
        expect(noorOverview.status).toBe(200);
        expect(noorOverview.text).toContain('No period of care is recorded');
        expect(noorOverview.text).toContain('Change the unaccompanied asylum-seeking child status');
        expect((await ana.get(`/children/${noor}`)).text).toContain('id="care-planning-heading"');
        const before = await snapshot();
        const stale = await api.post(`/api/children/${kit}/care-planning/uasc`, { uasc: true });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
        expect((await ana.get(`/children/${kit}/chronology`)).text).toContain('Ceased to be an unaccompanied asylum-seeking child');
        expect(await auditActions(kit)).toContain('RECORD_UASC_STATUS');
      });

      it('gives the SSDA903 UASC table: children looked after in the year who were UASC during it', async () => {
        expect(await uasc903Rows(database.db, { start: '2025-04-01', end: '2026-03-31' })).toEqual(
          [
            { childId: ellis, dateOfBirth: '2014-05-10', sex: '1', ceasedDate: null },
            { childId: kit, dateOfBirth: '2007-04-01', sex: '2', ceasedDate: '2025-04-01' },
          ].sort((a, b) => (a.childId < b.childId ? -1 : 1)),
        );
        // Kit ceased before the next year began and her period of care ended: only Ellis; Noor was never looked after
        expect(await uasc903Rows(database.db, { start: '2026-04-01', end: '2027-03-31' })).toEqual([
          { childId: ellis, dateOfBirth: '2014-05-10', sex: '1', ceasedDate: null },
        ]);
      });
    });

    describe('the record, the chronology and the API', () => {
      it('shows the plans on the chronology and the overview, and gives them through the API with what is due', async () => {
        const chronology = await ana.get(`/children/${ellis}/chronology`);
        expect(chronology.text).toContain('Care plan completed: plan for permanence, long-term fostering');
        expect(chronology.text).toContain('Care plan completed: plan for permanence, special guardianship');
        expect(chronology.text).toContain('Placement plan completed (U6)');
        expect(chronology.text).not.toContain('Version 1');
        const overview = await ana.get(base());
        expect(overview.status).toBe(200);
        expect(overview.text).toContain('Period of care since 2 March 2026');
        // the period of care's own page leads to its plans
        expect((await ana.get(`/children/${ellis}/looked-after/periods/${periodId}`)).text).toContain(
          `href="${base()}/periods/${periodId}"`,
        );
        expect(overview.text).toContain('Version 3, completed on 2 March 2026: plan for permanence, special guardianship');
        const read = await api.get(`/api${base()}`);
        expect(read.status).toBe(200);
        const body = read.body as {
          uasc: { uasc: boolean; ceasedDate: string | null };
          periods: { carePlan: { versions: number; current: { number: number } }; placements: { plan: { version: number } | null }[] }[];
          obligations: { ruleId: string; status: string }[];
        };
        expect(body.uasc).toMatchObject({ uasc: true, ceasedDate: null });
        expect(body.periods[0]!.carePlan).toMatchObject({ versions: 3, current: { number: 3 } });
        expect(body.periods[0]!.placements[0]!.plan).toMatchObject({ version: 2 });
        expect(body.obligations.map((o) => [o.ruleId, o.status]).sort()).toEqual([
          ['care-plan', 'met_on_time'],
          ['placement-plan', 'met_on_time'],
        ]);
        expect((await api.get(`/api${base()}/periods/${kitPeriodId}`)).status).toBe(404);
        // the API description is made from the same schemas, the plan's sections and its version among them
        const described = (await api.get('/api/openapi.json')).body as {
          paths: Record<
            string,
            { post?: { requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } } }
          >;
        };
        const post = described.paths['/api/children/{childId}/care-planning/care-plans']?.post;
        expect(Object.keys(post!.requestBody!.content['application/json']!.schema.properties)).toEqual(
          expect.arrayContaining(['carePeriodId', 'health', 'contingency', 'completedDate', 'version']),
        );
        expect(Object.keys(described.paths)).toEqual(
          expect.arrayContaining([
            '/api/children/{childId}/care-planning',
            '/api/children/{childId}/care-planning/periods/{periodId}',
            '/api/children/{childId}/care-planning/placement-plans',
            '/api/children/{childId}/care-planning/uasc',
          ]),
        );
      });
    });
  });
}
