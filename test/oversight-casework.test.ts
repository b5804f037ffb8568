import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conferenceSchema,
  recordConference,
  recordS47Outcome,
  recordStrategyDiscussion,
  s47OutcomeSchema,
  startS47Enquiry,
  startS47Schema,
  strategyDiscussionSchema,
} from '../src/child-protection/use-cases.js';
import { startCinPlan, startCinPlanSchema } from '../src/children-in-need/use-cases.js';
import { createChild, type NewChild } from '../src/children/use-cases.js';
import { rows, type Database, type Db } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { noteRecordChange } from '../src/core/db/record-changes.js';
import { fixedTime } from '../src/core/time.js';
import { decideContact, recordContact } from '../src/front-door/use-cases.js';
import { allocate } from '../src/workforce/use-cases.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';
const today = () => '2026-03-02';

type Authority = Awaited<ReturnType<typeof smallAuthority>>;

const police = { agency: 'police', role: 'Detective sergeant', name: 'Pat Constable' };
const health = { agency: 'health', role: 'Health visitor', name: 'Hal Visitor' };
const attendance = [
  { agency: 'childrens_social_care', name: 'Ana Fictional, social worker', attended: true },
  { agency: 'police', name: 'Pat Constable', attended: true },
];

/** The number a list's figure shows on a dashboard: the link to the list, and its number. */
const figureFor = (html: string, list: string) =>
  new RegExp(`href="[^"]*/lists/${list}(?:\\?[^"]*)?"[^>]*>(\\d+)<`).exec(html.replaceAll('&amp;', '&'))?.[1];

/** A child in North 1 or South 1, held by a worker there. */
async function heldChild(db: Db, authority: Authority, name: [string, string], team: { teamId: string; workerId: string }) {
  const childId = await createChild(
    db,
    { firstName: name[0], lastName: name[1], sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2016-05-04', disabilities: [] } as NewChild,
    '2023-01-02',
    { userId: authority.users.manager, teamId: team.teamId },
  );
  await allocate(db, childId, team, { userId: authority.users.manager });
  return childId;
}

/**
 * A concern through its strategy discussion and section 47 enquiry to an initial conference
 * that makes a plan, every step through the child protection use cases. Returns the plan's id.
 */
async function protectionPlan(
  db: Db,
  authority: Authority,
  childId: string,
  days: { concern: string; s47: string; conference: string },
  report: { socialWorkerAttended: boolean; reportSharedWithFamilyDate?: string },
) {
  const by = { userId: authority.users.practitioner, workerId: authority.workers.ana, now: new Date(NOW) };
  const discussionId = await recordStrategyDiscussion(
    db,
    childId,
    strategyDiscussionSchema(today).parse({
      concernDate: days.concern,
      concernTime: '09:00',
      concern: 'Bruising seen at school',
      held: true,
      heldDate: days.concern,
      heldTime: '15:00',
      participants: [police, health],
      informationShared: 'School’s account; police checks',
      decisions: ['s47_enquiry'],
    }),
    by,
  );
  const enquiryId = await startS47Enquiry(db, childId, discussionId, startS47Schema(today).parse({ startDate: days.s47 }), by);
  await recordS47Outcome(
    db,
    childId,
    enquiryId,
    s47OutcomeSchema(today).parse({
      childSeen: true,
      seenAlone: true,
      outcome: 'substantiated',
      conferenceRequired: true,
      endDate: days.s47,
      version: 1,
    }),
    by,
  );
  const made = await recordConference(
    db,
    childId,
    conferenceSchema(today).parse({
      type: 'initial',
      s47EnquiryId: enquiryId,
      conferenceDate: days.conference,
      chair: 'Cas Chair',
      attendance,
      parentsParticipation: 'attended',
      childParticipation: 'views_shared',
      decision: 'cp_plan',
      categoryOfAbuse: 'PHY',
      ...report,
    }),
    by,
  );
  return made.planId!;
}

/** A review conference under a plan. */
async function review(db: Db, authority: Authority, childId: string, planId: string, on: string, extra: Record<string, unknown>) {
  const by = { userId: authority.users.practitioner, workerId: authority.workers.ana, now: new Date(NOW) };
  return recordConference(
    db,
    childId,
    conferenceSchema(today).parse({
      type: 'review',
      cpPlanId: planId,
      conferenceDate: on,
      chair: 'Cas Chair',
      attendance,
      parentsParticipation: 'attended',
      childParticipation: 'views_shared',
      ...extra,
    }),
    by,
  );
}

/** A contact decided as a referral to a team, which nobody in it has picked up. */
async function unallocatedReferral(db: Db, authority: Authority, name: [string, string], on: string) {
  const childId = await createChild(
    db,
    { firstName: name[0], lastName: name[1], sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2018-02-01', disabilities: [] } as NewChild,
    on,
    { userId: authority.users.manager, teamId: null },
  );
  const contactId = await recordContact(
    db,
    {
      childId,
      receivedDate: on,
      receivedTime: '10:00',
      source: '3B',
      referrerName: 'A Health Visitor',
      about: 'Concerns about home conditions',
      consent: 'given',
      domesticAbuseNotification: false,
    } as never,
    { userId: authority.users.manager },
  );
  await decideContact(
    db,
    contactId,
    {
      thresholdLevel: 'child_in_need',
      outcome: 'referral',
      decisionReason: 'Assessment needed',
      teamId: authority.teams.north,
      version: 1,
    } as never,
    { userId: authority.users.manager, workerId: authority.workers.manager, at: new Date(`${on}T16:00:00Z`) },
  );
  return childId;
}

for (const kind of await testDatabases()) {
  describe(`child protection and children in need on the dashboards, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let authority: Authority;
    const ids: Record<string, string> = {};
    let mina: Agent;
    let sam: Agent;

    beforeAll(async () => {
      database = await kind.open();
      const db = database.db;
      authority = await smallAuthority(db);
      const north = { teamId: authority.teams.north, workerId: authority.workers.ana };
      // on a plan since October 2023, never visited: over two years, and every visit, core group and review owed
      ids.pip = await heldChild(db, authority, ['Pip', 'Longplan'], north);
      await protectionPlan(
        db,
        authority,
        ids.pip,
        { concern: '2023-10-02', s47: '2023-10-03', conference: '2023-10-20' },
        { socialWorkerAttended: true, reportSharedWithFamilyDate: '2023-10-18' },
      );
      // a first plan in 2025, ended by a review at which all was in time; a second plan from 16 February 2026,
      // at whose conference the allocated worker was absent and the report reached the family that morning
      ids.rue = await heldChild(db, authority, ['Rue', 'Repeatplan'], north);
      const first = await protectionPlan(
        db,
        authority,
        ids.rue,
        { concern: '2025-01-06', s47: '2025-01-07', conference: '2025-01-20' },
        { socialWorkerAttended: true },
      );
      // Monday 14 April 2025: the report shared on Thursday 10 April, before the working day before
      await review(db, authority, ids.rue, first, '2025-04-14', {
        decision: 'end_plan',
        socialWorkerAttended: true,
        reportSharedWithFamilyDate: '2025-04-10',
      });
      await protectionPlan(
        db,
        authority,
        ids.rue,
        { concern: '2026-02-02', s47: '2026-02-03', conference: '2026-02-16' },
        { socialWorkerAttended: false, reportSharedWithFamilyDate: '2026-02-16' },
      );
      // a restricted child in North 1, held by Ana, on a plan made at a conference without her
      ids.hal = await heldChild(db, authority, ['Hal', 'Hiddenplan'], north);
      await protectionPlan(
        db,
        authority,
        ids.hal,
        { concern: '2026-01-05', s47: '2026-01-06', conference: '2026-01-19' },
        { socialWorkerAttended: false, reportSharedWithFamilyDate: '2026-01-14' },
      );
      await db.execute(sql`update children set restricted = true where id = ${ids.hal}`);
      await db.execute(sql`insert into restricted_record_access (child_id, user_id) values (${ids.hal}, ${authority.users.practitioner})`);
      // South 1: a plan made at a conference without the worker, which North 1's lists never show
      ids.sol = await heldChild(db, authority, ['Sol', 'Southplan'], { teamId: authority.teams.south, workerId: authority.workers.cleo });
      await protectionPlan(
        db,
        authority,
        ids.sol,
        { concern: '2026-01-12', s47: '2026-01-13', conference: '2026-01-26' },
        { socialWorkerAttended: false },
      );
      // a child in need plan from 3 November 2025: its first review was due three months on
      ids.cy = await driftingAssessment(db, authority, { firstName: 'Cy', lastName: 'Cinplan' }, { date: '2025-10-13', time: '10:00' });
      const [referral] = await rows<{ id: string }>(db, sql`select id from referrals where child_id = ${ids.cy}`);
      await startCinPlan(db, ids.cy, startCinPlanSchema(today).parse({ referralId: referral!.id, startDate: '2025-11-03' }), {
        userId: authority.users.practitioner,
        workerId: authority.workers.ana,
        now: new Date(NOW),
      });
      // two referrals North 1 has not allocated to anyone, the older first in the queue
      ids.uri = await unallocatedReferral(db, authority, ['Uri', 'Waitingtoo'], '2026-01-05');
      ids.una = await unallocatedReferral(db, authority, ['Una', 'Waiting'], '2025-12-01');
      await db.execute(sql`update children set restricted = true where id = ${ids.uri}`);

      service = await startService(database, fixedTime(NOW));
      mina = new Agent(service.url);
      await mina.signIn('mina', PASSWORD);
      sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('counts each list on My team as its list, scoped to the team, with the restricted child counted but not named', async () => {
      const page = (await mina.get('/my-team')).text;
      // Rue's second plan started 16 February 2026: its first core group is due 10 working days on, on 2 March
      const expected: Record<string, string> = {
        'core-groups-due': '1',
        // Pip's and Hal's
        'core-groups-overdue': '2',
        'cp-plans-over-two-years': '1',
        'cp-later-plans': '1',
        // Rue's second initial conference and Hal's: Sol's is South 1's
        'conferences-without-worker': '2',
        // Rue's second initial conference, its report shared that morning; Hal's was shared on 14 January for
        // Monday 19 January, in time, and Rue's first initial conference was over a year ago
        'conference-reports-late': '1',
        'cin-reviews-overdue': '1',
        unallocated: '2',
      };
      for (const [list, count] of Object.entries(expected)) expect(figureFor(page, list), list).toBe(count);

      const listOf = async (list: string) => {
        const res = await mina.get(`/my-team/lists/${list}`);
        expect(res.status, list).toBe(200);
        expect(res.text, list).not.toContain('Hiddenplan');
        expect(res.text, list).not.toContain('Southplan');
        return res.text;
      };
      const withoutWorker = await listOf('conferences-without-worker');
      expect(withoutWorker).toContain('2 conferences');
      expect(withoutWorker).toContain('Rue Repeatplan');
      expect(withoutWorker).toContain('Restricted record');
      expect(withoutWorker).not.toContain(`/children/${ids.hal}/child-protection`);
      expect(withoutWorker).toMatch(new RegExp(`href="/children/${ids.rue}/child-protection/conferences/[0-9a-f-]+">Open the conference`));

      const late = await listOf('conference-reports-late');
      expect(late).toContain('1 conference');
      expect(late).toContain('Rue Repeatplan');
      expect(late).toContain('16 February 2026');
      expect(late).toContain('later than 1 working day before the conference');

      const long = await listOf('cp-plans-over-two-years');
      expect(long).toContain('Pip Longplan');
      expect(long).not.toContain('Repeatplan');
      expect(await listOf('cp-later-plans')).toContain('Rue Repeatplan');

      const coreGroups = await listOf('core-groups-overdue');
      expect(coreGroups).toContain('Pip Longplan');
      expect(coreGroups).toContain('Restricted record');
      expect(coreGroups).toMatch(
        new RegExp(`href="/children/${ids.pip}/child-protection/plans/[0-9a-f-]+/core-groups/new">Record a core group meeting`),
      );
      expect(await listOf('core-groups-due')).toContain('Rue Repeatplan');

      const visits = await listOf('cp-visits-overdue');
      expect(visits).toContain('Pip Longplan');
      expect(visits).toContain('visits/new?purpose=child_protection');
      expect(figureFor(page, 'cp-visits-overdue')).toBe(String((visits.match(/<tr class="govuk-table__row">/g) ?? []).length - 1));

      const cin = await listOf('cin-reviews-overdue');
      expect(cin).toContain('Cy Cinplan');
      expect(cin).toMatch(new RegExp(`href="/children/${ids.cy}/children-in-need/plans/[0-9a-f-]+/reviews/new">Record the plan review`));
    });

    it('queues the team’s unallocated open cases oldest first, each with a link to allocate it', async () => {
      const queue = (await mina.get('/my-team/lists/unallocated')).text;
      expect(queue).toContain('2 children');
      expect(queue).toContain('Una Waiting');
      // Uri's record is restricted to nobody named: a restricted record, with no link to allocate it
      expect(queue).not.toContain('Waitingtoo');
      expect(queue).toContain('Restricted record');
      expect(queue.indexOf('Una Waiting')).toBeLessThan(queue.indexOf('Restricted record'));
      expect(queue).toContain(`href="/children/${ids.una}/allocation">Allocate`);
      expect(queue).not.toContain(`/children/${ids.uri}/allocation`);
      // children held by a worker are not in it
      expect(queue).not.toContain('Cinplan');
      expect(queue).not.toContain('Longplan');
      // the list is audited with the children it named, and not the one it did not
      const [audited] = await rows<{ child_ids: string[] }>(
        database.db,
        sql`select child_ids from audit_events where action = 'VIEW_LIST' and username = 'mina' order by id desc limit 1`,
      );
      expect(audited!.child_ids).toEqual([ids.una]);
    });

    it('links each task on the worker’s own list to the page that meets it, and an enquiry’s through its discussion', async () => {
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      const work = (await ana.get('/my-work')).text;
      expect(work).toMatch(
        new RegExp(`href="/children/${ids.pip}/child-protection/plans/[0-9a-f-]+/core-groups/new">Record a core group meeting`),
      );
      expect(work).toMatch(
        new RegExp(
          `href="/children/${ids.pip}/child-protection/conferences/new\\?type=review&amp;cpPlanId=[0-9a-f-]+">Record the review conference`,
        ),
      );
      expect(work).toContain(`href="/children/${ids.pip}/visits/new?purpose=child_protection">Record a child protection visit`);
      expect(work).toMatch(new RegExp(`href="/children/${ids.cy}/children-in-need/plans/[0-9a-f-]+/reviews/new">Record the plan review`));
      // the enquiry's obligations are kept under the discussion that started it: its address finds the enquiry
      const [rue] = await rows<{ discussion: string; enquiry: string }>(
        database.db,
        sql`select d.id as discussion, e.id as enquiry from strategy_discussions d join s47_enquiries e on e.strategy_discussion_id = d.id
             where d.child_id = ${ids.rue} order by d.concern_at desc limit 1`,
      );
      const found = await ana.get(`/children/${ids.rue}/child-protection/strategy-discussions/${rue!.discussion}/enquiry`);
      expect(found.status).toBe(302);
      expect(found.location).toBe(`/children/${ids.rue}/child-protection/s47-enquiries/${rue!.enquiry}`);
      // a practitioner in another team may not open it
      const cleo = new Agent(service.url);
      await cleo.signIn('cleo', PASSWORD);
      expect((await cleo.get(`/children/${ids.hal}/child-protection/strategy-discussions/${rue!.discussion}/enquiry`)).status).toBe(403);
    });

    it('links the list awaiting authorisation to the assessment itself', async () => {
      const [assessment] = await rows<{ id: string }>(database.db, sql`select id from assessments where child_id = ${ids.cy}`);
      await database.db.execute(sql`update assessments set submitted_at = now() where id = ${assessment!.id}`);
      const list = (await mina.get('/my-team/lists/awaiting-authorisation')).text;
      expect(list).toContain(`href="/children/${ids.cy}/assessments/${assessment!.id}">Open the assessment`);
    });

    it('shows the authority every team’s lists, and both readings of not seen for six months', async () => {
      const page = (await sam.get('/authority')).text;
      // Rue's, Hal's and Sol's
      expect(figureFor(page, 'conferences-without-worker')).toBe('3');
      const list = (await sam.get('/authority/lists/conferences-without-worker')).text;
      expect(list).toContain('Sol Southplan');
      expect(list).toContain('Rue Repeatplan');
      expect(list).not.toContain('Hiddenplan');
      expect(list).toContain('Restricted record');
      // the old figure says what it counts
      expect(page).toContain('of those, referred six months ago or more and not seen since the referral');
      // Pip's case has been open since 2023 and she has never been seen; Cy was referred in October 2025, under six months ago
      expect(page).toContain('children with an open case not seen in the last six months');
      expect(figureFor(page, 'not-seen-in-six-months')).toBe('1');
      const notSeen = (await sam.get('/authority/lists/not-seen-in-six-months')).text;
      expect(notSeen).toContain('Pip Longplan');
      expect(notSeen).not.toContain('Cinplan');
      // the authority's unallocated work includes North 1's
      expect(figureFor(page, 'unallocated')).toBe('2');
    });

    it('judges a report in time by the authority’s setting in force on the conference’s day', async () => {
      // five working days before: Hal's report, shared on Wednesday 14 January for Monday 19 January, is now late
      await database.db.execute(
        sql`insert into policy_settings (key, value, effective_from) values ('oversight.conferenceReportWorkingDays', '5'::jsonb, '2026-01-01')`,
      );
      // written past the service, so it is told, as the policy page's save tells it
      await noteRecordChange(database.db);
      try {
        const page = (await mina.get('/my-team')).text;
        expect(figureFor(page, 'conference-reports-late')).toBe('2');
        expect(page).toContain('whose report was not shared with the family 5 working days before');
        const late = (await mina.get('/my-team/lists/conference-reports-late')).text;
        expect(late).toContain('2 conferences');
        expect(late).toContain('later than 5 working days before the conference');
      } finally {
        await database.db.execute(sql`delete from policy_settings where key = 'oversight.conferenceReportWorkingDays'`);
        await noteRecordChange(database.db);
      }
    });
  });
}
