import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database } from '../../src/core/db/database.js';
import { fixedTime } from '../../src/core/time.js';
import { PASSWORD } from '../support/fixture.js';
import { rebuildsSettled } from '../support/rebuilds.js';
import { driftingAssessment } from '../support/scenario.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, signInWithPassword, openBrowserHarness } from './browser.js';

const NOW = '2026-03-02T10:00:00Z';

describe('in a real browser: an administrator changes local policy from a past date', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      time: fixedTime(NOW),
      seed: async (db, authority) => {
        await driftingAssessment(db, authority, { firstName: 'Lio', lastName: 'Drifting' }, { date: '2026-02-23', time: '11:00' });
      },
    });
    ({ database, service, browser } = harness);
  });

  afterAll(() => harness?.close());

  it('is refused out of range, asked to confirm the past date, and shown the recompute', async () => {
    const { context, page } = await signInWithPassword(browser, service.url, 'ada', PASSWORD);
    await page.goto(`${service.url}/admin/policy`);
    await expectAccessible(page);

    await page.getByLabel('Setting', { exact: true }).selectOption({ label: 'Child seen after a referral within' });
    await page.getByLabel('New value').fill('9999');
    await page.getByLabel('Day', { exact: true }).fill('25');
    await page.getByLabel('Month', { exact: true }).fill('2');
    await page.getByLabel('Year', { exact: true }).fill('2026');
    await page.getByRole('button', { name: 'Save setting' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('must be between 1 and 45 working days');
    await expectAccessible(page);

    await page.getByLabel('New value').fill('10');
    await page.getByRole('button', { name: 'Save setting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Confirm a change that takes effect in the past' }).waitFor();
    await expect(page.locator('#affected').textContent()).resolves.toContain(
      '1 child has obligations under this rule falling due since 25 February 2026',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Confirm and re-judge past work' }).click();
    await page.waitForURL(/\/admin\/policy$/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Setting changed from 25 February 2026');
    await expectAccessible(page);

    expect((await rebuildsSettled(database.db)).state).toBe('finished');
    await page.goto(`${service.url}/admin/policy`);
    await expect(page.locator('#recompute + .govuk-summary-list').textContent()).resolves.toContain('Finished');
    await expectAccessible(page);
    await context.close();
  });
});
