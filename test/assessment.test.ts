import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database, type Db } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { decideContact, recordContact } from '../src/front-door/use-cases.js';
import { ApiClient } from './support/api-client.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { Agent, startService, TestClock, type RunningService } from './support/service.js';

type Authority = Awaited<ReturnType<typeof smallAuthority>>;
type ApiErrors = { errors: { field: string; message: string }[] };

/** A GOV.UK date input's three fields. */
function dateInput(name: string, iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y! };
}

/** A child referred to North 1 on `date`: with the team, allocated to no worker. Returns the child and the referral. */
async function referredChild(db: Db, authority: Authority, lastName: string, date: string) {
  const childId = await createChild(
    db,
    { firstName: 'Rey', lastName, sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2018-05-14', disabilities: [] } as NewChild,
    date,
    { userId: authority.users.practitioner, teamId: authority.teams.frontDoor },
  );
  const contactId = await recordContact(
    db,
    {
      childId,
      receivedDate: date,
      receivedTime: '10:00',
      source: '3B',
      referrerName: 'A Health Visitor',
      about: 'Concerns about neglect at home',
      consent: 'given',
      domesticAbuseNotification: false,
    } as never,
    { userId: authority.users.practitioner },
  );
  const decided = await decideContact(
    db,
    contactId,
    {
      thresholdLevel: 'child_in_need',
      outcome: 'referral',
      decisionReason: 'An assessment is needed',
      teamId: authority.teams.north,
      version: 1,
    } as never,
    { userId: authority.users.manager, workerId: authority.workers.manager, at: new Date(`${date}T16:00:00Z`) },
  );
  return { childId, referralId: decided.referralId! };
}

const written = {
  analysis: 'Home conditions have improved since the referral; the risk of neglect remains while the mother is unwell.',
  childViews: 'Rey says she likes school and wants her mum to get better.',
  familyViews: 'Her mother agrees help with the house and school runs would make a difference.',
  plan: 'A strategy discussion today, with the police and the health visitor.',
};

for (const kind of await testDatabases()) {
  describe(`the single assessment, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Authority;
    let ana: Agent;
    let mina: Agent;
    let api: ApiClient;
    let minaApi: ApiClient;
    let childId: string;
    let referralId: string;
    let assessmentId: string;

    const page = () => `/children/${childId}/assessments/${assessmentId}`;
    const apiPath = () => `/api/children/${childId}/assessments/${assessmentId}`;

    async function allocationsOf(child: string) {
      return rows<{ teamId: string; workerId: string | null; current: boolean }>(
        database.db,
        sql`select team_id as "teamId", worker_id as "workerId", ended_at is null as current
              from allocations where child_id = ${child} order by ended_at is null, started_at`,
      );
    }

    /** The assessment as stored, its management oversight and every change audited: what a refusal leaves as it was. */
    async function snapshot() {
      const [state] = await rows<Record<string, unknown>>(
        database.db,
        sql`select a.version, a.submitted_at::text as "submittedAt", a.authorised_at::text as "authorisedAt", a.analysis, a.outcome,
                   (select count(*)::int from assessment_reviews) as reviews,
                   (select count(*)::int from audit_events where action not in ('VIEW_CHILD', 'VIEW_CHILDREN', 'SIGN_IN')) as changes
              from assessments a where a.id = ${assessmentId}`,
      );
      return state!;
    }

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      ({ childId, referralId } = await referredChild(database.db, authority, 'Unallocated', '2026-02-23'));
      // Monday 2 March 2026, 10:00 in England
      service = await startService(database, new TestClock('2026-03-02T10:00:00Z'));
      ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      api = new ApiClient(service.url);
      await api.signIn('ana', PASSWORD);
      minaApi = new ApiClient(service.url);
      await minaApi.signIn('mina', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    describe('starting it', () => {
      it('leaves an unallocated child unallocated: the assessment names its worker, the allocation is the manager’s', async () => {
        expect(await allocationsOf(childId)).toEqual([
          { teamId: authority.teams.frontDoor, workerId: null, current: false },
          { teamId: authority.teams.north, workerId: null, current: true },
        ]);
        await ana.get(`/children/${childId}/assessments`);
        const res = await ana.post(`/children/${childId}/assessments`, {
          referralId,
          ...dateInput('startDate', '2026-02-24'),
          workerId: authority.workers.ana,
        });
        expect(res.status).toBe(303);
        assessmentId = /assessments\/([0-9a-f-]{36})$/.exec(res.location ?? '')![1]!;
        const [stored] = await rows<{ workerId: string }>(
          database.db,
          sql`select worker_id as "workerId" from assessments where id = ${assessmentId}`,
        );
        expect(stored!.workerId).toBe(authority.workers.ana);
        // still with North 1 and no one in it: the manager sees an unallocated child
        expect(await allocationsOf(childId)).toEqual([
          { teamId: authority.teams.frontDoor, workerId: null, current: false },
          { teamId: authority.teams.north, workerId: null, current: true },
        ]);
        const record = await mina.get(`/children/${childId}`);
        expect(record.status).toBe(200);
        expect(record.text).toMatch(/Social worker\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Not allocated/);
        // and Ana's caseload is not one more
        const [caseload] = await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from allocations where worker_id = ${authority.workers.ana} and ended_at is null`,
        );
        expect(caseload!.n).toBe(0);
      });

      it('through the API too; a child not with the worker’s team moves to it, still unallocated', async () => {
        const other = await referredChild(database.db, authority, 'Otherteam', '2026-02-25');
        const sam = new ApiClient(service.url);
        await sam.signIn('sam', PASSWORD);
        const res = await sam.post(`/api/children/${other.childId}/assessments`, {
          referralId: other.referralId,
          startDate: '2026-02-26',
          workerId: authority.workers.cleo,
        });
        expect(res.status).toBe(201);
        const current = (await allocationsOf(other.childId)).filter((a) => a.current);
        expect(current).toEqual([{ teamId: authority.teams.south, workerId: null, current: true }]);
      });
    });

    describe('recording it', () => {
      it('saves the analysis, the child’s and the family’s views and the plan with the factor codes', async () => {
        await ana.get(page());
        const res = await ana.post(page(), { ...written, factors: ['1A', '2A'], outcome: 'section_47', version: '1', action: 'save' });
        expect(res.status).toBe(303);
        const [a] = await rows<Record<string, unknown>>(
          database.db,
          sql`select factors, analysis, child_views as "childViews", family_views as "familyViews", plan, outcome, version
                from assessments where id = ${assessmentId}`,
        );
        expect(a).toEqual({ factors: ['1A', '2A'], ...written, outcome: 'section_47', version: 2 });
        const shown = await ana.get(page());
        expect(shown.text).toContain('Rey says she likes school');
        expect(shown.text).toContain('name="version" value="2"');
      });

      it('refuses an analysis over its limit, naming the field, and saves nothing', async () => {
        const before = await snapshot();
        const res = await ana.post(page(), { ...written, analysis: 'x'.repeat(20001), factors: '1A', version: '2', action: 'save' });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Analysis must be 20000 characters or fewer');
        expect(res.text).toContain('href="#analysis"');
        expect(await snapshot()).toEqual(before);
      });

      it('refuses a stale edit (409) in the page and the API, and saves nothing', async () => {
        const before = await snapshot();
        const res = await ana.post(page(), {
          ...written,
          analysis: 'From a page opened before the last save',
          version: '1',
          action: 'save',
        });
        expect(res.status).toBe(409);
        expect(res.text).toContain('This assessment was changed by someone else after you opened it');
        expect(res.text).toContain('href="#factors"');
        // shown again against the version now saved, so it can be saved again
        expect(res.text).toContain('name="version" value="2"');
        const stale = await api.post(apiPath(), { ...written, factors: ['1A'], version: 1 });
        expect(stale.status).toBe(409);
        expect((stale.body as ApiErrors).errors).toEqual([
          {
            field: 'version',
            message:
              'This assessment was changed by someone else after you opened it, or it is no longer at this stage. Nothing has been saved: check it and try again.',
          },
        ]);
        expect(await snapshot()).toEqual(before);
      });
    });

    describe('submitting it', () => {
      const submission = { ...written, factors: ['1A', '2A'], outcome: 'section_47', version: '2', action: 'submit' };

      it('refuses it before the child has been seen during the assessment, naming why, in the page and the API; nothing is written', async () => {
        // seen before the assessment started, and visited since without being seen: neither counts
        expect(
          (
            await api.post(`/api/children/${childId}/visits`, {
              visitDate: '2026-02-23',
              purpose: 'other',
              childSeen: true,
              seenAlone: false,
            })
          ).status,
        ).toBe(201);
        expect(
          (await api.post(`/api/children/${childId}/visits`, { visitDate: '2026-02-26', purpose: 'assessment', childSeen: false })).status,
        ).toBe(201);
        const before = await snapshot();
        const res = await ana.post(page(), submission);
        expect(res.status).toBe(400);
        expect(res.text).toContain(
          'The child has not been seen during this assessment: record a visit on which the child was seen, on or after 24 February 2026, before submitting it',
        );
        expect(res.text).toContain('href="#childSeen"');
        expect(res.text).toContain('id="childSeen"');
        // what was typed is kept on the page
        expect(res.text).toContain('Rey says she likes school');
        const viaApi = await api.post(`${apiPath()}/submit`, { ...written, factors: ['1A'], outcome: 'section_47', version: 2 });
        expect(viaApi.status).toBe(400);
        expect((viaApi.body as ApiErrors).errors).toEqual([
          {
            field: 'childSeen',
            message:
              'The child has not been seen during this assessment: record a visit on which the child was seen, on or after 24 February 2026, before submitting it',
          },
        ]);
        expect(await snapshot()).toEqual(before);
      });

      it('refuses it without the analysis and the views, naming each', async () => {
        const before = await snapshot();
        const res = await api.post(`${apiPath()}/submit`, { factors: ['1A'], outcome: 'section_47', version: 2 });
        expect(res.status).toBe(400);
        expect((res.body as ApiErrors).errors.map((e) => e.field)).toEqual(['analysis', 'childViews', 'familyViews', 'plan']);
        expect(await snapshot()).toEqual(before);
      });

      it('submits it once the child has been seen', async () => {
        expect(
          (
            await api.post(`/api/children/${childId}/visits`, {
              visitDate: '2026-02-27',
              purpose: 'assessment',
              childSeen: true,
              seenAlone: true,
            })
          ).status,
        ).toBe(201);
        const shown = await ana.get(page());
        expect(shown.text).toContain('Yes, first seen on 27 February 2026');
        const res = await ana.post(page(), submission);
        expect(res.status).toBe(303);
        const [a] = await rows<{ submittedAt: string }>(
          database.db,
          sql`select submitted_at::text as "submittedAt" from assessments where id = ${assessmentId}`,
        );
        expect(a!.submittedAt).toBe('2026-03-02');
      });
    });

    describe('the manager’s decision', () => {
      it('a practitioner cannot return or authorise it', async () => {
        const before = await snapshot();
        const res = await ana.post(page(), { returnComments: 'Not mine to return', version: '3', action: 'return' });
        expect(res.status).toBe(403);
        expect((await api.post(`${apiPath()}/authorise`, { authorisedDate: '2026-03-02', version: 3 })).status).toBe(403);
        expect(await snapshot()).toEqual(before);
      });

      it('refuses a return without comments, naming the field', async () => {
        const before = await snapshot();
        await mina.get(page());
        const res = await mina.post(page(), { returnComments: '  ', version: '3', action: 'return' });
        expect(res.status).toBe(400);
        expect(res.text).toContain('Enter comments for the social worker');
        expect(res.text).toContain('href="#returnComments"');
        expect(await snapshot()).toEqual(before);
      });

      it('returns it to the social worker with comments: in progress again, the comments kept with who and when', async () => {
        const res = await mina.post(page(), {
          returnComments: 'Say what the school told you about attendance, and how the mother sees the risk.',
          version: '3',
          action: 'return',
        });
        expect(res.status).toBe(303);
        const [a] = await rows<{ submittedAt: string | null; version: number }>(
          database.db,
          sql`select submitted_at::text as "submittedAt", version from assessments where id = ${assessmentId}`,
        );
        expect(a).toEqual({ submittedAt: null, version: 4 });
        const reviews = await rows<Record<string, unknown>>(
          database.db,
          sql`select decision, comments, decided_by as "decidedBy", decided_by_worker as "decidedByWorker",
                       decided_at = ${'2026-03-02T10:00:00Z'}::timestamptz as "decidedNow"
                from assessment_reviews where assessment_id = ${assessmentId}`,
        );
        expect(reviews).toEqual([
          {
            decision: 'returned',
            comments: 'Say what the school told you about attendance, and how the mother sees the risk.',
            decidedBy: authority.users.manager,
            decidedByWorker: authority.workers.manager,
            decidedNow: true,
          },
        ]);
        // the worker sees it on the assessment, and can change it again
        const shown = await ana.get(page());
        expect(shown.text).toContain('Returned by Mina Manager, 2 Mar 2026, 10:00');
        expect(shown.text).toContain('Say what the school told you about attendance');
        expect(shown.text).toContain('Management oversight');
        expect(shown.text).toContain('Submit for authorisation');
        expect((await ana.get(`/children/${childId}/assessments`)).text).toContain('In progress: returned by the manager');
        const viaApi = await api.get(apiPath());
        expect(viaApi.body).toMatchObject({
          submittedAt: null,
          childSeenOn: '2026-02-27',
          managementOversight: [{ decision: 'returned', decidedByName: 'Mina Manager' }],
        });
      });

      it('authorised with an outcome of section 47, takes the manager to start the strategy discussion, whose clock then starts', async () => {
        const resubmitted = await api.post(`${apiPath()}/submit`, {
          ...written,
          analysis: `${written.analysis} School reports attendance of 71% this term.`,
          factors: ['1A', '2A'],
          outcome: 'section_47',
          version: 4,
        });
        expect(resubmitted.status).toBe(200);
        // the manager's list of assessments awaiting authorisation leads to the assessment, not only the child
        const awaiting = await mina.get('/my-team/lists/awaiting-authorisation');
        expect(awaiting.status).toBe(200);
        expect(awaiting.text).toContain(
          `href="${page()}">Open the assessment<span class="govuk-visually-hidden"> for Rey Unallocated</span>`,
        );
        await mina.get(page());
        const res = await mina.post(page(), {
          ...dateInput('authorisedDate', '2026-03-02'),
          authorisationComments: 'Agreed: the threshold for a section 47 enquiry is met.',
          version: '5',
          action: 'authorise',
        });
        expect(res.status).toBe(303);
        expect(res.location).toBe(`/children/${childId}/child-protection/strategy-discussions/new?referralId=${referralId}`);
        const reviews = await rows<{ decision: string; comments: string | null }>(
          database.db,
          sql`select decision, comments from assessment_reviews where assessment_id = ${assessmentId} order by decided_at, decision`,
        );
        expect(reviews).toContainEqual({ decision: 'authorised', comments: 'Agreed: the threshold for a section 47 enquiry is met.' });

        const start = await mina.get(res.location!);
        expect(start.status).toBe(200);
        expect(start.text).toContain('Assessment authorised. Its outcome starts child protection work');
        expect(start.text).toContain('Record a concern and strategy discussion');
        expect(start.text).toMatch(new RegExp(`<option value="${referralId}" selected`));
        // the assessment keeps offering it
        expect((await mina.get(page())).text).toContain(
          `href="/children/${childId}/child-protection/strategy-discussions/new?referralId=${referralId}"`,
        );

        const recorded = await mina.post(`/children/${childId}/child-protection/strategy-discussions/new`, {
          referralId,
          ...dateInput('concernDate', '2026-03-02'),
          concernTime: '09:30',
          concern: 'The assessment found neglect likely to cause significant harm',
          held: 'no',
          action: 'save',
        });
        expect(recorded.status).toBe(303);
        const due = await rows<{ due: string; done: string | null }>(
          database.db,
          sql`select due, done from obligations where child_id = ${childId} and rule_id = 'strategy-discussion'`,
        );
        expect(due).toEqual([{ due: '2026-03-03T09:30:00+00:00', done: null }]);
      });

      it('through the API, says where the work the outcome calls for starts', async () => {
        const other = await referredChild(database.db, authority, 'Viaapi', '2026-02-23');
        const started = await api.post(`/api/children/${other.childId}/assessments`, {
          referralId: other.referralId,
          startDate: '2026-02-24',
          workerId: authority.workers.ana,
        });
        const id = (started.body as { id: string }).id;
        expect(
          (
            await api.post(`/api/children/${other.childId}/visits`, {
              visitDate: '2026-02-25',
              purpose: 'assessment',
              childSeen: true,
              seenAlone: false,
            })
          ).status,
        ).toBe(201);
        const submitted = await api.post(`/api/children/${other.childId}/assessments/${id}/submit`, {
          ...written,
          factors: ['21'],
          outcome: 'strategy_discussion',
          version: 1,
        });
        expect(submitted.status).toBe(200);
        const authorised = await minaApi.post(`/api/children/${other.childId}/assessments/${id}/authorise`, {
          authorisedDate: '2026-03-02',
          version: 2,
        });
        expect(authorised.status).toBe(200);
        expect(authorised.body).toEqual({
          id,
          next: `/children/${other.childId}/child-protection/strategy-discussions/new?referralId=${other.referralId}`,
        });
      });
    });
  });
}
