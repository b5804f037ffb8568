import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/fixture.js';
import { recordLookedAfter } from '../support/looked-after-record.js';
import type { RunningService } from '../support/service.js';
import { TestClock } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: the SSDA903 built from the record', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;
  let oak = '';

  beforeAll(async () => {
    harness = await openBrowserHarness({
      time: new TestClock('2026-05-01T10:00:00Z'),
      seed: async (db, authority) => {
        oak = (await recordLookedAfter(db, authority)).oak;
      },
    });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  it('is built from the Returns page, shows its findings by rule and what is not built, and a child’s record shows the child’s', async () => {
    const { context, page } = await signInWithPassword(browser, service.url, 'sam', PASSWORD);
    await page.goto(`${service.url}/returns`);
    await page.getByRole('link', { name: 'build the SSDA903 from the record' }).click();
    await page.waitForURL(/\/returns\/ssda903$/);
    await expectAccessible(page);

    await page.getByLabel('Local authority code (optional)').fill('352');
    await page.getByRole('button', { name: 'Build and validate' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Local authority code must be an ONS code such as E08000003',
    );
    await expectAccessible(page);

    await page.getByLabel('Local authority code (optional)').fill('E08000003');
    await page.getByLabel('2025/26').check();
    await page.getByRole('button', { name: 'Build and validate' }).click();
    await page.waitForURL(/\/returns\/ssda903\/[0-9a-f-]+$/);
    await expectAccessible(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('The 2025/26 SSDA903 of 2 children');
    expect(text).not.toContain('Not built from the record yet');
    expect(await page.getByRole('link', { name: 'Download the CSV files (zip)' }).getAttribute('href')).toBe(
      '/returns/ssda903/2026/ssda903.zip',
    );

    await page.getByRole('link', { name: 'SW13STG1', exact: true }).click();
    await page.waitForURL(/\/rules\/SW13STG1$/);
    await expectAccessible(page);

    await page.goto(`${service.url}/children/${oak}`);
    await expectAccessible(page);
    const section = page.locator('section[aria-labelledby="ssda903-heading"]');
    await expect(section.textContent()).resolves.toContain('SW13STG1');
    await section
      .locator('li[data-ssda903-rule="SW13STG1"]')
      .getByRole('link', { name: 'The child’s allocation to put right rule SW13STG1' })
      .click();
    await page.waitForURL(new RegExp(`/children/${oak}/allocation$`));
    // where the next allocation is made, with why the social worker is changing (SW_REASON)
    await expect(page.getByRole('group', { name: 'Why the social worker is changing' }).isVisible()).resolves.toBe(true);
    await expectAccessible(page);

    // the OC2 row of Oak, looked after all of 2026/27 with no SDQ: put right on the SDQ form
    await page.goto(`${service.url}/children/${oak}`);
    await section
      .locator('li[data-ssda903-rule="197B"]')
      .getByRole('link', { name: 'Record a strengths and difficulties questionnaire to put right rule 197B' })
      .click();
    await page.waitForURL(new RegExp(`/children/${oak}/health-and-education/sdq/new$`));
    await expectAccessible(page);
    await context.close();
  });
});
