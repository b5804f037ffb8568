import { loadConfig } from '../src/core/config.js';
import { buildDemoAuthority } from '../src/demo/build.js';
import { buildServer } from '../src/server.js';
import { load } from './load.js';
import { benchPglite, benchPostgres, ms } from './postgres.js';

/** The demo build on both databases, then the My team page under 50 concurrent users on PostgreSQL. */
export async function demoBench(): Promise<void> {
  for (const [name, open] of [['PGlite', benchPglite], ['PostgreSQL', benchPostgres]] as const) {
    const database = await open();
    const started = performance.now();
    await buildDemoAuthority(database.db, { seed: 2014 });
    console.log(`demo build on ${name}: ${ms(performance.now() - started)}`);
    if (name === 'PostgreSQL') await pageLoad(database);
    await database.close();
  }
}

async function signIn(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/sign-in`);
  const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await fetch(`${base}/sign-in`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username, password: 'demo' }),
    redirect: 'manual',
  });
  if (res.status !== 303) throw new Error(`sign-in as ${username} failed: ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

async function pageLoad(database: Awaited<ReturnType<typeof benchPostgres>>): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'bench-secret-bench-secret-bench-secret', LOG_LEVEL: 'silent', SECURE_COOKIES: 'false' });
  const { app } = await buildServer({ ...config, production: false }, database, { migrate: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const cookie = await signIn(base, 'demo-team-manager');
  for (const path of ['/my-team', '/my-work', '/authority']) {
    const who = path === '/authority' ? await signIn(base, 'demo-service-manager') : cookie;
    const r = await load(`${base}${path}`, who, 50, 10);
    console.log(
      `${path}, 50 concurrent users for ${r.seconds} s on PostgreSQL: ${r.requests} requests (${(r.requests / r.seconds).toFixed(0)}/s), ` +
        `${r.failures} failed; median ${ms(r.median)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}`,
    );
  }
  await app.close();
}
