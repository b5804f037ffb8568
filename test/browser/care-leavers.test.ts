import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import type { Db } from '../../src/core/db/database.js';
import { type BecomeLookedAfter, becomeLookedAfter, ceaseLookedAfter } from '../../src/looked-after/use-cases.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: a care leaver’s record and contacts, and the measures they update', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let childId: string;
  let page: Page;
  let mina: Page;

  beforeAll(async () => {
    // Monday 2 March 2026, 10:00 in England
    harness = await openBrowserHarness({
      time: new TestClock('2026-03-02T10:00:00Z'),
      seed: async (db, authority) => {
        // 18 on 10 January 2026; looked after from 15 to 17
        childId = await createChild(
          db,
          { firstName: 'Wren', lastName: 'Invented', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2008-01-10', disabilities: [] } as NewChild,
          '2023-01-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-03-01T12:00:00Z') };
        const period = await db.transaction((tx: Db) =>
          becomeLookedAfter(
            tx,
            childId,
            {
              startDate: '2023-06-01',
              legalStatus: 'C2',
              categoryOfNeed: 'N1',
              placementType: 'U1',
              provider: 'PR1',
              providerName: 'Pat and Sam Carer',
              placementPostcode: 'M60 2LA',
              homePostcode: 'M13 9PL',
              intendedToAge18: false,
              visitRegime: 'standard',
            } as BecomeLookedAfter,
            by,
          ),
        );
        await db.transaction((tx: Db) => ceaseLookedAfter(tx, childId, period, { endDate: '2025-10-01', reasonCeased: 'E8', version: 1 }));
      },
    });
    ({ service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
    mina = (await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

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

  async function follow(name: string | RegExp) {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).first().click()]);
    await expectAccessible(page);
  }

  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();
  const section = () => page.locator('section[aria-labelledby="care-leaver-heading"]').textContent();

  async function headlines() {
    await mina.goto(`${service.url}/care-leavers`);
    await expectAccessible(mina);
    return mina.locator('[data-cl-headlines]').textContent();
  }

  it('shows the category on the child’s record and starts the leaving care record: an adviser without a date is refused', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('Former relevant child');
    // eligible at 16, so the needs assessment was owed; it lapsed unmet at 18, so nothing is next
    await expect(section()).resolves.toContain('None recorded');
    await expect(section()).resolves.not.toContain('Next:');
    await follow('Start the leaving care record');
    await fillDate('needsAssessmentCompletedOn', '2024-02-20');
    await fillDate('pathwayPlanCompletedOn', '2024-03-15');
    await page.getByLabel('The personal adviser’s name (optional)').fill('Parker Invented');
    await submit('Save');
    await expect(errorSummary()).resolves.toContain('Enter the date the personal adviser was appointed');
    await fillDate('personalAdviserAppointedOn', '2024-03-15');
    await submit('Save');
    await expect(banner()).resolves.toContain('Leaving care record saved');
    await expect(page.locator('main').textContent()).resolves.toContain('Parker Invented, appointed 15 March 2024');
  });

  it('shows a manager the measures from the navigation: not known until a contact records them', async () => {
    await mina.goto(`${service.url}/`);
    await Promise.all([mina.waitForNavigation(), mina.getByRole('link', { name: 'Care leavers', exact: true }).click()]);
    await expectAccessible(mina);
    const text = await mina.locator('[data-cl-headlines]').textContent();
    expect(text).toContain('In touch: 0 of 1 (0%); not known for 1.');
    expect(text).toContain('In education, employment or training: 0 of 1 (0%); not known for 1.');
  });

  it('records a contact around the 18th birthday, in touch and suitably housed, activity not known', async () => {
    await follow('Record a contact');
    await fillDate('contactOn', '2026-01-08');
    await choose('inTouch', 'YES');
    await choose('seenByAdviser', 'yes');
    await page.getByLabel('Type of accommodation').selectOption('E');
    await choose('accommodationSuitable', 'yes');
    await submit('Save the contact');
    await expect(banner()).resolves.toContain('Contact saved');
    const contacts = page.getByRole('table', { name: 'Contacts' });
    await expect(contacts.textContent()).resolves.toContain('Supported lodgings: suitable');
    const text = await headlines();
    expect(text).toContain('In touch: 1 of 1 (100%).');
    expect(text).toContain('In suitable accommodation: 1 of 1 (100%).');
    expect(text).toContain('In education, employment or training: 0 of 1 (0%); not known for 1.');
  });

  it('records the activity on the contact, and the young person counts as in education', async () => {
    await follow(/^8 January 2026/);
    await page.getByLabel('Main activity').selectOption('F2');
    await submit('Save changes');
    await expect(banner()).resolves.toContain('Contact saved');
    const text = await headlines();
    expect(text).toContain('In education, employment or training: 1 of 1 (100%).');
    await Promise.all([
      mina.waitForNavigation(),
      mina.getByRole('link', { name: '1 In education, employment or training', exact: true }).click(),
    ]);
    await expectAccessible(mina);
    const list = mina.getByRole('table', { name: 'In education, employment or training' });
    await expect(list.textContent()).resolves.toContain('Wren Invented');
    await expect(list.textContent()).resolves.toContain('Other education, full time');
  });

  it('records a pathway plan review, Staying Put and the health summary, and opens the end of support and the chronology', async () => {
    await page.goto(`${service.url}/children/${childId}/care-leaver`);
    await expectAccessible(page);
    await follow('Record a pathway plan review');
    await fillDate('reviewedOn', '2024-03-01');
    await page.getByLabel('What the review decided').fill('Moving to supported lodgings');
    await submit('Save the review');
    await expect(errorSummary()).resolves.toContain('Date of the review must be after the pathway plan was completed (15 March 2024)');
    await fillDate('reviewedOn', '2025-11-20');
    await submit('Save the review');
    await expect(banner()).resolves.toContain('Pathway plan review saved');
    await follow('Record Staying Put');
    await fillDate('stayingPutFrom', '2026-01-10');
    await submit('Save Staying Put');
    await follow('Record the health summary');
    await page.getByLabel('The summary of the young person’s health history').fill('Immunisations up to date.');
    await submit('Save the health summary');
    await expect(page.locator('main').textContent()).resolves.toContain('Written, not yet given to the young person');
    await follow('End leaving care support');
    await expect(page.getByRole('button', { name: 'End leaving care support' }).isVisible()).resolves.toBe(true);
    await page.goto(`${service.url}/children/${childId}/chronology`);
    await expectAccessible(page);
    await expect(page.locator('main').textContent()).resolves.toContain('Pathway plan reviewed');
  });
});
