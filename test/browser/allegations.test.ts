import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness, signInWithPassword } from './browser.js';

const DAY = 24 * 3_600_000;

describe('in a real browser: the designated officer takes an allegation against a coach from referral to its outcome', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let clock: TestClock;
  let childId: string;
  let reference: number;
  let page: Page;

  beforeAll(async () => {
    // Monday 11 May 2026, 10:00 in England
    clock = new TestClock('2026-05-11T09:00:00Z');
    harness = await openBrowserHarness({
      time: clock,
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Kit', lastName: 'Madeup', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2014-07-09', disabilities: [] } as NewChild,
          '2026-01-05',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        const [r] = await rows<{ reference: number }>(db, sql`select reference::int as reference from children where id = ${childId}`);
        reference = r!.reference;
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'sam', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  async function obligations() {
    return rows<{ rule_id: string; due: string; done: string | null }>(
      database.db,
      sql`select rule_id, due, done from obligations where child_id = ${childId} and rule_id like 'lado-%' order by due`,
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

  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();

  it('records the allegation from the navigation, refusing the LADO informed before the employer was told', async () => {
    await page.goto(`${service.url}/`);
    await follow('Allegations');
    await expect(page.locator('[data-figure="open"]').textContent()).resolves.toBe('0');
    await press('Record an allegation');
    await page.getByLabel('Name of the adult').fill('Rory Pretend');
    await page.getByLabel('Their role').fill('Football coach');
    await page.getByLabel('Employer or organisation').fill('Imaginary Juniors FC');
    await page.getByLabel('Sector').selectOption('sport');
    await choose('category', 'harm');
    await choose('abuseType', 'emotional');
    await page.getByLabel('What is alleged to have happened').fill('Shouted at and humiliated players in front of the team');
    await fillDate('madeDate', '2026-05-08');
    await fillDate('ladoInformedDate', '2026-05-07');
    await page.getByLabel('Reference numbers of children on the record').fill(String(reference));
    await page.getByLabel('Children not on the record', { exact: true }).fill('3');
    await page.getByLabel('About the children not on the record (optional)').fill('three other players in the under-12s');
    await submit('Record the allegation');
    await expect(errorSummary()).resolves.toContain(
      'Date the designated officer was informed cannot be before the employer was told (8 May 2026)',
    );
    await fillDate('ladoInformedDate', '2026-05-11');
    await submit('Record the allegation');
    await page.waitForURL(/allegations\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Allegation recorded');
    await expect(page.getByRole('table', { name: 'Children on the record' }).textContent()).resolves.toContain('Kit Madeup');
    // made on Friday 8 May: the designated officer is due to be informed by Monday 11 May
    expect(await obligations()).toEqual([
      { rule_id: 'lado-informed', due: '2026-05-11', done: '2026-05-11' },
      { rule_id: 'lado-resolution-1-month', due: '2026-06-08', done: null },
      { rule_id: 'lado-resolution-3-months', due: '2026-08-08', done: null },
      { rule_id: 'lado-resolution-12-months', due: '2027-05-08', done: null },
    ]);
  });

  it('records a strategy meeting with who attended and what was decided', async () => {
    await press('Record a meeting');
    await choose('kind', 'strategy');
    await fillDate('meetingDate', '2026-05-11');
    await page.locator('#attendance-0-agency').selectOption('police');
    await page.locator('#attendance-0-name').fill('Pat Constable');
    await choose('attendance-0-attended', 'yes');
    await page.locator('#attendance-1-agency').selectOption('other');
    await page.locator('#attendance-1-name').fill('Club welfare officer');
    await choose('attendance-1-attended', 'yes');
    await page.getByLabel('Decisions').fill('No police action; the club to investigate under its own procedures');
    await submit('Save the meeting');
    await expect(banner()).resolves.toContain('Meeting recorded');
    await expect(page.getByRole('table', { name: 'Meetings' }).textContent()).resolves.toContain(
      'Pat Constable (Police), Club welfare officer (Other)',
    );
  });

  it('records the outcome a fortnight on, refusing a date before the allegation, and the figures count it', async () => {
    const allegationPage = page.url();
    clock.advance(14 * DAY); // Monday 25 May: the session has ended, so sign in again
    await fillSignIn(page, service.url, 'sam', PASSWORD);
    await page.goto(allegationPage);
    await expectAccessible(page);
    await press('Record the outcome');
    await choose('outcome', 'substantiated');
    await fillDate('concludedDate', '2026-05-01');
    await page.getByLabel('Disciplinary action short of dismissal').check();
    await page.getByLabel('Training, supervision or other support').check();
    await submit('Record the outcome');
    await expect(errorSummary()).resolves.toContain('Date the allegation concluded cannot be before the allegation was made (8 May 2026)');
    await fillDate('concludedDate', '2026-05-22');
    await page.getByLabel('Notes on the outcome (optional)').fill('Final written warning; safeguarding training booked');
    await submit('Record the outcome');
    await expect(banner()).resolves.toContain('Outcome recorded');
    await expect(page.locator('[data-standing]').textContent()).resolves.toContain('Substantiated, concluded 22 May 2026');
    expect((await obligations()).map((o) => o.done)).toEqual(['2026-05-11', '2026-05-22', '2026-05-22', '2026-05-22']);

    await follow('Back');
    await expect(page.locator('[data-figure="this-quarter"]').textContent()).resolves.toBe('1');
    await expect(page.locator('[data-figure="within-1-month"]').textContent()).resolves.toBe('1');
    await Promise.all([page.waitForNavigation(), page.locator('[data-figure="within-1-month"]').click()]);
    await expectAccessible(page);
    await expect(page.locator('h2', { hasText: 'within 1 month' }).textContent()).resolves.toBe('Concluded this quarter, within 1 month');
    await expect(page.locator('table').textContent()).resolves.toContain('Rory Pretend');
    await page.setViewportSize({ width: 375, height: 800 });
    await page.reload();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await expectAccessible(page);
  });
});
