import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { madeUpPlaces } from '../../src/returns/ssda903/tooling/made-up-places.js';
import { generate903 } from '../../src/returns/ssda903/tooling/generate.js';
import { tableToCsv } from '../../src/returns/ssda903/write.js';
import { PASSWORD } from '../support/fixture.js';
import type { RunningService } from '../support/service.js';
import { type BrowserHarness, expectAccessible, signInWithPassword, openBrowserHarness } from './browser.js';

describe('in a real browser: a performance officer validates an SSDA903 return with reference data', () => {
  let harness: BrowserHarness;
  let service: RunningService;
  let browser: Browser;
  const folder = mkdtempSync(join(tmpdir(), 'opencsc-upload-'));
  const providers = fileURLToPath(new URL('../../src/returns/testdata/providers-combined.xlsx', import.meta.url));
  let files: string[] = [];

  beforeAll(async () => {
    harness = await openBrowserHarness();
    ({ service, browser } = harness);
    const places = madeUpPlaces({ localAuthority: 'E09000027', seed: 2 });
    const generated = generate903({
      children: 60,
      year: 2026,
      seed: 2,
      errors: { rate: 0.2, rules: ['103', '143'] },
      postcodes: places.pool,
      previous: false,
    });
    files = Object.values(generated.current).map((t) => {
      const path = join(folder, `${t!.name}.csv`);
      writeFileSync(path, tableToCsv(t!));
      return path;
    });
    writeFileSync(join(folder, 'postcodes.csv'), places.csv);
  });

  afterAll(() => harness?.close());

  it('names what is missing, then shows the findings by rule and the rows of one', async () => {
    const { context, page } = await signInWithPassword(browser, service.url, 'sam', PASSWORD);

    await page.goto(`${service.url}/returns`);
    await expectAccessible(page);
    // The CSRF token travels as the form's first field, never in the address.
    const form = page.locator('form[enctype="multipart/form-data"]');
    expect(await form.getAttribute('action')).toBe('/returns');
    expect(await form.locator('input').first().getAttribute('name')).toBe('_csrf');
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Select the return’s files to upload');
    await expectAccessible(page);

    await page.getByLabel('SSDA903: children looked after (CSV files)').check();
    await page.locator('#current').setInputFiles(files);
    await page.locator('#postcodes').setInputFiles(join(folder, 'postcodes.csv'));
    await page.locator('#providers').setInputFiles(providers);
    await page.getByLabel('Local authority code (optional)').fill('E09000027');
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.waitForURL(/\/returns\/runs\//);
    // The page refreshes itself while the rules run.
    await page.waitForFunction("!document.querySelector('h1')?.textContent?.includes('Validating')", undefined, { timeout: 30_000 });
    await expectAccessible(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('providers-combined.xlsx (providers)');
    expect(text).not.toContain('No register of Ofsted providers was given');
    // The made-up URNs are not on the small register: the URN rules ran.
    expect(text).toContain('1008');
    expect(text).toContain('143');

    await page.getByRole('link', { name: '143', exact: true }).click();
    await page.waitForURL(/\/rules\/143$/);
    await expectAccessible(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('143');
    await context.close();
  });
});
