import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, openBrowserHarness } from './browser.js';

/** The addresses of the elements a selector finds, as the browser resolves them. */
const hrefs = (page: Page, selector: string) =>
  page.evaluate<string[]>(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => e.href)`);

describe('in a real browser: the frame every page shares', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;

  beforeAll(async () => {
    harness = await openBrowserHarness({ env: { AUTHORITY_NAME: 'Northtown Council' } });
    ({ service, browser } = harness);
  });

  afterAll(() => harness?.close());

  it('names the authority, without GOV.UK’s crown, Royal Arms or licence, and links only to pages', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${service.url}/sign-in`);
    await expect(page.getByRole('banner').textContent()).resolves.toContain('Northtown Council');
    await expect(page.getByRole('contentinfo').textContent()).resolves.toContain('Northtown Council');
    for (const govukOnly of ['.govuk-header', '.govuk-footer__crown', '.govuk-footer__copyright-logo', '.govuk-footer__licence-logo']) {
      await expect(page.locator(govukOnly).count(), govukOnly).resolves.toBe(0);
    }
    const icons = await hrefs(page, 'link[rel~="icon"], link[rel="mask-icon"], link[rel="apple-touch-icon"], link[rel="manifest"]');
    expect(icons).toEqual([`${service.url}/images/favicon.svg`]);
    const icon = await fetch(icons[0]!);
    expect(icon.status).toBe(200);
    expect(await icon.text()).toContain('<svg');

    const footerLinks = await hrefs(page, 'footer a');
    expect(footerLinks.length).toBeGreaterThan(0);
    for (const href of footerLinks) {
      const res = await fetch(href);
      expect([href, res.status, res.headers.get('content-type')]).toEqual([href, 200, 'text/html; charset=utf-8']);
    }
    await context.close();
  });
});
