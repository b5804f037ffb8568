import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

const figure = (html: string, name: string) => new RegExp(`data-figure="${name}">(\\d+)<`).exec(html)?.[1];

for (const kind of await testDatabases()) {
  describe(`every figure counts the right children, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      // North 1: one referral long past 45 working days, one recent; South 1: one long past
      await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Noor', lastName: 'Northdrift' },
        { date: '2025-11-03', time: '11:00' },
      );
      await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Nell', lastName: 'Northrecent' },
        { date: '2026-02-23', time: '09:30' },
      );
      await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Sol', lastName: 'Southdrift' },
        { date: '2025-08-04', time: '10:00' },
        { teamId: authority.teams.south, workerId: authority.workers.cleo },
      );
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('shows a team manager their own team’s backlog, and only theirs', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('mina', PASSWORD);
      const page = await agent.get('/my-team');
      expect(figure(page.text, 'overdue-assessments')).toBe('1');
      const list = await agent.get('/my-team/lists/overdue-assessments');
      expect(list.text).toContain('Noor Northdrift');
      expect(list.text).not.toContain('Southdrift');
      const open = await agent.get('/my-team/lists/open-assessments');
      expect(open.text).toContain('Nell Northrecent');
      expect(open.text).not.toContain('Southdrift');
      // 23 February to 2 March 2026 is 5 working days: the recent one sits in the 0 to 15 band
      const young = await agent.get(`/my-team/lists/open-assessments?band=${encodeURIComponent('0-15')}`);
      expect(young.text).toContain('Nell Northrecent');
      expect(young.text).not.toContain('Noor Northdrift');
    });

    it('shows the service manager the whole authority: the backlog and the children not seen', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('sam', PASSWORD);
      const page = await agent.get('/authority');
      expect(figure(page.text, 'overdue-assessments')).toBe('2');
      expect(figure(page.text, 'not-seen')).toBe('2');
      // Southdrift was referred on 4 August 2025, more than six months before 2 March 2026; Northdrift on 3 November, less
      expect(figure(page.text, 'not-seen-six-months')).toBe('1');
      const notSeen = await agent.get('/authority/lists/not-seen-during-assessment');
      expect(notSeen.text).toContain('Noor Northdrift');
      expect(notSeen.text).toContain('Sol Southdrift');
    });

    it('gives a practitioner their own children’s work, each task linking to the page that meets it', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get('/my-work');
      expect(page.text).toContain('Noor Northdrift');
      expect(page.text).toContain('Nell Northrecent');
      expect(page.text).not.toContain('Southdrift');
      // the assessment's deadline leads to the assessment, seeing the child to recording a visit
      expect(page.text).toMatch(/href="\/children\/[0-9a-f-]+\/assessments\/for-referral\/[0-9a-f-]+">Open the assessment/);
      expect(page.text).toMatch(/href="\/children\/[0-9a-f-]+\/visits\/new\?purpose=assessment">Record a visit/);
      // Noor's assessment is overdue and she was never seen within 10 working days: two tasks, for one child
      expect(page.text).toMatch(/data-figure="overdue-tasks">2<\/a><\/span><span class="app-figure__label">tasks overdue, for 1 child</);
      const to = /href="(\/children\/[0-9a-f-]+\/assessments\/for-referral\/[0-9a-f-]+)"/.exec(page.text)![1]!;
      const opened = await agent.get(to);
      expect(opened.status).toBe(302);
      expect(opened.location).toMatch(/^\/children\/[0-9a-f-]+\/assessments\/[0-9a-f-]+$/);
      expect((await agent.get(opened.location!)).text).toContain('Northdrift');
    });

    it('says on every work list what it does not cover, so an empty list never reads as all done', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get('/my-work');
      expect(page.text).toMatch(/Work OpenCSC does not record yet is not shown here: [^<]*care proceedings/);
      // allegations against adults are recorded, so no longer said to be left out
      expect(page.text).not.toMatch(/not shown here: [^<]*allegations against adults/);
      // care leavers are recorded: nothing is shown as due that no page can record as done
      expect(page.text).not.toContain('Shown as due, but OpenCSC cannot yet record it as done');
    });

    // last: it sees Noor, so the figures above would change
    it('shows a change at once on dashboards and lists kept between changes', async () => {
      const sam = new Agent(service.url);
      await sam.signIn('sam', PASSWORD);
      const before = await sam.get('/authority');
      expect(figure(before.text, 'not-seen')).toBe('2');
      expect((await sam.get('/authority/lists/not-seen-during-assessment')).text).toContain('Noor Northdrift');
      // kept: asked again with nothing changed, the same
      expect(figure((await sam.get('/authority')).text, 'not-seen')).toBe('2');
      const ana = new Agent(service.url);
      await ana.signIn('ana', PASSWORD);
      const work = (await ana.get('/my-work')).text;
      const childId = /href="\/children\/([0-9a-f-]+)\/visits\/new\?purpose=assessment"/.exec(work)![1]!;
      const noor = (await ana.get(`/children/${childId}`)).text;
      expect(noor).toContain('Noor Northdrift');
      await ana.get(`/children/${childId}/visits/new`);
      const saved = await ana.post(`/children/${childId}/visits/new`, {
        'visitDate-day': '2',
        'visitDate-month': '3',
        'visitDate-year': '2026',
        purpose: 'assessment',
        seen: 'alone',
      });
      expect(saved.status).toBe(303);
      expect(figure((await sam.get('/authority')).text, 'not-seen')).toBe('1');
      const list = (await sam.get('/authority/lists/not-seen-during-assessment')).text;
      expect(list).not.toContain('Noor Northdrift');
      expect(list).toContain('Sol Southdrift');
      expect((await ana.get('/my-work')).text).not.toMatch(/data-figure="overdue-tasks">2</);
    });
  });
}
