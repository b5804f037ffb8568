import { sql } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database, openDatabase, runMigrations } from '../../src/core/db/database.js';
import { fixedTime } from '../../src/core/time.js';
import { smallAuthority } from '../support/fixture.js';
import { startIdentityProvider, type RunningProvider } from '../support/identity-provider.js';
import { freePort, startService, type RunningService } from '../support/service.js';
import { expectAccessible, launchChromium } from './browser.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

describe('in a real browser: signing in through the council’s identity provider', () => {
  let database: Database;
  let provider: RunningProvider;
  let service: RunningService;
  let browser: Browser;
  let authority: Awaited<ReturnType<typeof smallAuthority>>;

  beforeAll(async () => {
    database = await openDatabase({});
    await runMigrations(database);
    authority = await smallAuthority(database.db);
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    provider = await startIdentityProvider({
      clients: [{ client_id: 'opencsc', client_secret: 'a-test-client-secret', redirect_uris: [`${publicUrl}/sign-in/oidc/callback`] }],
      // a made-up person at a made-up council
      accounts: [
        {
          login: 'mina.manager',
          password: 'provider-pass-2',
          sub: 'c0ffee02',
          claims: { name: 'Mina Manager', preferred_username: 'mina' },
        },
        { login: 'nia.nobody', password: 'provider-pass-4', sub: 'c0ffee04', claims: { name: 'Nia Nobody', preferred_username: 'nia' } },
      ],
    });
    service = await startService(database, fixedTime(NOW), {
      port,
      env: {
        OIDC_ISSUER: provider.issuer,
        OIDC_CLIENT_ID: 'opencsc',
        OIDC_CLIENT_SECRET: 'a-test-client-secret',
        PUBLIC_URL: publicUrl,
        OIDC_PROVIDER_NAME: 'Northtown Council',
      },
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await provider?.close();
    await database?.close();
  });

  it('takes a team manager from "Sign in with Northtown Council", through the council’s page, to My team', async () => {
    // axe is injected as an inline script, which the service's CSP rightly refuses
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${service.url}/sign-in`);
    await expectAccessible(page);

    await page.getByRole('button', { name: 'Sign in with Northtown Council' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    // the provider's own pages are the council's, not OpenCSC's: no axe here
    await page.getByLabel('Login').fill('mina.manager');
    await page.getByLabel('Password').fill('provider-pass-2');
    await page.getByRole('button', { name: 'Sign in to the council' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.waitForURL(`${service.url}/my-team`);
    await expect(page.locator('.app-user-bar').textContent()).resolves.toContain('Signed in as Mina Manager (team manager), North 1.');
    await expectAccessible(page);

    const audit = await rows<{ action: string; route: string }>(
      database.db,
      sql`select action, route from audit_events where user_id = ${authority.users.manager} order by id`,
    );
    expect(audit.slice(0, 2)).toEqual([
      { action: 'SIGN_IN_ACCOUNT_LINKED', route: 'GET /sign-in/oidc/callback' },
      { action: 'SIGN_IN', route: 'GET /sign-in/oidc/callback' },
    ]);
    await context.close();
  });

  it('tells a person the council knows but OpenCSC does not what to do, on an accessible page', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${service.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in with Northtown Council' }).click();
    await page.getByLabel('Login').fill('nia.nobody');
    await page.getByLabel('Password').fill('provider-pass-4');
    await page.getByRole('button', { name: 'Sign in to the council' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${service.url}/sign-in/oidc/callback`));
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You do not have an OpenCSC account');
    await expectAccessible(page);
    await context.close();
  });
});
