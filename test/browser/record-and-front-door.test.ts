import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import type { RunningService } from '../support/service.js';
import { fixedTime } from '../../src/core/time.js';
import { recordContact } from '../../src/front-door/use-cases.js';
import { policySettings } from '../../src/obligations/schema.js';
import { PASSWORD } from '../support/fixture.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

// Wednesday 11 March 2026, 10:00 in England
const NOW = '2026-03-11T10:00:00Z';

describe('in a real browser: visits read back, an unborn child’s birth, and a contact decision signed off', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;
  let childId: string;
  let unbornId: string;
  let contactId: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      time: fixedTime(NOW),
      seed: async (db, authority) => {
        const by = { userId: authority.users.practitioner, teamId: authority.teams.north };
        childId = await createChild(
          db,
          {
            firstName: 'Noa',
            lastName: 'Browserton',
            sex: 'F',
            ethnicity: 'WBRI',
            dateOfBirth: '2016-01-12',
            disabilities: [],
          } as NewChild,
          '2026-03-02',
          by,
        );
        unbornId = await createChild(
          db,
          {
            firstName: 'Baby',
            lastName: 'Browserton',
            sex: 'U',
            ethnicity: 'WBRI',
            expectedDateOfBirth: '2026-04-30',
            disabilities: [],
          } as NewChild,
          '2026-03-02',
          by,
        );
        contactId = await recordContact(
          db,
          {
            childId,
            receivedDate: '2026-03-11',
            receivedTime: '08:30',
            source: '3B',
            referrerName: 'A Health Visitor',
            about: 'Noa’s mother is struggling after the birth of a baby',
            consent: 'given',
            domesticAbuseNotification: false,
          } as never,
          { userId: authority.users.practitioner },
        );
        await db.insert(policySettings).values({ key: 'frontDoor.contactDecisionSignOff', value: 'required', effectiveFrom: '2026-03-02' });
      },
    });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  const signedIn = async (username: string): Promise<Page> =>
    (await signInWithPassword(browser, service.url, username, PASSWORD)).context.pages()[0]!;

  it('records a visit and reads it back on the record and on the visits page', async () => {
    const page = await signedIn('ana');
    await page.goto(`${service.url}/children/${childId}/visits/new`);
    await page.getByRole('group', { name: 'Purpose of the visit' }).getByLabel('Child in need').check();
    await page.getByLabel('Yes, and seen alone').check();
    await page.getByLabel('What happened (optional)').fill('Noa showed me her drawings of the new baby.');
    await page.getByRole('button', { name: 'Save visit' }).click();
    await page.waitForURL(new RegExp(`/children/${childId}$`));
    await expectAccessible(page);
    const visits = page.getByRole('region', { name: 'Recent visits' });
    await expect(visits.textContent()).resolves.toContain('Noa showed me her drawings of the new baby.');
    await page.getByRole('link', { name: 'All 1 visits, with every note in full' }).click();
    await page.waitForURL(new RegExp(`/children/${childId}/visits$`));
    await expectAccessible(page);
    await expect(page.locator('main').textContent()).resolves.toContain('Seen alone');
  });

  it('shows an unborn child as unborn, and records the birth, naming a date in the future', async () => {
    const page = await signedIn('ana');
    await page.goto(`${service.url}/children/${unbornId}`);
    await expectAccessible(page);
    await expect(page.locator('main').textContent()).resolves.toContain('Unborn: expected 30 April 2026');
    await page.getByRole('link', { name: 'Record the birth' }).click();
    await page.waitForURL(/\/birth$/);
    await expectAccessible(page);
    await page.getByLabel('Day').fill('12');
    await page.getByLabel('Month').fill('3');
    await page.getByLabel('Year').fill('2026');
    await page.getByLabel('Female').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Date of birth must be today or in the past');
    await expectAccessible(page);
    await page.getByLabel('Day').fill('9');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(new RegExp(`/children/${unbornId}$`));
    await expect(page.locator('main').textContent()).resolves.toContain('9 March 2026');
  });

  it('holds a practitioner’s contact decision until a manager signs it off', async () => {
    const ana = await signedIn('ana');
    await ana.goto(`${service.url}/front-door/contacts/${contactId}`);
    await expectAccessible(ana);
    await expect(ana.locator('main').textContent()).resolves.toContain('Health services – health visitor (3B)');
    await ana.getByLabel('Child in need', { exact: true }).check();
    await ana.getByLabel('Referral', { exact: true }).check();
    await ana.getByLabel('Team to receive the referral').selectOption({ label: 'North 1' });
    await ana.getByLabel('Reason for the decision').fill('Support for the family after the birth');
    await ana.getByRole('button', { name: 'Send for sign-off' }).click();
    await ana.waitForURL(new RegExp(`/front-door/contacts/${contactId}$`));
    await expectAccessible(ana);

    const mina = await signedIn('mina');
    await mina.goto(`${service.url}/front-door`);
    await expectAccessible(mina);
    await expect(mina.locator('main').textContent()).resolves.toContain('Awaiting sign-off');
    await mina.getByRole('link', { name: 'Noa Browserton' }).click();
    await expectAccessible(mina);
    await mina.getByRole('button', { name: 'Sign off the decision' }).click();
    await mina.waitForURL(new RegExp(`/front-door/contacts/${contactId}$`));
    await expect(mina.locator('main').textContent()).resolves.toMatch(/Signed off[\s\S]*by Mina Manager/);
    await expectAccessible(mina);
  });
});
