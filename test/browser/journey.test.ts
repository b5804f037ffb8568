import { sql } from 'drizzle-orm';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../../src/core/db/database.js';
import { fixedTime } from '../../src/core/time.js';
import { PASSWORD } from '../support/fixture.js';
import { driftingAssessment } from '../support/scenario.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, signInWithPassword, openBrowserHarness } from './browser.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

describe('in a real browser: from the backlog to the child, and a visit recorded', () => {
  let harness: BrowserHarness;
  let database: Database;
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
          { firstName: 'Lio', lastName: 'Drifting' },
          { date: '2025-11-03', time: '11:00' },
        );
      },
    });
    ({ database, service, browser } = harness);
  });

  afterAll(() => harness?.close());

  async function signedIn(username: string): Promise<BrowserContext> {
    return (await signInWithPassword(browser, service.url, username, PASSWORD, { checkSignInPage: true })).context;
  }

  it('takes a team manager from the backlog number to the child, records a visit, and audits it', async () => {
    const context = await signedIn('mina');
    const page = context.pages()[0]!;
    expect(new URL(page.url()).pathname).toBe('/my-team');
    await expectAccessible(page);

    const backlog = page.locator('[data-figure="overdue-assessments"]');
    await expect(backlog.textContent()).resolves.toBe('1');
    await backlog.click();
    await page.waitForURL(/overdue-assessments/);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Lio Drifting' }).click();
    await page.waitForURL(new RegExp(`/children/${childId}$`));
    await expectAccessible(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Lio Drifting');

    await page.getByRole('button', { name: 'Record a visit' }).click();
    await page.waitForURL(/visits\/new/);
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Save visit' }).click();
    // nothing chosen: the error summary names what is missing
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select purpose of the visit');
    await expectAccessible(page);
    await page.getByLabel('Assessment').check();
    await page.getByLabel('Yes, and seen alone').check();
    await page.getByRole('button', { name: 'Save visit' }).click();
    await page.waitForURL(new RegExp(`/children/${childId}$`));
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Visit recorded');
    await expect(page.locator('.app-chronology').textContent()).resolves.toContain('Visit: child seen alone');
    await expectAccessible(page);

    const [met] = await rows<{ done: string | null }>(
      database.db,
      sql`select done from obligations where child_id = ${childId} and rule_id = 'assessment-child-seen'`,
    );
    expect(met?.done).toBe('2026-03-02');
    await expect(page.getByRole('table', { name: 'Done' }).textContent()).resolves.toContain('Child seen during the assessment');
    // everything done has a page of its own, the record showing the latest
    await page.goto(`${service.url}/children/${childId}/done`);
    await expect(page.getByRole('table', { name: /done$/ }).textContent()).resolves.toContain('Child seen during the assessment');
    await expectAccessible(page);

    const audit = await rows<{ action: string; username: string }>(
      database.db,
      sql`select action, username from audit_events where child_id = ${childId} and username = 'mina' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['VIEW_CHILD', 'RECORD_VISIT']));
    await context.close();
  });

  it('refuses the child to a practitioner of another team', async () => {
    const context = await signedIn('cleo');
    const page = context.pages()[0]!;
    const response = await page.goto(`${service.url}/children/${childId}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('You do not have access to this page');
    expect(await page.content()).not.toContain('Drifting');
    await expectAccessible(page);
    await context.close();
  });
});
