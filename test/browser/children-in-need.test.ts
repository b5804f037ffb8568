import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { referrals } from '../../src/front-door/schema.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness, signInWithPassword } from './browser.js';

const DAY = 24 * 3_600_000;

describe('in a real browser: a child in need plan from its start through a review to its end, a case note and the chronology', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let clock: TestClock;
  let childId: string;
  let page: Page;

  beforeAll(async () => {
    // Monday 2 March 2026, 10:00 in England
    clock = new TestClock('2026-03-02T10:00:00Z');
    harness = await openBrowserHarness({
      time: clock,
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Bea', lastName: 'Unreal', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2017-11-02', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        await db.insert(referrals).values({ childId, referralDate: '2026-02-16', source: '3A' });
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  async function obligations(ruleId: string) {
    return rows<{ due: string; done: string | null }>(
      database.db,
      sql`select due, done from obligations where child_id = ${childId} and rule_id = ${ruleId} order by due`,
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

  /** A link styled as a button (govukButton with an href) has the role of a button. */
  async function press(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await expectAccessible(page);
  }

  async function daysPass(days: number) {
    clock.advance(days * DAY);
    await fillSignIn(page, service.url, 'ana', PASSWORD);
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
  }

  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();
  const section = () => page.locator('section[aria-labelledby="children-in-need-heading"]').textContent();

  it('starts the plan from the child’s record: a date in the future is refused, then its clocks start', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('No child in need plan recorded');
    await follow('Start a child in need plan');
    await fillDate('startDate', '2026-03-03');
    await submit('Start the plan');
    await expect(errorSummary()).resolves.toContain('Date the plan started must be today or in the past');
    await fillDate('startDate', '2026-03-02');
    await submit('Start the plan');
    await page.waitForURL(/children-in-need\/plans\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Child in need plan started');
    expect(await obligations('child-in-need-review')).toEqual([{ due: '2026-06-02', done: null }]);
    await expect(page.getByRole('table', { name: 'What is due under this plan' }).textContent()).resolves.toContain('Child in need visit');
  });

  it('builds the plan: outcomes, a contingency and an action', async () => {
    await page.locator('#outcomes-0').fill('Bea has breakfast before school every day');
    await page.getByLabel('Contingency plan').fill('If Bea arrives hungry again, the school calls the social worker that day');
    await submit('Save outcomes and contingency plan');
    await expect(banner()).resolves.toContain('Plan saved');
    await page.getByLabel('What will be done').fill('Breakfast club place');
    await page.getByLabel('Who will do it').fill('Hill School');
    await fillDate('dueDate', '2026-03-09');
    await choose('status', 'not_started');
    await submit('Add the action');
    await expect(banner()).resolves.toContain('Action added');
    await expect(page.getByRole('table', { name: 'Actions' }).textContent()).resolves.toContain('Breakfast club place');
    await page.getByLabel('Progress on: Breakfast club place').selectOption('completed');
    await submit('Update progress on Breakfast club place');
    await expect(banner()).resolves.toContain('Progress recorded');
  });

  it('records a case note about a call a week late, and counts it as late', async () => {
    await daysPass(9); // Wednesday 11 March
    await press('Case notes');
    await press('Add a case note');
    await choose('kind', 'telephone_call');
    await fillDate('eventDate', '2026-03-02');
    await page.getByLabel('Time of the event (optional)').fill('15:20');
    await page.getByLabel('Summary').fill('Call with Bea’s grandmother');
    await page.getByLabel('Note', { exact: true }).fill('She can take Bea to school on Mondays.');
    await submit('Save the case note');
    await expect(banner()).resolves.toContain('Case note saved');
    await expect(page.locator('[data-late-summary]').textContent()).resolves.toContain('1 of 1 note was recorded late');
    await follow('Call with Bea’s grandmother');
    await expect(page.locator('h1').textContent()).resolves.toContain('Recorded late');
  });

  it('holds a review, refusing one dated before the plan started, and meets the review', async () => {
    await daysPass(70); // Wednesday 20 May
    await follow('Open the child in need plan');
    await follow('Record a review');
    await fillDate('reviewDate', '2026-02-27');
    await page.locator('#attendance-0-agency').selectOption('education');
    await page.locator('#attendance-0-name').fill('Eli Teacher');
    await choose('attendance-0-attended', 'yes');
    await page.getByLabel('What the review decided').fill('The plan continues for three months');
    await submit('Save the review');
    await expect(errorSummary()).resolves.toContain('Date of the review cannot be before the plan started (2 March 2026)');
    await fillDate('reviewDate', '2026-05-20');
    await page.getByLabel('The child’s views').fill('Bea likes breakfast club');
    await submit('Save the review');
    await expect(banner()).resolves.toContain('Review recorded');
    expect(await obligations('child-in-need-review')).toEqual([
      { due: '2026-06-02', done: '2026-05-20' },
      { due: '2026-08-20', done: null },
    ]);
    await expect(page.getByRole('table', { name: 'Reviews' }).textContent()).resolves.toContain('Bea likes breakfast club');
  });

  it('ends the plan with its reason: nothing more is owed under it, and the record says so', async () => {
    await follow('End the plan');
    await fillDate('endDate', '2026-05-20');
    await choose('endReason', 'needs_met');
    await submit('End the plan');
    await expect(banner()).resolves.toContain('Plan ended');
    const owed = await rows<{ rule_id: string }>(
      database.db,
      sql`select rule_id from obligations where child_id = ${childId} and done is null and lapses_on is null and rule_id like 'child-in-need%'`,
    );
    expect(owed).toEqual([]);
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('Not on a child in need plan: the last plan ended on 20 May 2026');
  });

  it('shows every event in the chronology, filters it without JavaScript, and prints it whole', async () => {
    await follow('The whole chronology (6 events): filter by kind, print');
    const items = page.locator('.app-chronology__item');
    // the referral, the allocation, the plan's start, review and end, and the case note
    await expect(items.count()).resolves.toBe(6);
    await expect(page.locator('.app-chronology').textContent()).resolves.toContain('She can take Bea to school on Mondays.');
    await page.getByLabel('Case notes (1)').check();
    await submit('Show these');
    expect(new URL(page.url()).searchParams.get('caseNotes')).toBe('1');
    await expect(items.count()).resolves.toBe(1);
    await expect(items.first().textContent()).resolves.toContain('3:20pm');
    await page.getByLabel('Case notes (1)').uncheck();
    await page.getByLabel('Children in need and transition planning (3)').check();
    await choose('order', 'oldest');
    await submit('Show these');
    await expect(items.locator('a.govuk-link').allTextContents()).resolves.toEqual([
      'Child in need plan started',
      'Child in need plan review',
      'Child in need plan ended: the child’s needs are met',
    ]);
    await follow('Print view: every event on one page');
    await expect(page.locator('.app-chronology-filter').count()).resolves.toBe(0);
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.govuk-template__header').isVisible()).resolves.toBe(false);
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${service.url}/children/${childId}/chronology`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await expectAccessible(page);
    const height = await page.evaluate<number>('document.documentElement.scrollHeight');
    expect(height).toBeLessThan(8700);
  });
});
