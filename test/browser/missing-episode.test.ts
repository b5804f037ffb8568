import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: a child goes missing, returns and has a return home interview', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let childId: string;
  let page: Page;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      // Monday 2 March 2026, 10:00 in England
      time: new TestClock('2026-03-02T10:00:00Z'),
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Lou', lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2012-08-30', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  async function interviews() {
    return rows<{ due: string; done: string | null }>(
      database.db,
      sql`select due, done from obligations where child_id = ${childId} and rule_id = 'return-home-interview' order by due_by`,
    );
  }

  async function fillDate(name: string, iso: string) {
    const [y, m, d] = iso.split('-');
    await page.locator(`#${name}-day`).fill(String(Number(d)));
    await page.locator(`#${name}-month`).fill(String(Number(m)));
    await page.locator(`#${name}-year`).fill(y!);
  }

  const choose = (name: string, value: string) => page.locator(`input[name="${name}"][value="${value}"]`).check();

  async function submit(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await expectAccessible(page);
  }

  async function follow(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).first().click()]);
    await expectAccessible(page);
  }

  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();
  const section = () => page.locator('section[aria-labelledby="missing-heading"]').textContent();
  const summary = () => page.locator('.govuk-summary-list').first().textContent();

  it('records the child missing from the record: a return before the start is refused, then saved', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('No missing or absent episodes recorded');
    await follow('Record a missing or absent episode');
    await choose('missingCode', 'M');
    await fillDate('startDate', '2026-02-27');
    await page.locator('#startTime').fill('21:30');
    await fillDate('endDate', '2026-02-27');
    await page.locator('#endTime').fill('20:00');
    await submit('Save');
    await expect(errorSummary()).resolves.toContain('The child returned or was found must be after they went missing');
    for (const part of ['day', 'month', 'year']) await page.locator(`#endDate-${part}`).fill('');
    await page.locator('#endTime').fill('');
    await submit('Save');
    await page.waitForURL(/missing\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Missing episode recorded');
    await expect(summary()).resolves.toContain('Not returned yet');
    expect(await interviews()).toEqual([]);
  });

  it('records the return: the length shows and the interview falls due 72 hours later', async () => {
    await follow('Record the return');
    await fillDate('endDate', '2026-03-01');
    await page.locator('#endTime').fill('08:15');
    await page.locator('#whereFound').fill('A friend’s flat in Salford');
    await submit('Save');
    await expect(banner()).resolves.toContain('Missing episode saved');
    await expect(summary()).resolves.toContain('1 day 10 hours');
    await expect(summary()).resolves.toContain('Not recorded, due by 4 March 2026 at 8:15am');
    expect(await interviews()).toEqual([{ due: '2026-03-04T08:15:00+00:00', done: null }]);
  });

  it('records the interview held by an independent person, and the screening', async () => {
    await follow('Record the return home interview');
    await fillDate('offeredDate', '2026-03-01');
    await page.locator('#offeredTime').fill('09:00');
    await choose('outcome', 'held');
    await fillDate('outcomeDate', '2026-03-01');
    await page.locator('#outcomeTime').fill('08:00');
    await page.locator('#heldBy').fill('Sam Advocate');
    await choose('heldByIndependent', 'yes');
    await submit('Save the interview');
    await expect(errorSummary()).resolves.toContain('The interview cannot be held before the child returned or was found');
    await fillDate('outcomeDate', '2026-03-02');
    await page.locator('#outcomeTime').fill('09:00');
    await submit('Save the interview');
    await expect(banner()).resolves.toContain('Return home interview saved');
    await expect(summary()).resolves.toContain('Held 2 March 2026 at 9am by Sam Advocate, independent');
    expect(await interviews()).toEqual([{ due: '2026-03-04T08:15:00+00:00', done: '2026-03-02T09:00:00Z' }]);
    await follow('Record the strategy meeting and exploitation risk screening');
    await fillDate('strategyMeetingDate', '2026-03-02');
    await fillDate('screeningDate', '2026-03-02');
    await choose('screeningOutcome', 'concerns');
    await submit('Save');
    await expect(summary()).resolves.toContain('Concerns, completed 2 March 2026');
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('1 episode recorded');
    await expect(section()).resolves.toContain('Met on time');
    await follow('Every missing or absent episode');
    await expect(page.getByRole('table', { name: 'Episodes, latest first' }).textContent()).resolves.toContain('1 day 10 hours');
    // on a phone, the record and the list of episodes never scroll sideways (wide tables scroll inside their region)
    await page.setViewportSize({ width: 375, height: 800 });
    for (const path of [`/children/${childId}`, `/children/${childId}/missing`]) {
      await page.goto(`${service.url}${path}`);
      expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth'), path).toBe(0);
      await expectAccessible(page);
    }
  });
});
