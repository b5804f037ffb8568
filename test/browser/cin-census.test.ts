import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/fixture.js';
import { recordChildren } from '../support/census.js';
import type { RunningService } from '../support/service.js';
import { TestClock } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: the CIN census built from the record', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;
  let rowan = '';

  beforeAll(async () => {
    harness = await openBrowserHarness({
      time: new TestClock('2026-05-01T10:00:00Z'),
      seed: async (db, authority) => {
        rowan = (await recordChildren(db, authority)).rowan;
      },
    });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  it('is built from the Returns page, shows its findings by rule, and a child’s record shows the child’s', async () => {
    const { context, page } = await signInWithPassword(browser, service.url, 'sam', PASSWORD);
    await page.goto(`${service.url}/returns`);
    await page.getByRole('link', { name: 'build the CIN census from the record' }).click();
    await page.waitForURL(/\/returns\/cin-census$/);
    await expectAccessible(page);

    await page.getByLabel('DfE LA number (optional)').fill('35');
    await page.getByRole('button', { name: 'Build and validate' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'DfE LA number must be the authority’s three digits',
    );
    await expectAccessible(page);

    await page.getByLabel('DfE LA number (optional)').fill('352');
    await page.getByLabel('2025/26').check();
    await page.getByRole('button', { name: 'Build and validate' }).click();
    await page.waitForURL(/\/returns\/cin-census\/[0-9a-f-]+\?la=352$/);
    await expectAccessible(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('The 2025/26 census of 3 children');
    expect(await page.getByRole('link', { name: 'Download the census (XML)' }).getAttribute('href')).toBe(
      '/returns/cin-census/2026/census.xml?la=352',
    );

    await page.getByRole('link', { name: '8540', exact: true }).click();
    await page.waitForURL(/\/rules\/8540$/);
    await expectAccessible(page);

    await page.goto(`${service.url}/children/${rowan}`);
    await expectAccessible(page);
    const section = page.locator('section[aria-labelledby="cin-census-heading"]');
    await expect(section.textContent()).resolves.toContain('8540');
    await section
      .locator('li[data-cin-rule="8540"]')
      .getByRole('link', { name: 'Change the child’s details to put right rule 8540' })
      .click();
    await page.waitForURL(new RegExp(`/children/${rowan}/edit$`));
    await context.close();
  });
});
