import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database, type Db } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { type BecomeLookedAfter, becomeLookedAfter, ceaseLookedAfter } from '../src/looked-after/use-cases.js';
import { returnFromRecord } from '../src/ssda903-return/ssda903.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

/** A period of care begun in foster care, as the looked after area records it; the carers' names are made up. */
const fostered = (startDate: string) =>
  ({
    startDate,
    legalStatus: 'C2',
    categoryOfNeed: 'N1',
    placementType: 'U4',
    provider: 'PR1',
    providerName: 'Pat and Sam Carer',
    intendedToAge18: false,
    visitRegime: 'standard',
  }) as BecomeLookedAfter;

type ApiErrors = { errors: { field: string; message: string }[] };

/** A household as the API takes it; every name is made up. */
const household = {
  name: 'Ash and Rowan Invented',
  enquiryOn: '2025-01-06',
  numberOfAdopters: '2',
  sexes: 'MF',
  legalStatus: 'L11',
  ethnicGroup: 'black',
  maxChildren: 2,
  ageFrom: 0,
  ageTo: 4,
};

for (const kind of await testDatabases()) {
  describe(`adoption, on ${kind.name}`, () => {
    let database: Database;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    let service: RunningService;
    let childId: string;
    let otherId: string;
    let journeyId: string;
    let otherJourneyId: string;
    let adopterId: string;
    let ana: Agent;
    let api: ApiClient;
    let mina: Agent;
    let minaApi: ApiClient;

    const base = () => `/children/${childId}/adoption`;
    const journey = () => `${base()}/${journeyId}`;
    const apiJourney = () => `/api${base()}/journeys/${journeyId}`;

    /** Every adoption row and version and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from adoption_journeys) as journeys,
                   (select coalesce(sum(version), 0)::int from adoption_journeys) as versions,
                   (select count(*)::int from adopter_households) as households,
                   (select coalesce(sum(version), 0)::int from adopter_households) as householdVersions,
                   (select count(*)::int from adoption_reviews) as reviews,
                   (select count(*)::int from adoptive_placement_endings) as endings,
                   (select count(*)::int from adoption_panel_reports) as reports,
                   (select count(*)::int + coalesce(sum(version), 0)::int from adoption_panel_amendments) as amendments,
                   (select count(*)::int from obligations where rule_id like 'adoption%') as obligations,
                   (select count(*)::int from obligations) as "allObligations",
                   (select coalesce(sum(version), 0)::int from care_periods) as "periodVersions",
                   (select count(*)::int from care_periods where end_date is not null) as "periodsEnded",
                   (select count(*)::int from placements where end_date is not null) as "placementsEnded",
                   (select count(*)::int from audit_events where action like 'RECORD%' or action like 'CHANGE%' or action like 'END%' or action like 'MARK%') as changes`,
      );
      return counts!;
    }

    async function obligations(child = childId) {
      return rows<{ rule: string; due: string; done: string | null }>(
        database.db,
        sql`select rule_id as rule, due, done from obligations where child_id = ${child} and rule_id like 'adoption%' order by due, rule_id`,
      );
    }

    async function version(id = journeyId, table = 'adoption_journeys') {
      const [r] = await rows<{ version: number }>(database.db, sql`select version from ${sql.raw(table)} where id = ${id}`);
      return r!.version;
    }

    async function scorecard() {
      return (await minaApi.get('/api/adoption')).body as {
        a1: { days: number | null; of: number };
        a2: { days: number | null; of: number };
        a10: { days: number | null; of: number };
        approvedAdoptersWaiting: number;
        counts: Record<string, number>;
        lists: Record<string, Record<string, unknown>[]>;
      };
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      const child = (firstName: string, lastName: string, ethnicity: string, dateOfBirth: string) =>
        createChild(database.db, { firstName, lastName, sex: 'F', ethnicity, dateOfBirth, disabilities: [] } as NewChild, '2024-05-01', {
          userId: authority.users.practitioner,
          teamId: authority.teams.north,
        });
      childId = await child('Juno', 'Fakename', 'BAFR', '2023-11-14');
      otherId = await child('Tali', 'Notreal', 'WBRI', '2022-09-30');
      // the periods of care the looked after area records: A1 counts from the day Juno entered care
      const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-03-01T12:00:00Z') };
      await database.db.transaction((tx: Db) => becomeLookedAfter(tx, childId, fostered('2024-05-01'), by));
      await database.db.execute(sql`insert into care_periods (child_id, start_date) values (${otherId}, '2024-06-03')`);
      // Monday 2 March 2026, 10:00 in England
      service = await startService(database, new TestClock('2026-03-02T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      minaApi = new ApiClient(service.url);
      await minaApi.signIn('mina', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    describe('the decision', () => {
      it('offers adoption from the record, with no section for a child never with an adoption plan', async () => {
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain(`href="${base()}"`);
        expect(record.text).not.toContain('id="adoption-heading"');
        const overview = await ana.get(base());
        expect(overview.status).toBe(200);
        expect(overview.text).toContain('No adoption plan recorded');
      });

      it('refuses a decision in the future and a number of siblings that is not one, naming each field, and writes nothing', async () => {
        const before = await snapshot();
        const future = await ana.post(`${base()}/new`, { ...dateInput('decidedOn', '2026-03-03'), siblingsToPlaceWith: '0' });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date of the agency decision maker’s decision must be today or in the past');
        expect(future.text).toContain('href="#decidedOn-day"');
        const bad = await api.post(`/api${base()}/journeys`, { decidedOn: '2025-01-10', siblingsToPlaceWith: 'two', earlyPermanence: 'x' });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors.map((e) => e.field).sort()).toEqual(['earlyPermanence', 'siblingsToPlaceWith']);
        expect(await snapshot()).toEqual(before);
      });

      it('records the decision; a second plan while one is open is refused', async () => {
        const res = await ana.post(`${base()}/new`, { ...dateInput('decidedOn', '2025-01-10'), siblingsToPlaceWith: '0' });
        expect(res.status).toBe(303);
        journeyId = /adoption\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        // no authority to place yet: no review is owed
        expect(await obligations()).toEqual([]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Should be placed for adoption (decided 10 January 2025); no authority to place yet');
        const before = await snapshot();
        const again = await api.post(`/api${base()}/journeys`, { decidedOn: '2025-02-01', siblingsToPlaceWith: 0 });
        expect(again.status).toBe(400);
        expect((again.body as ApiErrors).errors[0]!.message).toContain(
          'The child already has an adoption plan, decided on 10 January 2025',
        );
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('adopters', () => {
      it('refuses a household whose codes disagree, and stages out of order, and writes nothing', async () => {
        const before = await snapshot();
        const bad = await minaApi.post('/api/adoption/adopters', { ...household, numberOfAdopters: '1', ageTo: -1 });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors).toEqual(
          expect.arrayContaining([
            { field: 'sexes', message: 'One adopter is a man (M1) or a woman (F1)' },
            { field: 'ageTo', message: 'Oldest age, in years must be 0 or more' },
          ]),
        );
        // a practitioner does not record adopters
        expect((await api.post('/api/adoption/adopters', household)).status).toBe(403);
        expect(await snapshot()).toEqual(before);
        const made = await minaApi.post('/api/adoption/adopters', household);
        expect(made.status).toBe(201);
        adopterId = (made.body as { id: string }).id;
        const after = await snapshot();
        expect((await mina.get(`/adoption/adopters/${adopterId}/stages`)).status).toBe(200);
        const backwards = await mina.post(`/adoption/adopters/${adopterId}/stages`, {
          ...dateInput('registrationAcceptedOn', '2025-02-03'),
          ...dateInput('stageOneCompletedOn', '2025-01-20'),
          ...dateInput('approvedOn', '2025-06-02'),
          version: '1',
        });
        expect(backwards.status).toBe(400);
        expect(backwards.text).toContain('Date stage one was completed cannot be before date the registration of interest was accepted');
        expect(backwards.text).toContain('Date of the decision to approve needs date the household asked to start stage two');
        expect(await snapshot()).toEqual(after);
      });

      it('lists a stage not yet completed on the scorecard page, linked to the household, and drops it once met', async () => {
        const started = await mina.post(`/adoption/adopters/${adopterId}/stages`, {
          ...dateInput('registrationAcceptedOn', '2025-02-03'),
          version: '1',
        });
        expect(started.status).toBe(303);
        const page = await mina.get('/adoption');
        // stage one due 3 April 2025, two months on, and not completed
        expect(page.text).toMatch(
          new RegExp(
            `Adopters: approval stages due and overdue[\\s\\S]*?href="/adoption/adopters/${adopterId}">Ash and Rowan Invented</a>[\\s\\S]*?Stage one: within 2 months[\\s\\S]*?3 April 2025[\\s\\S]*?Overdue`,
          ),
        );
        expect(page.text).toContain('My work and My team do not show them');
      });

      it('records the stages, with stage one and stage two counted by the clock on the household’s page', async () => {
        const res = await mina.post(`/adoption/adopters/${adopterId}/stages`, {
          ...dateInput('registrationAcceptedOn', '2025-02-03'),
          ...dateInput('stageOneCompletedOn', '2025-04-28'),
          ...dateInput('stageTwoStartedOn', '2025-05-06'),
          ...dateInput('approvedOn', '2025-08-29'),
          version: '2',
        });
        expect(res.status).toBe(303);
        expect((await mina.get('/adoption')).text).toContain('No household in the approval process has a stage outstanding.');
        const page = await mina.get(`/adoption/adopters/${adopterId}`);
        expect(page.text).toContain('Approved 29 August 2025, waiting');
        // stage one due 3 April (2 months): completed late; stage two due 6 September: on time
        expect(page.text).toMatch(/Stage one: within 2 months[\s\S]*?3 April 2025[\s\S]*?28 April 2025[\s\S]*?Met late/);
        expect(page.text).toMatch(
          /Stage two: the decision within 4 months[\s\S]*?6 September 2025[\s\S]*?29 August 2025[\s\S]*?Met on time/,
        );
        expect((await scorecard()).approvedAdoptersWaiting).toBe(1);
      });
    });

    describe('the journey', () => {
      it('records the placement order: the first adoption review falls due 3 months on, and the child is waiting', async () => {
        const res = await ana.post(`${journey()}/authority`, {
          ...dateInput('authorityOn', '2025-03-03'),
          authorityBasis: 'placement_order',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        expect(await obligations()).toEqual([{ rule: 'adoption-review-awaiting-placement', due: '2025-06-03', done: null }]);
        const s = await scorecard();
        expect(s.counts.waiting).toBe(1);
        expect(s.counts['waiting.ethnicity.black']).toBe(1);
        expect(s.counts['waiting.age.1_to_4']).toBe(1);
        expect(s.a1).toEqual({ days: null, of: 0, notCounted: 0 });
      });

      it('a review meets it and the next is 6 months on', async () => {
        const res = await api.post(`${apiJourney()}/reviews`, { heldOn: '2025-05-30' });
        expect(res.status).toBe(201);
        expect(await obligations()).toEqual([
          { rule: 'adoption-review-awaiting-placement', due: '2025-06-03', done: '2025-05-30' },
          { rule: 'adoption-review-awaiting-placement', due: '2025-11-30', done: null },
        ]);
      });

      it('refuses a match before the adopters were approved, a placement before the match, and a stale save, and writes nothing', async () => {
        const before = await snapshot();
        const early = await ana.post(`${journey()}/match`, {
          adopterId,
          ...dateInput('matchedOn', '2025-08-01'),
          version: String(await version()),
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Ash and Rowan Invented were not approved as adopters on 1 August 2025');
        const placed = await api.post(`${apiJourney()}/placement`, {
          placedOn: '2025-09-01',
          fosterCarerAdoption: false,
          version: await version(),
        });
        expect(placed.status).toBe(400);
        expect((placed.body as ApiErrors).errors).toEqual([{ field: 'placedOn', message: 'Record the match first' }]);
        const stale = await api.post(`${apiJourney()}/match`, { adopterId, matchedOn: '2025-09-05', version: 1 });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
      });

      it('matches, places and sees the placement reviews and visits begin; the adopters are no longer waiting', async () => {
        const match = await ana.post(`${journey()}/match`, {
          adopterId,
          ...dateInput('matchPanelOn', '2025-09-01'),
          ...dateInput('matchedOn', '2025-09-05'),
          version: String(await version()),
        });
        expect(match.status).toBe(303);
        expect((await scorecard()).approvedAdoptersWaiting).toBe(0);
        const placed = await ana.post(`${journey()}/placement`, {
          ...dateInput('placedOn', '2025-09-15'),
          fosterCarerAdoption: 'no',
          version: String(await version()),
        });
        expect(placed.status).toBe(303);
        const owed = await obligations();
        expect(owed).toEqual(
          expect.arrayContaining([
            { rule: 'adoption-placement-visit', due: '2025-09-22', done: null },
            { rule: 'adoption-placement-review', due: '2025-10-13', done: null },
          ]),
        );
        // placed: the review awaiting placement is no longer owed
        expect(owed.filter((o) => o.rule === 'adoption-review-awaiting-placement' && o.done === null)).toEqual([]);
        expect((await scorecard()).counts.waiting).toBe(0);
        const page = await ana.get(journey());
        expect(page.text).toContain('Placed for adoption with Ash and Rowan Invented since 15 September 2025');
        expect(page.text).toContain(`href="${journey()}/order"`);
      });

      it('refuses an adoption order before the placement, without saying how, or from a stale page, and writes nothing', async () => {
        const before = await snapshot();
        const early = await api.post(`${apiJourney()}/order`, {
          adoptionOrderOn: '2025-09-14',
          reasonCeased: 'E11',
          version: await version(),
        });
        expect(early.status).toBe(400);
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'adoptionOrderOn', message: 'Date the adoption order was made cannot be before the placement (15 September 2025)' },
        ]);
        const how = await api.post(`${apiJourney()}/order`, {
          adoptionOrderOn: '2026-02-16',
          reasonCeased: 'E4A',
          version: await version(),
        });
        expect((how.body as ApiErrors).errors).toEqual([
          {
            field: 'reasonCeased',
            message: 'Whether the application was unopposed or the parents’ consent dispensed with must be one of: E11, E12',
          },
        ]);
        const form = await ana.get(`${journey()}/order`);
        expect(form.text).toContain('Saving the order also ends the child’s period of care, begun 1 May 2024, on the day of the order');
        const unsaid = await ana.post(`${journey()}/order`, {
          ...dateInput('adoptionOrderOn', '2026-02-16'),
          version: String(await version()),
        });
        expect(unsaid.status).toBe(400);
        expect(unsaid.text).toContain('Select whether the application was unopposed or the parents’ consent dispensed with');
        expect(unsaid.text).toContain('href="#reasonCeased"');
        const stale = await api.post(`${apiJourney()}/order`, { adoptionOrderOn: '2026-02-16', reasonCeased: 'E12', version: 1 });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
      });

      it('records the order: the period of care ends that day with E12, obligations follow; A1 and A2 from the record', async () => {
        const looked = () =>
          rows<{ endDate: string | null; reason: string | null; placementEnd: string | null }>(
            database.db,
            sql`select p.end_date::text as "endDate", p.reason_ceased as reason,
                       (select max(pl.end_date)::text from placements pl where pl.care_period_id = p.id) as "placementEnd"
                  from care_periods p where p.child_id = ${childId}`,
          );
        expect(await looked()).toEqual([{ endDate: null, reason: null, placementEnd: null }]);
        const res = await ana.post(`${journey()}/order`, {
          ...dateInput('adoptionOrderOn', '2026-02-16'),
          reasonCeased: 'E12',
          version: String(await version()),
        });
        expect(res.status).toBe(303);
        expect(await looked()).toEqual([{ endDate: '2026-02-16', reason: 'E12', placementEnd: '2026-02-16' }]);
        // nothing more is owed once the order is made: no adoption review or visit, and no looked after review or visit
        const open = await rows<{ rule: string }>(
          database.db,
          sql`select rule_id as rule from obligations where child_id = ${childId} and done is null and due > '2026-02-16'`,
        );
        expect(open).toEqual([]);
        const s = await scorecard();
        // entered care 1 May 2024, placed 15 September 2025: 502 days; placement order 3 March 2025 to match 5 September 2025: 186 days
        expect(s.a1).toEqual({ days: 502, of: 1, notCounted: 0 });
        expect(s.a10).toEqual({ days: 502, of: 1, notCounted: 0 });
        expect(s.a2).toEqual({ days: 186, of: 1 });
        expect(s.lists.adopted).toEqual([expect.objectContaining({ childId, a1: 502, a2: 186 })]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('Adopted: adoption order made 16 February 2026');
        expect((await ana.get(journey())).text).toContain('Ended 16 February 2026: Adopted: consent dispensed with by the court (E12)');
        const lookedAfter = await ana.get(`/children/${childId}/looked-after`);
        expect(lookedAfter.text).toContain('Adopted: consent dispensed with by the court');
      });

      it('refuses an order for a child with no period of care, one begun after the order or ended another day; takes one ended by adoption that day', async () => {
        const rue = await createChild(
          database.db,
          { firstName: 'Rue', lastName: 'Madeup', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2021-02-02', disabilities: [] } as NewChild,
          '2024-05-01',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        const [made] = await rows<{ id: string }>(
          database.db,
          sql`insert into adoption_journeys (child_id, decided_on, authority_on, authority_basis, matched_on, adopter_id, placed_on)
              values (${rue}, '2025-05-01', '2025-06-02', 'placement_order', '2025-10-01', ${adopterId}, '2025-11-03') returning id`,
        );
        const path = `/api/children/${rue}/adoption/journeys/${made!.id}/order`;
        const before = await snapshot();
        const none = await api.post(path, { adoptionOrderOn: '2026-02-02', reasonCeased: 'E11', version: 1 });
        expect((none.body as ApiErrors).errors).toEqual([
          {
            field: 'adoptionOrderOn',
            message:
              'The child has no period of care recorded: the adoption order ends the period of care, so record it on the looked after record first',
          },
        ]);
        expect(await snapshot()).toEqual(before);
        const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-03-01T12:00:00Z') };
        await database.db.transaction((tx: Db) => becomeLookedAfter(tx, rue, fostered('2026-01-12'), by));
        const afterCare = await snapshot();
        const late = await api.post(path, { adoptionOrderOn: '2025-12-01', reasonCeased: 'E11', version: 1 });
        expect((late.body as ApiErrors).errors).toEqual([
          {
            field: 'adoptionOrderOn',
            message:
              'The adoption order ends the period of care: date the child ceased to be looked after cannot be before they became looked after (12 January 2026)',
          },
        ]);
        expect(await snapshot()).toEqual(afterCare);
        // the period ended by adoption on the looked after record first: an order another day is refused, that day is taken as it is
        const [period] = await rows<{ id: string }>(database.db, sql`select id from care_periods where child_id = ${rue}`);
        await database.db.transaction((tx: Db) =>
          ceaseLookedAfter(tx, rue, period!.id, { endDate: '2026-02-02', reasonCeased: 'E11', version: 1 }),
        );
        const ended = await snapshot();
        const otherDay = await api.post(path, { adoptionOrderOn: '2026-02-03', reasonCeased: 'E11', version: 1 });
        expect((otherDay.body as ApiErrors).errors).toEqual([
          {
            field: 'adoptionOrderOn',
            message:
              'The child’s period of care ended on 2 February 2026: the adoption order ends an open period of care, so correct the looked after record first',
          },
        ]);
        expect(await snapshot()).toEqual(ended);
        expect((await api.post(path, { adoptionOrderOn: '2026-02-02', reasonCeased: 'E11', version: 1 })).status).toBe(200);
        const [after] = await rows<{ version: number; end: string; reason: string }>(
          database.db,
          sql`select version, end_date::text as end, reason_ceased as reason from care_periods where id = ${period!.id}`,
        );
        expect(after).toEqual({ version: 2, end: '2026-02-02', reason: 'E11' });
        // the journey was made only to be refused: gone again, with what the clock made of it
        await database.db.execute(sql`delete from adoption_journeys where child_id = ${rue}`);
        await database.db.execute(sql`delete from obligations where child_id = ${rue} and rule_id like 'adoption%'`);
      });

      it('a plan changed away from adoption is counted, with its reason, and ends the authority’s reviews', async () => {
        const made = await api.post(`/api/children/${otherId}/adoption/journeys`, { decidedOn: '2025-04-01', siblingsToPlaceWith: 1 });
        expect(made.status).toBe(201);
        otherJourneyId = (made.body as { id: string }).id;
        const path = `/api/children/${otherId}/adoption/journeys/${otherJourneyId}`;
        expect(
          (await api.post(`${path}/authority`, { authorityOn: '2025-06-02', authorityBasis: 'placement_order', version: 1 })).status,
        ).toBe(200);
        expect((await scorecard()).counts['waiting.siblings']).toBe(1);
        const before = await snapshot();
        const noDetail = await api.post(`${path}/plan-change`, { planChangedOn: '2026-01-12', planChangeReason: 'RD4', version: 2 });
        expect(noDetail.status).toBe(400);
        expect((noDetail.body as ApiErrors).errors).toEqual([
          { field: 'planChangeDetail', message: 'Say what the other reason is and what the plan is now' },
        ]);
        expect(await snapshot()).toEqual(before);
        const changed = await api.post(`${path}/plan-change`, { planChangedOn: '2026-01-12', planChangeReason: 'RD3', version: 2 });
        expect(changed.status).toBe(200);
        // the first review was due 2 September and missed: kept, lapsed; nothing after the change
        const owed = await obligations(otherId);
        expect(owed.every((o) => o.due <= '2026-01-12')).toBe(true);
        const s = await scorecard();
        expect(s.counts.plan_changed).toBe(1);
        expect(s.counts.waiting).toBe(0);
        const page = await mina.get('/adoption?list=plan_changed');
        expect(page.status).toBe(200);
        expect(page.text).toContain('Tali Notreal');
        const closed = await api.post(`${path}/authority`, { authorityOn: '2025-06-02', authorityBasis: 'consent', version: 3 });
        expect(closed.status).toBe(400);
        expect((closed.body as ApiErrors).errors[0]!.message).toContain('The plan changed away from adoption on 12 January 2026');
      });
    });

    describe('reports to the adoption and permanence panel', () => {
      it('records the panel’s feedback and amendments, refusing a panel before the decision; tracks each amendment to done', async () => {
        const before = await snapshot();
        expect((await ana.get(`${journey()}/panel/new`)).status).toBe(200);
        const early = await ana.post(`${journey()}/panel/new`, {
          subject: 'match',
          ...dateInput('panelOn', '2025-01-09'),
          recommendation: 'Match recommended',
        });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date of the panel cannot be before the decision to place for adoption (10 January 2025)');
        const empty = await api.post(`${apiJourney()}/panel-reports`, {});
        expect(empty.status).toBe(400);
        expect((empty.body as ApiErrors).errors.map((e) => e.field).sort()).toEqual(['panelOn', 'recommendation', 'subject']);
        expect(await snapshot()).toEqual(before);
        const made = await ana.post(`${journey()}/panel/new`, {
          subject: 'match',
          ...dateInput('panelOn', '2025-09-01'),
          recommendation: 'Match recommended',
          feedback: 'The child permanence report did not say how contact with the birth family will work',
          amendments: 'Add the contact plan\r\n\r\nCorrect the date of the placement order',
        });
        expect(made.status).toBe(303);
        const list = await mina.get('/adoption/panel');
        expect(list.status).toBe(200);
        expect(list.text).toMatch(/Juno Fakename[\s\S]*?Recorded[\s\S]*?2 of 2/);
        const reportId = /\/adoption\/panel\/([0-9a-f-]{36})/.exec(list.text)![1]!;
        const report = await minaApi.get('/api/adoption/panel');
        const amendments = (report.body as { reports: { amendments: { id: string; description: string; version: number }[] }[] })
          .reports[0]!.amendments;
        expect(amendments.map((a) => a.description)).toEqual(['Add the contact plan', 'Correct the date of the placement order']);
        const path = `/api/adoption/panel/${reportId}/amendments/${amendments[0]!.id}`;
        const beforeDone = await snapshot();
        expect((await minaApi.post(path, { doneOn: '2025-08-30', version: 1 })).body).toEqual({
          error: 'The input is not valid',
          errors: [{ field: 'doneOn', message: 'Date the amendment was made cannot be before the panel (1 September 2025)' }],
        });
        expect((await minaApi.post(path, { doneOn: '2025-09-10', version: 7 })).status).toBe(409);
        expect(await snapshot()).toEqual(beforeDone);
        expect((await minaApi.post(path, { doneOn: '2025-09-10', version: 1 })).status).toBe(200);
        const page = await mina.get(`/adoption/panel/${reportId}`);
        expect(page.text).toContain('Done 10 September 2025');
        expect(page.text).toContain(`href="/adoption/panel/${reportId}/amendments/${amendments[1]!.id}"`);
        expect((await mina.get('/adoption/panel')).text).toContain('1 of 2');
        expect((await ana.get('/adoption/panel')).status).toBe(403);
      });
    });

    describe('permanence before care', () => {
      it('refuses an authority or a date with no previous permanence, and a stale change; records and corrects it', async () => {
        const path = `/api${base()}/previous-permanence`;
        const before = await snapshot();
        const bad = await api.post(path, { code: 'Z1', madeOn: '2020-01-01', arrangedBy: 'Leeds' });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors.map((e) => e.field).sort()).toEqual(['arrangedBy', 'madeOn']);
        expect(await snapshot()).toEqual(before);
        expect((await ana.get(`${base()}/previous-permanence`)).status).toBe(200);
        const made = await ana.post(`${base()}/previous-permanence`, {
          code: 'P2',
          arrangedBy: 'Leeds',
          ...dateInput('madeOn', '2024-01-15'),
        });
        expect(made.status).toBe(303);
        const stale = await api.post(path, { code: 'P3' });
        expect(stale.status).toBe(409);
        expect((await api.post(path, { code: 'P3', version: 1 })).status).toBe(200);
        const page = await ana.get(base());
        expect(page.text).toContain('A child arrangements order (or a residence order) (P3)');
      });
    });

    describe('the scorecard', () => {
      it('counts special guardianship and child arrangements orders out of care, and names no restricted child', async () => {
        await database.db.execute(
          sql`insert into care_periods (child_id, start_date, end_date, reason_ceased) values (${otherId}, '2024-01-02', '2024-05-31', 'E45')`,
        );
        await database.db.execute(
          sql`update care_periods set end_date = '2025-12-01', reason_ceased = 'E45' where child_id = ${otherId} and end_date is null`,
        );
        const s = await scorecard();
        expect(s.counts.special_guardianship).toBe(1);
        expect(s.counts.child_arrangements).toBe(0);
        const page = await mina.get('/adoption');
        expect(page.status).toBe(200);
        expect(page.text).toContain('Average days from entering care to moving in with the adoptive family');
        expect(page.text).toContain('502 days (average of 1 child)');
        expect(page.text).toContain('href="/adoption?list=adopted"');
        await database.db.execute(sql`update children set restricted = true where id = ${childId}`);
        const restricted = await mina.get('/adoption?list=adopted');
        expect(restricted.text).toContain('Restricted record');
        expect(restricted.text).not.toContain('Juno Fakename');
        expect((await scorecard()).lists.adopted).toEqual([{ restricted: true }]);
        await database.db.execute(sql`update children set restricted = false where id = ${childId}`);
        expect((await ana.get('/adoption')).status).toBe(403);
      });

      it('shows the journey in the chronology', async () => {
        const chronology = await ana.get(`/children/${childId}/chronology`);
        expect(chronology.text).toContain('Decision that the child should be placed for adoption');
        expect(chronology.text).toContain('Adoption order made');
        expect(chronology.text).toContain(`href="${journey()}"`);
      });
    });

    describe('a placement that ends without an adoption order', () => {
      let sol: string;
      let solJourney: string;
      let first: string;
      let second: string;
      const solPath = () => `/api/children/${sol}/adoption/journeys/${solJourney}`;
      const household = async (name: string) => {
        const [h] = await rows<{ id: string }>(
          database.db,
          sql`insert into adopter_households (name, enquiry_on, registration_accepted_on, stage_one_completed_on, stage_two_started_on,
                approved_on, number_of_adopters, sexes, legal_status, ethnic_group, max_children, age_from, age_to)
              values (${name}, '2024-06-03', '2024-07-01', '2024-08-30', '2024-09-02', '2024-12-20', 2, 'FF', 'L12', 'mixed', 1, 0, 6)
              returning id`,
        );
        return h!.id;
      };
      const return903 = async () => {
        const checked = await returnFromRecord(database.db, 2026, {}, sol);
        return { tables: checked.current.tables, sources: checked.current.sources };
      };

      beforeAll(async () => {
        sol = await createChild(
          database.db,
          { firstName: 'Sol', lastName: 'Pretend', sex: 'M', ethnicity: 'MWBC', dateOfBirth: '2022-03-10', disabilities: [] } as NewChild,
          '2024-05-01',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-03-01T12:00:00Z') };
        await database.db.transaction((tx: Db) => becomeLookedAfter(tx, sol, fostered('2024-09-02'), by));
        first = await household('Lark and Wren Invented');
        second = await household('Fern and Ivy Madeup');
        const made = await api.post(`/api/children/${sol}/adoption/journeys`, { decidedOn: '2025-03-03', siblingsToPlaceWith: 0 });
        solJourney = (made.body as { id: string }).id;
        expect(
          (await api.post(`${solPath()}/authority`, { authorityOn: '2025-04-01', authorityBasis: 'placement_order', version: 1 })).status,
        ).toBe(200);
        expect((await api.post(`${solPath()}/match`, { adopterId: first, matchedOn: '2025-06-02', version: 2 })).status).toBe(200);
        expect((await api.post(`${solPath()}/placement`, { placedOn: '2025-06-16', fosterCarerAdoption: false, version: 3 })).status).toBe(
          200,
        );
      });

      it('refuses an end before the placement, another reason unexplained, and a stale page, naming each field, and writes nothing', async () => {
        const before = await snapshot();
        const early = await api.post(`${solPath()}/placement-end`, {
          placementEndedOn: '2025-06-10',
          placementEndReason: 'returned_by_adopters',
          version: 4,
        });
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'placementEndedOn', message: 'Date the placement ended cannot be before the placement (16 June 2025)' },
        ]);
        const unexplained = await api.post(`${solPath()}/placement-end`, {
          placementEndedOn: '2025-08-04',
          placementEndReason: 'other',
          version: 4,
        });
        expect((unexplained.body as ApiErrors).errors).toEqual([{ field: 'placementEndDetail', message: 'Say why the placement ended' }]);
        const stale = await api.post(`${solPath()}/placement-end`, {
          placementEndedOn: '2025-08-04',
          placementEndReason: 'returned_by_adopters',
          version: 3,
        });
        expect(stale.status).toBe(409);
        expect(await snapshot()).toEqual(before);
      });

      it('ends the placement: the child waits again, the adopters too, the review awaiting placement is owed; the SSDA903 keeps the plan open', async () => {
        const s0 = await scorecard();
        expect(s0.lists.waiting!.map((c) => c.childId)).not.toContain(sol);
        const form = await ana.get(`/children/${sol}/adoption/${solJourney}/placement-end`);
        expect(form.status).toBe(200);
        expect(form.text).toContain('the child is counted as waiting again');
        const res = await ana.post(`/children/${sol}/adoption/${solJourney}/placement-end`, {
          ...dateInput('placementEndedOn', '2025-08-04'),
          placementEndReason: 'returned_by_adopters',
          version: '4',
        });
        expect(res.status).toBe(303);
        const s1 = await scorecard();
        expect(s1.counts.waiting).toBe(s0.counts.waiting! + 1);
        expect(s1.lists.waiting!.map((c) => c.childId)).toContain(sol);
        expect(s1.approvedAdoptersWaiting).toBe(s0.approvedAdoptersWaiting + 1);
        // no review was held: the next is owed within 3 months of the placement ending (reg 36(1)); no placement visit after it
        const owed = await obligations(sol);
        expect(owed).toContainEqual({ rule: 'adoption-review-awaiting-placement', due: '2025-11-04', done: null });
        expect(owed.filter((o) => o.rule !== 'adoption-review-awaiting-placement' && o.due > '2025-08-04')).toEqual([]);
        const page = await ana.get(`/children/${sol}/adoption/${solJourney}`);
        expect(page.text).toContain('Waiting for a match: placement order 1 April 2025');
        expect(page.text).toMatch(
          /Placements that ended without an adoption order[\s\S]*?Lark and Wren Invented[\s\S]*?16 June 2025[\s\S]*?4 August 2025[\s\S]*?returned the child/,
        );
        // the decision to place for adoption stands: PlacedAdoption not ceased, and no AD1
        const { tables } = await return903();
        expect(tables.PlacedAdoption!.rows).toEqual([
          expect.objectContaining({ DATE_PLACED: '03/03/2025', DATE_PLACED_CEASED: null, REASON_PLACED_CEASED: null }),
        ]);
        expect(tables.AD1!.rows).toEqual([]);
        const chronology = await ana.get(`/children/${sol}/chronology`);
        expect(chronology.text).toContain('Placement for adoption ended without an adoption order');
        expect(chronology.text).toContain('Lark and Wren Invented');
      });

      it('a new match and placement, not before the last placement ended; the order makes AD1 from the adopters who adopted', async () => {
        expect((await api.post(`${solPath()}/match`, { adopterId: second, matchedOn: '2025-07-21', version: 5 })).status).toBe(200);
        const before = await snapshot();
        const overlapping = await api.post(`${solPath()}/placement`, { placedOn: '2025-07-28', fosterCarerAdoption: false, version: 6 });
        expect((overlapping.body as ApiErrors).errors).toEqual([
          {
            field: 'placedOn',
            message: 'Date the child was placed for adoption cannot be before the end of the last placement (4 August 2025)',
          },
        ]);
        expect(await snapshot()).toEqual(before);
        expect((await api.post(`${solPath()}/placement`, { placedOn: '2025-08-18', fosterCarerAdoption: false, version: 6 })).status).toBe(
          200,
        );
        expect((await api.post(`${solPath()}/order`, { adoptionOrderOn: '2026-02-02', reasonCeased: 'E11', version: 7 })).status).toBe(200);
        const { tables, sources } = await return903();
        expect(tables.AD1!.rows).toEqual([
          expect.objectContaining({ DATE_INT: '03/03/2025', DATE_MATCH: '21/07/2025', NB_ADOPTR: '2', SEX_ADOPTR: 'FF', LS_ADOPTR: 'L12' }),
        ]);
        expect(tables.PlacedAdoption!.rows).toEqual([expect.objectContaining({ DATE_PLACED: '03/03/2025', DATE_PLACED_CEASED: null })]);
        expect(sources.AD1).toEqual([expect.objectContaining({ childId: sol })]);
        expect(tables.Episodes!.rows.at(-1)).toEqual(expect.objectContaining({ DEC: '02/02/2026', REC: 'E11' }));
        // A1 counts to the placement with the adopters who adopted
        const adopted = (await scorecard()).lists.adopted!.find((c) => c.childId === sol);
        expect(adopted).toEqual(expect.objectContaining({ a1: 350 }));
      });
    });
  });
}
