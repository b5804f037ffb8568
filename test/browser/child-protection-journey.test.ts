import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChild, type NewChild } from '../../src/children/use-cases.js';
import { rows } from '../../src/core/db/database.js';
import { PASSWORD } from '../support/fixture.js';
import { TestClock, type RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, fillSignIn, openBrowserHarness, signInWithPassword } from './browser.js';

const DAY = 24 * 3_600_000;

/**
 * One child, from a school's call to the front door to the end of a child protection plan, as
 * the social worker and her manager do it in the browser. Every page passes axe; what the clock
 * owes is read where a worker reads it (the child's record, with why it is due, and My work),
 * never from the database: each step must put its obligations there and take the met ones off.
 */
describe('in a real browser: a concern to the end of a plan, with the record and My work saying what is owed', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let clock: TestClock;
  let childId: string;
  let contactId: string;
  /** Ana, the social worker. */
  let ana: Page;
  /** Mina, her team manager. */
  let mina: Page;

  beforeAll(async () => {
    // Monday 2 March 2026, 10:00 in England
    clock = new TestClock('2026-03-02T10:00:00Z');
    harness = await openBrowserHarness({
      time: clock,
      seed: async (db, authority) => {
        childId = await createChild(
          db,
          { firstName: 'Tam', lastName: 'Imaginary', sex: 'M', ethnicity: 'WBRI', dateOfBirth: '2018-05-21', disabilities: [] } as NewChild,
          '2026-03-02',
          { userId: authority.users.practitioner, teamId: authority.teams.north },
        );
      },
    });
    service = harness.service;
    ana = (await signInWithPassword(harness.browser, service.url, 'ana', PASSWORD)).page;
    mina = (await signInWithPassword(harness.browser, service.url, 'mina', PASSWORD)).page;
    // a step that cannot be taken fails in seconds, not at the test's timeout
    for (const page of [ana, mina]) page.setDefaultTimeout(10_000);
  });

  afterAll(() => harness?.close());

  const recordOf = () => `${service.url}/children/${childId}`;

  async function open(page: Page, path: string) {
    await page.goto(path.startsWith('http') ? path : `${service.url}${path}`);
    await expectAccessible(page);
  }

  async function fillDate(page: Page, name: string, iso: string) {
    const [y, m, d] = iso.split('-');
    await page.locator(`#${name}-day`).fill(String(Number(d)));
    await page.locator(`#${name}-month`).fill(String(Number(m)));
    await page.locator(`#${name}-year`).fill(y!);
  }

  const choose = (page: Page, name: string, value: string) => page.locator(`input[name="${name}"][value="${value}"]`).check();

  /** Press a form's button, wait for the page it leads to, and check that page. */
  async function submit(page: Page, name: string) {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name, exact: true }).click()]);
    await expectAccessible(page);
  }

  /** Follow a link (or a button drawn as a link), and check the page it leads to. */
  async function follow(page: Page, name: string) {
    const target = page.getByRole('link', { name, exact: true }).or(page.getByRole('button', { name, exact: true }));
    await Promise.all([page.waitForNavigation(), target.first().click()]);
    await expectAccessible(page);
  }

  /** Days pass: both sessions run out, so each signs in again. */
  async function daysPass(days: number) {
    clock.advance(days * DAY);
    await fillSignIn(ana, service.url, 'ana', PASSWORD);
    await fillSignIn(mina, service.url, 'mina', PASSWORD);
  }

  async function fillAttendance(page: Page, list: { agency: string; name: string; attended: boolean }[]) {
    for (const [i, a] of list.entries()) {
      await page.locator(`#attendance-${i}-agency`).selectOption(a.agency);
      await page.locator(`#attendance-${i}-name`).fill(a.name);
      await choose(page, `attendance-${i}-attended`, a.attended ? 'yes' : 'no');
    }
  }

  /** The page's notification banner; an error summary in its place is returned instead, so a refusal shows in the failure. */
  const banner = (page: Page) => page.locator('.govuk-notification-banner, .govuk-error-summary').first().textContent();

  /** The rows of a table on the page named by its caption, each as the text of its cells. */
  async function tableRows(page: Page, caption: string): Promise<string[][]> {
    const table = page.getByRole('table', { name: caption, exact: true });
    if ((await table.count()) === 0) return [];
    // the page's own DOM, typed only as far as it is used (the project's lib has no DOM types)
    type Row = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };
    return table
      .locator('tbody tr')
      .evaluateAll((trs: Row[]) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => (c.textContent ?? '').replace(/\s+/g, ' ').trim())),
      );
  }

  /** What the child's record says is due, and what is done: each as the rule's name with why. */
  async function onRecord() {
    await open(ana, recordOf());
    const names = (rows: string[][]) => rows.map((r) => r[0]!);
    return { due: names(await tableRows(ana, 'What is due')), done: names(await tableRows(ana, 'Done')) };
  }

  /** Ana's My work, every list at once: "what" is the rule's name with why, as the row shows it. */
  async function myWork() {
    await open(ana, '/my-work');
    const lists = { overdue: 'Overdue', thisWeek: 'Due this week', next: 'Next' } as const;
    const out: { list: keyof typeof lists; child: string; what: string; due: string }[] = [];
    for (const [list, caption] of Object.entries(lists) as [keyof typeof lists, string][]) {
      for (const r of await tableRows(ana, caption)) out.push({ list, child: r[0]!, what: r[1]!, due: r[2]! });
    }
    return out.filter((o) => o.child.includes('Tam Imaginary'));
  }

  const startsWith = (name: string) => (line: string) => line.startsWith(name);
  const owes = (lines: readonly string[], name: string) => lines.some(startsWith(name));
  const childProtectionRules = [
    'Strategy discussion',
    'Section 47 enquiry',
    'Initial child protection conference',
    'First core group',
    'Core group',
    'Review child protection conference',
    'Child protection visit',
  ];

  it('takes the school’s call at the front door; the manager decides on a strategy discussion and allocates Tam', async () => {
    await open(ana, recordOf());
    await follow(ana, 'Record a contact');
    await fillDate(ana, 'receivedDate', '2026-03-02');
    await ana.getByLabel('Time received').fill('09:15');
    await ana.getByLabel('Source of the contact').selectOption('2A');
    await choose(ana, 'domesticAbuseNotification', 'no');
    await ana.getByLabel('Who the contact is from').fill('Designated safeguarding lead');
    await ana.getByLabel('What the contact is about').fill('Tam came to school with a burn on his forearm and said his stepfather did it');
    await choose(ana, 'consent', 'given');
    await submit(ana, 'Save contact');
    await expect(banner(ana)).resolves.toContain('Contact recorded');
    const contactUrl = ana.url();
    contactId = contactUrl.split('/').pop()!;

    await open(mina, contactUrl);
    await choose(mina, 'thresholdLevel', 'child_protection');
    await choose(mina, 'outcome', 'strategy_discussion');
    await mina.getByLabel('Team to receive the referral').selectOption({ label: 'North 1' });
    await mina.getByLabel('Reason for the decision').fill('Injury with a disclosure: reasonable cause to suspect significant harm');
    await submit(mina, 'Record decision');
    await expect(banner(mina)).resolves.toContain('Decision recorded: referral made');

    await follow(mina, 'Allocate');
    await mina.getByLabel(/Ana Fictional/).check();
    await mina.getByLabel(/First social worker/).check();
    await submit(mina, 'Allocate');
    await expect(banner(mina)).resolves.toContain('Allocated to Ana Fictional');
  });

  it('records the concern from the referral: the strategy discussion falls due on the record and on My work', async () => {
    await open(ana, recordOf());
    const section = ana.locator('section[aria-labelledby="child-protection-heading"]');
    await expect(section.textContent()).resolves.toContain(
      'The front door decided on a strategy discussion for the contact received 2 March 2026 at 9:15am: not recorded yet',
    );
    await follow(ana, 'Record the strategy discussion the front door decided on');
    // the form starts from the contact: its referral, and the concern no later than the call came in
    await expect(ana.getByLabel('Referral it comes from').locator('option:checked').textContent()).resolves.toBe(
      'Referral of 2 March 2026',
    );
    await expect(ana.locator('#concernDate-day').inputValue()).resolves.toBe('2');
    await expect(ana.getByLabel('Time the concern arose').inputValue()).resolves.toBe('09:15');
    await ana.getByLabel('What the concern is').fill('A burn on Tam’s forearm; Tam says his stepfather held his arm to the cooker');
    await choose(ana, 'held', 'no');
    await submit(ana, 'Save');
    await expect(banner(ana)).resolves.toContain('Strategy discussion recorded');
    const [from] = await rows<{ contact: string | null; referral: string | null }>(
      harness.database.db,
      sql`select contact_id as contact, referral_id as referral from strategy_discussions where child_id = ${childId}`,
    );
    expect(from).toEqual({ contact: contactId, referral: expect.any(String) });

    const { due } = await onRecord();
    const discussion = due.find(startsWith('Strategy discussion'));
    expect(discussion).toContain('Hold a strategy discussion within 1 working day of the concern raised');
    await expect(ana.locator('[data-cp-next]').textContent()).resolves.toContain('Next: Strategy discussion');
    const work = await myWork();
    expect(work.filter((w) => w.what.startsWith('Strategy discussion')).map((w) => w.list)).toEqual(['thisWeek']);
  });

  it('holds the strategy discussion with police and health: met, and the manager authorises its decision', async () => {
    await open(ana, recordOf());
    await follow(ana, 'Open the strategy discussion');
    await follow(ana, 'Record the strategy discussion');
    await choose(ana, 'held', 'yes');
    await fillDate(ana, 'heldDate', '2026-03-02');
    await ana.getByLabel('Time the discussion was held').fill('09:50');
    await ana.locator('#participants-0-agency').selectOption('police');
    await ana.locator('#participants-0-role').fill('Detective sergeant, child abuse investigation');
    await ana.locator('#participants-0-name').fill('Pip Sergeant');
    await ana.locator('#participants-1-agency').selectOption('health');
    await ana.locator('#participants-1-role').fill('Named nurse for safeguarding');
    await ana.locator('#participants-1-name').fill('Nia Named');
    await ana.getByLabel('What was shared').fill('School’s account; police hold a previous call-out to the address');
    await choose(ana, 'decisions', 's47_enquiry');
    await submit(ana, 'Save changes');
    await expect(banner(ana)).resolves.toContain('Strategy discussion saved');
    const discussionUrl = ana.url();

    const { due, done } = await onRecord();
    expect(owes(due, 'Strategy discussion')).toBe(false);
    expect(owes(done, 'Strategy discussion')).toBe(true);
    expect((await myWork()).some((w) => w.what.startsWith('Strategy discussion'))).toBe(false);

    await open(mina, discussionUrl);
    await submit(mina, 'Authorise the decision');
    await expect(banner(mina)).resolves.toContain('Strategy discussion authorised');
    await expect(mina.locator('.govuk-summary-list').textContent()).resolves.toContain('by Mina Manager');
  });

  it('starts the section 47 enquiry: it falls due; the initial conference waits for its outcome', async () => {
    await open(ana, recordOf());
    await follow(ana, 'Open the strategy discussion');
    await fillDate(ana, 'startDate', '2026-03-02');
    await submit(ana, 'Start the enquiry');
    await expect(banner(ana)).resolves.toContain('Section 47 enquiry started');

    const { due } = await onRecord();
    expect(due.find(startsWith('Section 47 enquiry'))).toContain('Conclude the section 47 enquiry started on 2 March 2026');
    // the conference is owed only once the enquiry concludes one is needed
    expect(owes(due, 'Initial child protection conference')).toBe(false);
    const work = (await myWork()).map((w) => w.what);
    expect(work.some(startsWith('Section 47 enquiry'))).toBe(true);
  });

  it('records the enquiry’s outcome (Tam seen alone, conference needed): met, and the manager authorises it', async () => {
    await daysPass(4); // Friday 6 March
    await open(ana, recordOf());
    await follow(ana, 'Open the section 47 enquiry');
    await choose(ana, 'childSeen', 'yes');
    await choose(ana, 'seenAlone', 'yes');
    await choose(ana, 'outcome', 'substantiated');
    await choose(ana, 'conferenceRequired', 'yes');
    await fillDate(ana, 'endDate', '2026-03-06');
    await submit(ana, 'Save the outcome');
    await expect(banner(ana)).resolves.toContain('Outcome of the enquiry saved');
    const enquiryUrl = ana.url();

    const { due, done } = await onRecord();
    expect(owes(due, 'Section 47 enquiry')).toBe(false);
    expect(owes(done, 'Section 47 enquiry')).toBe(true);
    // 15 working days from the discussion on 2 March
    expect(due.find(startsWith('Initial child protection conference'))).toContain(
      'within 15 working days of the strategy discussion held at 9:50am on 2 March 2026',
    );
    const work = await myWork();
    expect(work.some((w) => w.what.startsWith('Section 47 enquiry'))).toBe(false);
    expect(work.filter((w) => w.what.startsWith('Initial child protection conference')).map((w) => w.due)).toEqual(['23 March 2026']);

    await open(mina, enquiryUrl);
    await submit(mina, 'Authorise the outcome');
    await expect(banner(mina)).resolves.toContain('Section 47 enquiry authorised');
  });

  it('holds the initial conference with Ana there and the report shared: core group, visits and review fall due', async () => {
    await daysPass(10); // Monday 16 March
    await open(ana, recordOf());
    await follow(ana, 'Open the section 47 enquiry');
    await follow(ana, 'Record the initial conference');
    await fillDate(ana, 'conferenceDate', '2026-03-16');
    await ana.getByLabel('Who chaired it').fill('Cy Chair');
    await fillAttendance(ana, [
      { agency: 'childrens_social_care', name: 'Ana Fictional, social worker', attended: true },
      { agency: 'police', name: 'Pip Sergeant', attended: true },
      { agency: 'health', name: 'Nia Named', attended: true },
    ]);
    await choose(ana, 'socialWorkerAttended', 'yes');
    await choose(ana, 'parentsParticipation', 'attended');
    await choose(ana, 'childParticipation', 'views_shared');
    await fillDate(ana, 'reportSubmittedDate', '2026-03-11');
    await fillDate(ana, 'reportSharedWithFamilyDate', '2026-03-13');
    await choose(ana, 'decision', 'cp_plan');
    await choose(ana, 'categoryOfAbuse', 'PHY');
    await submit(ana, 'Save the conference');
    await expect(banner(ana)).resolves.toContain('Conference recorded');
    await expect(ana.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('plan');
    // what the conference recorded reads back: the worker there, the report's dates, the category
    await follow(ana, 'Open the conference that made the plan');
    const conference = await ana.locator('.govuk-summary-list').textContent();
    expect(conference).toMatch(/Allocated social worker attended\s*Yes/);
    expect(conference).toMatch(/Report submitted\s*11 March 2026/);
    expect(conference).toMatch(/Report shared with the family\s*13 March 2026/);
    expect(conference).toContain('Physical abuse (PHY)');

    const { due, done } = await onRecord();
    expect(owes(due, 'Initial child protection conference')).toBe(false);
    expect(owes(done, 'Initial child protection conference')).toBe(true);
    expect(due.find(startsWith('First core group'))).toContain('within 10 working days of the conference on 16 March 2026');
    expect(due.find(startsWith('Child protection visit'))).toContain('of the child protection plan starting on 16 March 2026');
    expect(due.find(startsWith('Review child protection conference'))).toContain(
      'within 3 months of the initial conference on 16 March 2026',
    );
    const section = await ana.locator('section[aria-labelledby="child-protection-heading"]').textContent();
    expect(section).toContain('On a child protection plan since 16 March 2026');
    expect(section).toContain('Not yet: no contingency plan');
    const work = (await myWork()).map((w) => w.what);
    for (const rule of ['First core group', 'Child protection visit', 'Review child protection conference']) {
      expect(work.some(startsWith(rule)), rule).toBe(true);
    }
    expect(work.some(startsWith('Initial child protection conference'))).toBe(false);
  });

  it('refuses to finalise the plan without a contingency, naming the field; with outcomes, an action and one it is finalised', async () => {
    await open(ana, recordOf());
    await follow(ana, 'Open the child protection plan');
    await fillDate(ana, 'finalisedDate', '2026-03-16');
    await submit(ana, 'Finalise the plan');
    const summary = ana.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toContain('Write the contingency plan before the plan is finalised');
    const toField = summary.getByRole('link', { name: 'Write the contingency plan before the plan is finalised' });
    const target = (await toField.getAttribute('href'))!;
    await expect(ana.locator(target).count()).resolves.toBe(1);
    await expect(ana.locator(`label[for="${target.slice(1)}"]`).textContent()).resolves.toContain('Contingency plan');

    await ana.locator('#outcomes-0').fill('Tam is not hurt at home and can say who he feels safe with');
    await ana
      .getByLabel('Contingency plan')
      .fill('If Tam is injured again, police and the duty manager are told that day and a legal planning meeting is held');
    await submit(ana, 'Save outcomes and contingency plan');
    await expect(banner(ana)).resolves.toContain('Plan saved');
    await ana.getByLabel('What will be done').fill('Stepfather leaves the home while the police investigate');
    await ana.getByLabel('Who will do it').fill('Tam’s mother, with Ana Fictional');
    await fillDate(ana, 'dueDate', '2026-03-20');
    await choose(ana, 'status', 'in_progress');
    await submit(ana, 'Add the action');
    await expect(banner(ana)).resolves.toContain('Action added');
    await fillDate(ana, 'finalisedDate', '2026-03-16');
    await submit(ana, 'Finalise the plan');
    await expect(banner(ana)).resolves.toContain('Plan finalised');

    await open(ana, recordOf());
    await expect(ana.locator('section[aria-labelledby="child-protection-heading"]').textContent()).resolves.toContain('16 March 2026');
  });

  it('holds the first core group and visits Tam: both met, and the next of each falls due', async () => {
    await daysPass(7); // Monday 23 March
    await open(ana, recordOf());
    await follow(ana, 'Open the child protection plan');
    await follow(ana, 'Record a core group meeting');
    await fillDate(ana, 'meetingDate', '2026-03-23');
    await fillAttendance(ana, [
      { agency: 'childrens_social_care', name: 'Ana Fictional', attended: true },
      { agency: 'education', name: 'Designated safeguarding lead', attended: true },
      { agency: 'health', name: 'School nurse', attended: true },
    ]);
    await ana.getByLabel('Stepfather leaves the home while the police investigate').check();
    await ana.getByLabel('What the core group found').fill('Stepfather has left; Tam is attending school every day');
    await submit(ana, 'Save the meeting');
    await expect(banner(ana)).resolves.toContain('Core group meeting recorded');

    let { due, done } = await onRecord();
    expect(owes(due, 'First core group')).toBe(false);
    expect(owes(done, 'First core group')).toBe(true);
    expect(due.find(startsWith('Core group'))).toContain('Hold the next core group within');
    expect(due.find(startsWith('Core group'))).toContain('of the one on 23 March 2026');

    await follow(ana, 'Open the child protection plan');
    await follow(ana, 'Record a child protection visit');
    await ana.getByLabel('Yes, and seen alone').check();
    await submit(ana, 'Save visit');
    await expect(banner(ana)).resolves.toContain('Visit recorded');
    ({ due, done } = await onRecord());
    expect(owes(done, 'Child protection visit')).toBe(true);
    // the next visit falls due ten working days after this one, counted over Easter
    expect(due.filter(startsWith('Child protection visit'))).toHaveLength(1);
    const next = (await myWork()).filter((w) => w.what.startsWith('Child protection visit'));
    expect(next.map((w) => w.due)).toEqual(['8 April 2026']);
  });

  it('lets the next visit go overdue, and My work says so; the review conference meets the review', async () => {
    await daysPass(79); // Wednesday 10 June
    const overdue = (await myWork()).filter((w) => w.list === 'overdue').map((w) => w.what);
    expect(overdue.some(startsWith('Child protection visit'))).toBe(true);
    expect(overdue.some(startsWith('Core group'))).toBe(true);

    await open(ana, recordOf());
    await follow(ana, 'Open the child protection plan');
    await follow(ana, 'Record a review conference');
    await fillDate(ana, 'conferenceDate', '2026-06-10');
    await ana.getByLabel('Who chaired it').fill('Cy Chair');
    await fillAttendance(ana, [
      { agency: 'childrens_social_care', name: 'Ana Fictional', attended: true },
      { agency: 'education', name: 'Designated safeguarding lead', attended: true },
    ]);
    await choose(ana, 'socialWorkerAttended', 'yes');
    await choose(ana, 'parentsParticipation', 'attended');
    await choose(ana, 'childParticipation', 'views_shared');
    await fillDate(ana, 'reportSubmittedDate', '2026-06-05');
    await fillDate(ana, 'reportSharedWithFamilyDate', '2026-06-08');
    await choose(ana, 'decision', 'continue_plan');
    await choose(ana, 'categoryOfAbuse', 'PHY');
    await submit(ana, 'Save the conference');
    await expect(banner(ana)).resolves.toContain('Conference recorded');

    const { due, done } = await onRecord();
    expect(owes(done, 'Review child protection conference')).toBe(true);
    // the next review, six months on, is now what is due
    const reviews = due.filter(startsWith('Review child protection conference'));
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toContain('within 6 months of the review held on 10 June 2026');
    const work = (await myWork()).filter((w) => w.what.startsWith('Review child protection conference'));
    expect(work.map((w) => w.due)).toEqual(['10 December 2026']);
  });

  it('ends the plan with its reason: nothing under child protection is owed, on the record or on My work', async () => {
    await open(ana, recordOf());
    await follow(ana, 'Open the child protection plan');
    await follow(ana, 'End the plan');
    await fillDate(ana, 'endDate', '2026-06-10');
    await choose(ana, 'endReason', 'moved_to_another_authority');
    await submit(ana, 'End the plan');
    await expect(banner(ana)).resolves.toContain('Plan ended');

    const { due } = await onRecord();
    for (const rule of childProtectionRules) expect(owes(due, rule), rule).toBe(false);
    // the second core group was overdue when the plan ended: it stays on the record as missed
    const missed = (await tableRows(ana, 'Missed: not met, and no longer owed')).map((r) => r[0]!);
    expect(missed.some(startsWith('Core group')), 'core group').toBe(true);
    await expect(ana.locator('section[aria-labelledby="child-protection-heading"]').textContent()).resolves.toContain(
      'Not on a plan: the last plan ended on 10 June 2026',
    );
    const work = (await myWork()).map((w) => w.what);
    for (const rule of childProtectionRules) expect(work.some(startsWith(rule)), rule).toBe(false);

    await open(ana, recordOf());
    await follow(ana, 'Everything recorded under child protection');
    const doneHere = (await tableRows(ana, 'Done')).map((r) => r[0]!);
    // everything met along the way; the second core group, never held, is on the record as missed (above)
    for (const rule of childProtectionRules.filter((r) => r !== 'Core group')) expect(doneHere.some(startsWith(rule)), rule).toBe(true);
    expect(await tableRows(ana, 'What is due')).toEqual([]);
    await expect(ana.locator('main').textContent()).resolves.toContain('Nothing under child protection is due.');
  });
});
