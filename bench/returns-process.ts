/**
 * Validating an SSDA903 return as a user runs it: `opencsc validate 903 ... --out
 * findings.csv`, the built command line as a whole process (start-up, reading the return
 * and the reference data, every rule, writing every finding), timed from outside with its
 * wall time, CPU time and peak memory. The in-process benchmark (returns.ts) times reading
 * and validating only.
 *
 * Returns: generated ones of 2,675, 10,700 and 50,825 children (BENCH_SIZES=large leaves
 * out the last) with last year, a made-up postcode directory and a made-up providers list;
 * or folders given in BENCH_903_RETURNS (comma-separated), each holding current/ and
 * previous/ (the CSV files), postcodes.csv and providers.xlsx or providers.csv, for
 * collection year BENCH_YEAR (default 2025).
 *
 * REF_903, if set, names a driver that runs another validator on the same files as a
 * whole process (`driver CURRENT_DIR YEAR OUT.csv --previous DIR --la CODE --postcodes FILE
 * [--providers FILE]`, see docs/RETURNS.md); it is timed the same way, once per return.
 * Peak memory needs GNU time at /usr/bin/time (Debian's `time` package).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../src/returns/ssda903/csv.js';
import { compareFindings, readFindingsCsv } from '../src/returns/ssda903/tooling/compare/compare-903.js';
import { generate903 } from '../src/returns/ssda903/tooling/generate.js';
import { madeUpPlaces } from '../src/returns/ssda903/tooling/made-up-places.js';
import { madeUpProviders } from '../src/returns/ssda903/tooling/compare/made-up-providers.js';
import { Random } from '../src/returns/ssda903/tooling/random.js';
import { write903 } from '../src/returns/ssda903/write.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(tmpdir(), 'opencsc-bench-returns-process');
const LA = process.env.BENCH_LA ?? 'E09000027';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const GNU_TIME = '/usr/bin/time';
/** The reference validators take a long time on national-size files. */
const REFERENCE_TIMEOUT_S = Number(process.env.BENCH_REFERENCE_TIMEOUT_S ?? 6 * 3600);

interface Prepared {
  label: string;
  year: number;
  current: string;
  previous: string;
  postcodes: string;
  providers: string | undefined;
}

interface Measured {
  wall: number;
  cpu: number | null;
  peakMb: number | null;
  status: number | null;
}

export async function returnsProcessBench(): Promise<void> {
  mkdirSync(out, { recursive: true });
  // The command line measured is the one built from these sources.
  execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (!existsSync(GNU_TIME)) console.log(`(no ${GNU_TIME}: peak memory and CPU time are not measured; apt-get install time)`);
  const given = process.env.BENCH_903_RETURNS;
  if (given) {
    for (const dir of given.split(',')) benchOne(preparedFolder(dir.trim()));
    return;
  }
  for (const children of process.env.BENCH_SIZES === 'large' ? [2_675, 10_700] : [2_675, 10_700, 50_825])
    benchOne(await generated(children));
}

function preparedFolder(dir: string): Prepared {
  const providers = ['providers.xlsx', 'providers.csv'].map((f) => join(dir, f)).find(existsSync);
  const header = readFileSync(join(dir, 'current', 'header.csv'), 'utf8');
  const children = header.split('\n').filter((l) => l.trim() !== '').length - 1;
  return {
    label: `${dir} (${children.toLocaleString('en-GB')} children)`,
    year: Number(process.env.BENCH_YEAR ?? 2025),
    current: join(dir, 'current'),
    previous: join(dir, 'previous'),
    postcodes: join(dir, 'postcodes.csv'),
    providers,
  };
}

async function generated(children: number): Promise<Prepared> {
  const year = 2025;
  const dir = join(out, `903-${children}`);
  const ret: Prepared = {
    label: `generated, ${children.toLocaleString('en-GB')} children`,
    year,
    current: join(dir, 'current'),
    previous: join(dir, 'previous'),
    postcodes: join(dir, 'postcodes.csv'),
    providers: join(dir, 'providers.csv'),
  };
  if (!existsSync(ret.providers!)) {
    const places = madeUpPlaces({ localAuthority: LA, seed: 42 });
    const generated = generate903({ children, year, seed: 42, errors: { rate: 0.02 }, postcodes: places.pool });
    await write903(generated.current, ret.current);
    await write903(generated.previous, ret.previous);
    writeFileSync(ret.postcodes, places.csv);
    writeFileSync(ret.providers!, madeUpProviders(generated.current, [...places.places.keys()], new Random(43)));
  }
  return ret;
}

/** Runs a command as a whole process, timed by GNU time when there is one. */
function measure(command: string, args: string[], timeoutS: number): Measured {
  const stats = join(out, 'time.txt');
  const timed = existsSync(GNU_TIME);
  const started = performance.now();
  const run = timed
    ? spawnSync(GNU_TIME, ['-f', '%e %U %S %M', '-o', stats, command, ...args], { stdio: 'ignore', timeout: timeoutS * 1000 })
    : spawnSync(command, args, { stdio: 'ignore', timeout: timeoutS * 1000 });
  const wall = (performance.now() - started) / 1000;
  if (!timed) return { wall, cpu: null, peakMb: null, status: run.status };
  // GNU time writes "Command exited with non-zero status N" before its figures.
  const figures = readFileSync(stats, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
  return { wall, cpu: figures[1]! + figures[2]!, peakMb: figures[3]! / 1024, status: run.status };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const seconds = (s: number | null) => (s === null ? '?' : `${s.toFixed(2)} s`);
const mb = (m: number | null) => (m === null ? '?' : `${m.toFixed(0)} MB`);
const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).length - 1 : 0);

function benchOne(ret: Prepared): void {
  const findings = join(out, 'findings.csv');
  const reference = [...(ret.providers ? ['--providers', ret.providers] : [])];
  const args = [
    'validate',
    '903',
    ret.current,
    '--previous',
    ret.previous,
    '--year',
    String(ret.year),
    '--la',
    LA,
    '--postcodes',
    ret.postcodes,
    ...reference,
    '--out',
    findings,
  ];
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(measure(process.execPath, [join(root, 'bin/opencsc.js'), ...args], 3600));
  if (runs.some((r) => r.status !== 0 && r.status !== 1)) {
    console.log(`SSDA903 as a whole process, ${ret.label}: opencsc validate failed (exit ${runs.map((r) => r.status).join(', ')})`);
    return;
  }
  const ours = {
    wall: median(runs.map((r) => r.wall)),
    cpu: runs[0]!.cpu === null ? null : median(runs.map((r) => r.cpu!)),
    peakMb: runs[0]!.peakMb === null ? null : Math.max(...runs.map((r) => r.peakMb!)),
  };
  console.log(
    `SSDA903 as a whole process, ${ret.label}, ${ret.year - 1}/${ret.year % 100} with last year, postcodes` +
      `${ret.providers ? ' and providers' : ''}, --out CSV: ${seconds(ours.wall)} wall (median of ${RUNS}), ${seconds(ours.cpu)} CPU, ` +
      `${mb(ours.peakMb)} peak, ${lines(findings).toLocaleString('en-GB')} findings`,
  );
  const driver = process.env.REF_903;
  if (!driver) return;
  const theirFile = join(out, 'reference-findings.csv');
  const theirs = measure(
    driver,
    [ret.current, String(ret.year), theirFile, '--previous', ret.previous, '--la', LA, '--postcodes', ret.postcodes, ...reference],
    REFERENCE_TIMEOUT_S,
  );
  if (theirs.status !== 0) {
    console.log(`  reference (REF_903) failed on these files (exit ${theirs.status})`);
    return;
  }
  const failed = existsSync(`${theirFile}.failed`) ? readFileSync(`${theirFile}.failed`, 'utf8').split(/\s+/).filter(Boolean) : [];
  const ratio = (a: number | null, b: number | null) => (a === null || b === null ? '?' : `${(a / b).toFixed(1)} times`);
  console.log(
    `  reference: ${seconds(theirs.wall)} wall, ${seconds(theirs.cpu)} CPU, ${mb(theirs.peakMb)} peak, ${lines(theirFile).toLocaleString('en-GB')} findings` +
      `${failed.length ? ` (${failed.length} rules could not run: ${failed.join(' ')})` : ''}; ` +
      `OpenCSC is ${ratio(theirs.wall, ours.wall)} faster (wall), ${ratio(theirs.cpu, ours.cpu)} (CPU)`,
  );
  // The same findings? Compared rule by rule from the two files, leaving out the rules the
  // reference stopped on (src/returns/ssda903/REFERENCE_DIFFERENCES.md says why each differs).
  const skip = new Set(failed);
  const rules = compareFindings(
    parseCsv(readFileSync(findings, 'utf8'))
      .records.slice(1)
      .map(([rule, table, row]) => ({ rule: rule!, table: table!, row: Number(row) }))
      .filter((f) => !skip.has(f.rule)),
    readFindingsCsv(theirFile).filter((f) => !skip.has(f.rule)),
  );
  const differ = rules.filter((r) => r.onlyOurs.length + r.onlyTheirs.length > 0).map((r) => r.rule);
  console.log(
    `  findings: ${rules.length - differ.length} of ${rules.length} rules that fire agree row for row` +
      (differ.length ? `; differ: ${differ.join(' ')}` : ''),
  );
}
