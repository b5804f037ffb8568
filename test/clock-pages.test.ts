import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockRules, ruleFeed } from '../src/clock/index.js';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { recordedFactKinds } from '../src/obligations/sources.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { rebuildsSettled, submissionOf } from './support/rebuilds.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

const NOW = '2026-03-02T10:00:00Z';

for (const kind of await testDatabases()) {
  describe(`the authority's clock, read and set, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let before: string;
    let after: string;

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      before = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Ada', lastName: 'Earlier' },
        { date: '2026-02-02', time: '10:00' },
      );
      after = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Bo', lastName: 'Later' },
        { date: '2026-02-23', time: '10:00' },
      );
      service = await startService(database, fixedTime(NOW));
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('lists every rule with its statement and source to any signed-in user', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get('/timescales');
      expect(page.status).toBe(200);
      for (const rule of clockRules) {
        expect(page.text).toContain(`id="${rule.id}"`);
        expect(page.text).toContain(rule.source.document.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;'));
      }
    });

    it('says for each rule whether the record feeds it, so a rule nothing feeds never reads as on time', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get('/timescales');
      const section = (id: string) => page.text.split(`id="${id}"`)[1]!.split('<h2')[0]!;
      // recorded by the front door
      expect(section('contact-decision')).toContain('Runs on the record');
      expect(section('s47-enquiry')).toContain('Runs on the record');
      // nothing records an emergency protection order yet
      const epo = section('emergency-protection-order-limit');
      expect(epo).toContain('Not recorded');
      expect(epo).not.toContain('Runs on the record');
      expect(epo).toContain('An emergency protection order was made (s44)');
      expect(epo).toContain('no obligation shown means not recorded, not on time');
      // looked after reviews and care plans are recorded now
      expect(section('looked-after-review')).toContain('Runs on the record');
      expect(section('care-plan')).toContain('Runs on the record');
      expect(section('placement-plan')).toContain('Runs on the record');
      // adoption reviews are recorded now, and an adoptive placement ending without an order
      expect(section('adoption-placement-review')).toContain('Runs on the record');
      expect(section('adoption-placement-review')).not.toContain('Partly recorded');
      expect(section('adoption-review-awaiting-placement')).toContain('Runs on the record');
      // health and education of looked after children are recorded now
      expect(section('initial-health-assessment')).toContain('Runs on the record');
      expect(section('pep-review')).toContain('Runs on the record');
      // the facts it lacks in words, without the notes on their data
      expect(epo).not.toContain('data.');
      const feeds = clockRules.map((r) => ruleFeed(r, recordedFactKinds()).state);
      const recorded = feeds.filter((f) => f === 'recorded').length;
      expect(recorded).toBeGreaterThan(10);
      expect(page.text).toContain(`Of ${clockRules.length} rules, ${recorded} run on the record`);
    });

    it('says on the work lists exactly the work the record does not hold', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get('/my-work');
      const inset = page.text.split('Work OpenCSC does not record yet is not shown here: ')[1]!.split('</div>')[0]!;
      expect(inset).not.toContain('looked after children');
      expect(inset).toContain('adoption');
      // care leavers are recorded now: the needs assessment can be recorded as done, and no rule is left out
      expect(inset).not.toContain('Shown as due, but OpenCSC cannot yet record it as done');
      expect(inset).not.toContain('care leavers');
      expect(inset).not.toMatch(/Care plan|Placement plan/);
      expect(inset).toContain('in child protection, the rules “Police protection ends within 72 hours”');
      // child protection and children in need are recorded now: not listed as missing
      expect(inset).not.toMatch(/child protection plans|children in need/);
      expect(inset).toContain('href="/timescales"');
    });

    it('shows defaults no statute gives as the authority’s local practice, with the statutory position', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get('/timescales');
      const section = (id: string) => page.text.split(`id="${id}"`)[1]!.split('<h2')[0]!;
      const s47 = section('s47-enquiry');
      expect(s47).toContain('Section 47 enquiry concluded within: 10 working days (OpenCSC’s default, until the authority sets its own)');
      expect(s47).toContain('Local practice: the authority sets it; no statute or statutory guidance gives the figure.');
      expect(s47).toContain(
        'Statutory position: No national limit: Working Together to Safeguard Children 2023 sets none for a section 47 enquiry',
      );
      const seen = section('assessment-child-seen');
      expect(seen).toContain('Local practice: the authority sets it');
      expect(seen).toContain('Statutory position: No statute or statutory guidance sets a number of days');
      expect(section('strategy-discussion')).toContain('asks for a strategy discussion as soon as possible, and sets no number of days');
      // a figure the law sets reads as statutory, not as local practice
      expect(section('personal-adviser-contact')).toContain('Statutory: The Care Leavers (England) Regulations 2010, reg 8(2)');

      const admin = new Agent(service.url);
      await admin.signIn('ada', PASSWORD);
      const policy = await admin.get('/admin/policy');
      expect(policy.status).toBe(200);
      const row = policy.text.split('Section 47 enquiry concluded within')[1]!.split('</tr>')[0]!;
      expect(row).toContain('Local practice: the authority sets it');
      expect(row).toContain('Statutory position: No national limit');
      expect(row).toContain('10 working days (OpenCSC’s default, until the authority sets its own)');
    });

    it('explains each obligation on the child’s record, with its rule and source', async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ana', PASSWORD);
      const page = await agent.get(`/children/${before}`);
      expect(page.text).toContain('Child and family assessment');
      expect(page.text).toContain('within 45 working days of the referral received on');
      expect(page.text).toContain('Working Together to Safeguard Children');
    });

    it('lets an administrator change a local setting from a date, recomputing only what counts from then', async () => {
      const seenDue = async (childId: string) =>
        (
          await rows<{ due: string }>(
            database.db,
            sql`select due from obligations where child_id = ${childId} and rule_id = 'assessment-child-seen'`,
          )
        )[0]?.due;
      expect(await seenDue(before)).toBe('2026-02-09');
      expect(await seenDue(after)).toBe('2026-03-02');

      const admin = new Agent(service.url);
      await admin.signIn('ada', PASSWORD);
      const submission = submissionOf((await admin.get('/admin/policy')).text);
      const bad = await admin.post('/admin/policy', {
        key: 'assessment.childSeenWithinWorkingDays',
        value: 'ten',
        'effectiveFrom-day': '16',
        'effectiveFrom-month': '2',
        'effectiveFrom-year': '2026',
        submission,
      });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('Value is not allowed: expected a whole number of working days');

      const ok = await admin.post('/admin/policy', {
        key: 'assessment.childSeenWithinWorkingDays',
        value: '10',
        'effectiveFrom-day': '16',
        'effectiveFrom-month': '2',
        'effectiveFrom-year': '2026',
        submission,
        confirm: 'yes',
      });
      expect(ok.status).toBe(303);
      expect((await rebuildsSettled(database.db)).state).toBe('finished');
      // referred before the change: the old 5 working days; after it: 10
      expect(await seenDue(before)).toBe('2026-02-09');
      expect(await seenDue(after)).toBe('2026-03-09');

      const timescales = await admin.get('/timescales');
      expect(timescales.text).toMatch(/Child seen after a referral within: 10 working days \(set by the authority from 16 February 2026\)/);
    });
  });
}
