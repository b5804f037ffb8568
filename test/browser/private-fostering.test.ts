import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: a private fostering notification through its first visit, and the managers’ figures', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let childId: string;
  let page: Page;

  beforeAll(async () => {
    // Wednesday 4 March 2026, 10:00 in England
    harness = await openBrowserHarness({
      time: new TestClock('2026-03-04T10:00:00Z'),
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Oona', lastName: 'Madeup', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2012-06-21', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  async function obligations() {
    return rows<{ due: string; done: string | null }>(
      database.db,
      sql`select due, done from obligations where child_id = ${childId} and rule_id = 'private-fostering-visit' order by due`,
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
  const section = () => page.locator('section[aria-labelledby="private-fostering-heading"]').textContent();

  it('records the notification from the child’s record: a date in the future is refused, then the first visit falls due', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await press('Private fostering');
    await expect(page.locator('main').textContent()).resolves.toContain('No private fostering arrangement recorded');
    await follow('Record a private fostering notification');
    await fillDate('notifiedOn', '2026-03-05');
    await choose('notifiedBy', 'school');
    await page.getByLabel('Who notified, in a few words (optional)').fill('Hill Primary School');
    await fillDate('arrangementStartedOn', '2026-02-23');
    await page.getByLabel('How long the arrangement is expected to last').fill('The summer term');
    await page.getByLabel('The private foster carer’s name').fill('Rowan Invented');
    await page.getByLabel('The private foster carer’s postcode').fill('M60 2LA');
    await page.getByLabel('How the carer knows the child or family').fill('Family friend');
    await page.getByLabel('The parents’ names and where they live').fill('Mother: Sky Pretend, working abroad');
    await submit('Save the notification');
    await expect(errorSummary()).resolves.toContain('Date the notification was received must be today or in the past');
    await fillDate('notifiedOn', '2026-03-02');
    await submit('Save the notification');
    await page.waitForURL(/private-fostering\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Private fostering notification recorded');
    // Monday 2 March: 7 working days on is Wednesday 11 March
    expect(await obligations()).toEqual([{ due: '2026-03-11', done: null }]);
    const rule = page.getByRole('table', { name: 'Visits the regulations ask for' });
    await expect(rule.textContent()).resolves.toContain('First visit: within 7 working days of the notification');
    await expect(rule.textContent()).resolves.toContain('11 March 2026');
  });

  it('records the first visit from the arrangement: the child seen alone meets it, and the next falls due 6 weeks on', async () => {
    await follow('Record a visit');
    await expect(page.locator('input[name="purpose"][value="private_fostering"]').isChecked()).resolves.toBe(true);
    await fillDate('visitDate', '2026-03-04');
    await choose('seen', 'alone');
    await page.getByLabel('What happened (optional)').fill('Oona showed me her room and talked about school.');
    await submit('Save visit');
    await expect(banner()).resolves.toContain('Visit recorded');
    expect(await obligations()).toEqual([
      { due: '2026-03-11', done: '2026-03-04' },
      { due: '2026-04-15', done: null },
    ]);
    await expect(section()).resolves.toContain('Next: Private fostering visit, due 15 April 2026');
    await follow('Open the private fostering arrangement');
    const rule = page.getByRole('table', { name: 'Visits the regulations ask for' });
    await expect(rule.textContent()).resolves.toContain('Met on time');
    await expect(page.getByRole('table', { name: 'Visits during the arrangement' }).textContent()).resolves.toContain('Seen alone');
  });

  it('starts the carer’s assessment', async () => {
    await follow('Record the carer’s assessment');
    await fillDate('assessmentStartedOn', '2026-03-04');
    await submit('Save the assessment');
    await expect(banner()).resolves.toContain('Assessment saved');
    await expect(page.locator('main').textContent()).resolves.toContain('Started 4 March 2026, not completed');
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows a manager the children seen within 7 working days, from the navigation, with the child behind the figure', async () => {
    const mina = (await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD)).page;
    await Promise.all([mina.waitForNavigation(), mina.getByRole('link', { name: 'Private fostering', exact: true }).click()]);
    await expectAccessible(mina);
    await expect(mina.locator('[data-pf-headline]').textContent()).resolves.toContain(
      '1 of 1 privately fostered children whose first visit fell due in the last 12 months were seen within 7 working days of the notification (100%).',
    );
    await Promise.all([
      mina.waitForNavigation(),
      mina.getByRole('link', { name: '1 Seen within 7 working days of the notification', exact: true }).click(),
    ]);
    await expectAccessible(mina);
    const list = mina.getByRole('table', { name: 'Seen within 7 working days of the notification' });
    await expect(list.textContent()).resolves.toContain('Oona Madeup');
  });
});
