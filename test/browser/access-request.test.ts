import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedTime } from '../../src/core/time.js';
import { PASSWORD } from '../support/fixture.js';
import { driftingAssessment } from '../support/scenario.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, signInWithPassword, openBrowserHarness } from './browser.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

describe('in a real browser: a restricted record in the backlog, access asked for and granted', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;
  let childId: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      time: fixedTime(NOW),
      seed: async (db, authority) => {
        childId = await driftingAssessment(
          db,
          authority,
          { firstName: 'Ivy', lastName: 'Restrictedcase' },
          { date: '2025-11-03', time: '11:00' },
        );
        await db.execute(sql`update children set restricted = true where id = ${childId}`);
        await db.execute(
          sql`insert into restricted_record_access (child_id, user_id) values (${childId}, ${authority.users.practitioner})`,
        );
      },
    });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  async function signedIn(username: string): Promise<Page> {
    return (await signInWithPassword(browser, service.url, username, PASSWORD)).page;
  }

  it('takes a manager from the overdue figure to a request, and back to the record once granted', async () => {
    const mina = await signedIn('mina');
    await mina.locator('[data-figure="overdue-assessments"]').click();
    await mina.waitForURL(/overdue-assessments/);
    await expectAccessible(mina);
    await expect(mina.locator('main').textContent()).resolves.not.toContain('Restrictedcase');
    await mina.getByRole('link', { name: 'Request access to this restricted record' }).click();
    await mina.waitForURL(/access-requests\/new/);
    await expectAccessible(mina);
    await mina.getByRole('button', { name: 'Send request' }).click();
    await expect(mina.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter why you need access');
    await expectAccessible(mina);
    await mina.getByLabel('Why you need access').fill('The assessment is overdue and I supervise it');
    await mina.getByRole('button', { name: 'Send request' }).click();
    await mina.waitForURL(/\/access-requests$/);
    await expect(mina.locator('.govuk-notification-banner').first().textContent()).resolves.toContain('Your request has been sent');
    await expectAccessible(mina);

    const ana = await signedIn('ana');
    await expect(ana.locator('main').textContent()).resolves.toContain('1 request for access');
    await expectAccessible(ana);
    await ana.getByRole('link', { name: '1 request for access' }).click();
    await ana.waitForURL(/\/access-requests$/);
    await expectAccessible(ana);
    await ana.getByRole('button', { name: 'Grant access to Mina Manager' }).click();
    await ana.waitForURL(/\/access-requests$/);
    await expect(ana.locator('main').textContent()).resolves.toContain('Nothing is waiting for your decision');

    await mina.goto(`${service.url}/my-team`);
    await expect(mina.locator('main').textContent()).resolves.toContain('Your request for access to a restricted record was granted');
    await expectAccessible(mina);
    await mina.getByRole('link', { name: 'Ivy Restrictedcase' }).click();
    await mina.waitForURL(new RegExp(`/children/${childId}$`));
    await expect(mina.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Ivy Restrictedcase');
  });
});
