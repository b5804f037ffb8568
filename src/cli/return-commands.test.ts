import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { findingsCsv, findingsJson } from '../returns/report.js';
import { generate903 } from '../returns/ssda903/tooling/generate.js';
import { read903 } from '../returns/ssda903/read.js';
import { validate903 } from '../returns/ssda903/validate.js';
import { write903 } from '../returns/ssda903/write.js';
import { validate903Command } from './return-commands.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);

/** A generated return with errors seeded, this year's and last year's, in folders. */
async function generated(children = 60): Promise<{ dir: string; current: string; previous: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'opencsc-validate-'));
  const ret = generate903({ children, year: 2025, seed: 7, errors: { rate: 0.5 } });
  await write903(ret.current, join(dir, 'current'));
  await write903(ret.previous, join(dir, 'previous'));
  return { dir, current: join(dir, 'current'), previous: join(dir, 'previous') };
}

/** Runs `opencsc validate 903` in this process: what it printed and its exit status. */
async function validate(paths: string[], opts: Parameters<typeof validate903Command>[1] = {}) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
  vi.spyOn(console, 'error').mockImplementation((line: unknown) => void err.push(String(line)));
  process.exitCode = undefined;
  try {
    await validate903Command(paths, opts);
    return { stdout: out.join('\n'), stderr: err.join('\n'), status: process.exitCode };
  } finally {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  }
}

afterEach(() => {
  process.exitCode = undefined;
});

describe('opencsc validate 903', () => {
  it('writes to --out, as it goes, the findings validate903 gives, in CSV and JSON', async () => {
    const { dir, current, previous } = await generated();
    const expected = validate903(await read903({ current: [current], previous: [previous] }));
    expect(expected.length).toBeGreaterThan(20);
    for (const format of ['csv', 'json'] as const) {
      const file = join(dir, `findings.${format}`);
      const run = await validate([current], { previous: [previous], out: file });
      expect(run.status).toBe(1);
      expect(readFileSync(file, 'utf8')).toBe(format === 'csv' ? findingsCsv(expected) : findingsJson(expected));
      expect(run.stdout).toContain(`${expected.length} findings under `);
      expect(run.stdout).toContain(`Wrote ${expected.length} findings to ${file} (${format})`);
    }
  });

  it('says on the run when the folder has no Header file', async () => {
    const { current } = await generated(20);
    rmSync(join(current, 'header.csv'));
    const run = await validate([current]);
    expect(run.stdout).toContain(
      "note: (return): no Header file: none of the files has the Header table's columns (CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB), so no rule that checks the Header, or checks another table against it, was run",
    );
    expect(run.status).not.toBe(2);
  });

  it('reads Ofsted’s list with "-" for no deregistration date', async () => {
    const { dir, current } = await generated(20);
    const providers = join(dir, 'providers.csv');
    writeFileSync(
      providers,
      'URN,Local authority,Placement code,Placement provider code,Deregistration date,Setting address postcode\nSC000002,Anytown,K2,PR1,-,M14 5AA\n',
    );
    const run = await validate([current], { providers });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('refuses a picture named header.csv as not a text file, naming it, with exit status 2', async () => {
    const { current } = await generated(20);
    writeFileSync(join(current, 'header.csv'), PNG);
    const run = await validate([current]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `Cannot read the return: ${join(current, 'header.csv')}: is not a text file (it is a PNG image), so not a CSV file; give the table saved as CSV`,
    );
    expect(run.stdout).toBe('');
  });
});

describe('the built command line', () => {
  // `npm test` builds dist/ first (pretest), so this runs the JavaScript a user runs.
  it('starts from bin/opencsc.js and writes the same findings file', async () => {
    const { dir, current, previous } = await generated();
    const file = join(dir, 'built.csv');
    const run = spawnSync(process.execPath, ['bin/opencsc.js', 'validate', '903', current, '--previous', previous, '--out', file], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(findingsCsv(validate903(await read903({ current: [current], previous: [previous] }))));
    const help = spawnSync(process.execPath, ['bin/opencsc.js', 'validate', '903', '--help'], { cwd: repo, encoding: 'utf8' });
    expect(help.stdout).toContain('--providers <file>');
    mkdirSync(join(dir, 'empty'));
    const empty = spawnSync(process.execPath, ['bin/opencsc.js', 'validate', '903', join(dir, 'empty')], { cwd: repo, encoding: 'utf8' });
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('the folder has no .csv files');
  });
});
