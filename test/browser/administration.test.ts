import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/fixture.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness } from './browser.js';

describe('in a real browser: people, API tokens and sign-in messages', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    harness = await openBrowserHarness({ env: { SIGN_IN_MAX_FAILURES: '3' } });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  const signIn = (page: Page, username: string, password = PASSWORD) => fillSignIn(page, service.url, username, password);

  it('changes a user, a worker and creates a token on accessible pages', async () => {
    // axe is injected as an inline script, which the service's CSP rightly refuses
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await signIn(page, 'ada');
    await page.getByRole('link', { name: 'Change cleo' }).click();
    await page.waitForURL(/\/admin\/users\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    await page.getByLabel('Full name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter full name');
    await expectAccessible(page);

    await page.goto(`${service.url}/admin/workforce`);
    await page.getByRole('link', { name: 'Ben Madeup' }).click();
    await page.waitForURL(/\/admin\/workforce\/workers\//);
    await expectAccessible(page);
    await page.getByLabel('Worker’s name').fill('Ben Renamed');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(/\/admin\/workforce$/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Ben Renamed: changes saved');

    await page.getByRole('link', { name: 'API tokens' }).click();
    await expectAccessible(page);
    await page.getByLabel('Name').fill('education-link');
    await page.getByLabel('Service manager').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.locator('#new-token').textContent()).resolves.toMatch(/^ocsc_/);
    await expectAccessible(page);
    await context.close();
  });

  it('says on the sign-in page when an account is locked, and when a session has ended', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    for (let i = 0; i < 3; i++) await signIn(page, 'ana', 'not the password');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('This account is locked');
    await expectAccessible(page);

    await signIn(page, 'sam');
    const copy = await browser.newContext({ bypassCSP: true, storageState: await context.storageState() });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    const other = await copy.newPage();
    await other.goto(`${service.url}/authority`);
    await other.waitForURL(/\/sign-in/);
    await expect(other.locator('.govuk-notification-banner').textContent()).resolves.toContain('You have been signed out');
    await expectAccessible(other);
    await copy.close();
    await context.close();
  });
});
