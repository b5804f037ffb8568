import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { readCin, validateCin, writeCinChunks } from '../src/returns/cin/index.js';
import { generateCin } from '../src/returns/cin/tooling/generate.js';
import { generate903 } from '../src/returns/ssda903/tooling/generate.js';
import { madeUpPlaces } from '../src/returns/ssda903/tooling/made-up-places.js';
import { read903 } from '../src/returns/ssda903/read.js';
import { reference903From } from '../src/returns/reference-data.js';
import { validate903 } from '../src/returns/ssda903/validate.js';
import { write903 } from '../src/returns/ssda903/write.js';
import type { Finding } from '../src/returns/findings.js';
import { agrees, diffFindings, locate, parseReferenceCsv } from '../src/returns/cin/tooling/compare/diff.js';
import { compareFindings, readFindingsCsv } from '../src/returns/ssda903/tooling/compare/compare-903.js';
import { ms, percentile } from './postgres.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const YEAR = 2025;
const out = join(tmpdir(), 'opencsc-bench-returns');
const LA = 'E09000027';
/** The reference validators take hours on national-size files. */
const REFERENCE_TIMEOUT_S = Number(process.env.BENCH_REFERENCE_TIMEOUT_S ?? 6 * 3600);

/**
 * Validating synthetic returns of a large authority (about 3,000 looked after children for
 * the SSDA903, 15,000 children for the CIN census) and of national size (80,000 and
 * 400,000), from files on disk: read plus every rule. Set BENCH_SIZES=large to leave out the
 * national sizes, BENCH_RETURNS=903 or cin to run one return only. If REF_903 / REF_CIN name the reference validators' drivers (see
 * docs/RETURNS.md), they are timed on the same files and the ratio printed.
 */
export async function returnsBench(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const national = process.env.BENCH_SIZES !== 'large';
  const only = process.env.BENCH_RETURNS; // "903" or "cin": one return only
  if (only !== 'cin') for (const children of national ? [3_000, 80_000] : [3_000]) await bench903(children);
  if (only !== '903') for (const children of national ? [15_000, 400_000] : [15_000]) await benchCin(children);
}

function median(list: number[]): number {
  return percentile(
    [...list].sort((a, b) => a - b),
    50,
  );
}

async function bench903(children: number): Promise<void> {
  const dir = join(out, `903-${children}`);
  const previous = join(out, `903-${children}-previous`);
  // Both validators get the same made-up postcode directory, so the distance and
  // placement-authority rules run on both sides.
  const places = madeUpPlaces({ localAuthority: LA, seed: 42 });
  const postcodes = join(out, 'postcodes.csv');
  writeFileSync(postcodes, places.csv);
  if (!existsSync(join(dir, 'header.csv'))) {
    const ret = generate903({ children, year: YEAR, seed: 42, errors: { rate: 0.02 }, postcodes: places.pool });
    await write903(ret.current, dir);
    await write903(ret.previous, previous);
  }
  const sources = { localAuthority: LA, postcodes: { name: postcodes, content: places.csv } };
  const times: number[] = [];
  let findings: Finding[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const ret = await read903({ current: [dir], previous: [previous], year: YEAR, reference: reference903From(sources) });
    findings = validate903(ret);
    times.push(performance.now() - t);
  }
  const t = median(times);
  console.log(
    `SSDA903, ${children} children (${YEAR - 1}/${YEAR % 100}, with last year): median ${ms(t)} over ${RUNS} runs, ${findings.length} findings`,
  );
  const refCsv = join(out, `ref-903-${children}.csv`);
  if (reference('REF_903', [dir, String(YEAR), refCsv, '--previous', previous, '--la', LA, '--postcodes', postcodes], t)) {
    // Rules the reference stopped on (its driver lists them beside its findings) are not compared.
    const failed = new Set(existsSync(`${refCsv}.failed`) ? readFileSync(`${refCsv}.failed`, 'utf8').split(/\s+/).filter(Boolean) : []);
    const rules = compareFindings(
      findings.filter((f) => !failed.has(f.rule)),
      readFindingsCsv(refCsv).filter((f) => !failed.has(f.rule)),
    );
    const differ = rules.filter((r) => r.onlyOurs.length + r.onlyTheirs.length > 0).map((r) => r.rule);
    console.log(
      `  findings: ${rules.length - differ.length} of ${rules.length} rules that fire agree row for row` +
        (differ.length ? `; differ: ${differ.join(' ')}` : '') +
        (failed.size ? `; the reference could not run ${failed.size} rules: ${[...failed].join(' ')}` : ''),
    );
  }
}

async function benchCin(children: number): Promise<void> {
  const file = join(out, `cin-${children}.xml`);
  if (!existsSync(file)) {
    const { ret } = generateCin({
      children,
      year: YEAR,
      seed: 42,
      errors: [
        { rule: '8606', count: 5 },
        { rule: '1103', count: 5 },
      ],
    });
    const stream = createWriteStream(file);
    for (const chunk of writeCinChunks(ret)) if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', () => r()));
    stream.end();
    await finished(stream);
  }
  const times: number[] = [];
  let findings: Finding[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const ret = readCin(readFileSync(file), { file, year: YEAR });
    findings = validateCin(ret);
    times.push(performance.now() - t);
  }
  const t = median(times);
  const mb = (statSync(file).size / 1e6).toFixed(0);
  console.log(
    `CIN census, ${children} children (${mb} MB, ${YEAR - 1}/${YEAR % 100}): median ${ms(t)} over ${RUNS} runs, ${findings.length} findings`,
  );
  const refCsv = join(out, `ref-cin-${children}.csv`);
  if (reference('REF_CIN', [file, String(YEAR), refCsv], t)) {
    const diffs = diffFindings(locate(findings), parseReferenceCsv(readFileSync(refCsv, 'utf8')));
    const differ = diffs.filter((d) => !agrees(d)).map((d) => d.rule);
    console.log(
      `  findings: ${diffs.length - differ.length} of ${diffs.length} rules that fire agree child for child` +
        (differ.length ? `; differ: ${differ.join(' ')}` : ''),
    );
  }
}

/** Time a reference validator's driver on the same files, if one is configured. */
function reference(variable: 'REF_903' | 'REF_CIN', args: string[], ours: number): boolean {
  const driver = process.env[variable];
  if (!driver) return false;
  const t = performance.now();
  try {
    execFileSync(driver, args, { stdio: 'ignore', timeout: REFERENCE_TIMEOUT_S * 1000 });
  } catch {
    console.log(`  reference (${variable}) failed on these files`);
    return false;
  }
  const theirs = performance.now() - t;
  console.log(`  reference validator: ${ms(theirs)} (whole run); OpenCSC is ${(theirs / ours).toFixed(1)} times faster`);
  return true;
}
