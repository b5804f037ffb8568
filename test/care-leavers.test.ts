import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database, type Db } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { type BecomeLookedAfter, becomeLookedAfter, ceaseLookedAfter } from '../src/looked-after/use-cases.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiErrors = { errors: { field: string; message: string }[] };

const foster = {
  startDate: '2023-06-01',
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placementType: 'U1',
  provider: 'PR1',
  providerName: 'Pat and Sam Carer',
  placementPostcode: 'M60 2LA',
  homePostcode: 'M13 9PL',
  intendedToAge18: false,
  visitRegime: 'standard',
} as const;

for (const kind of await testDatabases()) {
  describe(`care leavers, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let wren: string; // left care at 17, 18 in January 2026
    let ash: string; // left care at 18 in 2023, 20 in June 2025, no contact recorded
    let elm: string; // never looked after
    let ana: Agent;
    let api: ApiClient;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;

    const base = (child = wren) => `/children/${child}/care-leaver`;

    /** Every care leaver row and version, the obligations and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number>>(
        database.db,
        sql`select (select count(*)::int from care_leavers) as records,
                   (select coalesce(sum(version), 0)::int from care_leavers) as versions,
                   (select count(*)::int from pathway_plan_reviews) as reviews,
                   (select count(*)::int from care_leaver_contacts) as contacts,
                   (select coalesce(sum(version), 0)::int from care_leaver_contacts) as contactVersions,
                   (select count(*)::int from obligations where rule_id in ('eligible-needs-assessment', 'pathway-plan-review', 'personal-adviser-contact')) as obligations,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN', 'VIEW_MY_WORK', 'VIEW_CARE_LEAVER_MEASURES')) as changes`,
      );
      return counts!;
    }

    async function obligations(rule: string, child = wren) {
      return rows<{ due: string; done: string | null }>(
        database.db,
        sql`select due::text, done::text from obligations where child_id = ${child} and rule_id = ${rule} order by due`,
      );
    }

    async function recordVersion(child = wren) {
      const [r] = await rows<{ version: number }>(database.db, sql`select version from care_leavers where child_id = ${child}`);
      return r!.version;
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-03-01T12:00:00Z') };
      const child = (firstName: string, lastName: string, dateOfBirth: string) =>
        createChild(
          database.db,
          { firstName, lastName, sex: 'F', ethnicity: 'WBRI', dateOfBirth, disabilities: [] } as NewChild,
          '2023-01-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      const lookedAfter = async (childId: string, startDate: string, endDate: string) => {
        const period = await database.db.transaction((tx: Db) =>
          becomeLookedAfter(tx, childId, { ...foster, startDate } as BecomeLookedAfter, by),
        );
        await database.db.transaction((tx: Db) => ceaseLookedAfter(tx, childId, period, { endDate, reasonCeased: 'E8', version: 1 }));
      };
      wren = await child('Wren', 'Invented', '2008-01-10');
      await lookedAfter(wren, '2023-06-01', '2025-10-01');
      ash = await child('Ash', 'Madeup', '2005-06-15');
      await lookedAfter(ash, '2020-01-06', '2023-06-15');
      elm = await child('Elm', 'Pretend', '2009-04-04');
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

    describe('eligibility and the leaving care record', () => {
      it('works out the category from the periods of care, and owes the needs assessment from eligibility', async () => {
        const record = await ana.get(`/children/${wren}`);
        expect(record.text).toContain('id="care-leaver-heading"');
        expect(record.text).toContain('Former relevant child: aged 18 or over');
        // eligible on her 16th birthday, 10 January 2024: assessment due 3 months on, never recorded
        expect(await obligations('eligible-needs-assessment')).toEqual([{ due: '2024-04-10', done: null }]);
        const overview = await ana.get(base());
        expect(overview.status).toBe(200);
        expect(overview.text).toContain('10 January 2024');
        // a child never looked after has no section
        const elmRecord = await ana.get(`/children/${elm}`);
        expect(elmRecord.text).not.toContain('id="care-leaver-heading"');
        expect((await ana.get(base(elm))).text).toContain('Not a care leaver');
      });

      it('refuses a record for a child never looked after, a future date, a plan before its assessment and an adviser unnamed, and writes nothing', async () => {
        const before = await snapshot();
        const never = await ana.post(`${base(elm)}/plan`, { ...dateInput('needsAssessmentCompletedOn', '2026-01-05') });
        expect(never.status).toBe(400);
        expect(never.text).toContain('The young person has not been looked after since turning 14');
        const future = await ana.post(`${base()}/plan`, { ...dateInput('needsAssessmentCompletedOn', '2026-03-03') });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date the needs assessment was completed must be today or in the past');
        expect(future.text).toContain('href="#needsAssessmentCompletedOn-day"');
        const bad = await api.post(`/api${base()}/plan`, {
          needsAssessmentCompletedOn: '2024-03-01',
          pathwayPlanCompletedOn: '2024-02-01',
          personalAdviserAppointedOn: '2024-02-01',
        });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors).toEqual([
          { field: 'personalAdviserName', message: 'Enter the personal adviser’s name' },
          {
            field: 'pathwayPlanCompletedOn',
            message: 'Date the pathway plan was completed cannot be before the needs assessment it is made from',
          },
        ]);
        // accommodation the authority provides is for a young person who has left care
        const inCare = await api.post(`/api${base()}/plan`, {
          needsAssessmentCompletedOn: '2024-05-01',
          accommodationProvidedFrom: '2025-09-01',
        });
        expect(inCare.status).toBe(400);
        expect((inCare.body as ApiErrors).errors).toEqual([
          {
            field: 'accommodationProvidedFrom',
            message: 'Date the authority began to provide accommodation cannot be before the young person left care (1 October 2025)',
          },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it('records the assessment, plan and adviser: the assessment is met late and the plan’s review falls due', async () => {
        const res = await ana.post(`${base()}/plan`, {
          ...dateInput('needsAssessmentCompletedOn', '2024-05-01'),
          ...dateInput('pathwayPlanCompletedOn', '2024-06-03'),
          personalAdviserName: 'Parker Invented',
          ...dateInput('personalAdviserAppointedOn', '2024-06-03'),
          ...dateInput('accommodationProvidedFrom', '2025-10-01'),
        });
        expect(res.status).toBe(303);
        expect(res.location).toBe(base());
        // accommodated by the authority when she left care: her personal adviser was to see her within 7 days
        expect(await obligations('personal-adviser-contact')).toEqual([{ due: '2025-10-08', done: null }]);
        expect(await obligations('eligible-needs-assessment')).toEqual([{ due: '2024-04-10', done: '2024-05-01' }]);
        expect(await obligations('pathway-plan-review')).toEqual([{ due: '2024-12-03', done: null }]);
        const page = await ana.get(base());
        expect(page.text).toContain('Parker Invented, appointed 3 June 2024');
        // a second save must carry the version the page showed
        const stale = await api.post(`/api${base()}/plan`, { needsAssessmentCompletedOn: '2024-05-01', version: 9 });
        expect(stale.status).toBe(409);
        const unversioned = await api.post(`/api${base()}/plan`, { needsAssessmentCompletedOn: '2024-05-01' });
        expect(unversioned.status).toBe(409);
      });

      it('records pathway plan reviews after the plan, one a day, and the next falls 6 months on', async () => {
        const before = await snapshot();
        const early = await ana.post(`${base()}/reviews/new`, { ...dateInput('reviewedOn', '2024-06-01'), summary: 'Too early' });
        expect(early.status).toBe(400);
        expect(early.text).toContain('Date of the review must be after the pathway plan was completed (3 June 2024)');
        expect(await snapshot()).toEqual(before);
        const ok = await api.post(`/api${base()}/reviews`, {
          reviewedOn: '2025-11-20',
          summary: 'Moved to supported lodgings; college place from January',
        });
        expect(ok.status).toBe(201);
        const again = await api.post(`/api${base()}/reviews`, { reviewedOn: '2025-11-20', summary: 'Twice' });
        expect(again.status).toBe(400);
        expect((again.body as ApiErrors).errors).toEqual([
          { field: 'reviewedOn', message: 'A review on 20 November 2025 is already recorded' },
        ]);
        expect(await obligations('pathway-plan-review')).toEqual([
          { due: '2024-12-03', done: '2025-11-20' },
          { due: '2026-05-20', done: null },
        ]);
      });

      it('records Staying Put from 18 only, and the health summary the young person is given', async () => {
        const young = await ana.post(`${base()}/staying-put`, {
          ...dateInput('stayingPutFrom', '2025-12-01'),
          version: String(await recordVersion()),
        });
        expect(young.status).toBe(400);
        expect(young.text).toContain('Staying Put begins at 18: the young person turns 18 on 10 January 2026');
        const ok = await ana.post(`${base()}/staying-put`, {
          ...dateInput('stayingPutFrom', '2026-01-10'),
          version: String(await recordVersion()),
        });
        expect(ok.status).toBe(303);
        const summary = await ana.post(`${base()}/health-summary`, {
          healthSummary: 'Immunisations up to date. Asthma: inhaler from the GP.',
          ...dateInput('healthSummaryGivenOn', '2026-01-12'),
          version: String(await recordVersion()),
        });
        expect(summary.status).toBe(303);
        const page = await ana.get(base());
        expect(page.text).toContain('From 10 January 2026, continuing');
        expect(page.text).toContain('Given to the young person on 12 January 2026');
        expect(page.text).toContain('Asthma: inhaler from the GP.');
      });
    });

    describe('contacts and the measures', () => {
      it('refuses a contact before the young person was a care leaver, an adviser seeing someone not in touch, and suitability without a type', async () => {
        const before = await snapshot();
        const young = await api.post(`/api${base()}/contacts`, { contactOn: '2023-07-01', inTouch: 'YES', seenByAdviser: true });
        expect(young.status).toBe(400);
        expect((young.body as ApiErrors).errors).toEqual([
          {
            field: 'contactOn',
            message: 'The young person was not a care leaver on 1 July 2023 (under 16): their periods of care do not make them one',
          },
        ]);
        const bad = await api.post(`/api${base()}/contacts`, {
          contactOn: '2026-01-08',
          inTouch: 'NO',
          seenByAdviser: true,
          accommodationSuitable: true,
          activity: 'X9',
        });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors).toEqual([
          { field: 'activity', message: 'Main activity must be one of: F1, P1, F2, P2, F4, P4, F5, P5, G4, G5, G6' },
          { field: 'seenByAdviser', message: 'The personal adviser cannot have seen a young person who was not in touch' },
          { field: 'accommodationType', message: 'Select the type of accommodation whose suitability is recorded' },
        ]);
        const never = await ana.post(`${base(elm)}/contacts/new`, {
          ...dateInput('contactOn', '2026-03-01'),
          inTouch: 'YES',
          seenByAdviser: 'no',
        });
        expect(never.status).toBe(400);
        expect(never.text).toContain('The young person was not a care leaver on 1 March 2026');
        expect(await snapshot()).toEqual(before);
      });

      it('counts the young person not known until a contact around the birthday records it, then in touch, suitably housed and in education', async () => {
        const mina = new Agent(service.url);
        await mina.signIn('mina', PASSWORD);
        const empty = await mina.get('/care-leavers');
        expect(empty.status).toBe(200);
        // Wren's 18th birthday (10 January 2026) and Ash's 20th (15 June 2025) fell in the last 12 months
        expect(empty.text).toContain('In touch: 0 of 2 (0%); not known for 2.');
        expect(empty.text).toContain('In education, employment or training: 0 of 2 (0%); not known for 2.');

        // a contact outside the window (more than 1 month after the birthday) does not count
        const late = await ana.post(`${base()}/contacts/new`, {
          ...dateInput('contactOn', '2026-02-20'),
          inTouch: 'YES',
          seenByAdviser: 'yes',
          accommodationType: 'E',
          accommodationSuitable: 'yes',
          activity: 'F2',
        });
        expect(late.status).toBe(303);
        expect((await mina.get('/care-leavers')).text).toContain('In touch: 0 of 2 (0%); not known for 2.');
        // the personal adviser saw her: the next contact is due 2 months on
        expect(await obligations('personal-adviser-contact')).toEqual([
          { due: '2025-10-08', done: '2026-02-20' },
          { due: '2026-04-20', done: null },
        ]);

        // in the window, in touch, in accommodation recorded, activity not recorded
        const res = await api.post(`/api${base()}/contacts`, {
          contactOn: '2026-01-08',
          inTouch: 'YES',
          seenByAdviser: true,
          accommodationType: 'E',
          accommodationSuitable: true,
        });
        expect(res.status).toBe(201);
        const contactId = (res.body as { id: string }).id;
        const after = await mina.get('/care-leavers');
        expect(after.text).toContain('In touch: 1 of 2 (50%); not known for 1.');
        expect(after.text).toContain('In suitable accommodation: 1 of 2 (50%); not known for 1.');
        expect(after.text).toContain('In education, employment or training: 0 of 2 (0%); not known for 2.');
        const inTouch = await mina.get('/care-leavers?list=in_touch');
        expect(inTouch.text).toContain('Wren Invented');
        expect(inTouch.text).not.toContain('Ash Madeup');
        const unknown = await mina.get('/care-leavers?list=activity_not_known');
        expect(unknown.text).toContain('Wren Invented');
        expect(unknown.text).toContain('Ash Madeup');

        // the activity recorded on the contact: she is in education
        const v = (await rows<{ version: number }>(database.db, sql`select version from care_leaver_contacts where id = ${contactId}`))[0]!
          .version;
        const stale = await ana.post(`${base()}/contacts/${contactId}`, {
          ...dateInput('contactOn', '2026-01-08'),
          inTouch: 'YES',
          seenByAdviser: 'yes',
          accommodationType: 'E',
          accommodationSuitable: 'yes',
          activity: 'F2',
          version: String(v + 1),
        });
        expect(stale.status).toBe(409);
        const changed = await ana.post(`${base()}/contacts/${contactId}`, {
          ...dateInput('contactOn', '2026-01-08'),
          inTouch: 'YES',
          seenByAdviser: 'yes',
          accommodationType: 'E',
          accommodationSuitable: 'yes',
          activity: 'F2',
          version: String(v),
        });
        expect(changed.status).toBe(303);
        expect((await mina.get('/care-leavers')).text).toContain('In education, employment or training: 1 of 2 (50%); not known for 1.');

        const minaApi = new ApiClient(service.url);
        await minaApi.signIn('mina', PASSWORD);
        const measures = await minaApi.get('/api/care-leavers');
        expect(measures.status).toBe(200);
        expect(measures.body).toMatchObject({
          from: '2025-03-03',
          to: '2026-03-02',
          counted: 2,
          percent: { inTouch: 50, suitableAccommodation: 50, educationEmploymentOrTraining: 50 },
          counts: { in_touch: 1, contact_not_known: 1, suitable: 1, eet: 1, activity_not_known: 1 },
        });
        const [audited] = await rows<{ revealed: string[] }>(
          database.db,
          sql`select child_ids::text[] as revealed from audit_events where action = 'VIEW_CARE_LEAVER_MEASURES' order by id desc limit 1`,
        );
        expect(audited!.revealed.sort()).toEqual([wren, ash].sort());

        // the chronology shows the contact
        const chronology = await ana.get(`/children/${wren}/chronology`);
        expect(chronology.text).toContain('Contact with the care leaver: in touch');
        expect(chronology.text).toContain('Pathway plan reviewed');

        // not for a practitioner
        expect((await ana.get('/care-leavers')).status).toBe(403);
      });

      it('counts a restricted record and never names it', async () => {
        await database.db.execute(sql`update children set restricted = true where id = ${ash}`);
        await database.db.execute(
          sql`insert into restricted_record_access (child_id, user_id) values (${ash}, ${authority.users.practitioner})`,
        );
        const sam = new Agent(service.url);
        await sam.signIn('sam', PASSWORD);
        const page = await sam.get('/care-leavers?list=contact_not_known');
        expect(page.text).toContain('In touch: 1 of 2 (50%); not known for 1.');
        expect(page.text).toContain('Restricted record');
        expect(page.text).not.toContain('Ash Madeup');
        expect(page.text).not.toContain(`/children/${ash}`);
        const samApi = new ApiClient(service.url);
        await samApi.signIn('sam', PASSWORD);
        const body = (await samApi.get('/api/care-leavers')).body as { lists: { contact_not_known: Record<string, unknown>[] } };
        expect(body.lists.contact_not_known).toEqual([
          { restricted: true, age: 20, inTouch: 'not_known', accommodation: 'not_known', activity: 'not_known' },
        ]);
      });

      it('ends leaving care support: nothing more is owed, and the end is refused twice', async () => {
        const before = await snapshot();
        const bad = await api.post(`/api${base()}/end`, {
          supportEndedOn: '2026-03-01',
          supportEndReason: 'bored',
          version: await recordVersion(),
        });
        expect(bad.status).toBe(400);
        expect((bad.body as ApiErrors).errors[0]!.field).toBe('supportEndReason');
        expect(await snapshot()).toEqual(before);
        const ok = await ana.post(`${base()}/end`, {
          ...dateInput('supportEndedOn', '2026-03-01'),
          supportEndReason: 'no_longer_wanted',
          version: String(await recordVersion()),
        });
        expect(ok.status).toBe(303);
        // the review due in May and the contact due in April are no longer owed
        expect(await obligations('pathway-plan-review')).toEqual([{ due: '2024-12-03', done: '2025-11-20' }]);
        expect(await obligations('personal-adviser-contact')).toEqual([
          { due: '2025-10-08', done: '2026-01-08' },
          { due: '2026-03-08', done: '2026-02-20' },
        ]);
        const again = await ana.post(`${base()}/end`, {
          ...dateInput('supportEndedOn', '2026-03-02'),
          supportEndReason: 'other',
          version: String(await recordVersion()),
        });
        expect(again.status).toBe(400);
        expect(again.text).toContain('Leaving care support already ended on 1 March 2026');
        expect((await ana.get(`/children/${wren}`)).text).toContain('Support ended');
      });
    });
  });
}
