import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { becomeLookedAfter } from '../../src/looked-after/use-cases.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: a looked after child’s care plan, its versions, the placement plan and UASC status', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let childId: string;
  let page: Page;

  beforeAll(async () => {
    // Wednesday 4 March 2026, 10:00 in England
    const clock = new TestClock('2026-03-04T10:00:00Z');
    harness = await openBrowserHarness({
      time: clock,
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Sol', lastName: 'Unreal', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2013-09-14', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        await db.transaction((tx) =>
          becomeLookedAfter(
            tx,
            childId,
            {
              startDate: '2026-03-02',
              legalStatus: 'C1',
              categoryOfNeed: 'N1',
              placementType: 'U6',
              provider: 'PR1',
              providerName: 'Pat and Sam Carer',
              placementPostcode: 'M60 2LA',
              homePostcode: 'M13 9PL',
              intendedToAge18: false,
              visitRegime: 'standard',
            },
            { userId: authority.users.practitioner, workerId: null, now: clock.now() },
          ),
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
      sql`select due, done from obligations where child_id = ${childId} and rule_id = ${ruleId} and (done is not null or lapses_on is null) order by due`,
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
  const section = () => page.locator('section[aria-labelledby="care-planning-heading"]').textContent();

  it('shows on the record that no care plan is recorded, and the placement plan due first', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    const text = await section();
    expect(text).toContain('Not recorded');
    expect(text).toMatch(/Next: Placement plan\s*, due 9 March 2026/);
    await follow('Care and placement plans, and UASC status');
    await expect(page.locator('h1').textContent()).resolves.toBe('Care and placement plans');
  });

  it('refuses a completed plan without every section, naming them, then completes it and meets the deadline', async () => {
    await follow('Record the care plan');
    await page.getByLabel('Health', { exact: true }).fill('Registered with the local surgery.');
    await fillDate('completedDate', '2026-03-04');
    await submit('Save the care plan');
    const errors = await errorSummary();
    expect(errors).toContain('Enter education: a care plan cannot be completed without it');
    expect(errors).toContain('Enter contingency plan: a care plan cannot be completed without it');
    expect(errors).toContain('Select the plan for permanence: a care plan cannot be completed without it');
    await page.getByLabel('Education', { exact: true }).fill('Stays at the same school; PEP this term.');
    await page.getByLabel('Contact with family and friends').fill('Sees dad every Saturday at the family centre.');
    await page.getByLabel('Emotional and behavioural wellbeing, and identity').fill('Keeps up his Polish lessons.');
    await choose('permanence', 'return_home');
    await page.getByLabel('The plan for permanence in plain words').fill('Home to dad once the parenting assessment is done.');
    await page.getByLabel('Contingency plan').fill('If the assessment is negative, long-term fostering with the current carers.');
    await page
      .getByLabel('How the child and the people caring for them took part in the plan')
      .fill('Sol and his carers met the social worker.');
    await submit('Save the care plan');
    await expect(banner()).resolves.toContain('Care plan saved');
    await expect(page.locator('h1').textContent()).resolves.toBe('Care plan');
    expect(await obligations('care-plan')).toEqual([{ due: '2026-03-16', done: '2026-03-04' }]);
  });

  it('keeps the first version when a draft update is saved, and shows it as history', async () => {
    await follow('Update the care plan (a new version)');
    await expect(page.getByLabel('Health', { exact: true }).inputValue()).resolves.toBe('Registered with the local surgery.');
    await page.getByLabel('Contact with family and friends').fill('Sees dad on Saturdays and his sister on Wednesdays.');
    await page.locator('#completedDate-day').fill('');
    await page.locator('#completedDate-month').fill('');
    await page.locator('#completedDate-year').fill('');
    await submit('Save the care plan');
    await expect(banner()).resolves.toContain('Care plan saved');
    await expect(page.locator('main').textContent()).resolves.toContain('Version 2, a draft not yet completed');
    await follow(/^Version 1/);
    await expect(page.locator('main').textContent()).resolves.toContain('A later version (version 2) is the plan now');
    await expect(page.locator('main').textContent()).resolves.toContain('Sees dad every Saturday at the family centre.');
    await expect(page.locator('main').textContent()).resolves.toContain('Sol and his carers met the social worker.');
  });

  it('records the placement plan, which meets its deadline', async () => {
    await follow('Back');
    await follow(/^Record the placement plan of/);
    await fillDate('completedDate', '2026-03-03');
    await page.getByLabel('How the placement will meet the child’s needs').fill('The carers live near his school.');
    await page.getByLabel('Contact', { exact: true }).fill('The carers drive him to the family centre.');
    await page.getByLabel('Health', { exact: true }).fill('The carers hold his medicines.');
    await page.getByLabel('Education', { exact: true }).fill('The carers take him to school.');
    await page.getByLabel('Delegated authority to the carers').fill('School trips, haircuts and sleepovers.');
    await submit('Save the placement plan');
    await expect(banner()).resolves.toContain('Placement plan saved');
    expect(await obligations('placement-plan')).toEqual([{ due: '2026-03-09', done: '2026-03-03' }]);
  });

  it('records that the child is an unaccompanied asylum-seeking child, shown on the record', async () => {
    await page.goto(`${service.url}/children/${childId}/care-planning`);
    await expectAccessible(page);
    await follow('Record whether the child is an unaccompanied asylum-seeking child');
    await fillDate('ceasedDate', '2026-03-01');
    await choose('uasc', 'no');
    await submit('Save');
    await expect(errorSummary()).resolves.toContain('Leave the date blank');
    await choose('uasc', 'yes');
    await page.locator('#ceasedDate-day').fill('');
    await page.locator('#ceasedDate-month').fill('');
    await page.locator('#ceasedDate-year').fill('');
    await submit('Save');
    await expect(banner()).resolves.toContain('Unaccompanied asylum-seeking child status saved');
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    const text = await section();
    expect(text).toContain('Version 2, a draft not yet completed');
    expect(text).toMatch(/Unaccompanied asylum-seeking child\s*Yes/);
    await page.goto(`${service.url}/children/${childId}/chronology`);
    await expectAccessible(page);
    await expect(page.locator('main').textContent()).resolves.toContain('Care plan completed: plan for permanence');
  });
});
