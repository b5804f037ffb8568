/**
 * Reading an SSDA903 return from the CSV files an authority sends: one file per
 * table, told apart by their header row (file names vary from system to system).
 *
 * What the reader accepts, and what it does not:
 * - codes, postcodes and UPNs in any case (read in capitals, as the DfE's own tools do);
 * - columns in any order; header names in any case, with stray spaces; a UTF-8 byte
 *   order mark; CRLF or LF line ends; blank lines; trailing empty cells.
 * - dates written unambiguously in another way are normalised to the DfE's dd/mm/yyyy,
 *   with a notice: ISO dates (2024-03-31) and dates with a time of day as Excel writes
 *   them (31/03/2024 00:00). Anything else is left as written, so the DfE rule for that
 *   date (102 for a date of birth, 141 for a start date, ...) reports it.
 * - a file that is not a 903 table, a table with a missing, extra or renamed column, two
 *   files for one table, an empty file, a workbook instead of CSV, or a line that cannot be
 *   read as CSV: ReturnReadError, naming the file, the line and what is wrong.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { UnsupportedYearError } from '../collection-years.js';
import { ReturnReadError } from '../findings.js';
import { ColumnPool, CsvSyntaxError, eachCsvRecord, notText } from './csv.js';
import type { ReadNotice, Reference903, Return903, Row, Table903, TableName, Tables903 } from './model.js';
import { TABLE_NAMES } from './model.js';
import { columnsFor, FIRST_YEAR, KNOWN_YEARS, LATEST_YEAR, schemaFor, tablesFor } from './tables.js';
import { civil, parseDate } from './values.js';

export interface Read903Input {
  /** This year's files, or folders of them (every .csv file in a folder is read). */
  current: string[];
  /** Last year's files or folders, for the rules that compare with last year. */
  previous?: string[];
  /** Year the collection ends (2026 for 2025/26); worked out from the dates in the files when not given. */
  year?: number;
  reference?: Reference903;
}

/** A file's name and bytes, for callers that have files in memory (an upload). */
export interface File903 {
  name: string;
  content: Uint8Array | string;
}

export async function read903(input: Read903Input): Promise<Return903> {
  const { current, previous, notices } = await load903Files(input);
  return parse903({ current, previous, year: input.year, reference: input.reference }, notices);
}

/** The files of a return, from the paths given (folders are read for their .csv files). */
async function load903Files(input: { current: readonly string[]; previous?: readonly string[] | undefined }): Promise<{
  current: File903[];
  previous: File903[];
  notices: ReadNotice[];
}> {
  const notices: ReadNotice[] = [];
  const current = await loadFiles(input.current, notices);
  const previous = input.previous ? await loadFiles(input.previous, notices) : [];
  return { current, previous, notices };
}

/** The same as read903, for files already in memory. */
export function parse903(
  input: { current: File903[]; previous?: File903[]; year?: number; reference?: Reference903 },
  notices: ReadNotice[] = [],
): Return903 {
  if (input.current.length === 0) throw new ReturnReadError('(no files)', 'no 903 CSV files were given');
  const current = readTables(input.current, notices);
  const year = input.year ?? inferYear(current, notices);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new ReturnReadError('(collection year)', `${year} is not a collection year (give the year it ends, e.g. 2026 for 2025/26)`);
  }
  // refused here, before the tables are read against a year's columns nobody knows
  if (year < FIRST_YEAR || year > LATEST_YEAR) {
    throw new UnsupportedYearError('SSDA903', year, KNOWN_YEARS);
  }
  missingTables(current, year, notices);
  const previous = input.previous && input.previous.length > 0 ? readTables(input.previous, notices) : {};
  return { collectionYear: year, current, previous, reference: input.reference ?? {}, notices };
}

/**
 * Tables of the year that no file holds. Their rules cannot run, and a return without its
 * Header (every child in it) would otherwise pass every Header rule without a word.
 */
function missingTables(current: Tables903, year: number, notices: ReadNotice[]): void {
  const missing = tablesFor(Math.min(Math.max(year, FIRST_YEAR), LATEST_YEAR)).filter((t) => !current[t]);
  if (missing.includes('Header')) {
    notices.push({
      file: '(return)',
      line: null,
      message: `no Header file: none of the files has the Header table's columns (${columnsFor('Header', LATEST_YEAR).join(', ')}), so no rule that checks the Header, or checks another table against it, was run`,
    });
  }
  const others = missing.filter((t) => t !== 'Header');
  if (others.length > 0) {
    notices.push({
      file: '(return)',
      line: null,
      message: `no file holds the ${others.join(', ')} table${others.length > 1 ? 's' : ''}, so the rules that need ${others.length > 1 ? 'them' : 'it'} were not run`,
    });
  }
}

// ---------------------------------------------------------------------------
// Files and folders

async function loadFiles(paths: readonly string[], notices: ReadNotice[]): Promise<File903[]> {
  const files: File903[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch {
      throw new ReturnReadError(p, 'no such file or folder');
    }
    if (info.isDirectory()) {
      const names = (await readdir(p)).sort();
      let found = 0;
      for (const name of names) {
        const full = join(p, name);
        const s = await stat(full).catch(() => undefined);
        if (!s?.isFile()) continue;
        if (extname(name).toLowerCase() !== '.csv') {
          notices.push({ file: full, line: null, message: 'not a .csv file, so not read' });
          continue;
        }
        files.push({ name: full, content: await readFile(full) });
        found++;
      }
      if (found === 0) throw new ReturnReadError(p, 'the folder has no .csv files');
    } else {
      files.push({ name: p, content: await readFile(p) });
    }
  }
  return files;
}

// ---------------------------------------------------------------------------
// Tables

function readTables(files: readonly File903[], notices: ReadNotice[]): Tables903 {
  const tables: Tables903 = {};
  for (const f of files) {
    const table = readTable(f, notices);
    const already = tables[table.name];
    if (already) {
      throw new ReturnReadError(f.name, `holds the ${table.name} table, and so does ${already.file}; give one file per table`);
    }
    tables[table.name] = table;
  }
  return tables;
}

/** Every column name any year's version of a table has, latest year first. */
const TABLE_COLUMNS: readonly (readonly [TableName, readonly string[]])[] = TABLE_NAMES.map(
  (t) => [t, columnsFor(t, LATEST_YEAR)] as const,
);

/** Reads one file as a 903 table. */
export function readTable(file: File903, notices: ReadNotice[] = []): Table903 {
  const text = decode(file, notices);
  let reader: TableReader | undefined;
  // A problem with the header or a row is reported only once the whole file has been
  // read as CSV: a CSV syntax error anywhere in the file is the one to report.
  let failure: { error: unknown } | undefined;
  // Repeated values (codes, dates) come out of the pool as one shared string, so far fewer
  // strings are made and kept.
  try {
    eachCsvRecord(
      text,
      (cells, line) => {
        if (failure) return;
        try {
          if (reader) reader.add(cells, line);
          else reader = new TableReader(file, text, cells);
        } catch (error) {
          failure = { error };
        }
      },
      new ColumnPool(),
    );
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new ReturnReadError(file.name, e.message, `line ${e.line}`);
    throw e;
  }
  if (failure) throw failure.error;
  if (!reader) throw new ReturnReadError(file.name, 'the file has no header row (it is empty)');
  reader.tally.report(notices, reader.width);
  return { name: reader.name, file: file.name, rows: reader.rows, lines: reader.lines };
}

/** Rows of one table, built record by record as the CSV is read. */
class TableReader {
  readonly name: TableName;
  readonly width: number;
  readonly rows: Row[] = [];
  readonly lines: number[] = [];
  readonly tally: Tally;
  private readonly header: string[];
  private readonly dateIdx: boolean[];
  private readonly upperIdx: boolean[];
  private readonly values: (string | null)[];
  private readonly makeRow: (values: readonly (string | null)[]) => Row;

  constructor(
    private readonly file: File903,
    text: string,
    cells: readonly string[],
  ) {
    const header = cells.map((h) => h.trim().toUpperCase());
    while (header.length > 0 && header[header.length - 1] === '') header.pop();
    if (header.length <= 1 && text.includes('\t')) {
      throw new ReturnReadError(file.name, 'the file is tab-separated; save it as CSV (comma-separated)', 'line 1');
    }
    const name = identify(file.name, header);
    const seen = new Set<string>();
    for (const h of header) {
      if (seen.has(h)) throw new ReturnReadError(file.name, `column ${h} appears twice in the header`, 'line 1');
      seen.add(h);
    }
    this.name = name;
    this.header = header;
    this.width = header.length;
    const dateColumns = dateColumnsOf(name);
    const upperColumns = upperCaseColumnsOf(name);
    this.dateIdx = header.map((h) => dateColumns.has(h));
    this.upperIdx = header.map((h) => upperColumns.has(h));
    this.values = new Array<string | null>(this.width).fill(null);
    this.tally = new Tally(file.name);
    // Every row of a table has the same columns: an object literal of them all gives each
    // row its final shape at once (identify has checked the names are the table's own).
    this.makeRow = new Function('v', `return {${header.map((h, k) => `${JSON.stringify(h)}: v[${k}]`).join(', ')}};`) as (
      values: readonly (string | null)[],
    ) => Row;
  }

  add(cells: readonly string[], line: number): void {
    const { width, header, values } = this;
    if (cells.length > width) {
      for (let k = width; k < cells.length; k++) {
        if (cells[k]!.trim() !== '') {
          throw new ReturnReadError(
            this.file.name,
            `the row has ${cells.length} cells but the header has ${width} columns`,
            `line ${line}`,
          );
        }
      }
    } else if (cells.length < width) this.tally.add('short', line);
    for (let k = 0; k < width; k++) {
      const raw = cells[k];
      let v: string | null = raw === undefined ? null : raw.trim();
      if (v === '') v = null;
      if (v !== null && this.upperIdx[k] && hasLowerCase(v)) {
        this.tally.add(`upper:${header[k]}`, line);
        v = v.toUpperCase();
      }
      if (v !== null && this.dateIdx[k] && !looksLikeDfeDate(v)) {
        const fixed = normaliseDate(v);
        if (fixed !== v) {
          this.tally.add(`date:${header[k]}:${fixed === null ? '' : v.includes('-') ? 'iso' : 'time'}`, line);
          if (fixed !== null) v = fixed;
        }
      }
      values[k] = v;
    }
    this.rows.push(this.makeRow(values));
    this.lines.push(line);
  }
}

function hasLowerCase(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 97 && c <= 122) || c > 127) return true;
  }
  return false;
}

/** dd/mm/yyyy in shape (whether a real date is for the rules to say): nothing to normalise. */
function looksLikeDfeDate(v: string): boolean {
  return v.length === 10 && v.charCodeAt(2) === 47 && v.charCodeAt(5) === 47;
}

/** Coded columns, postcodes and UPNs, whose letters are capitals whatever case they were typed in. */
function upperCaseColumnsOf(table: TableName): Set<string> {
  const spec = schemaFor(LATEST_YEAR)[table] ?? {};
  return new Set(
    Object.entries(spec)
      .filter(([k, c]) => c.kind === 'code' || c.kind === 'postcode' || k === 'UPN')
      .map(([k]) => k),
  );
}

function dateColumnsOf(table: TableName): Set<string> {
  const spec = schemaFor(LATEST_YEAR)[table] ?? {};
  return new Set(
    Object.entries(spec)
      .filter(([, c]) => c.kind === 'date')
      .map(([k]) => k),
  );
}

/** The table whose columns the header has, or a ReturnReadError saying how close it came. */
function identify(file: string, header: readonly string[]): TableName {
  const names = new Set(header);
  let best: { table: TableName; missing: string[]; extra: string[]; score: number } | undefined;
  for (const [table, cols] of TABLE_COLUMNS) {
    const missing = cols.filter((c) => !names.has(c));
    const extra = header.filter((h) => !cols.includes(h));
    if (missing.length === 0 && extra.length === 0) return table;
    const common = cols.length - missing.length;
    const score = common / (cols.length + extra.length);
    if (!best || score > best.score) best = { table, missing, extra, score };
  }
  if (best && best.score >= 0.5) {
    const parts: string[] = [];
    if (best.missing.length > 0) parts.push(`it has no ${best.missing.join(', ')} column${best.missing.length > 1 ? 's' : ''}`);
    if (best.extra.length > 0) {
      parts.push(
        `it has ${best.extra.map((e) => (e === '' ? 'an unnamed column' : e)).join(', ')}, which the ${best.table} table does not`,
      );
    }
    throw new ReturnReadError(
      file,
      `looks like the 903 ${best.table} table, but ${parts.join(' and ')} (the ${best.table} columns are ${columnsFor(best.table, LATEST_YEAR).join(', ')})`,
      'line 1',
    );
  }
  throw new ReturnReadError(
    file,
    `is not a 903 table: its header (${header.slice(0, 8).join(', ')}${header.length > 8 ? ', ...' : ''}) matches none of the 903 tables (${TABLE_NAMES.join(', ')})`,
    'line 1',
  );
}

// ---------------------------------------------------------------------------
// Text

function decode(file: File903, notices: ReadNotice[]): string {
  const c = file.content;
  if (typeof c === 'string') return c.charCodeAt(0) === 0xfeff ? c.slice(1) : c;
  if (c.length === 0) throw new ReturnReadError(file.name, 'the file is empty (0 bytes)');
  if (c[0] === 0x50 && c[1] === 0x4b && c[2] === 0x03 && c[3] === 0x04) {
    throw new ReturnReadError(file.name, 'is an Excel workbook or other zip file, not CSV; save each sheet as CSV');
  }
  const what = notText(c);
  if (what) throw new ReturnReadError(file.name, `is not a text file (it is ${what}), so not a CSV file; give the table saved as CSV`);
  if ((c[0] === 0xff && c[1] === 0xfe) || (c[0] === 0xfe && c[1] === 0xff)) {
    return new TextDecoder(c[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(c);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(c);
  } catch {
    notices.push({
      file: file.name,
      line: null,
      message: 'the file is not UTF-8; it was read as Windows-1252 (Excel\'s "CSV" encoding)',
    });
    return new TextDecoder('windows-1252').decode(c);
  }
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const WITH_TIME = /^(\d{1,2}\/\d{1,2}\/\d{4})[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;

/**
 * A date in the DfE's dd/mm/yyyy when it is written another unambiguous way (ISO
 * yyyy-mm-dd, or dd/mm/yyyy with a time of day); otherwise the value unchanged.
 */
export function normaliseDate(v: string): string {
  const t = WITH_TIME.exec(v);
  if (t) return parseDate(t[1]!) === null ? v : t[1]!;
  const iso = ISO.exec(v);
  if (iso) {
    const candidate = `${iso[3]}/${iso[2]}/${iso[1]}`;
    return parseDate(candidate) === null ? v : candidate;
  }
  return v;
}

/** Counts what the reader changed in a file, to report once per kind, not once per row. */
class Tally {
  private readonly counts = new Map<string, { n: number; first: number }>();
  constructor(private readonly file: string) {}
  add(kind: string, line: number): void {
    const c = this.counts.get(kind);
    if (c) c.n++;
    else this.counts.set(kind, { n: 1, first: line });
  }
  report(notices: ReadNotice[], width: number): void {
    for (const [kind, { n, first }] of this.counts) {
      const rows = n === 1 ? `line ${first}` : `${n} rows, first on line ${first}`;
      let message: string;
      if (kind === 'short') message = `fewer cells than the ${width} columns; the missing cells were read as blank (${rows})`;
      else if (kind.startsWith('upper:')) message = `${kind.slice(6)}: codes in lower case were read in capitals (${rows})`;
      else {
        const [, column, how] = kind.split(':');
        message =
          how === 'iso'
            ? `${column}: dates written yyyy-mm-dd were read as the same dates in dd/mm/yyyy (${rows})`
            : `${column}: dates with a time of day were read as the date alone (${rows})`;
      }
      notices.push({ file: this.file, line: n === 1 ? first : null, message });
    }
  }
}

// ---------------------------------------------------------------------------
// The collection year

/**
 * The collection year the latest episode or review date falls in, when the caller does not
 * say: a return is made after the year it covers ends, so its latest dates are in that year.
 */
function inferYear(tables: Tables903, notices: ReadNotice[]): number {
  // Count dates per collection year; the latest year with a fair share of them (so one
  // mistyped year does not decide) is the year of the return.
  const perYear = new Map<number, number>();
  let total = 0;
  const look = (t: Table903 | undefined, cols: string[]) => {
    if (!t) return;
    for (const row of t.rows) {
      for (const c of cols) {
        const d = parseDate(row[c]);
        if (d === null) continue;
        const { year, month } = civil(d);
        const end = month >= 4 ? year + 1 : year;
        perYear.set(end, (perYear.get(end) ?? 0) + 1);
        total++;
      }
    }
  };
  look(tables.Episodes, ['DECOM', 'DEC']);
  look(tables.Reviews, ['REVIEW']);
  const years = [...perYear.entries()].filter(([, n]) => n >= Math.max(1, total * 0.01)).map(([y]) => y);
  if (years.length === 0) {
    throw new ReturnReadError(
      basename(tables.Episodes?.file ?? tables.Header?.file ?? '(return)'),
      'cannot tell which collection year this is (no episode or review dates); give the year',
    );
  }
  const end = Math.max(...years);
  notices.push({
    file: '(collection year)',
    line: null,
    message: `read as the ${end - 1}/${String(end).slice(2)} return (1 April ${end - 1} to 31 March ${end}), the latest year of its episode and review dates`,
  });
  return end;
}
