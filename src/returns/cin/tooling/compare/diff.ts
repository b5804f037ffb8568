/**
 * Comparing our findings with the reference validator's, rule by rule.
 *
 * Both sides are reduced to (rule, table, row) with row = the child's position ('' for
 * a finding about the return as a whole). The reference may name several tables for one
 * finding (one per field it looks at); a rule and row agree when both sides report them,
 * and the table agrees when ours is among the reference's.
 */
import type { Finding } from '../../../findings.js';

export interface Located {
  rule: string;
  table: string;
  /** Child position as text, '' for the return as a whole. */
  row: string;
}

/** The reference driver's CSV: a header line `rule,table,row`, then one line per finding. */
export function parseReferenceCsv(csv: string): Located[] {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0 || lines[0]!.replace(/\s/g, '') !== 'rule,table,row') {
    throw new Error('reference output: expected a header line "rule,table,row"');
  }
  return lines.slice(1).map((line) => {
    const [rule = '', table = '', row = ''] = line.split(',');
    return { rule: rule.trim(), table: table.trim(), row: row.trim() };
  });
}

export function locate(findings: readonly Finding[]): Located[] {
  return findings.map((f) => ({ rule: f.rule, table: f.table, row: f.row === null ? '' : String(f.row) }));
}

export interface RuleDiff {
  rule: string;
  /** Distinct rows each side reports. */
  ours: number;
  reference: number;
  /** Rows only we report, and only the reference reports ('' = the return as a whole). */
  onlyOurs: string[];
  onlyReference: string[];
  /** Rows both report where our table is not among the reference's tables. */
  tableDiffers: string[];
  /** The tables the reference used for this rule. */
  referenceTables: string[];
  ourTable: string | null;
}

function byRule(items: readonly Located[]): Map<string, Map<string, Set<string>>> {
  const m = new Map<string, Map<string, Set<string>>>();
  for (const x of items) {
    let rows = m.get(x.rule);
    if (!rows) m.set(x.rule, (rows = new Map()));
    let tables = rows.get(x.row);
    if (!tables) rows.set(x.row, (tables = new Set()));
    tables.add(x.table);
  }
  return m;
}

const sortRows = (rows: string[]) => rows.sort((a, b) => (a === '' ? -1 : b === '' ? 1 : Number(a) - Number(b)));

/** Per-rule differences for the given rules (default: every rule either side reports). */
export function diffFindings(ours: readonly Located[], reference: readonly Located[], rules?: readonly string[]): RuleDiff[] {
  const a = byRule(ours);
  const b = byRule(reference);
  const codes = rules ?? [...new Set([...a.keys(), ...b.keys()])];
  return [...codes]
    .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))
    .map((rule) => {
      const mine = a.get(rule) ?? new Map<string, Set<string>>();
      const theirs = b.get(rule) ?? new Map<string, Set<string>>();
      const onlyOurs = sortRows([...mine.keys()].filter((r) => !theirs.has(r)));
      const onlyReference = sortRows([...theirs.keys()].filter((r) => !mine.has(r)));
      const tableDiffers = sortRows(
        [...mine.keys()].filter((r) => {
          const t = theirs.get(r);
          if (!t || r === '') return false;
          return ![...mine.get(r)!].some((x) => t.has(x));
        }),
      );
      const refTables = new Set<string>();
      for (const t of theirs.values()) for (const x of t) refTables.add(x);
      const ourTable = [...mine.values()][0]?.values().next().value ?? null;
      return {
        rule,
        ours: mine.size,
        reference: theirs.size,
        onlyOurs,
        onlyReference,
        tableDiffers,
        referenceTables: [...refTables].sort(),
        ourTable,
      };
    });
}

export function agrees(d: RuleDiff): boolean {
  return d.onlyOurs.length === 0 && d.onlyReference.length === 0;
}

function short(rows: string[]): string {
  const shown = rows.slice(0, 8).map((r) => (r === '' ? 'return' : r));
  return shown.join(' ') + (rows.length > 8 ? ` … (${rows.length})` : '');
}

/** A plain-text table of the differences. */
export function formatDiff(diffs: readonly RuleDiff[]): string {
  const lines = ['rule    ours   ref  agree  only ours / only reference (child rows)'];
  for (const d of diffs) {
    const detail = agrees(d) ? '' : `ours: ${short(d.onlyOurs) || '-'} | ref: ${short(d.onlyReference) || '-'}`;
    lines.push(
      `${d.rule.padEnd(6)} ${String(d.ours).padStart(5)} ${String(d.reference).padStart(5)}  ${agrees(d) ? 'yes' : 'NO '}    ${detail}`,
    );
  }
  const agreeing = diffs.filter(agrees).length;
  lines.push(`${agreeing} of ${diffs.length} rules agree on every child.`);
  return lines.join('\n');
}
