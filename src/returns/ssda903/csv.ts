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
 */
export function eachCsvRecord(text: string, onRecord: (cells: string[], line: number) => void): void {
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
