/**
 * Compares OpenCSC's 903 findings with another validator's on the same files.
 *
 *   npx tsx src/returns/ssda903/tooling/compare/compare-903.ts --dir FOLDER --year 2026 [--previous FOLDER]
 *   npx tsx src/returns/ssda903/tooling/compare/compare-903.ts --children 500 --seed 7 --error-rate 0.02 --year 2026
 *   npx tsx src/returns/ssda903/tooling/compare/compare-903.ts --children 1000 --seed 7 --mutate 0.05 --year 2026
 *
 * With --children, a synthetic return is generated (with errors seeded at the given rate)
 * and written to a temporary folder first; --mutate RATE then damages about that share of
 * rows at random (mutate.ts), so that most rules fire somewhere; --keep-rows leaves
 * every row once (no copied or dropped rows, whose order validators may break differently). When REF_903 names a driver script
 * (`driver CURRENT_DIR YEAR OUT.csv [--previous DIR]`, writing rule,table,row, and in
 * OUT.csv.failed the rules it could not run), it is run on the same files and the
 * (rule, table, row) sets are compared rule by rule.
 *
 * The rules that need postcode places (distance, placement authority) run on both sides
 * from one directory: --postcodes FILE (CSV: pcd,laua,easting,northing, e.g. an extract of
 * the ONS Postcode Directory), or else a made-up one (madeUpPlaces) written beside the
 * generated files. The driver is given it as `--postcodes FILE`. The URN rules run when a
 * register of providers is given: --providers FILE, or --made-up-providers for one made
 * from the generated episodes (made-up-providers.ts); the driver is given it as
 * `--providers FILE`. --la is the returning authority's ONS code (default E09000027).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generate903 } from '../generate.js';
import { madeUpPlaces } from '../made-up-places.js';
import { Random } from '../random.js';
import { mutate903 } from './mutate.js';
import { madeUpProviders } from './made-up-providers.js';
import { loadReference903, parsePostcodeDirectory } from '../../../reference-data.js';
import type { PostcodePlace } from '../../model.js';
import { read903 } from '../../read.js';
import { rules903For } from '../../rules/index.js';
import { validate903 } from '../../validate.js';
import { write903 } from '../../write.js';

export interface RuleComparison {
  rule: string;
  ours: number;
  theirs: number;
  both: number;
  onlyOurs: string[];
  onlyTheirs: string[];
}

type Key = string; // "table:row"

/** Per-rule agreement between two sets of rule,table,row findings. */
export function compareFindings(
  ours: Iterable<{ rule: string; table: string; row: number | null }>,
  theirs: Iterable<{ rule: string; table: string; row: number | null }>,
): RuleComparison[] {
  const group = (xs: Iterable<{ rule: string; table: string; row: number | null }>) => {
    const m = new Map<string, Set<Key>>();
    for (const f of xs) {
      let s = m.get(f.rule);
      if (!s) m.set(f.rule, (s = new Set()));
      s.add(`${f.table}:${f.row}`);
    }
    return m;
  };
  const a = group(ours);
  const b = group(theirs);
  const out: RuleComparison[] = [];
  for (const rule of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(rule) ?? new Set<Key>();
    const y = b.get(rule) ?? new Set<Key>();
    const onlyOurs = [...x].filter((k) => !y.has(k));
    const onlyTheirs = [...y].filter((k) => !x.has(k));
    out.push({ rule, ours: x.size, theirs: y.size, both: x.size - onlyOurs.length, onlyOurs, onlyTheirs });
  }
  return out.sort((p, q) => p.rule.localeCompare(q.rule, 'en', { numeric: true }));
}

/** Reads a rule,table,row CSV. */
export function readFindingsCsv(path: string): { rule: string; table: string; row: number }[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).slice(1);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [rule, table, row] = l.split(',');
      return { rule: rule!, table: table!, row: Number(row) };
    });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      dir: { type: 'string' },
      previous: { type: 'string' },
      year: { type: 'string' },
      children: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'error-rate': { type: 'string', default: '0' },
      'error-rules': { type: 'string' },
      mutate: { type: 'string', default: '0' },
      'keep-rows': { type: 'boolean', default: false },
      rules: { type: 'string' },
      out: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      postcodes: { type: 'string' },
      providers: { type: 'string' },
      'made-up-providers': { type: 'boolean', default: false },
      'reference-csv': { type: 'string' },
      'ours-csv': { type: 'string' },
      la: { type: 'string', default: 'E09000027' },
    },
  });
  const la = values.la!;
  const madeUp = values.postcodes ? undefined : madeUpPlaces({ localAuthority: la, seed: Number(values.seed) });
  const places: ReadonlyMap<string, PostcodePlace> = values.postcodes
    ? parsePostcodeDirectory(readFileSync(values.postcodes), values.postcodes)
    : madeUp!.places;
  let dir = values.dir;
  let previousDir = values.previous;
  let year = values.year ? Number(values.year) : undefined;
  let scratch: string | undefined;
  let madeUpRegister: string | undefined;
  if (!dir) {
    if (!values.children) throw new Error('give --dir FOLDER or --children N');
    year ??= 2026;
    const generated = generate903({
      children: Number(values.children),
      year,
      seed: Number(values.seed),
      errors: { rate: Number(values['error-rate']), rules: values['error-rules']?.split(',') },
      postcodes: madeUp?.pool ?? {
        own: [...places].filter(([, p]) => p.laCode === la).map(([pc]) => `${pc.slice(0, -3)} ${pc.slice(-3)}`),
        other: [...places].filter(([, p]) => p.laCode !== la).map(([pc]) => `${pc.slice(0, -3)} ${pc.slice(-3)}`),
      },
    });
    const mutation = Number(values.mutate);
    if (mutation > 0) {
      const rng = new Random(Number(values.seed) * 31 + 7);
      const changed =
        mutate903(generated.current, year, rng, mutation, { copyAndDropRows: !values['keep-rows'] }) +
        mutate903(generated.previous, year - 1, rng, mutation / 2, { copyAndDropRows: !values['keep-rows'] });
      console.log(`mutated: ${changed} changes`);
    }
    if (values['made-up-providers']) {
      madeUpRegister = madeUpProviders(generated.current, [...places.keys()], new Random(Number(values.seed) * 17 + 3));
    }
    scratch = values.out ?? mkdtempSync(join(tmpdir(), 'compare-903-'));
    dir = join(scratch, 'current');
    await write903(generated.current, dir);
    if (Object.keys(generated.previous).length > 0) {
      previousDir = join(scratch, 'previous');
      await write903(generated.previous, previousDir);
    }
    console.log(`generated ${values.children} children for ${year - 1}/${String(year).slice(2)} in ${dir}`);
  }
  const work = scratch ?? mkdtempSync(join(tmpdir(), 'compare-903-'));
  let postcodeFile = values.postcodes;
  if (!postcodeFile) {
    postcodeFile = join(work, 'postcodes.csv');
    writeFileSync(postcodeFile, madeUp!.csv);
  }
  let providerFile = values.providers;
  if (!providerFile && madeUpRegister) {
    providerFile = join(work, 'providers.csv');
    writeFileSync(providerFile, madeUpRegister);
  }
  // The same path as `opencsc validate 903 --postcodes --providers`.
  const reference = await loadReference903({ localAuthority: la, postcodes: postcodeFile, providers: providerFile });
  const ret = await read903({ current: [dir], previous: previousDir ? [previousDir] : undefined, year, reference });
  year = ret.collectionYear;
  const selected = values.rules?.split(',');
  const t0 = performance.now();
  const ours = validate903(ret, { rules: selected });
  const ms = performance.now() - t0;
  console.log(`OpenCSC: ${ours.length} findings in ${ms.toFixed(0)} ms`);
  if (values['ours-csv']) {
    writeFileSync(values['ours-csv'], 'rule,table,row\n' + ours.map((f) => `${f.rule},${f.table},${f.row}\n`).join(''));
  }

  const driver = process.env.REF_903;
  const given = values['reference-csv'];
  if (!driver && !given) {
    const counts = new Map<string, number>();
    for (const f of ours) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    for (const [r, n] of [...counts].sort()) console.log(`${r}\t${n}`);
    return;
  }
  let outCsv = given;
  if (!outCsv) {
    outCsv = join(work, 'reference.csv');
    const args = [dir, String(year), outCsv];
    if (previousDir) args.push('--previous', previousDir);
    if (selected) args.push('--rules', selected.join(','));
    args.push('--la', la, '--postcodes', postcodeFile);
    if (providerFile) args.push('--providers', providerFile);
    const t1 = performance.now();
    const log = execFileSync(driver!, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
    console.log(`reference: ${((performance.now() - t1) / 1000).toFixed(1)} s; ${log.trim()}`);
  }
  // A driver may list the rules the other validator could not run (it stopped with an error)
  // in OUT.csv.failed: those are not compared.
  const failed = new Set(existsSync(`${outCsv}.failed`) ? readFileSync(`${outCsv}.failed`, 'utf8').split(/\s+/).filter(Boolean) : []);
  const theirs = readFindingsCsv(outCsv).filter((f) => (!selected || selected.includes(f.rule)) && !failed.has(f.rule));

  const mine = new Set(rules903For(year).map((r) => r.code));
  const rows = compareFindings(
    ours.filter((f) => !failed.has(f.rule)),
    theirs,
  ).filter((c) => values.all || mine.has(c.rule));
  let agree = 0;
  for (const c of rows) {
    const same = c.onlyOurs.length === 0 && c.onlyTheirs.length === 0;
    if (same) agree++;
    if (same && !values.verbose) continue;
    const sample = (xs: string[]) => xs.slice(0, 6).join(' ') + (xs.length > 6 ? ' ...' : '');
    console.log(
      `${same ? 'same' : 'DIFF'} ${c.rule}: ours ${c.ours}, reference ${c.theirs}, both ${c.both}` +
        (c.onlyOurs.length ? `\n    only ours: ${sample(c.onlyOurs)}` : '') +
        (c.onlyTheirs.length ? `\n    only reference: ${sample(c.onlyTheirs)}` : ''),
    );
  }
  const silent = [...mine].filter((r) => !rows.some((c) => c.rule === r));
  const notRun = [...failed].filter((r) => mine.has(r));
  console.log(
    `${agree} of ${rows.length} rules with findings agree exactly; ${silent.length - notRun.length} rules found nothing on either side` +
      (notRun.length ? `; the other validator could not run ${notRun.length}: ${notRun.join(' ')}` : ''),
  );
  if (!values.out) rmSync(work, { recursive: true, force: true });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  });
}
