import { closeSync, openSync, writeSync } from 'node:fs';
import type { Finding } from './findings.js';

/** The findings of a return, counted by rule, for the summary the CLI prints and the page shows. */
export interface RuleSummary {
  rule: string;
  message: string;
  tables: string[];
  findings: number;
}

/** Rule codes in number order ("99" before "101"); one collator, where localeCompare would make one per comparison. */
const byCode = new Intl.Collator('en', { numeric: true });

/** Counts findings by rule as they go past, so the summary needs no list of them. */
export class RuleSummaries {
  private readonly byRule = new Map<string, RuleSummary>();
  total = 0;

  add(f: Finding): void {
    let s = this.byRule.get(f.rule);
    if (!s) this.byRule.set(f.rule, (s = { rule: f.rule, message: f.message, tables: [], findings: 0 }));
    s.findings += 1;
    if (!s.tables.includes(f.table)) s.tables.push(f.table);
    this.total += 1;
  }

  /** Most findings first, then by rule code. */
  list(): RuleSummary[] {
    return [...this.byRule.values()].sort((a, b) => b.findings - a.findings || byCode.compare(a.rule, b.rule));
  }
}

export function summariseByRule(findings: readonly Finding[]): RuleSummary[] {
  const summaries = new RuleSummaries();
  for (const f of findings) summaries.add(f);
  return summaries.list();
}

export const FINDING_COLUMNS = ['rule', 'table', 'row', 'child_id', 'fields', 'message'] as const;

export type FindingsFormat = 'csv' | 'json';

/**
 * Findings as a file, one finding at a time: CSV with the columns
 * rule,table,row,child_id,fields,message (fields joined with ";", a cell quoted when it
 * holds a comma, quote or line break, every line ending in LF), or a JSON array of
 * objects with those keys, laid out as JSON.stringify(findings, null, 1) lays it out.
 */
export class FindingsText {
  private first = true;
  constructor(readonly format: FindingsFormat) {}

  /** What comes before the first finding. */
  start(): string {
    return this.format === 'csv' ? `${FINDING_COLUMNS.join(',')}\n` : '[';
  }

  /** One finding, with whatever separates it from the one before. */
  finding(f: Finding): string {
    if (this.format === 'csv') {
      return `${csvCell(f.rule)},${csvCell(f.table)},${f.row ?? ''},${csvCell(f.childId ?? '')},${csvCell(f.fields.join(';'))},${csvCell(f.message)}\n`;
    }
    const separator = this.first ? '\n' : ',\n';
    this.first = false;
    return `${separator} {${jsonMembers([
      ['rule', f.rule],
      ['table', f.table],
      ['row', f.row],
      ['child_id', f.childId],
      ['fields', f.fields],
      ['message', f.message],
    ])}\n }`;
  }

  /** What comes after the last finding. */
  end(): string {
    if (this.format === 'csv') return '';
    return this.first ? ']\n' : '\n]\n';
  }
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** An object's members at the second level of indentation (JSON.stringify(..., null, 1) inside an array). */
function jsonMembers(members: [string, string | number | null | undefined | readonly string[]][]): string {
  let out = '';
  let first = true;
  for (const [key, value] of members) {
    if (value === undefined) continue; // as JSON.stringify leaves the key out
    out += `${first ? '' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(value)) out += value.length === 0 ? '[]' : `[\n${value.map((v) => `   ${JSON.stringify(v)}`).join(',\n')}\n  ]`;
    else out += JSON.stringify(value);
  }
  return out;
}

function findingsText(findings: Iterable<Finding>, format: FindingsFormat): string {
  const text = new FindingsText(format);
  let out = text.start();
  for (const f of findings) out += text.finding(f);
  return out + text.end();
}

/** CSV with the columns rule,table,row,child_id,fields,message; fields joined with ";". */
export function findingsCsv(findings: Iterable<Finding>): string {
  return findingsText(findings, 'csv');
}

export function findingsJson(findings: Iterable<Finding>): string {
  return findingsText(findings, 'json');
}

/**
 * Writes findings to a file as they come from `findings`, a block at a time, so neither
 * the findings nor the file's text are ever whole in memory. Returns how many were written.
 */
export function writeFindingsFile(path: string, format: FindingsFormat, findings: Iterable<Finding>, each?: (f: Finding) => void): number {
  const fd = openSync(path, 'w');
  try {
    return format === 'csv' ? writeCsv(fd, findings, each) : writeJson(fd, findings, each);
  } finally {
    closeSync(fd);
  }
}

const BLOCK = 1 << 16;

function writeJson(fd: number, findings: Iterable<Finding>, each?: (f: Finding) => void): number {
  const text = new FindingsText('json');
  let pending = text.start();
  let count = 0;
  for (const f of findings) {
    each?.(f);
    pending += text.finding(f);
    count++;
    if (pending.length >= BLOCK) {
      writeAll(fd, pending);
      pending = '';
    }
  }
  writeAll(fd, pending + text.end());
  return count;
}

/**
 * The CSV a byte block at a time. What a rule's findings in one table share (the rule and
 * table before the row; the fields and message after the child) is encoded once; only the
 * row and child are written for each finding. The bytes are FindingsText's.
 */
function writeCsv(fd: number, findings: Iterable<Finding>, each?: (f: Finding) => void): number {
  const block = Buffer.allocUnsafe(BLOCK);
  let at = 0;
  const flush = () => {
    for (let done = 0; done < at;) done += writeSync(fd, block, done, at - done);
    at = 0;
  };
  const put = (bytes: Buffer) => {
    if (at + bytes.length > BLOCK) flush();
    if (bytes.length > BLOCK) for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done);
    else at += bytes.copy(block, at);
  };
  const putText = (text: string) => {
    // at most 3 bytes per UTF-16 unit
    if (text.length * 3 > BLOCK - at) put(Buffer.from(text, 'utf8'));
    else at += block.write(text, at, 'utf8');
  };
  const shared = new Map<string, { table: string; fields: string[]; message: string; head: Buffer; tail: Buffer }[]>();
  const partsOf = (f: Finding) => {
    let list = shared.get(f.rule);
    if (!list) shared.set(f.rule, (list = []));
    for (const p of list)
      if (p.table === f.table && p.message === f.message && (p.fields === f.fields || p.fields.join(';') === f.fields.join(';'))) return p;
    const p = {
      table: f.table,
      fields: f.fields,
      message: f.message,
      head: Buffer.from(`${csvCell(f.rule)},${csvCell(f.table)},`),
      tail: Buffer.from(`,${csvCell(f.fields.join(';'))},${csvCell(f.message)}\n`),
    };
    list.push(p);
    return p;
  };
  put(Buffer.from(new FindingsText('csv').start()));
  let count = 0;
  for (const f of findings) {
    each?.(f);
    const p = partsOf(f);
    put(p.head);
    putText(`${f.row ?? ''},${csvCell(f.childId ?? '')}`);
    put(p.tail);
    count++;
  }
  flush();
  return count;
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

export function summaryText(summary: readonly RuleSummary[], total: number): string {
  if (total === 0) return 'No findings: the return passes every rule for its collection year.';
  const width = Math.max(4, ...summary.map((s) => s.rule.length));
  const lines = summary.map((s) => `${s.rule.padEnd(width)}  ${String(s.findings).padStart(7)}  ${s.tables.join(', ')}: ${s.message}`);
  return [`${total} findings under ${summary.length} rules:`, `${'rule'.padEnd(width)}  ${'rows'.padStart(7)}  message`, ...lines].join(
    '\n',
  );
}
