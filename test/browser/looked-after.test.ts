import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { becomeLookedAfter, type BecomeLookedAfter } from '../../src/looked-after/use-cases.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness, signInWithPassword } from './browser.js';

const DAY = 24 * 3_600_000;

describe('in a real browser: a child becomes looked after, is placed, moves, has a review, a deprivation of liberty order and leaves care', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let clock: TestClock;
  let childId: string;
  let page: Page;
  let folder: string;

  beforeAll(async () => {
    // Monday 2 March 2026, 10:00 in England
    clock = new TestClock('2026-03-02T10:00:00Z');
    // a made-up postcode directory: Leeds about 36 miles from the home in Manchester
    folder = await mkdtemp(join(tmpdir(), 'opencsc-postcodes-'));
    const directory = join(folder, 'postcodes.csv');
    await writeFile(
      directory,
      'postcode,la_code,easting,northing\nM13 9PL,E08000003,385000,396000\nM60 2LA,E08000003,384000,398000\nLS1 4AP,E08000035,430000,433000\n',
    );
    harness = await openBrowserHarness({
      time: clock,
      env: { POSTCODE_DIRECTORY: directory },
      seed: async (db, authority) => {
        const actor = { userId: authority.users.practitioner, teamId: authority.teams.north };
        childId = await createChild(
          db,
          { firstName: 'Jo', lastName: 'Unreal', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2013-09-14', disabilities: [] } as NewChild,
          '2026-02-02',
          actor,
        );
        // looked after since January, placed in Leeds
        const far = await createChild(
          db,
          { firstName: 'Lee', lastName: 'Farplaced', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2012-05-01', disabilities: [] } as NewChild,
          '2026-01-05',
          actor,
        );
        await db.transaction((tx) =>
          becomeLookedAfter(
            tx,
            far,
            {
              startDate: '2026-01-05',
              legalStatus: 'C2',
              categoryOfNeed: 'N1',
              placementType: 'U4',
              placementPostcode: 'LS1 4AP',
              homePostcode: 'M13 9PL',
              intendedToAge18: false,
              visitRegime: 'standard',
            } as BecomeLookedAfter,
            { userId: authority.users.practitioner, workerId: authority.workers.ana, now: new Date('2026-03-02T10:00:00Z') },
          ),
        );
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
  });

  afterAll(async () => {
    await harness?.close();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  async function obligations(ruleId: string) {
    return rows<{ due: string; done: string | null }>(
      database.db,
      // owed or done: what was missed before a placement ended is kept, lapsed, and no longer owed
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

  async function submit(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await expectAccessible(page);
  }

  async function follow(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).first().click()]);
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
  const section = () => page.locator('section[aria-labelledby="looked-after-heading"]').textContent();

  async function placement(type: string, carer: string, postcode: string) {
    await page.getByLabel('Placement type').selectOption(type);
    await page.getByLabel('Placement provider').selectOption('PR1');
    await page.getByLabel('Carer or provider').fill(carer);
    await page.getByLabel('Postcode of the placement').fill(postcode);
    await page.getByLabel('Postcode of the child’s home').fill('M13 9PL');
    await choose('intendedToAge18', 'no');
  }

  it('takes the child into care from the record: a bad postcode is refused, then the clocks start', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('Not looked after: no period of care recorded');
    await follow('Record that the child became looked after');
    await fillDate('startDate', '2026-03-02');
    await page.getByLabel('Legal status').selectOption('V2');
    await page.getByLabel('Category of need').selectOption('N1');
    await placement('U6', 'Pat and Sam Carer', 'QQ1 1AA');
    await submit('Save');
    await expect(errorSummary()).resolves.toContain('Postcode of the placement is not a UK postcode (for example M60 2LA)');
    await page.getByLabel('Postcode of the placement').fill('M60 2LA');
    await submit('Save');
    await page.waitForURL(/looked-after\/periods\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Period of care started');
    expect(await obligations('looked-after-review')).toEqual([{ due: '2026-03-30', done: null }]);
    await expect(page.getByRole('table', { name: 'What is due in this period of care' }).textContent()).resolves.toContain(
      'Looked after review',
    );
  });

  it('records the IRO, then a move to long-term foster carers and, the same day, an interim care order', async () => {
    await follow('Record the independent reviewing officer');
    await fillDate('appointedDate', '2026-03-02');
    await page.getByLabel('Independent reviewing officer').fill('Iris Reviewer');
    await submit('Save');
    await expect(banner()).resolves.toContain('Independent reviewing officer recorded');
    await daysPass(14); // Monday 16 March
    await follow('Open the period of care');
    await follow('Record a move of placement');
    await fillDate('moveDate', '2026-03-16');
    await page.getByLabel('Reason for the change of placement').selectOption('CARPL');
    await choose('sameCarers', 'no');
    await placement('U4', 'Kit Longterm', 'SK4 1AA');
    await submit('Save');
    await expect(banner()).resolves.toContain('Move of placement recorded');
    await expect(page.getByRole('table', { name: 'Placements' }).textContent()).resolves.toContain('Kit Longterm');
    expect(await obligations('looked-after-visit')).toEqual([{ due: '2026-03-23', done: null }]);
    await follow('Record a change of legal status');
    await fillDate('changeDate', '2026-03-16');
    await page.getByLabel('New legal status').selectOption('C1');
    await submit('Save');
    await expect(banner()).resolves.toContain('Legal status changed');
    await expect(page.getByRole('table', { name: 'Episodes (SSDA903)' }).textContent()).resolves.toContain(
      'Change of legal status, placement and carers at the same time (B)',
    );
  });

  it('corrects the placement type recorded wrongly for the move, from the episodes table', async () => {
    await follow('Correct the episode that began on 16 March 2026');
    await expect(page.getByLabel('Placement type').inputValue()).resolves.toBe('U4');
    await page.getByLabel('Legal status').selectOption('V2');
    await submit('Save the correction');
    // the legal status changed the day of the move: it cannot be corrected to the one before
    await expect(errorSummary()).resolves.toContain('the episode before (began 2 March 2026) is already V2');
    await page.getByLabel('Legal status').selectOption('C1');
    await page.getByLabel('Placement type').selectOption('U5');
    await submit('Save the correction');
    await expect(banner()).resolves.toContain('Episode corrected');
    await expect(page.getByRole('table', { name: 'Episodes (SSDA903)' }).textContent()).resolves.toContain('U5');
  });

  it('shows the IRO’s caseload to the team manager, from My team to the child', async () => {
    const { context, page: manager } = await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD);
    try {
      await manager.goto(`${service.url}/my-team`);
      await Promise.all([
        manager.waitForNavigation(),
        manager.getByRole('link', { name: 'Independent reviewing officers’ caseloads', exact: true }).click(),
      ]);
      await expectAccessible(manager);
      await expect(manager.getByRole('table', { name: 'Independent reviewing officers’ caseloads' }).textContent()).resolves.toContain(
        'Iris Reviewer',
      );
      await Promise.all([
        manager.waitForNavigation(),
        manager.getByRole('link', { name: '1 looked after children reviewed by Iris Reviewer' }).click(),
      ]);
      await expectAccessible(manager);
      await manager.setViewportSize({ width: 375, height: 800 });
      await expectAccessible(manager);
      await Promise.all([manager.waitForNavigation(), manager.getByRole('link', { name: 'Jo Unreal', exact: true }).click()]);
      expect(manager.url()).toBe(`${service.url}/children/${childId}`);
    } finally {
      await context.close();
    }
  });

  it('shows the team manager the children placed over 20 miles from home and with three or more placements, from My team', async () => {
    const { context, page: manager } = await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD);
    try {
      await manager.goto(`${service.url}/my-team`);
      await expectAccessible(manager);
      const placed = manager.getByRole('table', { name: 'Children looked after: where they are placed' });
      await expect(placed.textContent()).resolves.toContain('Children placed more than 20 miles from home');
      await Promise.all([
        manager.waitForNavigation(),
        manager.getByRole('link', { name: '1 children placed more than 20 miles from home', exact: true }).click(),
      ]);
      await expectAccessible(manager);
      const far = manager.getByRole('table', { name: 'Children placed more than 20 miles from home' });
      await expect(far.textContent()).resolves.toContain('Lee Farplaced');
      await expect(far.textContent()).resolves.toContain('36.2');
      await manager.setViewportSize({ width: 375, height: 800 });
      await expectAccessible(manager);
      await manager.setViewportSize({ width: 1280, height: 800 });
      await manager.goto(`${service.url}/my-team`);
      // Jo has had two placements, Lee one: none with three
      await Promise.all([
        manager.waitForNavigation(),
        manager.getByRole('link', { name: '0 children with three or more placements in the last 12 months', exact: true }).click(),
      ]);
      await expectAccessible(manager);
      await expect(manager.locator('main').textContent()).resolves.toContain('0 children.');
    } finally {
      await context.close();
    }
  });

  it('decides the placement is to last until 18, holds the first review and records it, then the child leaves care', async () => {
    await daysPass(1); // Tuesday 17 March
    await follow('Open the period of care');
    await follow('Change the placement’s visits or intention');
    await fillDate('changeDate', '2026-03-17');
    await choose('intendedToAge18', 'yes');
    await submit('Save');
    await expect(banner()).resolves.toContain('Placement changed');
    await expect(page.getByRole('table', { name: 'Placements' }).textContent()).resolves.toContain('Yes (from 17 March 2026)');
    await follow('Record a looked after review');
    await fillDate('reviewDate', '2026-03-16');
    await choose('participation', 'PN1');
    await submit('Save the review');
    await expect(banner()).resolves.toContain('Review recorded');
    expect(await obligations('looked-after-review')).toEqual([
      { due: '2026-03-30', done: '2026-03-16' },
      { due: '2026-06-16', done: null },
    ]);
    await follow('16 March 2026 review');
    await fillDate('recordCompletedDate', '2026-03-16');
    await submit('Save');
    await expect(banner()).resolves.toContain('Review saved');
    // a deprivation of liberty order: an end before its start is refused, then it is recorded
    await follow('Record a deprivation of liberty order');
    await fillDate('startDate', '2026-03-16');
    await fillDate('endDate', '2026-03-15');
    await submit('Save');
    await expect(errorSummary()).resolves.toContain('Date the order ended must be after the day it started');
    for (const part of ['day', 'month', 'year']) await page.locator(`#endDate-${part}`).fill('');
    await submit('Save');
    await expect(banner()).resolves.toContain('Deprivation of liberty order recorded');
    await expect(page.getByRole('table', { name: 'Deprivation of liberty orders' }).textContent()).resolves.toContain('In force');
    // care cannot end while the order is open
    await follow('Record that the child ceased to be looked after');
    await fillDate('endDate', '2026-03-17');
    await page.getByLabel('Reason the child ceased to be looked after').selectOption('E4A');
    await submit('Save');
    await expect(errorSummary()).resolves.toContain('A deprivation of liberty order has been open since 16 March 2026');
    await follow('Back');
    await follow('Record its end of the order that started on 16 March 2026');
    await fillDate('endDate', '2026-03-17');
    await submit('Save');
    await expect(banner()).resolves.toContain('Deprivation of liberty order ended');
    await follow('Record that the child ceased to be looked after');
    await fillDate('endDate', '2026-03-17');
    await page.getByLabel('Reason the child ceased to be looked after').selectOption('E4A');
    await submit('Save');
    await expect(banner()).resolves.toContain('Period of care ended');
    expect(await obligations('looked-after-review')).toEqual([{ due: '2026-03-30', done: '2026-03-16' }]);
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('Not looked after: the last period of care ended on 17 March 2026');
    await follow('Everything recorded while looked after');
  });
});
