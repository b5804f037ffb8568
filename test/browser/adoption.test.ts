import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import type { Db } from '../../src/core/db/database.js';
import { type BecomeLookedAfter, becomeLookedAfter } from '../../src/looked-after/use-cases.js';
import type { RunningService } from '../support/service.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: a child from the placement order to the adoption order, with the scorecard following', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let childId: string;
  let page: Page;
  let manager: Page;

  beforeAll(async () => {
    // Monday 2 March 2026, 10:00 in England
    harness = await openBrowserHarness({
      time: new TestClock('2026-03-02T10:00:00Z'),
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Juno', lastName: 'Fakename', sex: 'F', ethnicity: 'BAFR', dateOfBirth: '2023-11-14', disabilities: [] } as NewChild,
          '2024-05-01',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        // the period of care the looked after area records, and approved adopters waiting (made-up names)
        const by = { userId: authority.users.manager, workerId: authority.workers.manager, now: new Date('2026-03-01T12:00:00Z') };
        await db.transaction((tx: Db) =>
          becomeLookedAfter(
            tx,
            childId,
            {
              startDate: '2024-05-01',
              legalStatus: 'C2',
              categoryOfNeed: 'N1',
              placementType: 'U4',
              provider: 'PR1',
              providerName: 'Pat and Sam Carer',
              intendedToAge18: false,
              visitRegime: 'standard',
            } as BecomeLookedAfter,
            by,
          ),
        );
        await db.execute(sql`insert into adopter_households (name, enquiry_on, registration_accepted_on, stage_one_completed_on,
            stage_two_started_on, approved_on, number_of_adopters, sexes, legal_status, ethnic_group, max_children, age_from, age_to)
          values ('Ash and Rowan Invented', '2025-01-06', '2025-02-03', '2025-03-28', '2025-04-01', '2025-07-29', 2, 'MF', 'L11', 'black', 2, 0, 4)`);
        // and a household in stage one since 5 January: due to finish it by 5 March
        await db.execute(sql`insert into adopter_households (name, enquiry_on, registration_accepted_on, number_of_adopters, sexes,
            legal_status, ethnic_group, max_children, age_from, age_to)
          values ('Bay Notreal', '2025-12-01', '2026-01-05', 1, 'F1', 'L0', 'white', 1, 0, 8)`);
      },
    });
    ({ service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
    manager = (await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  async function fillDate(name: string, iso: string) {
    const [y, m, d] = iso.split('-');
    await page.locator(`#${name}-day`).fill(String(Number(d)));
    await page.locator(`#${name}-month`).fill(String(Number(m)));
    await page.locator(`#${name}-year`).fill(y!);
  }

  async function submit(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await expectAccessible(page);
  }

  async function follow(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).first().click()]);
    await expectAccessible(page);
  }

  /** The scorecard as the manager sees it: its measures' and figures' text. */
  async function scorecard() {
    await manager.goto(`${service.url}/adoption`);
    await expectAccessible(manager);
    return (await manager.locator('main').textContent()) ?? '';
  }

  it('records the decision from the child’s record: a date in the future is refused, naming the field', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Adoption', exact: true }).click()]);
    await expectAccessible(page);
    await follow('Record a decision that the child should be placed for adoption');
    await fillDate('decidedOn', '2026-03-03');
    await submit('Save the decision');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Date of the agency decision maker’s decision must be today or in the past',
    );
    await fillDate('decidedOn', '2025-01-10');
    await submit('Save the decision');
    await expect(page.locator('[data-adoption-status]').textContent()).resolves.toContain('Should be placed for adoption');
  });

  it('the placement order makes the child one of the children waiting', async () => {
    expect(await scorecard()).toMatch(/Children waiting: authority to place, not yet placed\s*0/);
    await follow('Record the placement order or consent');
    await fillDate('authorityOn', '2025-03-03');
    await submit('Save');
    await expect(page.locator('main').textContent()).resolves.toContain('Adoption review (not yet placed)');
    const s = await scorecard();
    expect(s).toMatch(/Children waiting: authority to place, not yet placed\s*1/);
    expect(await manager.locator('[data-adopter-stages]').textContent()).toMatch(/Bay Notreal\s*Stage one[^]*5 March 2026\s*Due/);
    expect(s).toContain('No child adopted in the 3 years has the dates recorded');
    await Promise.all([manager.waitForNavigation(), manager.getByRole('link', { name: 'Adopters', exact: true }).click()]);
    await expectAccessible(manager);
  });

  it('the match and the placement: the child and the adopters are no longer waiting', async () => {
    await follow('Record the match');
    const adopters = await page.locator('#adopterId option', { hasText: 'Ash and Rowan Invented' }).getAttribute('value');
    await page.locator('#adopterId').selectOption(adopters!);
    await fillDate('matchedOn', '2025-09-05');
    await submit('Save the match');
    await follow('Record the placement for adoption');
    await fillDate('placedOn', '2025-09-15');
    await page.locator('input[name="fosterCarerAdoption"][value="no"]').check();
    await submit('Save the placement');
    await expect(page.locator('[data-adoption-status]').textContent()).resolves.toContain(
      'Placed for adoption with Ash and Rowan Invented since 15 September 2025',
    );
    const s = await scorecard();
    expect(s).toMatch(/Children waiting: authority to place, not yet placed\s*0/);
    expect(s).toMatch(/Approved adopters waiting: not matched with a child\s*0/);
  });

  it('the adoption order ends the period of care that day; A1 and A2 are worked out from the journey', async () => {
    await follow('Record the adoption order');
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Saving the order also ends the child’s period of care, begun 1 May 2024, on the day of the order',
    );
    await fillDate('adoptionOrderOn', '2026-02-16');
    await submit('Save the adoption order');
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Select whether the application was unopposed or the parents’ consent dispensed with',
    );
    await page.locator('input[name="reasonCeased"][value="E11"]').check();
    await submit('Save the adoption order');
    await expect(page.locator('[data-adoption-status]').textContent()).resolves.toContain('Adopted: adoption order made 16 February 2026');
    await expect(page.locator('main').textContent()).resolves.toContain('Ended 16 February 2026: Adopted: application unopposed (E11)');
    // the looked after record: the period of care closed on the day of the order
    await page.goto(`${service.url}/children/${childId}/looked-after`);
    await expectAccessible(page);
    const lookedAfter = (await page.locator('main').textContent()) ?? '';
    expect(lookedAfter).toContain('Not looked after: the last period of care ended on 16 February 2026');
    expect(lookedAfter).toContain('Adopted: application unopposed');
    const s = await scorecard();
    // entered care 1 May 2024, placed 15 September 2025; placement order 3 March 2025, matched 5 September 2025
    expect(s).toContain('502 days (average of 1 child)');
    expect(s).toContain('186 days (average of 1 child)');
    await Promise.all([manager.waitForNavigation(), manager.locator('a[href="/adoption?list=adopted"]').first().click()]);
    await expectAccessible(manager);
    await expect(manager.locator('main').textContent()).resolves.toContain('Juno Fakename');
  });

  it('a report to the panel with its feedback and amendments, the panel’s page and the household’s, and permanence before care', async () => {
    // back to the journey, from the child's adoption page
    await page.goto(`${service.url}/children/${childId}/adoption`);
    await Promise.all([page.waitForNavigation(), page.locator('main table a').first().click()]);
    await follow('Record a report to the adoption and permanence panel');
    await fillDate('panelOn', '2025-09-01');
    await page.getByLabel('The panel’s recommendation').fill('Match recommended');
    await page.getByLabel('The panel’s feedback on the report (optional)').fill('The contact plan was missing');
    await page.getByLabel('Amendments the panel required (optional)').fill('Add the contact plan');
    await submit('Save the report');
    await manager.goto(`${service.url}/adoption/panel`);
    await expectAccessible(manager);
    await expect(manager.locator('main').textContent()).resolves.toMatch(/Juno Fakename[\s\S]*1 of 1/);
    await Promise.all([manager.waitForNavigation(), manager.locator('a[href^="/adoption/panel/"]').first().click()]);
    await expectAccessible(manager);
    await manager.goto(`${service.url}/adoption/adopters`);
    await Promise.all([manager.waitForNavigation(), manager.getByRole('link', { name: 'Ash and Rowan Invented', exact: true }).click()]);
    await expectAccessible(manager);
    await expect(manager.locator('main').textContent()).resolves.toContain('Stage two: the decision within 4 months');
    await page.goto(`${service.url}/children/${childId}/adoption`);
    await expectAccessible(page);
    await follow('Record the previous permanence');
    await page.locator('input[name="code"][value="Z1"]').check();
    await submit('Save');
    await expect(page.locator('[data-previous-permanence]').textContent()).resolves.toContain('No previous permanence (Z1)');
  });
});
