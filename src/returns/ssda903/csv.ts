/**
 * CSV as authorities' systems and Excel write it (RFC 4180: commas, double-quoted
 * cells with "" for a quote, CRLF or LF line ends), read and written without
 * dependencies so that a line number can be given for every record.
 */

export interface CsvRecords {
  /** Cells of each record, header first. */
  records: string[][];
  /** 1-based line of the file where each record starts. */
  lines: number[];
}

/** Why a CSV cannot be read, and on which line. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    reason: string,
  ) {
    super(reason);
    this.name = 'CsvSyntaxError';
  }
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
const LF = 10;

/**
 * Splits text into records. Records that are wholly empty (blank lines) are left out,
 * as spreadsheet tools do. Throws CsvSyntaxError on a quote that never closes or
 * text straight after a closing quote.
 */
export function parseCsv(text: string): CsvRecords {
  const records: string[][] = [];
  const lines: number[] = [];
  eachCsvRecord(text, (cells, line) => {
    records.push(cells.slice());
    lines.push(line);
  });
  return { records, lines };
}

/**
 * parseCsv one record at a time, for readers that turn records straight into something
 * else: `cells` is the same array for every record (copy it to keep it), so a large file
 * does not leave an array per record behind for the garbage collector.
 *
 * Most files authorities send have no quoted cell: those are read line by line with the
 * engine's own string search (a line is a record, a comma ends a cell), which gives the
 * same records and lines as the full reader below, at a fraction of its cost in a
 * command that reads each file once. A quote anywhere, or a CR that is not part of CRLF,
 * and the whole file goes to the full reader.
 */
export function eachCsvRecord(text: string, onRecord: (cells: string[], line: number) => void, pool?: CellPool): void {
  if (isPlainCsv(text)) eachPlainRecord(text, onRecord, pool);
  else eachCsvRecordFull(text, onRecord, pool);
}

/** No double quote anywhere, and every CR followed by LF. */
function isPlainCsv(text: string): boolean {
  if (text.indexOf('"') >= 0) return false;
  for (let r = text.indexOf('\r'); r >= 0; r = text.indexOf('\r', r + 2)) if (text.charCodeAt(r + 1) !== LF) return false;
  return true;
}

function eachPlainRecord(text: string, onRecord: (cells: string[], line: number) => void, pool?: CellPool): void {
  const record: string[] = [];
  const n = text.length;
  let from = 0;
  let line = 1;
  // The next comma at or after where the search last started (n when there is none left),
  // so a file with few commas is not searched to its end once per line.
  let comma = -1;
  while (from < n) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = n;
    const stop = end > from && text.charCodeAt(end - 1) === CR ? end - 1 : end;
    record.length = 0;
    let i = from;
    for (;;) {
      if (comma < i) {
        comma = text.indexOf(',', i);
        if (comma < 0) comma = n;
      }
      const to = comma < stop ? comma : stop;
      const value = text.slice(i, to);
      record.push(pool ? pool.intern(record.length, value) : value);
      if (to === stop) break;
      i = to + 1;
    }
    if (!(record.length === 1 && record[0]!.trim() === '')) onRecord(record, line);
    line++;
    from = end + 1;
  }
}

/** eachCsvRecord for any CSV: quoted cells, "" inside them, line breaks in a cell, CR line ends. */
export function eachCsvRecordFull(text: string, onRecord: (cells: string[], line: number) => void, pool?: CellPool): void {
  const record: string[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    record.length = 0;
    // one record
    for (;;) {
      let c = i < n ? text.charCodeAt(i) : -1;
      let value: string;
      if (c === QUOTE) {
        const quoteLine = line;
        i++;
        let out = '';
        let from = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvSyntaxError(quoteLine, 'a quoted cell is never closed (a " without its closing ")');
          for (let k = i; k < q; k++) {
            const ch = text.charCodeAt(k);
            if (ch === LF || (ch === CR && text.charCodeAt(k + 1) !== LF)) line++;
          }
          if (text.charCodeAt(q + 1) === QUOTE) {
            out += text.slice(from, q + 1);
            i = q + 2;
            from = i;
            continue;
          }
          out += text.slice(from, q);
          i = q + 1;
          break;
        }
        value = out;
        c = i < n ? text.charCodeAt(i) : -1;
        // Spaces after a closing quote are harmless; anything else is not CSV.
        while (c === 32 || c === 9) c = ++i < n ? text.charCodeAt(i) : -1;
        if (c !== COMMA && c !== CR && c !== LF && c !== -1) {
          throw new CsvSyntaxError(line, 'text follows a closing quote in the same cell');
        }
      } else {
        const from = i;
        while (c !== COMMA && c !== CR && c !== LF && c !== -1) c = ++i < n ? text.charCodeAt(i) : -1;
        value = text.slice(from, i);
        if (pool) value = pool.intern(record.length, value);
      }
      record.push(value);
      if (c === COMMA) {
        i++;
        continue;
      }
      // end of record
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      if (c !== -1) line++;
      break;
    }
    if (record.length === 1 && record[0]!.trim() === '') continue;
    onRecord(record, startLine);
  }
}

/** Where eachCsvRecord puts an unquoted cell's string: the value, or an equal string seen before in that column. */
export interface CellPool {
  intern(column: number, value: string): string;
}

/**
 * One string per distinct value in each column, so a value that repeats (codes, dates) is
 * kept once however many rows have it. A column whose values hardly repeat (IDs) stops
 * being pooled.
 */
export class ColumnPool implements CellPool {
  private readonly columns: ({ values: Map<string, string>; seen: number } | null)[] = [];

  intern(column: number, value: string): string {
    let col = this.columns[column];
    if (col === undefined) {
      col = { values: new Map(), seen: 0 };
      this.columns[column] = col;
    }
    if (col === null || value.length > 32) return value;
    col.seen++;
    const known = col.values.get(value);
    if (known !== undefined) return known;
    if (col.seen >= 2048 && col.values.size * 2 > col.seen) {
      this.columns[column] = null;
      return value;
    }
    col.values.set(value, value);
    return value;
  }
}

/** One CSV line (no line end): cells with a comma, quote or line break are quoted. */
export function csvLine(cells: readonly (string | null)[]): string {
  let out = '';
  for (let k = 0; k < cells.length; k++) {
    if (k > 0) out += ',';
    const v = cells[k] ?? '';
    out += /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  }
  return out;
}

/** File signatures of what people save or attach by mistake in place of a CSV file. */
const SIGNATURES: readonly (readonly [readonly number[], string])[] = [
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an Excel 97-2003 workbook (.xls) or another Office document'],
];

/**
 * What a file is when its bytes cannot be text ("a PNG image", "binary data"), or null
 * when they may be. Text in UTF-8 or Windows-1252 has no NUL byte, and UTF-16 (which has
 * many) starts with its byte order mark; most binary formats have NULs in their first
 * few bytes.
 */
export function notText(bytes: Uint8Array): string | null {
  for (const [signature, what] of SIGNATURES) if (signature.every((b, i) => bytes[i] === b)) return what;
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return 'binary data';
  return null;
}
