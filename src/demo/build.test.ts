import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nhsNumberProblem, postcodeProblem, upnProblem } from '../core/record/identifiers.js';
import { signIn } from '../core/auth/users.js';
import { createWorkingDayCalendar } from '../core/calendar/index.js';
import { type Database, type Db, openDatabase, rows, runMigrations } from '../core/db/database.js';
import { testDatabases } from '../core/db/test-database.js';
import { checkObligations } from '../obligations/rebuild.js';
import { loadClockContext } from '../obligations/recompute.js';
import {
  ageBands,
  awaitingAuthorisation,
  backlogCounts,
  backlogFigures,
  caseworkCounts,
  caseworkListNames,
  childList,
  childrenNotSeen,
  dashboardFigures,
  openAssessments,
  overdueAssessments,
} from '../oversight/queries.js';
import { type DemoSummary, buildDemoAuthority } from './build.js';
import { planDemoAuthority } from './plan.js';

// The first day of the inspection, a Tuesday in summer time, at 10am.
const TODAY = '2014-07-01';
const NOW = new Date('2014-07-01T09:00:00Z');

async function freshDatabase(): Promise<Database> {
  const database = await openDatabase({});
  await runMigrations(database);
  return database;
}

async function count(db: Db, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: number }>(db, query);
  return Number(row!.n);
}

/** Every single-column foreign key, checked by hand: the demo loads without their triggers. */
async function danglingReferences(db: Db): Promise<string[]> {
  const keys = await rows<{ tbl: string; col: string; ref: string; refcol: string }>(
    db,
    sql`select c.conrelid::regclass::text as tbl, a.attname as col, c.confrelid::regclass::text as ref, af.attname as refcol
          from pg_constraint c
          join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          join pg_attribute af on af.attrelid = c.confrelid and af.attnum = c.confkey[1]
         where c.contype = 'f' and array_length(c.conkey, 1) = 1`,
  );
  // allocations.child_id among them since it has a key of its own
  expect(keys).toContainEqual({ tbl: 'allocations', col: 'child_id', ref: 'children', refcol: 'id' });
  const dangling: string[] = [];
  for (const k of keys) {
    const n = await count(
      db,
      sql.raw(
        `select count(*)::int as n from ${k.tbl} t where t.${k.col} is not null and not exists (select 1 from ${k.ref} r where r.${k.refcol} = t.${k.col})`,
      ),
    );
    if (n > 0) dangling.push(`${k.tbl}.${k.col} → ${k.ref}: ${n}`);
  }
  return dangling;
}

describe('the demo authority, the size of Manchester on the first day of its 2014 inspection', () => {
  let database: Database;
  let db: Db;
  let summary: DemoSummary;

  beforeAll(async () => {
    database = await freshDatabase();
    db = database.db;
    summary = await buildDemoAuthority(db, { today: TODAY, now: NOW });
  }, 300_000);
  afterAll(() => database?.close());

  it('shows the backlog Ofsted found: 486 assessments overdue, 97 children not seen, 44 of them for six months (para 59)', async () => {
    const overdue = await overdueAssessments(db, NOW, { kind: 'authority' });
    expect(backlogFigures(overdue, TODAY)).toEqual({ overdueAssessments: 486, childrenNotSeen: 97, childrenNotSeenSixMonths: 44 });
    // each overdue assessment a different child, some drifting almost a year
    expect(new Set(overdue.map((o) => o.childId)).size).toBe(486);
    expect(overdue.some((o) => o.referralDate <= '2013-08-31')).toBe(true);
    expect(summary.backlog).toEqual(backlogFigures(overdue, TODAY));
  });

  it('has two workers carrying exactly 50 children, no one more, and too many over 40 (para 62)', async () => {
    const loads = await rows<{ n: number; newly_qualified: boolean }>(
      db,
      sql`select count(*)::int as n, bool_or(w.newly_qualified) as newly_qualified
            from allocations a join workers w on w.id = a.worker_id
           where a.ended_at is null group by a.worker_id`,
    );
    expect(loads.filter((l) => l.n === 50)).toHaveLength(2);
    expect(Math.max(...loads.map((l) => l.n))).toBe(50);
    expect(loads.filter((l) => l.n > 40).length).toBeGreaterThanOrEqual(10);
    const usual = loads.filter((l) => l.n >= 15 && l.n <= 30).length;
    expect(usual / loads.length).toBeGreaterThan(0.5);
    // newly qualified workers carry full caseloads too
    const newlyQualified = loads.filter((l) => l.newly_qualified).map((l) => l.n);
    expect(Math.max(...newlyQualified)).toBeGreaterThan(40);
    expect(summary.maxCaseload).toBe(50);
    expect(summary.workersAtMaxCaseload).toBe(2);
  });

  it('marks a referral as a repeat exactly when the child had another in the 12 months before, about a third of the year’s (para 58)', async () => {
    const wrong = await count(
      db,
      sql`select count(*)::int as n from referrals r
           where r.repeat_referral <> exists (select 1 from referrals p where p.child_id = r.child_id and p.id <> r.id
                   and p.referral_date <= r.referral_date and p.referral_date > r.referral_date - interval '12 months')`,
    );
    expect(wrong).toBe(0);
    const [year] = await rows<{ n: number; repeats: number }>(
      db,
      sql`select count(*)::int as n, count(*) filter (where repeat_referral)::int as repeats from referrals
           where referral_date > ${TODAY}::date - interval '12 months' and referral_date <= ${TODAY}::date`,
    );
    const rate = year!.repeats / year!.n;
    expect(rate).toBeGreaterThanOrEqual(0.3);
    expect(rate).toBeLessThanOrEqual(0.34);
    expect(summary.repeatReferralRate).toBeCloseTo(rate, 10);
  });

  it('has about 5,300 children in need today, each allocated to a social worker in a team, among tens of thousands known', async () => {
    const open = await count(db, sql`select count(distinct child_id)::int as n from referrals where closed_date is null`);
    expect(open).toBe(5349);
    const unallocated = await count(
      db,
      sql`select count(*)::int as n from referrals r where r.closed_date is null
           and not exists (select 1 from allocations a where a.child_id = r.child_id and a.ended_at is null and a.worker_id is not null)`,
    );
    expect(unallocated).toBe(0);
    expect(summary.counts.children).toBeGreaterThan(20_000);
    expect(summary.counts.contacts).toBeGreaterThan(1.5 * summary.counts.referrals);
    // one current allocation at most per child; none for children no longer known to a team
    const twice = await count(
      db,
      sql`select count(*)::int as n from (select child_id from allocations where ended_at is null group by child_id having count(*) > 1) x`,
    );
    expect(twice).toBe(0);
    const closedButAllocated = await count(
      db,
      sql`select count(*)::int as n from allocations a where a.ended_at is null
           and not exists (select 1 from referrals r where r.child_id = a.child_id and r.closed_date is null)
           and not exists (select 1 from contacts c where c.child_id = a.child_id and c.decided_at is null)`,
    );
    expect(closedButAllocated).toBe(0);
    // some children have had several social workers (para 73)
    const changed = await count(
      db,
      sql`select count(*)::int as n from (select child_id from allocations group by child_id having count(distinct worker_id) >= 3) x`,
    );
    expect(changed).toBeGreaterThan(100);
  });

  it('has 260 social work posts with 25 agency workers, in a front door and about 26 locality teams (para 73)', async () => {
    const posts = await count(db, sql`select count(*)::int as n from workers where active`);
    const agency = await count(db, sql`select count(*)::int as n from workers where active and agency`);
    const localities = await count(db, sql`select count(*)::int as n from teams where kind = 'locality'`);
    const frontDoors = await count(db, sql`select count(*)::int as n from teams where kind = 'front_door'`);
    expect({ posts, agency, localities, frontDoors }).toEqual({ posts: 260, agency: 25, localities: 26, frontDoors: 1 });
  });

  it('gives the demo practitioner about 25 children, some overdue, in a team with a visible share of the backlog', async () => {
    const practitioner = summary.users.find((u) => u.username === 'demo-practitioner')!;
    const own = await count(
      db,
      sql`select count(*)::int as n from allocations where ended_at is null and worker_id = ${practitioner.workerId}`,
    );
    expect(own).toBe(25);
    const mine = await overdueAssessments(db, NOW, { kind: 'worker', workerId: practitioner.workerId! });
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(mine.some((o) => o.lastSeen === null)).toBe(true);
    const team = await overdueAssessments(db, NOW, { kind: 'team', teamId: practitioner.teamId! });
    expect(team.length).toBeGreaterThanOrEqual(486 / 26);
    const other = summary.users.find((u) => u.username === 'demo-practitioner-2')!;
    expect(other.teamId).not.toBe(practitioner.teamId);
    expect(summary.users.map((u) => u.username).sort()).toEqual([
      'demo-admin',
      'demo-practitioner',
      'demo-practitioner-2',
      'demo-service-manager',
      'demo-team-manager',
    ]);
  });

  it('has open assessments in every age band, some awaiting a manager’s authorisation', async () => {
    const open = await openAssessments(db, { kind: 'authority' }, TODAY, createWorkingDayCalendar());
    for (const band of ageBands) expect(open.filter((a) => a.band === band.id).length, band.label).toBeGreaterThan(0);
    expect(open.filter((a) => a.submittedAt !== null).length).toBeGreaterThan(50);
  });

  it('counts the same children on every dashboard as its lists show, for each team and the authority', async () => {
    const calendar = createWorkingDayCalendar();
    const seenSince = calendar.addWorkingDays(TODAY, -20);
    const teamIds = (await rows<{ id: string }>(db, sql`select id from teams order by name`)).map((t) => t.id);
    for (const teamId of [null, ...teamIds]) {
      const scope = teamId ? ({ kind: 'team', teamId } as const) : ({ kind: 'authority' } as const);
      const [figures, open, overdue, notSeen, awaiting] = await Promise.all([
        dashboardFigures(db, teamId, { now: NOW, today: TODAY, calendar, seenSince }),
        openAssessments(db, scope, TODAY, calendar),
        overdueAssessments(db, NOW, scope),
        childrenNotSeen(db, scope, seenSince),
        awaitingAuthorisation(db, scope),
      ]);
      const backlog = backlogFigures(overdue, TODAY);
      expect({ team: teamId, ...(await backlogCounts(db, teamId, NOW, TODAY)) }).toEqual({ team: teamId, ...backlog });
      expect({ team: teamId, ...figures }).toEqual({
        team: teamId,
        bands: Object.fromEntries(ageBands.map((b) => [b.id, open.filter((a) => a.band === b.id).length])),
        openTotal: open.length,
        overdueAssessments: new Set(overdue.map((o) => o.referralId)).size,
        childrenNotSeen: backlog.childrenNotSeen,
        childrenNotSeenSixMonths: backlog.childrenNotSeenSixMonths,
        notSeenRecently: new Set(notSeen.map((c) => c.childId)).size,
        awaitingAuthorisation: awaiting.length,
      });
      // the child protection and children in need figures, the unallocated queue and the children not seen in six months
      const clock = await loadClockContext(db);
      const at = { now: NOW, today: TODAY, clock };
      const counts = await caseworkCounts(db, scope, at);
      const names: (keyof typeof counts)[] = [
        ...caseworkListNames,
        'unallocated',
        ...(teamId ? [] : (['not-seen-in-six-months'] as const)),
      ];
      for (const name of names) {
        const list = await childList(db, name, scope, {}, at);
        expect({ team: teamId, name, count: list!.items.length }).toEqual({ team: teamId, name, count: counts[name] });
      }
    }
  });

  it('has contacts awaiting a decision at the front door, some past their deadline, one about five days old (para 57)', async () => {
    const waiting = await rows<{ received_at: string; allocated: boolean }>(
      db,
      sql`select c.received_at::text, exists (select 1 from allocations a join teams t on t.id = a.team_id
                 where a.child_id = c.child_id and a.ended_at is null and t.kind = 'front_door') as allocated
            from contacts c where c.decided_at is null`,
    );
    expect(waiting.length).toBeGreaterThanOrEqual(24);
    expect(waiting.every((w) => w.allocated)).toBe(true);
    const late = await count(
      db,
      sql`select count(*)::int as n from obligations where rule_id = 'contact-decision' and done_at is null and due_by <= ${NOW.toISOString()}`,
    );
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(waiting.length);
    const oldest = Math.min(...waiting.map((w) => new Date(w.received_at).getTime()));
    expect((NOW.getTime() - oldest) / 86_400_000).toBeGreaterThanOrEqual(4.5);
  });

  it('records contacts from many sources, police domestic abuse notifications, consent with reasons, and every outcome', async () => {
    const outcomes = await rows<{ outcome: string }>(db, sql`select distinct outcome from contacts where outcome is not null`);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['advice', 'early_help', 'no_further_action', 'referral', 'strategy_discussion']);
    expect(await count(db, sql`select count(distinct source)::int as n from contacts`)).toBeGreaterThanOrEqual(20);
    expect(
      await count(db, sql`select count(*)::int as n from contacts where domestic_abuse_notification and source = '6'`),
    ).toBeGreaterThan(1000);
    expect(await count(db, sql`select count(*)::int as n from contacts where domestic_abuse_notification and source <> '6'`)).toBe(0);
    expect(await count(db, sql`select count(distinct consent)::int as n from contacts`)).toBe(3);
  });

  it('leaves no reference dangling, though the load skips per-row foreign key checks', async () => {
    expect(await danglingReferences(db)).toEqual([]);
  });

  it('uses only synthetic identifiers: NHS numbers in the 999 range, valid UPNs and Manchester postcodes', async () => {
    const ids = await rows<{ nhs_number: string | null; upn: string | null }>(db, sql`select nhs_number, upn from children`);
    const nhs = ids.map((i) => i.nhs_number).filter((n): n is string => n !== null);
    expect(nhs.length).toBeGreaterThan(ids.length * 0.8);
    expect(nhs.every((n) => n.startsWith('999') && nhsNumberProblem(n) === null)).toBe(true);
    expect(new Set(nhs).size).toBe(nhs.length);
    expect(ids.every((i) => i.upn === null || upnProblem(i.upn) === null)).toBe(true);
    const postcodes = await rows<{ postcode: string }>(db, sql`select distinct postcode from addresses`);
    expect(postcodes.every((p) => /^M\d{1,2} \d[A-Z]{2}$/.test(p.postcode) && postcodeProblem(p.postcode) === null)).toBe(true);
  });

  it('lets the demo users sign in with the demo password, and refuses them in production', async () => {
    expect(await signIn(db, 'demo-practitioner', 'demo', { production: false })).toMatchObject({ ok: true });
    expect(await signIn(db, 'demo-practitioner', 'demo', { production: true })).toEqual({ ok: false, reason: 'demo_refused' });
  });

  it('restricts a few records, each naming the users who may open them', async () => {
    const restricted = await count(db, sql`select count(*)::int as n from children where restricted`);
    const named = await count(db, sql`select count(distinct child_id)::int as n from restricted_record_access`);
    expect(restricted).toBeGreaterThan(0);
    expect(named).toBe(restricted);
  });

  it('refuses to build into a database that already holds records', async () => {
    await expect(buildDemoAuthority(db, { today: TODAY, now: NOW })).rejects.toThrow(/empty database/);
  });
});

describe('the plan of a demo authority', () => {
  it('is another authority for another seed', () => {
    const ids = (seed: number) =>
      planDemoAuthority({ seed, today: TODAY, now: NOW, scale: 0.05, calendar: createWorkingDayCalendar(), passwordHash: 'not a hash' })
        .rows.children.slice(0, 20)
        .map((c) => c.id);
    expect(ids(8)).not.toEqual(ids(7));
  });
});

for (const kind of await testDatabases()) {
  describe(`a smaller demo authority on ${kind.name}, on an awkward day: between Christmas and New Year`, () => {
    const scale = 0.05;
    const today = '2025-12-29';
    const now = new Date('2025-12-29T09:30:00Z');
    let first: Database;
    let second: Database;
    let a: DemoSummary;

    beforeAll(async () => {
      first = await kind.open();
      second = await kind.open();
      a = await buildDemoAuthority(first.db, { today, now, scale, seed: 7 });
    }, 120_000);
    afterAll(async () => {
      await first?.close();
      await second?.close();
    });

    it('scales the backlog and still hits it exactly', async () => {
      const expected = { overdueAssessments: 24, childrenNotSeen: 5, childrenNotSeenSixMonths: 2 };
      expect(a.targets).toMatchObject(expected);
      expect(backlogFigures(await overdueAssessments(first.db, now, { kind: 'authority' }), today)).toEqual(expected);
      expect(a.backlog).toEqual(expected);
    });

    it('is the same authority, identifiers included, for the same seed and day', async () => {
      const b = await buildDemoAuthority(second.db, { today, now, scale, seed: 7 });
      const fingerprint = (db: Db) =>
        rows<{ children: string; contacts: string; visits: string; obligations: string }>(
          db,
          sql`select (select md5(string_agg(id::text || reference || first_name || last_name || coalesce(nhs_number, ''), ',' order by id)) from children) as children,
                     (select md5(string_agg(id::text || received_at::text || source, ',' order by id)) from contacts) as contacts,
                     (select md5(string_agg(id::text || visit_date::text || child_seen::text, ',' order by id)) from visits) as visits,
                     (select md5(string_agg(child_id::text || key || due, ',' order by child_id, key)) from obligations) as obligations`,
        );
      expect(await fingerprint(second.db)).toEqual(await fingerprint(first.db));
      expect({ ...b, elapsedMs: 0 }).toEqual({ ...a, elapsedMs: 0 });
    });

    it('stores the obligations the clock computes from the record', async () => {
      const check = await checkObligations(first.db);
      expect(check.children).toBe(a.counts.children);
      expect(check.differences).toEqual([]);
    });

    it('leaves no reference dangling', async () => {
      expect(await danglingReferences(first.db)).toEqual([]);
    });
  });
}
