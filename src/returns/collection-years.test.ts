import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rulesCin, rulesCinFor } from './cin/rules/index.js';
import { generateCin } from './cin/tooling/generate.js';
import { validateCin } from './cin/validate.js';
import { writeCin } from './cin/write.js';
import { UnsupportedYearError } from './collection-years.js';
import { ReturnReadError } from './findings.js';
import { rules903, rules903For } from './ssda903/rules/index.js';
import { build903, c1 } from './ssda903/ssda903.test-kit.js';
import { generate903 } from './ssda903/tooling/generate.js';
import { validate903 } from './ssda903/validate.js';
import { write903 } from './ssda903/write.js';
import { validateUpload } from './validate-upload.js';

const KNOWN_903 = [2023, 2024, 2025, 2026, 2027];
const KNOWN_CIN = [2023, 2024, 2025, 2026];

/** The error a function throws, or undefined. */
function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** The message names the year asked for and every year known. */
function namesTheYears(message: string, year: number, known: readonly number[]): void {
  expect(message).toContain(String(year));
  for (const y of known) expect(message).toContain(String(y));
}

describe('a collection year whose rules are not known', () => {
  it('the years known have their rules, on both returns', () => {
    for (const year of KNOWN_903) expect(rules903For(year).length, String(year)).toBeGreaterThan(100);
    for (const year of KNOWN_CIN) expect(rulesCinFor(year).length, String(year)).toBeGreaterThan(80);
    expect(rules903For(2026).length).toBeLessThan(rules903.length);
    expect(rulesCinFor(2023).length).toBeLessThan(rulesCin.length);
  });

  for (const [returnName, rulesFor, known, unknown] of [
    ['SSDA903', rules903For, KNOWN_903, [2028, 2030, 2022]],
    ['CIN census', rulesCinFor, KNOWN_CIN, [2027, 2030, 2022]],
  ] as const) {
    it(`is refused for the ${returnName}, after and before the years known, naming the year and the years known`, () => {
      for (const year of unknown) {
        const error = thrown(() => rulesFor(year));
        expect(error, String(year)).toBeInstanceOf(UnsupportedYearError);
        expect(error).toBeInstanceOf(ReturnReadError);
        namesTheYears((error as Error).message, year, known);
        expect((error as Error).message).toContain(returnName);
      }
    });
  }

  it('stops validating a return of such a year, rather than using another year’s rules', () => {
    const ret903 = build903({ Header: [c1.header()], Episodes: [c1.episode()] }, { year: 2030 });
    expect(thrown(() => validate903(ret903))).toBeInstanceOf(UnsupportedYearError);
    const { ret } = generateCin({ children: 3, year: 2026, seed: 1 });
    expect(thrown(() => validateCin({ ...ret, year: 2027 as never }))).toBeInstanceOf(UnsupportedYearError);
  });

  describe('where a user meets it', () => {
    let dir: string;
    let cinFile: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'opencsc-years-'));
      await write903(generate903({ children: 4, year: 2026, seed: 3, previous: false }).current, join(dir, '903'));
      cinFile = join(dir, 'cin.xml');
      writeFileSync(cinFile, writeCin(generateCin({ children: 3, year: 2026, seed: 1 }).ret));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/opencsc.js', 'validate', ...args], { encoding: 'utf8' });

    it('opencsc validate 903 exits with status 2 and says why', () => {
      const run = cli('903', join(dir, '903'), '--year', '2030');
      expect(run.status, run.stderr).toBe(2);
      namesTheYears(run.stderr, 2030, KNOWN_903);
      expect(run.stdout).not.toContain('findings');
    });

    it('opencsc validate cin exits with status 2 and says why', () => {
      const run = cli('cin', cinFile, '--year', '2027');
      expect(run.status, run.stderr).toBe(2);
      namesTheYears(run.stderr, 2027, KNOWN_CIN);
    });

    it('the upload page’s worker reports it as a return it cannot validate', () => {
      const current = ['header.csv', 'episodes.csv'].map((name) => ({ name, path: join(dir, '903', name) }));
      expect(thrown(() => validateUpload({ kind: 'ssda903', current, previous: [], year: 2030 }, () => {}))).toBeInstanceOf(
        UnsupportedYearError,
      );
    });
  });
});
