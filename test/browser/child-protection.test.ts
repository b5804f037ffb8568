import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows, type Database } from '../../src/core/db/database.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness, signInWithPassword } from './browser.js';

const DAY = 24 * 3_600_000;

describe('in a real browser: one child from a concern to the end of a child protection plan', () => {
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
          { firstName: 'Rue', lastName: 'Pretend', sex: 'F', ethnicity: 'WBRI', dateOfBirth: '2020-09-14', disabilities: [] } as NewChild,
          '2026-02-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      },
    });
    ({ database, service } = harness);
    page = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
  });

  afterAll(() => harness?.close());

  /** The child's obligation under a rule, as stored. */
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

  /** Press a form's button and wait for the page it leads to. */
  async function submit(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
  }

  async function follow(name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('link', { name, exact: true }).first().click()]);
    await expectAccessible(page);
  }

  /** Days pass: the session runs out, so the worker signs in again and goes back to the child. */
  async function daysPass(days: number) {
    clock.advance(days * DAY);
    await fillSignIn(page, service.url, 'ana', PASSWORD);
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
  }

  async function fillAttendance(list: { agency: string; name: string; attended: boolean }[]) {
    for (const [i, a] of list.entries()) {
      await page.locator(`#attendance-${i}-agency`).selectOption(a.agency);
      await page.locator(`#attendance-${i}-name`).fill(a.name);
      await choose(`attendance-${i}-attended`, a.attended ? 'yes' : 'no');
    }
  }

  const banner = () => page.locator('.govuk-notification-banner').textContent();
  const errorSummary = () => page.locator('.govuk-error-summary').textContent();
  const section = () => page.locator('section[aria-labelledby="child-protection-heading"]').textContent();

  it('records the concern: the strategy discussion falls due, and the record says so', async () => {
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('No child protection enquiry or plan recorded');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record a concern of significant harm' }).click()]);
    await expectAccessible(page);
    await page.getByLabel('Time the concern arose').fill('09:00');
    await page.getByLabel('What the concern is').fill('Rue told her teacher her mother’s partner locks her in her room at night');
    await choose('held', 'no');
    await submit('Save');
    await page.waitForURL(/strategy-discussions\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Strategy discussion recorded');
    await expectAccessible(page);
    expect(await obligations('strategy-discussion')).toEqual([{ due: '2026-03-03T09:00:00+00:00', done: null }]);
    await page.goto(`${service.url}/children/${childId}`);
    await expect(section()).resolves.toContain('Next: Strategy discussion');
  });

  it('records the strategy discussion: without health it is refused with the field named, then met', async () => {
    await follow('Open the strategy discussion');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record the strategy discussion' }).click()]);
    await expectAccessible(page);
    await choose('held', 'yes');
    await fillDate('heldDate', '2026-03-02');
    await page.getByLabel('Time the discussion was held').fill('09:40');
    await page.locator('#participants-0-agency').selectOption('police');
    await page.locator('#participants-0-role').fill('Detective constable');
    await page.locator('#participants-0-name').fill('Pat Constable');
    await page.getByLabel('What was shared').fill('School’s account; police checks on the partner');
    await choose('decisions', 's47_enquiry');
    await submit('Save changes');
    await expect(errorSummary()).resolves.toContain('Who took part must include health');
    await expectAccessible(page);
    await page.locator('#participants-1-agency').selectOption('health');
    await page.locator('#participants-1-role').fill('School nurse');
    await page.locator('#participants-1-name').fill('Nell Nurse');
    await submit('Save changes');
    await expect(banner()).resolves.toContain('Strategy discussion saved');
    await expectAccessible(page);
    expect(await obligations('strategy-discussion')).toEqual([{ due: '2026-03-03T09:00:00+00:00', done: '2026-03-02T09:40:00Z' }]);
  });

  it('starts the section 47 enquiry from the discussion, and records its outcome a week on', async () => {
    await fillDate('startDate', '2026-03-02');
    await submit('Start the enquiry');
    await page.waitForURL(/s47-enquiries\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    expect(await obligations('s47-enquiry')).toEqual([{ due: '2026-03-16', done: null }]);

    await daysPass(7); // Monday 9 March
    await follow('Open the section 47 enquiry');
    await choose('childSeen', 'yes');
    await choose('seenAlone', 'yes');
    await choose('outcome', 'substantiated');
    await choose('conferenceRequired', 'yes');
    await fillDate('endDate', '2026-03-09');
    await submit('Save the outcome');
    await expect(banner()).resolves.toContain('Outcome of the enquiry saved');
    await expectAccessible(page);
    expect(await obligations('s47-enquiry')).toEqual([{ due: '2026-03-16', done: '2026-03-09' }]);
    const [conference] = await obligations('initial-child-protection-conference');
    expect(conference!.due.slice(0, 10)).toBe('2026-03-23');
  });

  it('records the initial conference: the plan is made, and its clocks start', async () => {
    await daysPass(9); // Wednesday 18 March
    await follow('Open the section 47 enquiry');
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Record the initial conference' }).click()]);
    await expectAccessible(page);
    await fillDate('conferenceDate', '2026-03-18');
    await page.getByLabel('Who chaired it').fill('Cas Chair');
    await fillAttendance([
      { agency: 'childrens_social_care', name: 'Ana Fictional, social worker', attended: true },
      { agency: 'police', name: 'Pat Constable', attended: true },
      { agency: 'education', name: 'Head teacher', attended: false },
    ]);
    await choose('socialWorkerAttended', 'yes');
    await choose('parentsParticipation', 'attended');
    await choose('childParticipation', 'views_shared');
    await fillDate('reportSubmittedDate', '2026-03-13');
    await fillDate('reportSharedWithFamilyDate', '2026-03-16');
    await choose('decision', 'cp_plan');
    await choose('categoryOfAbuse', 'EMO');
    await submit('Save the conference');
    await page.waitForURL(/plans\/[0-9a-f-]{36}$/);
    await expect(banner()).resolves.toContain('Conference recorded');
    await expectAccessible(page);
    const [conference] = await obligations('initial-child-protection-conference');
    expect(conference!.done).toBe('2026-03-18');
    expect(await obligations('first-core-group')).toEqual([{ due: '2026-04-01', done: null }]);
    expect(await obligations('child-protection-visit')).toEqual([{ due: '2026-04-01', done: null }]);
    await expect(page.getByRole('table', { name: 'What is due under this plan' }).textContent()).resolves.toContain('First core group');
  });

  it('will not finalise the plan without a contingency; with one, it does', async () => {
    await submit('Finalise the plan');
    await expect(errorSummary()).resolves.toContain('Write the contingency plan before the plan is finalised');
    await expectAccessible(page);
    await page.locator('#outcomes-0').fill('Rue sleeps with her door unlocked and feels safe at home');
    await page.locator('#outcomes-1').fill('Rue’s mother keeps her partner away from the home');
    await page.getByLabel('Contingency plan').fill('If Rue is locked in again, a legal planning meeting is called that day');
    await submit('Save outcomes and contingency plan');
    await expect(banner()).resolves.toContain('Plan saved');
    await page.getByLabel('What will be done').fill('Safety plan agreed with Rue’s mother');
    await page.getByLabel('Who will do it').fill('Ana Fictional');
    await fillDate('dueDate', '2026-03-25');
    await choose('status', 'in_progress');
    await submit('Add the action');
    await expect(banner()).resolves.toContain('Action added');
    await fillDate('finalisedDate', '2026-03-18');
    await submit('Finalise the plan');
    await expect(banner()).resolves.toContain('Plan finalised');
    await expectAccessible(page);
  });

  it('meets the first core group and the first child protection visit', async () => {
    await daysPass(8); // Thursday 26 March
    await follow('Open the child protection plan');
    await follow('Record a core group meeting');
    await fillDate('meetingDate', '2026-03-26');
    await fillAttendance([
      { agency: 'childrens_social_care', name: 'Ana Fictional', attended: true },
      { agency: 'education', name: 'Head teacher', attended: true },
    ]);
    await page.getByLabel('Safety plan agreed with Rue’s mother').check();
    await page.getByLabel('What the core group found').fill('Safety plan in place; the partner has moved out');
    await submit('Save the meeting');
    await expect(banner()).resolves.toContain('Core group meeting recorded');
    await expectAccessible(page);
    expect(await obligations('first-core-group')).toEqual([{ due: '2026-04-01', done: '2026-03-26' }]);

    await follow('Record a child protection visit');
    await page.getByLabel('Yes, and seen alone').check();
    await submit('Save visit');
    await page.waitForURL(new RegExp(`/children/${childId}$`));
    await expectAccessible(page);
    const visits = await obligations('child-protection-visit');
    expect(visits[0]).toEqual({ due: '2026-04-01', done: '2026-03-26' });
    expect(visits[1]!.done).toBeNull();
    await expect(section()).resolves.toContain('On a child protection plan since 18 March 2026');
  });

  it('holds the review conference, then ends the plan with its reason: nothing more is owed', async () => {
    await daysPass(82); // Tuesday 16 June
    await follow('Open the child protection plan');
    await follow('Record a review conference');
    await fillDate('conferenceDate', '2026-06-16');
    await page.getByLabel('Who chaired it').fill('Cas Chair');
    await fillAttendance([{ agency: 'childrens_social_care', name: 'Ana Fictional', attended: true }]);
    await choose('socialWorkerAttended', 'yes');
    await choose('parentsParticipation', 'attended');
    await choose('childParticipation', 'attended');
    await choose('decision', 'continue_plan');
    await choose('categoryOfAbuse', 'EMO');
    await submit('Save the conference');
    await page.waitForURL(/plans\/[0-9a-f-]{36}$/);
    await expectAccessible(page);
    const [review] = await obligations('review-child-protection-conference');
    expect(review).toEqual({ due: '2026-06-18', done: '2026-06-16' });
    await follow('End the plan');
    await fillDate('endDate', '2026-06-16');
    await choose('endReason', 'moved_to_another_authority');
    await submit('End the plan');
    await expect(banner()).resolves.toContain('Plan ended');
    await expectAccessible(page);
    const owed = await rows<{ rule_id: string }>(
      database.db,
      sql`select rule_id from obligations where child_id = ${childId} and done is null and lapses_on is null`,
    );
    expect(owed).toEqual([]);
    // what was overdue when the plan ended stays on the record as missed, no longer owed from that day
    const missed = await rows<{ lapses_on: string }>(
      database.db,
      sql`select lapses_on::text from obligations where child_id = ${childId} and done is null`,
    );
    expect(missed.length).toBeGreaterThan(0);
    expect(missed.every((m) => m.lapses_on === '2026-06-16')).toBe(true);
    await page.goto(`${service.url}/children/${childId}`);
    await expectAccessible(page);
    await expect(section()).resolves.toContain('Not on a plan: the last plan ended on 16 June 2026');
    await follow('Everything recorded under child protection');
    await expect(page.getByRole('table', { name: 'Done' }).textContent()).resolves.toContain('Review child protection conference');
  });
});
