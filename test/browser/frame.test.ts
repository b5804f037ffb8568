import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedTime } from '../../src/core/time.js';
import { PASSWORD } from '../support/fixture.js';
import { driftingAssessment } from '../support/scenario.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, signInWithPassword, openBrowserHarness } from './browser.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

/** How far the page itself scrolls sideways, in CSS pixels: 0 when everything fits. */
const sidewaysOverflow = (page: Page) =>
  page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');

/** The addresses of the elements a selector finds, as the browser resolves them. */
const hrefs = (page: Page, selector: string) =>
  page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.href)`);

describe('in a real browser: the frame every page shares', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;
  let childId: string;

  beforeAll(async () => {
    harness = await openBrowserHarness({
      time: fixedTime(NOW),
      env: { AUTHORITY_NAME: 'Northtown Council' },
      seed: async (db, authority) => {
        childId = await driftingAssessment(
          db,
          authority,
          { firstName: 'Lio', lastName: 'Drifting' },
          { date: '2025-11-03', time: '11:00' },
        );
      },
    });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  it('names the authority, without GOV.UK’s crown, Royal Arms or licence, and links only to pages', async () => {
    const { context, page } = await signInWithPassword(browser, service.url, 'mina', PASSWORD);
    const banner = await page.getByRole('banner').textContent();
    expect(banner).toContain('Northtown Council');
    expect(banner).toContain('Signed in as Mina Manager');
    await expect(page.getByRole('contentinfo').textContent()).resolves.toContain('Northtown Council');
    for (const govukOnly of ['.govuk-header', '.govuk-footer__crown', '.govuk-footer__copyright-logo', '.govuk-footer__licence-logo']) {
      await expect(page.locator(govukOnly).count(), govukOnly).resolves.toBe(0);
    }
    const icons = await hrefs(page, 'link[rel~="icon"], link[rel="mask-icon"], link[rel="apple-touch-icon"], link[rel="manifest"]');
    expect(icons).toEqual([`${service.url}/images/favicon.svg`]);
    const icon = await context.request.get(icons[0]!);
    expect(icon.status()).toBe(200);
    expect(await icon.text()).toContain('<svg');

    // each a page for a person, signed in: not a redirect to sign in, nor JSON for a machine
    const footerLinks = await hrefs(page, 'footer a');
    expect(footerLinks.length).toBeGreaterThan(0);
    for (const href of footerLinks) {
      const res = await context.request.get(href, { maxRedirects: 0 });
      expect([href, res.status(), res.headers()['content-type']]).toEqual([href, 200, 'text/html; charset=utf-8']);
    }
    await context.close();
  });

  describe('on a phone 375 px wide', () => {
    async function narrowSignIn(username: string): Promise<Page> {
      const { context } = await signInWithPassword(browser, service.url, username, PASSWORD);
      const page = context.pages()[0]!;
      await page.setViewportSize({ width: 375, height: 812 });
      return page;
    }

    it('never scrolls a page sideways: a wide table scrolls in its own region, from the keyboard too', async () => {
      const pages: Record<string, string[]> = {
        mina: [
          '/my-team',
          '/my-team/lists/overdue-assessments',
          `/children/${childId}`,
          `/children/${childId}/assessments`,
          '/front-door',
          '/children?name=Drifting',
          '/timescales',
        ],
        ana: ['/my-work'],
        sam: ['/authority', '/authority/lists/overdue-assessments'],
        ada: ['/admin/users', '/admin/workforce', '/admin/policy', '/api/docs'],
      };
      for (const [username, paths] of Object.entries(pages)) {
        const page = await narrowSignIn(username);
        for (const path of paths) {
          const response = await page.goto(service.url + path);
          expect(response?.status(), path).toBe(200);
          await expect(sidewaysOverflow(page), path).resolves.toBe(0);
          await expectAccessible(page);
        }
        await page.context().close();
      }
    });

    it('brings the action column into view when its link takes the focus', async () => {
      const page = await narrowSignIn('ana');
      await page.goto(`${service.url}/my-work`);
      const region = page.getByRole('region', { name: 'Overdue' });
      // the table is wider than the screen, so this is a real test of the region
      const [scrollWidth, clientWidth] = await region.evaluate((r) => [r.scrollWidth, r.clientWidth]);
      expect(scrollWidth).toBeGreaterThan(clientWidth);
      await expect(region.getAttribute('tabindex')).resolves.toBe('0');

      const action = region.getByRole('link', { name: / for Lio Drifting$/ }).first();
      await action.focus();
      const box = (await action.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      await expect(sidewaysOverflow(page)).resolves.toBe(0);
      await page.context().close();
    });
  });
});
