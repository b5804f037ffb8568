/**
 * `opencsc validate 903` and `validate cin`, and `returns build cin` and `returns build 903` (declared in main.ts, which loads this file when
 * one runs; each loads only its own return's reader and rules).
 *
 * Findings go to the --out file as they come out of the validation, a block at a time, and
 * are counted for the summary on the way: neither the findings as objects nor the file's
 * text are ever held whole.
 */
import { resolve } from 'node:path';
import type { Finding } from '../returns/findings.js';
import { ReturnReadError } from '../returns/findings.js';
import { type FindingsFormat, RuleSummaries, summaryText, writeFindingsFile } from '../returns/report.js';

/** Exit status: 0 valid, 1 findings, 2 could not be read. */
const EXIT_VALID = 0;
const EXIT_FINDINGS = 1;
const EXIT_UNREADABLE = 2;
/** `returns build cin`: the census written departs from DfE's schema (bad arguments are 2, as above). */
const EXIT_OUTSIDE_SCHEMA = 1;

interface CommonOptions {
  year?: string;
  out?: string;
  format?: string;
  rules?: string[];
}

export interface Validate903Options extends CommonOptions {
  previous?: string[];
  la?: string;
  postcodes?: string;
  providers?: string;
}

function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value))
    throw new ReturnReadError('--year', `"${value}" is not a year: give the year the collection ends, e.g. 2026 for 2025/26`);
  return Number(value);
}

function outFormat(opts: CommonOptions): FindingsFormat | undefined {
  if (!opts.out) return undefined;
  const format = opts.format ?? (opts.out.toLowerCase().endsWith('.json') ? 'json' : 'csv');
  if (format !== 'csv' && format !== 'json') throw new ReturnReadError('--format', `"${format}" is not csv or json`);
  return format;
}

/** Notes, then the findings to the --out file as they come, then the summary by rule. */
function report(findings: Iterable<Finding>, opts: CommonOptions, notes: string[]): void {
  for (const n of notes) console.log(`note: ${n}`);
  const summaries = new RuleSummaries();
  const format = outFormat(opts);
  if (opts.out && format) writeFindingsFile(opts.out, format, findings, (f) => summaries.add(f));
  else for (const f of findings) summaries.add(f);
  console.log(summaryText(summaries.list(), summaries.total));
  if (opts.out) console.log(`Wrote ${summaries.total} findings to ${opts.out} (${format})`);
  process.exitCode = summaries.total === 0 ? EXIT_VALID : EXIT_FINDINGS;
}

/** A return that cannot be read gets its reason, naming the file, and no stack trace. */
async function guarded(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (
      error instanceof ReturnReadError ||
      (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT')
    ) {
      console.error(`Cannot read the return: ${error.message}`);
      process.exitCode = EXIT_UNREADABLE;
      return;
    }
    if (error instanceof RangeError) {
      console.error(error.message);
      process.exitCode = EXIT_UNREADABLE;
      return;
    }
    throw error;
  }
}

export function validate903Command(paths: string[], opts: Validate903Options): Promise<void> {
  return guarded(async () => {
    const year = yearOption(opts.year);
    outFormat(opts);
    const [{ read903 }, { collect903 }, { loadReference903 }] = await Promise.all([
      import('../returns/ssda903/read.js'),
      import('../returns/ssda903/validate.js'),
      import('../returns/reference-data.js'),
    ]);
    const started = performance.now();
    const ret = await read903({
      current: paths,
      ...(opts.previous ? { previous: opts.previous } : {}),
      ...(year ? { year } : {}),
      reference: await loadReference903({ localAuthority: opts.la, postcodes: opts.postcodes, providers: opts.providers }),
    });
    const findings = collect903(ret, opts.rules ? { rules: opts.rules } : {});
    const notes = (ret.notices ?? []).map((n) => `${n.file}${n.line ? ` line ${n.line}` : ''}: ${n.message}`);
    notes.push(
      `collection year ${ret.collectionYear - 1}/${String(ret.collectionYear).slice(2)}, read and validated in ${(performance.now() - started).toFixed(0)} ms`,
    );
    report(findings.byPlace(), opts, notes);
  });
}

export function validateCinCommand(file: string, opts: CommonOptions): Promise<void> {
  return guarded(async () => {
    const year = yearOption(opts.year);
    outFormat(opts);
    const [{ readFile }, { readCin, schemaIssueNotes }, { cinFindings }] = await Promise.all([
      import('node:fs/promises'),
      import('../returns/cin/read.js'),
      import('../returns/cin/validate.js'),
    ]);
    const started = performance.now();
    const ret = readCin(await readFile(file), { file, ...(year ? { year } : {}) });
    const findings = cinFindings(ret, opts.rules ? { rules: opts.rules } : {});
    report(findings, opts, [
      ...schemaIssueNotes(ret.source),
      `collection year ${ret.year - 1}/${String(ret.year).slice(2)}, read and validated in ${(performance.now() - started).toFixed(0)} ms`,
    ]);
  });
}

export interface BuildCinOptions {
  year?: string;
  out?: string;
  la?: string;
}

/**
 * `opencsc returns build cin`: the census of a collection year from the record on the configured
 * database, written to --out, checked against DfE's schema for the year and validated with every
 * CIN rule. Exit 0 when written and within the schema (findings or none: they are the
 * authority's to put right), 1 when the message departs from the schema, 2 for bad arguments.
 */
export async function buildCinCommand(opts: BuildCinOptions): Promise<void> {
  try {
    await buildCin(opts);
  } catch (error) {
    if (!(error instanceof ReturnReadError)) throw error;
    console.error(`Cannot build the census: ${error.message}`);
    process.exitCode = EXIT_UNREADABLE;
  }
}

async function buildCin(opts: BuildCinOptions): Promise<void> {
  const year = yearOption(opts.year);
  if (year === undefined) throw new ReturnReadError('--year', 'give the year the collection ends, e.g. 2026 for 2025/26');
  if (!opts.out) throw new ReturnReadError('--out', 'give the file to write the census to, e.g. cin.xml');
  if (opts.la !== undefined && !/^\d{3}$/.test(opts.la))
    throw new ReturnReadError('--la', `"${opts.la}" is not a DfE LA number: give the authority's three digits, e.g. 352`);
  const [{ writeFile }, { loadConfig }, { openConfiguredDatabase }, { censusFromRecord, censusYear, yearLabel }] = await Promise.all([
    import('node:fs/promises'),
    import('../core/config.js'),
    import('./open.js'),
    import('../cin-census/census.js'),
  ]);
  const cinYear = censusYear(year);
  const started = performance.now();
  const database = await openConfiguredDatabase(loadConfig());
  let checked;
  try {
    checked = await censusFromRecord(database.db, cinYear, { laNumber: opts.la, madeAt: new Date().toISOString() });
  } finally {
    await database.close();
  }
  await writeFile(opts.out, checked.xml);
  const took = (performance.now() - started).toFixed(0);
  console.log(
    `Wrote the ${yearLabel(cinYear)} CIN census of ${checked.census.children.length} children to ${opts.out}, built from the record in ${took} ms`,
  );
  if (!opts.la) console.log('note: no --la given: the header has no Source (the authority’s DfE LA number)');
  if (checked.schemaProblems.length) {
    const n = checked.schemaProblems.length;
    console.error(`The census departs from DfE's schema for ${yearLabel(cinYear)} in ${n} place${n === 1 ? '' : 's'}:`);
    for (const p of checked.schemaProblems.slice(0, 20)) console.error(`  ${p}`);
    if (checked.schemaProblems.length > 20) console.error(`  and ${checked.schemaProblems.length - 20} more`);
    process.exitCode = EXIT_OUTSIDE_SCHEMA;
  } else console.log(`It conforms to DfE's schema for ${yearLabel(cinYear)}.`);
  const summaries = new RuleSummaries();
  for (const f of checked.findings) summaries.add(f);
  console.log(summaryText(summaries.list(), summaries.total));
}

export interface Build903Options {
  year?: string;
  out?: string;
  previousOut?: string;
  la?: string;
  postcodes?: string;
  providers?: string;
}

/** `returns build 903`: a cell outside the year's columns (bad arguments are 2, as above). */
const EXIT_OUTSIDE_COLUMNS = 1;

/**
 * `opencsc returns build 903`: the SSDA903 of a collection year from the record on the configured
 * database, its CSV files written into --out (and the year before's into --previous-out),
 * validated with every SSDA903 rule, the year before given to the rules that compare years.
 * Exit 0 when written and every cell is within the year's columns (findings or none: they are
 * the authority's to put right), 1 when a cell is not, 2 for bad arguments.
 */
export async function build903Command(opts: Build903Options): Promise<void> {
  try {
    await build903(opts);
  } catch (error) {
    const missing = error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (!(error instanceof ReturnReadError) && !missing) throw error;
    console.error(`Cannot build the SSDA903: ${(error as Error).message}`);
    process.exitCode = EXIT_UNREADABLE;
  }
}

async function build903(opts: Build903Options): Promise<void> {
  const year = yearOption(opts.year);
  if (year === undefined) throw new ReturnReadError('--year', 'give the year the collection ends, e.g. 2026 for 2025/26');
  if (!opts.out) throw new ReturnReadError('--out', 'give the folder to write the CSV files into, e.g. ssda903');
  // one folder for both years would leave the year before's files where this year's were written
  if (opts.previousOut !== undefined && resolve(opts.previousOut) === resolve(opts.out))
    throw new ReturnReadError('--previous-out', 'give a folder other than --out for the year before’s files');
  if (opts.la !== undefined && !/^E\d{8}$/.test(opts.la))
    throw new ReturnReadError('--la', `"${opts.la}" is not an ONS code: give the authority's, e.g. E08000003`);
  const [{ write903 }, { loadConfig }, { openConfiguredDatabase }, { returnFromRecord, returnYear, yearLabel }, { loadReference903 }] =
    await Promise.all([
      import('../returns/ssda903/write.js'),
      import('../core/config.js'),
      import('./open.js'),
      import('../ssda903-return/ssda903.js'),
      import('../returns/reference-data.js'),
    ]);
  const known = returnYear(year);
  const config = loadConfig();
  // --la, else the authority's code as configured (AUTHORITY_CODE)
  const la = opts.la ?? config.authorityCode;
  // read before the database is opened: a reference file that cannot be read is a bad argument
  const reference = await loadReference903({ localAuthority: la, postcodes: opts.postcodes, providers: opts.providers });
  const started = performance.now();
  const database = await openConfiguredDatabase(config);
  let checked;
  try {
    checked = await returnFromRecord(database.db, known, reference);
  } finally {
    await database.close();
  }
  const written = await write903(checked.current.tables, opts.out);
  const took = (performance.now() - started).toFixed(0);
  const children = checked.current.tables.Header?.rows.length ?? 0;
  console.log(
    `Wrote the ${yearLabel(known)} SSDA903 of ${children} ${children === 1 ? 'child' : 'children'} to ${opts.out} (${written.length} files), built from the record in ${took} ms`,
  );
  if (opts.previousOut) {
    const before = await write903(checked.previous.tables, opts.previousOut);
    const n = checked.previous.tables.Header?.rows.length ?? 0;
    console.log(
      `Wrote the ${yearLabel(known - 1)} SSDA903 of ${n} ${n === 1 ? 'child' : 'children'} to ${opts.previousOut} (${before.length} files)`,
    );
  }
  for (const n of checked.notes) console.log(`note: ${n}`);
  if (!la) console.log('note: no --la given and no AUTHORITY_CODE set: the rules that need the authority’s ONS code were not run');
  if (checked.columnProblems.length) {
    const n = checked.columnProblems.length;
    console.error(`The return departs from DfE's columns for ${yearLabel(known)} in ${n} place${n === 1 ? '' : 's'}:`);
    for (const p of checked.columnProblems.slice(0, 20)) console.error(`  ${p}`);
    if (n > 20) console.error(`  and ${n - 20} more`);
    process.exitCode = EXIT_OUTSIDE_COLUMNS;
  } else console.log(`Every cell is within DfE's columns for ${yearLabel(known)}.`);
  const summaries = new RuleSummaries();
  for (const f of checked.findings) summaries.add(f);
  console.log(summaryText(summaries.list(), summaries.total));
}
