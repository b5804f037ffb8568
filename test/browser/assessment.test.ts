import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { fixedTime } from '../../src/core/time.js';
import { decideContact, recordContact } from '../../src/front-door/use-cases.js';
import { PASSWORD } from '../support/fixture.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, openBrowserHarness, signInWithPassword } from './browser.js';

describe('in a real browser: a single assessment from its start to the strategy discussion it calls for', () => {
  let harness: BrowserHarness;
  let database: Database;
  let service: RunningService;
  let childId: string;
  let ana: Page;
  let mina: Page;
  let assessmentUrl: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      // Monday 2 March 2026, 10:00 in England
      time: fixedTime('2026-03-02T10:00:00Z'),
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Sol', lastName: 'Imagined', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2016-07-30', disabilities: [] } as NewChild,
          '2026-02-23',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
        const contactId = await recordContact(
          db,
          {
            childId,
            receivedDate: '2026-02-23',
            receivedTime: '09:00',
            source: '3B',
            referrerName: 'A School Nurse',
            about: 'Sol has come to school hungry most days',
            consent: 'given',
            domesticAbuseNotification: false,
          } as never,
          { userId: authority.users.practitioner },
        );
        await decideContact(
          db,
          contactId,
          {
            thresholdLevel: 'child_in_need',
            outcome: 'referral',
            decisionReason: 'Assessment needed',
            teamId: authority.teams.north,
            version: 1,
          } as never,
          { userId: authority.users.manager, workerId: authority.workers.manager, at: new Date('2026-02-23T16:00:00Z') },
        );
      },
    });
    ({ database, service } = harness);
    ana = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
    mina = (await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  /** Press a form's button and wait for the page it leads to. */
  async function press(page: Page, name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  }

  it('starts it, leaving the child unallocated', async () => {
    await ana.goto(`${service.url}/children/${childId}/assessments`);
    await expectAccessible(ana);
    await press(ana, 'Start assessment');
    assessmentUrl = ana.url();
    expect(assessmentUrl).toMatch(/\/assessments\/[0-9a-f-]{36}$/);
    await expectAccessible(ana);
    const [allocation] = await rows<{ workerId: string | null }>(
      database.db,
      sql`select worker_id as "workerId" from allocations where child_id = ${childId} and ended_at is null`,
    );
    expect(allocation).toEqual({ workerId: null });
  });

  it('records the analysis and the views, and refuses to submit it before the child is seen', async () => {
    await ana.locator('input[name="factors"][value="1A"]').check();
    await ana.getByLabel('Analysis').fill('Sol is often hungry; his father works nights and money is short.');
    await ana.getByLabel('The child’s views').fill('Sol says he is fine but would like breakfast club.');
    await ana.getByLabel('The family’s views').fill('His father would welcome help with food and school mornings.');
    await ana.getByLabel('Plan and recommendation').fill('Section 47 enquiry: neglect may be significant.');
    await ana.getByLabel('Outcome').selectOption('section_47');
    await press(ana, 'Save');
    await expect(ana.locator('.govuk-notification-banner').textContent()).resolves.toContain('Assessment saved');
    await press(ana, 'Submit for authorisation');
    await expect(ana.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'The child has not been seen during this assessment',
    );
    await expectAccessible(ana);
    // the error summary leads to the reason on the page
    await ana.locator('.govuk-error-summary a[href="#childSeen"]').click();
    await expect(ana.locator('#childSeen').textContent()).resolves.toContain('Not yet');
  });

  it('once a visit seeing the child is recorded, submits it', async () => {
    await Promise.all([ana.waitForNavigation(), ana.locator('#childSeen').getByRole('link', { name: 'Record a visit' }).click()]);
    await ana.getByLabel('Assessment').check();
    await ana.getByLabel('Yes, and seen alone').check();
    await press(ana, 'Save visit');
    await ana.goto(assessmentUrl);
    await expect(ana.locator('#childSeen').textContent()).resolves.toContain('Yes, first seen on 2 March 2026');
    await press(ana, 'Submit for authorisation');
    await expect(ana.locator('.govuk-notification-banner').textContent()).resolves.toContain('Assessment submitted for authorisation');
    await expectAccessible(ana);
  });

  it('the manager goes from her list straight to the assessment, and returns it with comments', async () => {
    await mina.goto(`${service.url}/my-team/lists/awaiting-authorisation`);
    await expectAccessible(mina);
    await Promise.all([mina.waitForNavigation(), mina.getByRole('link', { name: 'Open the assessment for Sol Imagined' }).click()]);
    expect(mina.url()).toBe(assessmentUrl);
    await expectAccessible(mina);
    await mina.getByLabel('Comments for the social worker').fill('Ask the school about breakfast club and attendance.');
    await press(mina, 'Return with comments');
    await expect(mina.locator('.govuk-inset-text').first().textContent()).resolves.toContain('Returned by Mina Manager');
    await expectAccessible(mina);
  });

  it('the worker sees the comments and submits it again; the manager authorises it and is taken to the strategy discussion', async () => {
    await ana.goto(assessmentUrl);
    await expect(ana.locator('main').textContent()).resolves.toContain('Ask the school about breakfast club and attendance.');
    await press(ana, 'Submit for authorisation');
    await mina.goto(assessmentUrl);
    await mina.getByLabel('Your comments (optional)').fill('Agreed.');
    await press(mina, 'Authorise assessment');
    expect(new URL(mina.url()).pathname).toBe(`/children/${childId}/child-protection/strategy-discussions/new`);
    await expect(mina.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Record a concern and strategy discussion');
    await expect(mina.locator('.govuk-notification-banner').textContent()).resolves.toContain('Its outcome starts child protection work');
    await expectAccessible(mina);
  });
});
