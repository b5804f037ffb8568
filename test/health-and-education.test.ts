import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { oc2Codes, oc2Cohort } from '../src/health-and-education/queries.js';
import { obligationAction } from '../src/obligations/sources.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

type ApiErrors = { errors: { field: string; message: string }[] };

const placement = {
  legalStatus: 'C2',
  categoryOfNeed: 'N1',
  placementType: 'U6',
  provider: 'PR1',
  providerName: 'Pat and Sam Carer',
  placementPostcode: 'M60 2LA',
  homePostcode: 'M13 9PL',
  intendedToAge18: 'no',
  visitRegime: 'standard',
};

for (const kind of await testDatabases()) {
  describe(`health and education of looked after children, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let clock: TestClock;
    let childId: string;
    let neverLookedAfterId: string;
    let longStayId: string;
    let periodId: string;
    let pepId: string;
    let assessmentId: string;
    let ana: Agent;
    let api: ApiClient;

    const base = () => `/children/${childId}/health-and-education`;

    /** Every health and education row and version, and every change the trail records: what a refusal must leave as it was. */
    async function snapshot() {
      const [counts] = await rows<Record<string, number | string | null>>(
        database.db,
        sql`select (select count(*)::int from cla_health_checks) as checks,
                   (select string_agg(check_date::text || coalesce(assessment_type, '-') || version, ',' order by id) from cla_health_checks) as check_values,
                   (select count(*)::int from cla_health_statuses) as statuses,
                   (select count(*)::int from cla_sdq_scores) as sdqs,
                   (select count(*)::int from cla_substance_misuse) as substance,
                   (select count(*)::int from cla_convictions) as convictions,
                   (select count(*)::int from cla_schools) as schools,
                   (select count(*)::int from personal_education_plans) as peps,
                   (select coalesce(sum(version), 0)::int from personal_education_plans) as pep_versions,
                   (select count(*)::int from pep_meetings) as meetings,
                   (select count(*)::int from education_hours) as hours,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes`,
      );
      return counts!;
    }

    /** What is owed or was done under a rule. */
    async function obligation(ruleId: string, child = childId) {
      return rows<{ due: string; done: string | null }>(
        database.db,
        sql`select due, done from obligations
             where child_id = ${child} and rule_id = ${ruleId} and (done is not null or lapses_on is null) order by due`,
      );
    }

    async function auditActions() {
      return (
        await rows<{ action: string }>(database.db, sql`select action from audit_events where child_id = ${childId} order by id`)
      ).map((r) => r.action);
    }

    async function advanceTo(iso: string) {
      clock.advance(new Date(iso).getTime() - clock.now().getTime());
      await ana.signIn('ana', PASSWORD);
      await api.signIn('ana', PASSWORD);
    }

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
      const child = (firstName: string, dateOfBirth: string) =>
        createChild(
          database.db,
          { firstName, lastName: 'Madeup', sex: 'M', ethnicity: 'WBRI', dateOfBirth, disabilities: [] } as NewChild,
          '2024-01-02',
          actor,
        );
      childId = await child('Ellis', '2014-05-10');
      neverLookedAfterId = await child('Rowan', '2013-01-20');
      longStayId = await child('Sam', '2012-09-01');
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

    describe('before and when the child becomes looked after', () => {
      it('shows no health and education section for a child never looked after with nothing recorded', async () => {
        const page = await ana.get(`/children/${neverLookedAfterId}`);
        expect(page.status).toBe(200);
        expect(page.text).not.toContain('health-education-heading');
      });

      it('owes the initial health assessment in 20 working days, the PEP in 10 and a dental check in 12 months', async () => {
        const res = await api.post(`/api/children/${childId}/looked-after/periods`, { startDate: '2026-03-02', ...placement });
        expect(res.status).toBe(201);
        periodId = (res.body as { id: string }).id;
        expect(await obligation('initial-health-assessment')).toEqual([{ due: '2026-03-30', done: null }]);
        expect(await obligation('pep-initiated')).toEqual([{ due: '2026-03-16', done: null }]);
        expect(await obligation('dental-check')).toEqual([{ due: '2027-03-02', done: null }]);
        expect(await obligation('review-health-assessment')).toEqual([]);
        expect(await obligation('pep-review')).toEqual([]);
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('id="health-education-heading"');
        expect(record.text).toMatch(/Next: Personal education plan started<\/strong>, due 16 March 2026/);
        expect(record.text).toContain(`href="${base()}"`);
      });

      it('links each obligation to the page that meets it, for the work lists', async () => {
        const at = (ruleId: string) => obligationAction({ childId, episode: periodId, ruleId });
        expect(at('pep-initiated')).toEqual({ text: 'Record the personal education plan', href: `${base()}/peps/new` });
        expect(at('initial-health-assessment')).toEqual({ text: 'Record the health assessment', href: `${base()}/health-assessments/new` });
        expect(at('review-health-assessment')?.href).toBe(`${base()}/health-assessments/new`);
        expect(at('dental-check')).toEqual({ text: 'Record the dental check', href: `${base()}/dental-checks/new` });
        expect(at('pep-review')).toEqual({ text: 'Record the PEP meeting', href: `${base()}/periods/${periodId}/pep-meeting` });
        // before the plan is initiated, that leads to the form that initiates it
        expect((await ana.get(`${base()}/periods/${periodId}/pep-meeting`)).location).toBe(`${base()}/peps/new`);
        // and each page answers
        for (const path of ['/peps/new', '/health-assessments/new', '/dental-checks/new'])
          expect((await ana.get(`${base()}${path}`)).status).toBe(200);
      });
    });

    describe('bad input', () => {
      it('refuses a date in the future, an SDQ out of range and a PEP with no period of care, naming each field, and writes nothing', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/health-assessments/new`);
        const future = await ana.post(`${base()}/health-assessments/new`, {
          ...dateInput('checkDate', '2026-03-03'),
          assessmentType: 'initial',
          completedBy: 'Dr Imaginary',
        });
        expect(future.status).toBe(400);
        expect(future.text).toContain('Date the health assessment was completed must be today or in the past');
        expect(future.text).toContain('href="#checkDate-day"');

        const sdq = await api.post(`/api${base()}/sdq`, { completedDate: '2026-03-01', score: 41 });
        expect(sdq.status).toBe(400);
        expect((sdq.body as ApiErrors).errors).toEqual([{ field: 'score', message: 'SDQ score must be a whole number from 0 to 40' }]);
        const neither = await api.post(`/api${base()}/sdq`, { completedDate: '2026-03-01' });
        expect((neither.body as ApiErrors).errors).toEqual([
          { field: 'score', message: 'Enter the SDQ score, or the reason there is no score' },
        ]);
        const both = await api.post(`/api${base()}/sdq`, { completedDate: '2026-03-01', score: 12, reason: 'SDQ4' });
        expect((both.body as ApiErrors).errors).toEqual([{ field: 'reason', message: 'Give a reason only when there is no score' }]);

        const noPeriod = await api.post(`/api/children/${neverLookedAfterId}/health-and-education/peps`, { initiatedDate: '2026-03-02' });
        expect(noPeriod.status).toBe(400);
        expect((noPeriod.body as ApiErrors).errors).toEqual([
          {
            field: 'carePeriodId',
            message: 'Select the period of care the plan belongs to: a personal education plan is for a looked after child',
          },
        ]);
        // another child's period of care is not one this child's plan can belong to
        const notHers = await api.post(`/api/children/${neverLookedAfterId}/health-and-education/peps`, {
          carePeriodId: periodId,
          initiatedDate: '2026-03-02',
        });
        expect((notHers.body as ApiErrors).errors).toEqual([
          { field: 'carePeriodId', message: 'The period of care is not one of this child’s: a personal education plan belongs to one' },
        ]);
        const beforePeriod = await api.post(`/api${base()}/peps`, { carePeriodId: periodId, initiatedDate: '2026-02-27' });
        expect((beforePeriod.body as ApiErrors).errors).toEqual([
          { field: 'initiatedDate', message: 'Date the plan was initiated must be within the period of care (from 2 March 2026)' },
        ]);

        const hours = await api.post(`/api${base()}/hours`, { asAtDate: '2026-03-02', hoursPerWeek: '22.3' });
        expect((hours.body as ApiErrors).errors).toEqual([
          {
            field: 'hoursPerWeek',
            message: 'Hours of education a week must be a number of hours from 0 to 60, to the half hour (such as 22.5)',
          },
        ]);
        const urn = await api.post(`/api${base()}/schools`, {
          fromDate: '2025-09-01',
          schoolName: 'Imaginary Primary',
          urn: '12AB',
          ofstedGrade: 'good',
        });
        expect((urn.body as ApiErrors).errors).toEqual([
          { field: 'urn', message: 'School URN must be the school’s six-digit unique reference number, such as 105460' },
        ]);
        const substance = await api.post(`/api${base()}/substance-misuse`, { identifiedDate: '2026-02-01', interventionReceived: false });
        expect((substance.body as ApiErrors).errors).toEqual([
          { field: 'interventionOffered', message: 'Select whether an intervention was offered' },
        ]);
        const beforeBirth = await api.post(`/api${base()}/dental-checks`, { checkDate: '2014-05-01' });
        expect((beforeBirth.body as ApiErrors).errors).toEqual([
          { field: 'checkDate', message: 'Date of the dental check cannot be before the child was born (10 May 2014)' },
        ]);
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('health', () => {
      it('records the initial health assessment from its page: the obligation is met and the first review falls due 12 months on', async () => {
        await ana.get(`${base()}/health-assessments/new`);
        const res = await ana.post(`${base()}/health-assessments/new`, {
          ...dateInput('checkDate', '2026-03-02'),
          assessmentType: 'initial',
          completedBy: 'Dr Imaginary',
        });
        expect(res.status).toBe(303);
        expect(res.location).toBe(base());
        expect(await obligation('initial-health-assessment')).toEqual([{ due: '2026-03-30', done: '2026-03-02' }]);
        // aged 11 at the assessment: reviewed within 12 months
        expect(await obligation('review-health-assessment')).toEqual([{ due: '2027-03-02', done: null }]);
        [{ id: assessmentId }] = (await rows<{ id: string }>(
          database.db,
          sql`select id from cla_health_checks where child_id = ${childId} and check_type = 'health_assessment'`,
        )) as [{ id: string }];
        expect(await auditActions()).toContain('RECORD_HEALTH_ASSESSMENT');
      });

      it('refuses a stale correction (409) and a second assessment the same day, and writes nothing', async () => {
        const before = await snapshot();
        await ana.get(`${base()}/health-assessments/${assessmentId}`);
        const stale = await ana.post(`${base()}/health-assessments/${assessmentId}`, {
          ...dateInput('checkDate', '2026-03-01'),
          assessmentType: 'initial',
          completedBy: 'Dr Imaginary',
          version: '2',
        });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This health assessment was changed by someone else after you opened it');
        const again = await api.post(`/api${base()}/health-assessments`, {
          checkDate: '2026-03-02',
          assessmentType: 'review',
          completedBy: 'Nurse Madeup',
        });
        expect(again.status).toBe(400);
        expect((again.body as ApiErrors).errors).toEqual([
          { field: 'checkDate', message: 'A health assessment on 2 March 2026 is already recorded' },
        ]);
        const missing = await api.post(`/api${base()}/health-assessments/00000000-0000-4000-8000-000000000000`, {
          checkDate: '2026-03-01',
          assessmentType: 'initial',
          completedBy: 'Dr Imaginary',
          version: 1,
        });
        expect(missing.status).toBe(404);
        expect(await snapshot()).toEqual(before);
      });

      it('corrects the assessment at its version: the review moves with it', async () => {
        const res = await api.post(`/api${base()}/health-assessments/${assessmentId}`, {
          checkDate: '2026-03-01',
          assessmentType: 'initial',
          completedBy: 'Dr Imaginary',
          version: 1,
        });
        expect(res.status).toBe(200);
        expect(await obligation('review-health-assessment')).toEqual([{ due: '2027-03-01', done: null }]);
        expect(await auditActions()).toContain('CORRECT_HEALTH_ASSESSMENT');
      });

      it('records a dental check, immunisations, an SDQ, substance misuse and a caution', async () => {
        expect((await api.post(`/api${base()}/dental-checks`, { checkDate: '2026-03-02', completedBy: 'Smile Dental' })).status).toBe(201);
        expect(await obligation('dental-check')).toEqual([
          { due: '2027-03-02', done: '2026-03-02' },
          { due: '2027-03-02', done: null },
        ]);
        expect(
          (await api.post(`/api${base()}/health-status`, { kind: 'immunisations', asAtDate: '2026-03-02', upToDate: true })).status,
        ).toBe(201);
        expect((await api.post(`/api${base()}/sdq`, { completedDate: '2026-02-20', score: '18' })).status).toBe(201);
        expect(
          (
            await api.post(`/api${base()}/substance-misuse`, {
              identifiedDate: '2026-02-01',
              substance: 'Cannabis',
              interventionReceived: false,
              interventionOffered: true,
            })
          ).status,
        ).toBe(201);
        expect((await api.post(`/api${base()}/offending`, { outcomeDate: '2026-01-15', outcome: 'youth_caution' })).status).toBe(201);
        const page = await ana.get(base());
        expect(page.status).toBe(200);
        for (const text of [
          'Initial health assessment, 1 March 2026',
          'Yes, as at 2 March 2026',
          'Score 18 of 40, 20 February 2026',
          'Offered an intervention, not received',
          'Youth caution',
        ])
          expect(page.text).toContain(text);
      });
    });

    describe('education', () => {
      it('initiates the PEP from its page for the period in force: the obligation is met and a review is due by the end of next term', async () => {
        const form = await ana.get(`${base()}/peps/new`);
        expect(form.text).toContain(`value="${periodId}" selected`);
        const res = await ana.post(`${base()}/peps/new`, { carePeriodId: periodId, ...dateInput('initiatedDate', '2026-03-02') });
        expect(res.status).toBe(303);
        expect(await obligation('pep-initiated')).toEqual([{ due: '2026-03-16', done: '2026-03-02' }]);
        // spring term (from 1 January): the next meeting falls in the summer term, ending 31 August
        expect(await obligation('pep-review')).toEqual([{ due: '2026-08-31', done: null }]);
        [{ id: pepId }] = (await rows<{ id: string }>(
          database.db,
          sql`select id from personal_education_plans where child_id = ${childId}`,
        )) as [{ id: string }];
        expect((await ana.get(`${base()}/periods/${periodId}/pep-meeting`)).location).toBe(`${base()}/peps/${pepId}/meetings/new`);
        const again = await api.post(`/api${base()}/peps`, { carePeriodId: periodId, initiatedDate: '2026-03-02' });
        expect((again.body as ApiErrors).errors).toEqual([
          {
            field: 'carePeriodId',
            message:
              'A personal education plan was already initiated for this period of care, on 2 March 2026: record a PEP meeting instead',
          },
        ]);
      });

      it('refuses a PEP meeting on the day the plan began or with a stale version, and writes nothing', async () => {
        await advanceTo('2026-04-20T09:00:00Z');
        const before = await snapshot();
        const early = await api.post(`/api${base()}/peps/${pepId}/meetings`, { meetingDate: '2026-03-02', version: 1 });
        expect((early.body as ApiErrors).errors).toEqual([
          { field: 'meetingDate', message: 'Date of the PEP meeting must be after the plan was initiated (2 March 2026)' },
        ]);
        await ana.get(`${base()}/peps/${pepId}/meetings/new`);
        const stale = await ana.post(`${base()}/peps/${pepId}/meetings/new`, { ...dateInput('meetingDate', '2026-04-20'), version: '7' });
        expect(stale.status).toBe(409);
        expect(stale.text).toContain('This personal education plan was changed by someone else after you opened it');
        expect(await snapshot()).toEqual(before);
      });

      it('records a PEP meeting: the review is met and the next is due by the end of the autumn term', async () => {
        await ana.get(`${base()}/peps/${pepId}/meetings/new`);
        const res = await ana.post(`${base()}/peps/${pepId}/meetings/new`, { ...dateInput('meetingDate', '2026-04-20'), version: '1' });
        expect(res.status).toBe(303);
        expect(await obligation('pep-review')).toEqual([
          { due: '2026-08-31', done: '2026-04-20' },
          { due: '2026-12-31', done: null },
        ]);
        const [pep] = await rows<{ version: number }>(database.db, sql`select version from personal_education_plans where id = ${pepId}`);
        expect(pep!.version).toBe(2);
      });

      it('records the school and the hours of education, flagging fewer than 25 a week', async () => {
        expect(
          (
            await api.post(`/api${base()}/schools`, {
              fromDate: '2025-09-01',
              schoolName: 'Imaginary Academy',
              urn: '100001',
              ofstedGrade: 'requires_improvement',
            })
          ).status,
        ).toBe(201);
        await ana.get(`${base()}/hours/new`);
        const res = await ana.post(`${base()}/hours/new`, { ...dateInput('asAtDate', '2026-04-20'), hoursPerWeek: '22.5' });
        expect(res.status).toBe(303);
        const page = await ana.get(base());
        expect(page.text).toContain('Imaginary Academy (URN 100001), Ofsted: Requires improvement');
        expect(page.text).toContain('22.5 hours a week, as at 20 April 2026');
        expect(page.text).toContain('Under 25 hours');
        const record = await ana.get(`/children/${childId}`);
        expect(record.text).toContain('22.5 hours a week, as at 20 April 2026');
        expect(record.text).toContain('govuk-tag--red');
      });
    });

    describe('the API, the chronology and the OC2 table', () => {
      it('reads the whole record with what is due', async () => {
        const res = await api.get(`/api${base()}`);
        expect(res.status).toBe(200);
        const body = res.body as {
          healthChecks: unknown[];
          peps: { meetings: string[] }[];
          hours: { hoursPerWeek: number }[];
          obligations: { ruleId: string }[];
        };
        expect(body.healthChecks).toHaveLength(2);
        expect(body.peps[0]!.meetings).toEqual(['2026-04-20']);
        expect(body.hours[0]!.hoursPerWeek).toBe(22.5);
        expect(body.obligations.map((o) => o.ruleId)).toEqual(expect.arrayContaining(['pep-review', 'dental-check']));
        expect(body.obligations.every((o) => !['looked-after-review', 'looked-after-visit'].includes(o.ruleId))).toBe(true);
      });

      it('describes every change in the API description, from the same schemas', async () => {
        const described = await api.get('/api/openapi.json');
        const paths = (described.body as { paths: Record<string, { post?: unknown }> }).paths;
        for (const path of [
          'health-assessments',
          'health-assessments/{id}',
          'dental-checks',
          'health-status',
          'sdq',
          'substance-misuse',
          'offending',
          'schools',
          'peps',
          'peps/{id}/meetings',
          'hours',
        ])
          expect(paths[`/api/children/{childId}/health-and-education/${path}`]?.post, path).toBeDefined();
      });

      it('puts health and education in the chronology', async () => {
        const page = await ana.get(`/children/${childId}/chronology?view=print`);
        expect(page.status).toBe(200);
        for (const text of [
          'Initial health assessment',
          'Dental check',
          'Strengths and difficulties questionnaire: score 18',
          'Started at Imaginary Academy',
          'Personal education plan initiated',
          'PEP meeting: the personal education plan reviewed',
          'Education: 22.5 hours a week',
        ])
          expect(page.text).toContain(text);
      });

      it('gives the OC2 cohort: children looked after all year to 31 March, with their health and education facts', async () => {
        // Sam has been looked after since June 2024, so all of the year to 31 March 2026
        const started = await api.post(`/api/children/${longStayId}/looked-after/periods`, { startDate: '2024-06-03', ...placement });
        expect(started.status).toBe(201);
        const sam = `/api/children/${longStayId}/health-and-education`;
        for (const [path, body] of [
          ['health-assessments', { checkDate: '2025-05-01', assessmentType: 'review', completedBy: 'Nurse Madeup' }],
          ['dental-checks', { checkDate: '2025-10-01' }],
          ['health-status', { kind: 'immunisations', asAtDate: '2025-09-01', upToDate: 'yes' }],
          ['sdq', { completedDate: '2025-11-01', score: 15 }],
          ['offending', { outcomeDate: '2024-12-01', outcome: 'conviction' }],
        ] as const)
          expect((await api.post(`${sam}/${path}`, body)).status, path).toBe(201);
        const cohort = await oc2Cohort(database.db, '2026-03-31');
        // Ellis became looked after in March 2026, Rowan never
        expect(cohort.map((c) => c.childId)).toEqual([longStayId]);
        expect(cohort[0]).toMatchObject({
          lastHealthAssessment: '2025-05-01',
          dentalCheckInYear: true,
          immunisationsUpToDate: true,
          sdqScore: 15,
        });
        expect(oc2Codes(cohort[0]!, '2026-03-31')).toEqual({
          SDQ_SCORE: '15',
          SDQ_REASON: '',
          // the conviction was before the year
          CONVICTED: '0',
          HEALTH_CHECK: '',
          IMMUNISATIONS: '1',
          TEETH_CHECK: '1',
          HEALTH_ASSESSMENT: '1',
          SUBSTANCE_MISUSE: '0',
          INTERVENTION_RECEIVED: '',
          INTERVENTION_OFFERED: '',
        });
      });
    });
  });
}
