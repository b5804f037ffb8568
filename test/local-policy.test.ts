import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { rebuildNow } from '../src/obligations/rebuild-jobs.js';
import { recomputeObligations } from '../src/obligations/recompute.js';
import { checkObligations } from '../src/obligations/rebuild.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { rebuildsSettled, submissionOf } from './support/rebuilds.js';
import { driftingAssessment } from './support/scenario.js';
import { Agent, startService, type RunningService } from './support/service.js';

const NOW = '2026-03-02T10:00:00Z';
const SEEN = 'assessment.childSeenWithinWorkingDays';

const when = (day: string) => {
  const [y, m, d] = day.split('-');
  return { 'effectiveFrom-day': String(Number(d)), 'effectiveFrom-month': String(Number(m)), 'effectiveFrom-year': y! };
};

for (const kind of await testDatabases()) {
  describe(`changing local policy, on ${kind.name}`, () => {
    let database: Database;
    let service: RunningService;
    let referredEarly: string;
    let referredLate: string;
    const time = fixedTime(NOW);

    const seenDue = async (childId: string) =>
      (
        await rows<{ due: string }>(
          database.db,
          sql`select due from obligations where child_id = ${childId} and rule_id = 'assessment-child-seen'`,
        )
      )[0]?.due;
    const changes = async (key: string) =>
      (await rows<{ n: number }>(database.db, sql`select count(*)::int as n from policy_settings where key = ${key}`))[0]!.n;

    const admin = async () => {
      const agent = new Agent(service.url);
      await agent.signIn('ada', PASSWORD);
      return agent;
    };

    beforeAll(async () => {
      database = await kind.open();
      const authority = await smallAuthority(database.db);
      referredEarly = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Ada', lastName: 'Earlier' },
        { date: '2026-02-02', time: '10:00' },
      );
      referredLate = await driftingAssessment(
        database.db,
        authority,
        { firstName: 'Bo', lastName: 'Later' },
        { date: '2026-02-23', time: '10:00' },
      );
      for (let i = 0; i < 6; i++) {
        await driftingAssessment(database.db, authority, { firstName: `Cy${i}`, lastName: 'Other' }, { date: '2026-02-25', time: '09:00' });
      }
      service = await startService(database, time);
    });
    afterAll(async () => {
      await service?.close();
      await database?.close();
    });

    it('refuses a value outside the setting’s range, naming the field, the range and why', async () => {
      const agent = await admin();
      const page = await agent.get('/admin/policy');
      expect(page.text).toContain('1 to 20 working days');
      const res = await agent.post('/admin/policy', {
        key: 'cpVisits.intervalWorkingDays',
        value: '9999',
        ...when('2026-03-02'),
        submission: submissionOf(page.text),
      });
      expect(res.status).toBe(400);
      expect(res.text).toContain('href="#value"');
      expect(res.text).toContain(
        'New value for “Children on child protection plans seen at least every” must be between 1 and 20 working days: no statute sets it',
      );
      expect(await changes('cpVisits.intervalWorkingDays')).toBe(0);
    });

    it('refuses an effective date before the earliest work on the record or more than a year ahead', async () => {
      const agent = await admin();
      const page = await agent.get('/admin/policy');
      const early = await agent.post('/admin/policy', {
        key: SEEN,
        value: '7',
        ...when('2020-01-01'),
        submission: submissionOf(page.text),
      });
      expect(early.status).toBe(400);
      expect(early.text).toContain('href="#effectiveFrom-day"');
      expect(early.text).toContain('Date it takes effect must be on or after 2 February 2026, the date of the earliest work on the record');
      const late = await agent.post('/admin/policy', { key: SEEN, value: '7', ...when('2031-03-02'), submission: submissionOf(page.text) });
      expect(late.status).toBe(400);
      expect(late.text).toContain('Date it takes effect must be on or before 2 March 2027: a change is set at most a year ahead');
      expect(await changes(SEEN)).toBe(0);
    });

    it('asks before a back-dated change, saying what it re-judges, and saves it only when confirmed', async () => {
      expect(await seenDue(referredEarly)).toBe('2026-02-09');
      expect(await seenDue(referredLate)).toBe('2026-03-02');
      const agent = await admin();
      const page = await agent.get('/admin/policy');
      const form = { key: SEEN, value: '10', ...when('2026-02-16'), submission: submissionOf(page.text) };

      const asked = await agent.post('/admin/policy', form);
      expect(asked.status).toBe(200);
      expect(asked.text).toContain('Confirm a change that takes effect in the past');
      expect(asked.text).toContain('re-judges work done since 16 February 2026');
      // the late referral and the six others have a child-seen obligation falling due since then
      expect(asked.text).toContain('7 children have obligations under this rule falling due since 16 February 2026');
      expect(await changes(SEEN)).toBe(0);
      expect(await seenDue(referredLate)).toBe('2026-03-02');

      const confirmed = await agent.post('/admin/policy', { ...form, confirm: 'yes' });
      expect(confirmed.status).toBe(303);
      expect(await changes(SEEN)).toBe(1);
      const job = await rebuildsSettled(database.db);
      expect(job.state).toBe('finished');
      // referred before the change: the old 5 working days; after it: 10
      expect(await seenDue(referredEarly)).toBe('2026-02-09');
      expect(await seenDue(referredLate)).toBe('2026-03-09');
      const [audit] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from audit_events where action = 'CHANGE_LOCAL_POLICY'`,
      );
      expect(audit!.n).toBe(1);
    });

    it('answers at once and recomputes in the background, showing progress until it finishes', async () => {
      const agent = await admin();
      const page = await agent.get('/admin/policy');
      const form = { key: 'cinVisits.intervalWeeks', value: '4', ...when('2026-03-02'), submission: submissionOf(page.text) };

      // On PostgreSQL, hold the obligations table so the recompute cannot make progress: the
      // save must still answer, and the page show the job waiting or running.
      let release = () => undefined as void;
      let held: Promise<unknown> = Promise.resolve();
      if (kind.name === 'postgres') {
        let locked = () => undefined as void;
        const isLocked = new Promise<void>((r) => (locked = r));
        const released = new Promise<void>((r) => (release = r));
        held = database.db.transaction(async (tx) => {
          await tx.execute(sql`lock table obligations in exclusive mode`);
          locked();
          await released;
        });
        await isLocked;
      }
      const started = Date.now();
      const saved = await agent.post('/admin/policy', form);
      expect(saved.status).toBe(303);
      expect(Date.now() - started).toBeLessThan(5000);
      const during = await agent.get('/admin/policy');
      expect(during.text).toContain('Setting changed from 2 March 2026');
      expect(during.text).toContain('Recomputing obligations');
      if (kind.name === 'postgres') {
        expect(during.text).toMatch(/Waiting to start|Running/);
        expect(during.text).toContain('Refresh this page to see progress');
        release();
        await held;
      }

      const job = await rebuildsSettled(database.db);
      expect(job.state).toBe('finished');
      const [children] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from children`);
      expect(job.children_done).toBe(children!.n);
      expect(job.children_total).toBe(children!.n);
      const after = await agent.get('/admin/policy');
      expect(after.text).toContain('Finished');
      expect(after.text).toContain(`${children!.n} of ${children!.n} children (100%)`);
      expect((await checkObligations(database.db)).differences).toEqual([]);
    });

    it('records a form posted twice (a double click, a retry) once, with one recompute', async () => {
      const agent = await admin();
      const page = await agent.get('/admin/policy');
      const form = { key: 'coreGroup.intervalWeeks', value: '4', ...when('2026-03-02'), submission: submissionOf(page.text) };
      const [first, second] = await Promise.all([agent.post('/admin/policy', form), agent.post('/admin/policy', form)]);
      const retry = await agent.post('/admin/policy', form);
      for (const res of [first, second, retry]) {
        expect(res.status).toBe(303);
        expect(res.location).toBe('/admin/policy');
      }
      expect(await changes('coreGroup.intervalWeeks')).toBe(1);
      const [jobs] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from obligation_rebuilds r join policy_settings p on p.id = r.setting_change_id where p.key = 'coreGroup.intervalWeeks'`,
      );
      expect(jobs!.n).toBe(1);
      expect((await rebuildsSettled(database.db)).state).toBe('finished');
    });

    it('runs one recompute at a time: a later change replaces an unfinished earlier one', async () => {
      const agent = await admin();
      for (const value of ['3', '5']) {
        const page = await agent.get('/admin/policy');
        const res = await agent.post('/admin/policy', {
          key: 'dentalCheck.intervalMonths',
          value,
          ...when('2026-03-02'),
          submission: submissionOf(page.text),
        });
        expect(res.status).toBe(303);
      }
      const newest = await rebuildsSettled(database.db);
      expect(newest.state).toBe('finished');
      const states = await rows<{ state: string }>(database.db, sql`select state from obligation_rebuilds order by id`);
      expect(states.every((s) => s.state === 'finished' || s.state === 'superseded')).toBe(true);
      expect((await checkObligations(database.db)).differences).toEqual([]);
    });

    it('resumes, when the service starts, a recompute that a stopped process left running', async () => {
      await service.close();
      // A change whose recompute a process began and never finished, stopped after its
      // first batch (one child).
      const [change] = await rows<{ id: number }>(
        database.db,
        sql`insert into policy_settings (key, value, effective_from) values (${SEEN}, '12'::jsonb, '2026-02-16') returning id::int as id`,
      );
      const [first] = await rows<{ id: string }>(database.db, sql`select id from children order by id limit 1`);
      // the batch the stopped process did commit
      await database.db.transaction((tx) => recomputeObligations(tx, [first!.id]));
      // PGlite is opened by one process at a time, so there a job left running is an orphan
      // at start however fresh its heartbeat; on PostgreSQL, once the heartbeat has aged
      const heartbeat = kind.name === 'pglite' ? sql`now()` : sql`now() - interval '10 minutes'`;
      const [job] = await rows<{ id: number }>(
        database.db,
        sql`insert into obligation_rebuilds (reason, setting_change_id, state, runner, started_at, heartbeat_at, children_total, children_done, last_child_id)
            values ('local policy change', ${change!.id}, 'running', ${randomUUID()}, now() - interval '11 minutes', ${heartbeat}, 8, 1, ${first!.id})
            returning id::int as id`,
      );
      expect((await checkObligations(database.db)).differences.length).toBeGreaterThan(0);

      service = await startService(database, time);
      const settled = await rebuildsSettled(database.db);
      expect(settled.id).toBe(job!.id);
      expect(settled.state).toBe('finished');
      expect(await seenDue(referredLate)).toBe('2026-03-11');
      expect((await checkObligations(database.db)).differences).toEqual([]);
      // the first child was done before the stop, and kept; the rest were done after it
      const [row] = await rows<{ children_done: number }>(
        database.db,
        sql`select children_done from obligation_rebuilds where id = ${job!.id}`,
      );
      expect(row!.children_done).toBe(8);
    });

    it('lets other queries in between its batches, so pages answer while a recompute runs', async () => {
      const progress: number[] = [];
      let answeredAfterBatches = -1;
      const result = await rebuildNow(database.db, {
        batchSize: 1,
        onProgress: (done) => {
          progress.push(done);
          // a page's query, asked while the recompute is under way
          if (progress.length === 1) void rows(database.db, sql`select 1`).then(() => (answeredAfterBatches = progress.length));
        },
      });
      expect(result.state).toBe('finished');
      expect(answeredAfterBatches).toBeGreaterThan(0);
      expect(answeredAfterBatches).toBeLessThan(progress.length);
    });

    it('lets the rebuild command take over a recompute a stopped process left running', async () => {
      const [change] = await rows<{ id: number }>(
        database.db,
        sql`insert into policy_settings (key, value, effective_from) values (${SEEN}, '9'::jsonb, '2026-02-16') returning id::int as id`,
      );
      const [job] = await rows<{ id: number }>(
        database.db,
        sql`insert into obligation_rebuilds (reason, setting_change_id, state, runner, started_at, heartbeat_at, children_total, children_done)
            values ('local policy change', ${change!.id}, 'running', ${randomUUID()}, now() - interval '11 minutes', now() - interval '10 minutes', 8, 0)
            returning id::int as id`,
      );
      const progress: number[] = [];
      const result = await rebuildNow(database.db, { batchSize: 3, onProgress: (done) => progress.push(done) });
      expect(result.state).toBe('finished');
      // eight children, three to a batch, each batch committed with its progress
      expect(progress).toEqual([3, 6, 8]);
      expect(result.childrenDone).toBe(8);
      const [left] = await rows<{ state: string }>(database.db, sql`select state from obligation_rebuilds where id = ${job!.id}`);
      expect(left!.state).toBe('superseded');
      expect(await seenDue(referredLate)).toBe('2026-03-06');
      expect((await checkObligations(database.db)).differences).toEqual([]);
    });
  });
}
