import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type Database, type Db, openDatabase, runMigrations } from '../../src/core/db/database.js';
import type { TimeSource } from '../../src/core/time.js';
import { smallAuthority } from '../support/fixture.js';
import { type RunningService, startService } from '../support/service.js';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, kept off the network it cannot reach. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * Best-practice rules held as firmly as the serious ones: `region` (all content in landmarks,
 * so a screen reader's list of landmarks reaches every part of the page).
 */
const requiredRules = ['region'];

/** Run axe on the page as it is; fail on any serious or critical violation, or of a required rule. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async (required) => {
    const rules = Object.fromEntries(required.map((id) => [id, { enabled: true }]));
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'], rules });
    return result.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, requiredRules)) as AxeViolation[];
  const failing = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || requiredRules.includes(v.id));
  expect(failing, `axe on ${page.url()}: ${JSON.stringify(failing, null, 1)}`).toEqual([]);
}

/**
 * A fresh browser context (cookies of its own) signed in with a username and password.
 * axe is injected as an inline script, which the service's CSP rightly refuses, so the
 * context bypasses CSP. `checkSignInPage` runs axe on the sign-in page on the way.
 */
export async function signInWithPassword(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  opts: { checkSignInPage?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await fillSignIn(page, baseUrl, username, password, opts);
  return { context, page };
}

/** Sign in on a page that already exists (a context another test step made). */
export async function fillSignIn(
  page: Page,
  baseUrl: string,
  username: string,
  password: string,
  opts: { checkSignInPage?: boolean } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  if (opts.checkSignInPage) await expectAccessible(page);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}

export interface BrowserHarness {
  database: Database;
  service: RunningService;
  browser: Browser;
  /** Chromium, then the service, then the database. */
  close(): Promise<void>;
}

/**
 * What every browser test starts from: a fresh in-memory database with the small synthetic
 * authority (and whatever `seed` adds before the service starts), the service on a real port
 * and Debian's Chromium.
 */
export async function openBrowserHarness(
  opts: {
    time?: TimeSource;
    env?: Record<string, string>;
    seed?: (db: Db, authority: Awaited<ReturnType<typeof smallAuthority>>) => Promise<void>;
  } = {},
): Promise<BrowserHarness> {
  const database = await openDatabase({});
  let service: RunningService | undefined;
  try {
    await runMigrations(database);
    const authority = await smallAuthority(database.db);
    await opts.seed?.(database.db, authority);
    service = await startService(database, opts.time, opts.env ? { env: opts.env } : {});
    const browser = await launchChromium();
    const started = service;
    return {
      database,
      service: started,
      browser,
      async close() {
        await browser.close();
        await started.close();
        await database.close();
      },
    };
  } catch (error) {
    await service?.close();
    await database.close();
    throw error;
  }
}
