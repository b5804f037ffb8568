import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readCin } from '../returns/cin/read.js';
import { validateCin } from '../returns/cin/validate.js';
import { type Finding, ReturnReadError } from '../returns/findings.js';
import { loadReference903 } from '../returns/reference-data.js';
import { findingsCsv, findingsJson, summariseByRule, summaryText } from '../returns/report.js';
import { read903 } from '../returns/ssda903/read.js';
import { validate903 } from '../returns/ssda903/validate.js';

/** Exit status: 0 valid, 1 findings, 2 could not be read. */
const EXIT_VALID = 0;
const EXIT_FINDINGS = 1;
const EXIT_UNREADABLE = 2;

interface CommonOptions {
  year?: string;
  out?: string;
  format?: string;
}

function yearOption(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new ReturnReadError('--year', `"${value}" is not a year: give the year the collection ends, e.g. 2026 for 2025/26`);
  return Number(value);
}

async function report(findings: Finding[], opts: CommonOptions, notes: string[]): Promise<void> {
  for (const n of notes) console.log(`note: ${n}`);
  console.log(summaryText(summariseByRule(findings), findings.length));
  if (opts.out) {
    const format = opts.format ?? (opts.out.toLowerCase().endsWith('.json') ? 'json' : 'csv');
    if (format !== 'csv' && format !== 'json') throw new ReturnReadError('--format', `"${format}" is not csv or json`);
    await writeFile(opts.out, format === 'json' ? findingsJson(findings) : findingsCsv(findings));
    console.log(`Wrote ${findings.length} findings to ${opts.out} (${format})`);
  }
  process.exitCode = findings.length === 0 ? EXIT_VALID : EXIT_FINDINGS;
}

/** A return that cannot be read gets its reason, naming the file, and no stack trace. */
async function guarded(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ReturnReadError || (error instanceof Error && 'code' in error && (error as NodeJS.ErrnoException).code === 'ENOENT')) {
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

export function registerReturnCommands(program: Command): void {
  const validate = program
    .command('validate')
    .description('Validate a statutory return with every DfE rule for its collection year (exit 0 valid, 1 findings, 2 unreadable)');

  validate
    .command('903')
    .description('SSDA903 (children looked after): a folder of CSV files, or the files')
    .argument('<paths...>', 'this year’s CSV files or folders')
    .option('--previous <paths...>', 'last year’s CSV files or folders, for the rules that compare years')
    .option('--year <YYYY>', 'the year the collection ends (2026 for 2025/26); read from the files when not given')
    .option('--la <code>', 'ONS code of the authority making the return, e.g. E08000003')
    .option('--postcodes <file>', 'postcode directory CSV (ONS Postcode Directory, or postcode,la_code,easting,northing)')
    .option('--providers <file>', "Ofsted's combined providers list (.xlsx, or saved as CSV), or a CSV of urn,place_types,provider_codes,postcode,la_code,registered,closed")
    .option('--rules <codes...>', 'only these rule codes')
    .option('--out <file>', 'write every finding to this file (.csv or .json)')
    .option('--format <csv|json>', 'format of --out (default from its extension)')
    .action((paths: string[], opts: CommonOptions & { previous?: string[]; la?: string; postcodes?: string; providers?: string; rules?: string[] }) =>
      guarded(async () => {
        const year = yearOption(opts.year);
        const started = performance.now();
        const ret = await read903({
          current: paths,
          ...(opts.previous ? { previous: opts.previous } : {}),
          ...(year ? { year } : {}),
          reference: await loadReference903({ localAuthority: opts.la, postcodes: opts.postcodes, providers: opts.providers }),
        });
        const findings = validate903(ret, opts.rules ? { rules: opts.rules } : {});
        const notes = (ret.notices ?? []).map((n) => `${n.file}${n.line ? ` line ${n.line}` : ''}: ${n.message}`);
        notes.push(`collection year ${ret.collectionYear - 1}/${String(ret.collectionYear).slice(2)}, read and validated in ${(performance.now() - started).toFixed(0)} ms`);
        await report(findings, opts, notes);
      }),
    );

  validate
    .command('cin')
    .description('Children in need census: the XML message')
    .argument('<file>', 'the CIN census XML file')
    .option('--year <YYYY>', 'the year the collection ends (2026 for 2025/26); read from the header when not given')
    .option('--rules <codes...>', 'only these rule codes')
    .option('--out <file>', 'write every finding to this file (.csv or .json)')
    .option('--format <csv|json>', 'format of --out (default from its extension)')
    .action((file: string, opts: CommonOptions & { rules?: string[] }) =>
      guarded(async () => {
        const year = yearOption(opts.year);
        const started = performance.now();
        const ret = readCin(await readFile(file), { file, ...(year ? { year } : {}) });
        const findings = validateCin(ret, opts.rules ? { rules: opts.rules } : {});
        await report(findings, opts, [`collection year ${ret.year - 1}/${String(ret.year).slice(2)}, read and validated in ${(performance.now() - started).toFixed(0)} ms`]);
      }),
    );
}
