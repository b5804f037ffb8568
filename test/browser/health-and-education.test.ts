import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness, signInWithPassword } from './browser.js';

const DAY = 24 * 3_600_000;

describe('in a real browser: a looked after child’s health assessments, dental check, SDQ, school, PEP and hours of education', () => {
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
          { firstName: 'Jo', lastName: 'Unreal', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2013-09-14', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  async function obligations(ruleId: string) {
    return rows<{ due: string; done: string | null }>(
      database.db,
      sql`select due, done from obligations
           where child_id = ${childId} and rule_id = ${ruleId} and (done is not null or lapses_on is null) order by due`,
    );
  }

  async function fillDate(name: string, iso: string) {
    const [y, m, d] = iso.split('-');
    await page.locator(`#${name}-day`).fill(String(Number(d)));
    await page.locator(`#${name}-month`).fill(String(Number(m)));
    await page.locator(`#${name}-year`).fill(y!);
  }

  const choose = (name: string, value: string) => page.locator(`input[name="${name}"][value="${value}"]`).check();

  async function submit(name = 'Save') {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await expectAccessible(page);
  }

  async function follow(name: string | RegExp) {
    await Promise.all([
      page.waitForNavigation(),
      page
        .getByRole('link', typeof name === 'string' ? { name, exact: true } : { name })
        .first()
        .click(),
    ]);
    await expectAccessible(page);
  }

  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();
  const section = () => page.locator('section[aria-labelledby="health-education-heading"]').textContent();
  const overview = () => `${service.url}/children/${childId}/health-and-education`;

  it('takes the child into care, and the record shows the health and education section with the PEP due first', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(page.locator('#health-education-heading').count()).resolves.toBe(0);
    await follow('Record that the child became looked after');
    await fillDate('startDate', '2026-03-02');
    await page.getByLabel('Legal status').selectOption('C2');
    await page.getByLabel('Category of need').selectOption('N1');
    await page.getByLabel('Placement type').selectOption('U6');
    await page.getByLabel('Carer or provider').fill('Pat and Sam Carer');
    await page.getByLabel('Postcode of the placement').fill('M60 2LA');
    await choose('intendedToAge18', 'no');
    await submit();
    await expect(banner()).resolves.toContain('Period of care started');
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('Next: Personal education plan started');
    await page.locator('section[aria-labelledby="health-education-heading"]').getByRole('link', { name: 'Health and education' }).click();
    await page.waitForURL(overview());
    await expectAccessible(page);
    await expect(page.getByRole('table', { name: 'What is due' }).textContent()).resolves.toContain('Initial health assessment');
  });

  it('refuses a health assessment dated tomorrow, records it, then corrects it', async () => {
    await follow('Record a health assessment');
    await choose('assessmentType', 'initial');
    await fillDate('checkDate', '2026-03-03');
    await page.getByLabel('Who completed the health assessment').fill('Dr Imaginary');
    await submit();
    await expect(errorSummary()).resolves.toContain('Date the health assessment was completed must be today or in the past');
    await fillDate('checkDate', '2026-03-02');
    await submit();
    await expect(banner()).resolves.toContain('Health assessment recorded');
    expect(await obligations('initial-health-assessment')).toEqual([{ due: '2026-03-30', done: '2026-03-02' }]);
    await follow(/^Correct/);
    await page.getByLabel('Who completed the health assessment').fill('Dr Madeup');
    await submit();
    await expect(banner()).resolves.toContain('Health assessment corrected');
    await expect(page.getByRole('table', { name: 'Health assessments and dental checks' }).textContent()).resolves.toContain('Dr Madeup');
  });

  it('records a dental check, immunisations, an SDQ (refusing 41), substance misuse and a caution', async () => {
    await follow('Record a dental check');
    await fillDate('checkDate', '2026-03-02');
    await submit();
    await expect(banner()).resolves.toContain('Dental check recorded');
    expect(await obligations('dental-check')).toContainEqual({ due: '2027-03-02', done: '2026-03-02' });

    await follow('Record immunisations or health surveillance checks');
    await choose('kind', 'immunisations');
    await choose('upToDate', 'yes');
    await submit();
    await expect(banner()).resolves.toContain('Saved');

    await follow('Record a strengths and difficulties questionnaire');
    await page.getByLabel('SDQ score').fill('41');
    await submit();
    await expect(errorSummary()).resolves.toContain('SDQ score must be a whole number from 0 to 40');
    await page.getByLabel('SDQ score').fill('17');
    await submit();
    await expect(banner()).resolves.toContain('Questionnaire recorded');

    await follow('Record a substance misuse problem');
    await fillDate('identifiedDate', '2026-02-10');
    await choose('interventionReceived', 'yes');
    await submit();
    await expect(banner()).resolves.toContain('Substance misuse recorded');

    await follow('Record a conviction or youth caution');
    await fillDate('outcomeDate', '2026-01-12');
    await choose('outcome', 'youth_caution');
    await submit();
    await expect(banner()).resolves.toContain('Recorded');
    const summary = await page.locator('.govuk-summary-list').first().textContent();
    expect(summary).toContain('Score 17 of 40');
  });

  it('records the school, the PEP and, a term on, a PEP meeting, and flags fewer than 25 hours a week', async () => {
    await follow('Record the child’s school');
    await fillDate('fromDate', '2025-09-01');
    await page.getByLabel('School', { exact: true }).fill('Imaginary Academy');
    await page.getByLabel('School URN').fill('100001');
    await choose('ofstedGrade', 'good');
    await submit();
    await expect(banner()).resolves.toContain('School recorded');

    await follow('Record that the personal education plan was initiated');
    await submit();
    await expect(banner()).resolves.toContain('Personal education plan recorded');
    expect(await obligations('pep-initiated')).toEqual([{ due: '2026-03-16', done: '2026-03-02' }]);

    clock.advance(49 * DAY); // Monday 20 April
    await fillSignIn(page, service.url, 'ana', PASSWORD);
    await page.goto(overview());
    await expectAccessible(page);
    await follow('Record a PEP meeting');
    await submit();
    await expect(banner()).resolves.toContain('PEP meeting recorded');
    expect(await obligations('pep-review')).toEqual([
      { due: '2026-08-31', done: '2026-04-20' },
      { due: '2026-12-31', done: null },
    ]);

    await follow('Record hours of education a week');
    await page.getByLabel('Hours of education a week').fill('15');
    await submit();
    await expect(banner()).resolves.toContain('Hours of education recorded');
    await expect(page.getByRole('table', { name: 'Hours of education a week' }).textContent()).resolves.toContain('Under 25 hours');
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('15 hours a week, as at 20 April 2026');
    await page.goto(`${service.url}/children/${childId}/chronology`);
    await expectAccessible(page);
    await expect(page.locator('main').textContent()).resolves.toContain('Education: 15 hours a week');
  });
});
