import { sql } from 'drizzle-orm';
import { type Database, type Db, rows } from '../src/core/db/database.js';
import { londonDate } from '../src/core/time.js';
import { buildDemoAuthority } from '../src/demo/build.js';
import { load } from './load.js';
import { benchPglite, benchPostgres, ms } from './postgres.js';
import { startServiceProcess } from './service-process.js';

/** The demo build on both databases, then the pages people open most under 50 concurrent users on PostgreSQL. */
export async function demoBench(): Promise<void> {
  // BENCH_DATABASES (PGlite, PostgreSQL, comma separated) narrows the builds: the page load runs on PostgreSQL
  const only = process.env.BENCH_DATABASES?.toLowerCase().split(',');
  for (const [name, open] of [
    ['PGlite', benchPglite],
    ['PostgreSQL', benchPostgres],
  ] as const) {
    if (only && !only.includes(name.toLowerCase())) continue;
    const database: Database & { url?: string } = await open();
    const started = performance.now();
    await buildDemoAuthority(database.db, { seed: 2014 });
    console.log(`demo build on ${name}: ${ms(performance.now() - started)}`);
    if (database.url !== undefined) await pageLoad(database.url, database.db);
    await database.close();
  }
}

async function signIn(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const cookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username, password: 'demo' }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function pageLoad(databaseUrl: string, db: Db): Promise<void> {
  // the service as people start it, on the demo just built (its made-up postcode directory and
  // authority code, as `npm start` serves the demo), so the figures include none of the bench's own work
  const service = await startServiceProcess(databaseUrl);
  // a bench that stops part way stops the service too, or the run would wait on it
  try {
    const base = service.base;
    const as = {
      practitioner: await signIn(base, 'demo-practitioner'),
      teamManager: await signIn(base, 'demo-team-manager'),
      serviceManager: await signIn(base, 'demo-service-manager'),
    };
    // the practitioner's child with the most on their record: the heaviest record page they open
    const [child, ...others] = await rows<{ id: string }>(
      db,
      sql`select a.child_id as id from allocations a join users u on u.worker_id = a.worker_id
           where u.username = 'demo-practitioner' and a.ended_at is null
           order by (select count(*) from obligations o where o.child_id = a.child_id) desc`,
    );
    const pages: [string, string, string][] = [
      ['My work', '/my-work', as.practitioner],
      ['a child’s record', `/children/${child!.id}`, as.practitioner],
      ['My team', '/my-team', as.teamManager],
      ['My team: overdue assessments list', '/my-team/lists/overdue-assessments', as.teamManager],
      ['The authority', '/authority', as.serviceManager],
      ['The authority: children not seen list', '/authority/lists/not-seen-during-assessment', as.serviceManager],
      ['My team: unallocated work list', '/my-team/lists/unallocated', as.teamManager],
      ['My team: overdue core groups list', '/my-team/lists/core-groups-overdue', as.teamManager],
      ['My team: overdue child protection visits list', '/my-team/lists/cp-visits-overdue', as.teamManager],
      ['The authority: conferences coming up list', '/authority/lists/cp-conferences-due', as.serviceManager],
      ['The authority: conferences without the allocated worker list', '/authority/lists/conferences-without-worker', as.serviceManager],
      ['The authority: conference reports late list', '/authority/lists/conference-reports-late', as.serviceManager],
      ['The authority: plans of two years or more list', '/authority/lists/cp-plans-over-two-years', as.serviceManager],
      ['The authority: second or later plans list', '/authority/lists/cp-later-plans', as.serviceManager],
      ['The authority: not seen in the last six months list', '/authority/lists/not-seen-in-six-months', as.serviceManager],
      ['My team: overdue looked after visits list', '/my-team/lists/la-visits-overdue', as.teamManager],
      ['The authority: looked after reviews coming up list', '/authority/lists/la-reviews-due', as.serviceManager],
      ['The authority: overdue review records list', '/authority/lists/la-review-records-overdue', as.serviceManager],
      ['The authority: overdue health assessments list', '/authority/lists/la-health-overdue', as.serviceManager],
      ['My team: placed outside the authority list', '/my-team/lists/la-placed-outside', as.teamManager],
      ['The authority: placed outside the authority list', '/authority/lists/la-placed-outside', as.serviceManager],
      ['The authority: IRO caseloads', '/looked-after/iro-caseloads', as.serviceManager],
      ['The authority: private fostering figures', '/private-fostering', as.serviceManager],
      ['The authority: allegations (LADO)', '/allegations', as.serviceManager],
    ];
    // every page answers before it is timed, with the size of what it lists: a page that fails is no figure
    for (const [name, path, cookie] of pages) {
      const res = await fetch(`${base}${path}`, { headers: { cookie } });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
      // a list not computed (no postcode directory, say) answers quickly with nothing in it: no figure
      if (path.includes('/lists/') && text.includes('govuk-inset-text')) throw new Error(`${name}: not computed`);
      const listed = /<p class="govuk-body">(\d+ \w+)\.<\/p>/.exec(text)?.[1];
      console.log(`${name}: ${Math.round(text.length / 1024)} KB${listed ? `, ${listed}` : ''}`);
    }
    // BENCH_PAGES narrows the timed pages to those whose name contains it (the list pages, say)
    const only = process.env.BENCH_PAGES;
    const timed = only ? pages.filter(([name]) => name.includes(only)) : pages;
    const seconds = Number(process.env.BENCH_SECONDS ?? 10);
    // the record changes while people read it: a practitioner records a visit every second, each
    // one a write that recomputes a child's obligations and moves what dashboards are computed from
    const visited = others.length > 0 ? others.map((c) => c.id) : [child!.id];
    const writer = await apiSession(base, 'demo-practitioner');
    for (const [mode, thinkMs] of [
      ['back to back', 0],
      ['a page a second each', 1000],
    ] as const) {
      console.log(`\n50 concurrent users, ${mode}, ${seconds} s per page, PostgreSQL, while a visit is recorded every second:`);
      console.log('page | requests/s | failed | p50 | p95 | p99 | service CPU a page | visits recorded');
      for (const [name, path, cookie] of timed) {
        const cpuBefore = service.cpu();
        const writing = recordingVisits(base, writer.cookie, writer.csrf, visited);
        const r = await load(`${base}${path}`, cookie, 50, seconds, thinkMs);
        const w = await writing.stop();
        const cpuAfter = service.cpu();
        // the service's own CPU (the visits recorded meanwhile included), not the database's or the load's
        const cpu = cpuBefore === null || cpuAfter === null ? '?' : ms(((cpuAfter - cpuBefore) * 1000) / r.requests);
        if (w.recorded === 0) throw new Error(`no visit was recorded while timing ${name}: the figure would be of reads alone`);
        console.log(
          `${name} | ${(r.requests / r.seconds).toFixed(0)} | ${r.failures} | ${ms(r.median)} | ${ms(r.p95)} | ${ms(r.p99)} | ${cpu} | ${w.recorded}${w.failed ? ` (${w.failed} failed)` : ''}`,
        );
      }
    }
  } finally {
    await service.stop();
  }
}

/** A session of its own for API writes: the CSRF token's secret comes with /api/session's cookie. */
async function apiSession(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const signedIn = await signIn(base, username);
  const res = await fetch(`${base}/api/session`, { headers: { cookie: signedIn } });
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookies = new Map(signedIn.split('; ').map((c) => [c.split('=')[0]!, c] as const));
  for (const c of res.headers.getSetCookie()) cookies.set(c.split('=')[0]!, c.split(';')[0]!);
  return { cookie: [...cookies.values()].join('; '), csrf: csrfToken };
}

/** Where the next page's visits start: each page's go on to the next children, not the same few again. */
let nextVisit = 0;

/** A visit to one child after another, once a second through the API, until stopped. */
function recordingVisits(base: string, cookie: string, csrf: string, childIds: string[]) {
  let recorded = 0;
  let failed = 0;
  let stopped = false;
  const run = (async () => {
    for (let i = nextVisit++; !stopped; i = nextVisit++) {
      const next = new Promise((r) => setTimeout(r, 1000));
      const res = await fetch(`${base}/api/children/${childIds[i % childIds.length]}/visits`, {
        method: 'POST',
        headers: { cookie, 'csrf-token': csrf, 'content-type': 'application/json' },
        body: JSON.stringify({ visitDate: londonDate(new Date()), purpose: 'other', childSeen: true, seenAlone: false }),
      });
      await res.arrayBuffer();
      if (res.status === 201) recorded++;
      else failed++;
      await next;
    }
  })();
  return {
    async stop() {
      stopped = true;
      await run;
      return { recorded, failed };
    },
  };
}
