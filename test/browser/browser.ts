import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

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

/** Run axe on the page as it is; fail on any serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  await page.addScriptTag({ content: axeSource });
  const violations = (await page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: AxeViolation) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })) as AxeViolation[];
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `axe on ${page.url()}: ${JSON.stringify(serious, null, 1)}`).toEqual([]);
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
export async function fillSignIn(page: Page, baseUrl: string, username: string, password: string, opts: { checkSignInPage?: boolean } = {}): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  if (opts.checkSignInPage) await expectAccessible(page);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForLoadState();
}
