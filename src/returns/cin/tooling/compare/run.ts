/**
 * Generates a CIN census message with errors seeded for every rule of a year, validates
 * it, and, when REF_CIN names the reference validator's driver, runs that on the same
 * file and reports the differences rule by rule.
 *
 *   REF_CIN=/path/to/runcin.sh npx tsx src/returns/cin/tooling/compare/run.ts --year 2026 --children 2000
 *
 * The driver is called as `$REF_CIN <file.xml> <year> <out.csv> [--rules a,b] --summary <s.json>`
 * and writes `rule,table,row` lines, row being the child's position in the message.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateCin } from '../generate.js';
import { Random } from '../synthetic.js';
import { mutateCin } from './mutate.js';
import { readCin } from '../../read.js';
import { writeCin } from '../../write.js';
import { rulesCinFor } from '../../rules/index.js';
import { validateCin } from '../../validate.js';
import { isCinYear } from '../../model.js';
import { agrees, diffFindings, formatDiff, locate, parseReferenceCsv } from './diff.js';

const { values } = parseArgs({
  options: {
    year: { type: 'string', default: '2026' },
    children: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    'per-rule': { type: 'string', default: '3' },
    rules: { type: 'string' },
    // Not seeded with the rest, but compared on their own (--rules 100,8500,8510): rule 100
    // changes the header's ReferenceDate, which the reference then uses for every other date
    // rule; a missing or shared LAchildID (8500, 8510) makes the reference join the children's
    // episodes together and report them under other rules.
    'no-seed': { type: 'string', default: '100,8500,8510' },
    clean: { type: 'boolean', default: false },
    out: { type: 'string' },
    'working-days': { type: 'string', default: 'inclusive' },
    // Damage about this share of the children's values at random as well (mutate.ts).
    mutate: { type: 'string', default: '0' },
    // Rules known to make the reference fail on a file, left out of its run without searching.
    'ref-exclude': { type: 'string', default: '' },
  },
});

const year = Number(values.year);
if (!isCinYear(year)) throw new Error(`--year: 2023 to 2026, not ${values.year}`);
const children = Number(values.children);
const seed = Number(values.seed);
const perRule = Number(values['per-rule']);
const ruleCodes = values.rules?.split(',').map((r) => r.trim());
const active = rulesCinFor(year)
  .map((r) => r.code)
  .filter((c) => !ruleCodes || ruleCodes.includes(c));
const noSeed = values['no-seed'].split(',').map((r) => r.trim());
const outDir = values.out ?? join(tmpdir(), `cin-compare-${year}-${children}-${seed}`);
mkdirSync(outDir, { recursive: true });

const { ret, seeded } = generateCin({
  children,
  year,
  seed,
  errors: values.clean ? [] : active.filter((r) => !noSeed.includes(r) || ruleCodes?.includes(r)).map((rule) => ({ rule, count: perRule })),
});
const mutation = Number(values.mutate);
if (mutation > 0) console.log(`damaged: ${mutateCin(ret, new Random(seed * 31 + 7), mutation)} values`);
const file = join(outDir, `cin-${year}-${children}-seed${seed}.xml`);
writeFileSync(file, writeCin(ret));

const t0 = performance.now();
const read = readCin(readFileSync(file), { file, year });
const t1 = performance.now();
const findings = validateCin(read, {
  rules: ruleCodes,
  workingDayCounting: values['working-days'] === 'exclusive' ? 'exclusive' : 'inclusive',
});
const t2 = performance.now();
const ours = locate(findings);
writeFileSync(join(outDir, 'ours.csv'), `rule,table,row\n${ours.map((f) => `${f.rule},${f.table},${f.row}`).join('\n')}\n`);

console.log(`${file}: ${children} children, year ${year}, seed ${seed}, ${seeded.length} seeded errors`);
console.log(`ours: read ${(t1 - t0).toFixed(0)} ms, validate ${(t2 - t1).toFixed(0)} ms, ${findings.length} findings`);

// Seeded errors we did not find.
const found = new Set(ours.map((f) => `${f.rule}|${f.row}`));
const missed = seeded.filter((s) => !found.has(`${s.rule}|${s.row ?? ''}`));
if (missed.length) console.log(`seeded but not found by us: ${missed.map((s) => `${s.rule}@${s.row ?? 'return'}`).join(' ')}`);

const driver = process.env['REF_CIN'];
if (!driver) {
  console.log('REF_CIN is not set: reference not run.');
} else {
  const refOut = join(outDir, 'reference.csv');
  const summaryFile = join(outDir, 'reference-summary.json');
  const runReference = (rules: string[]): boolean => {
    try {
      execFileSync(driver, [file, String(year), refOut, '--summary', summaryFile, '--rules', rules.join(',')], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  // The reference can fail as a whole because of one rule: find such rules by halving, leave them out.
  const crashing: string[] = values['ref-exclude']
    .split(',')
    .map((r) => r.trim())
    .filter((r) => active.includes(r));
  const findCrashing = (rules: string[]): void => {
    if (runReference(rules)) return;
    if (rules.length === 1) {
      crashing.push(rules[0]!);
      return;
    }
    const half = rules.length >> 1;
    findCrashing(rules.slice(0, half));
    findCrashing(rules.slice(half));
  };
  const tr0 = performance.now();
  if (!runReference(active.filter((r) => !crashing.includes(r)))) {
    findCrashing(active.filter((r) => !crashing.includes(r)));
    console.log(`the reference fails on this file when it runs rule(s) ${crashing.join(' ')}; they are left out of the comparison`);
    if (!runReference(active.filter((r) => !crashing.includes(r)))) throw new Error('the reference failed even without the failing rules');
  }
  const refWall = (performance.now() - tr0) / 1000;
  const reference = parseReferenceCsv(readFileSync(refOut, 'utf8'));
  const summary = JSON.parse(readFileSync(summaryFile, 'utf8')) as { wall_s?: number; failed?: string[] };
  const compared = active.filter((r) => !crashing.includes(r));
  const diffs = diffFindings(
    ours.filter((f) => compared.includes(f.rule)),
    reference,
    compared,
  );
  writeFileSync(join(outDir, 'diff.json'), JSON.stringify(diffs, null, 1));
  console.log(formatDiff(diffs));
  if (summary.failed?.length) console.log(`reference rules that raised an exception: ${summary.failed.join(' ')}`);
  const refMissed = seeded.filter((s) => !reference.some((r) => r.rule === s.rule && r.row === (s.row === null ? '' : String(s.row))));
  if (refMissed.length)
    console.log(`seeded but not found by the reference: ${refMissed.map((s) => `${s.rule}@${s.row ?? 'return'}`).join(' ')}`);
  if (summary.wall_s) {
    console.log(
      `reference: parse + validate ${summary.wall_s.toFixed(2)} s (process ${refWall.toFixed(1)} s); ` +
        `ours: read + validate ${((t2 - t0) / 1000).toFixed(2)} s, validate alone ${((t2 - t1) / 1000).toFixed(3)} s`,
    );
  }
  const disagreeing = diffs.filter((d) => !agrees(d)).map((d) => d.rule);
  console.log(disagreeing.length ? `rules that differ: ${disagreeing.join(' ')}` : 'every rule agrees');
}
console.log(`files in ${outDir}`);
