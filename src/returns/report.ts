import { stringify } from 'csv-stringify/sync';
import type { Finding } from './findings.js';

/** The findings of a return, counted by rule, for the summary the CLI prints and the page shows. */
export interface RuleSummary {
  rule: string;
  message: string;
  tables: string[];
  findings: number;
}

export function summariseByRule(findings: readonly Finding[]): RuleSummary[] {
  const byRule = new Map<string, RuleSummary>();
  for (const f of findings) {
    let s = byRule.get(f.rule);
    if (!s) byRule.set(f.rule, (s = { rule: f.rule, message: f.message, tables: [], findings: 0 }));
    s.findings += 1;
    if (!s.tables.includes(f.table)) s.tables.push(f.table);
  }
  return [...byRule.values()].sort((a, b) => b.findings - a.findings || a.rule.localeCompare(b.rule, 'en', { numeric: true }));
}

export const FINDING_COLUMNS = ['rule', 'table', 'row', 'child_id', 'fields', 'message'] as const;

/** CSV with the columns rule,table,row,child_id,fields,message; fields joined with ";". */
export function findingsCsv(findings: readonly Finding[]): string {
  return stringify(
    findings.map((f) => [f.rule, f.table, f.row ?? '', f.childId ?? '', f.fields.join(';'), f.message]),
    { header: true, columns: [...FINDING_COLUMNS] },
  );
}

export function findingsJson(findings: readonly Finding[]): string {
  return `${JSON.stringify(
    findings.map((f) => ({ rule: f.rule, table: f.table, row: f.row, child_id: f.childId, fields: f.fields, message: f.message })),
    null,
    1,
  )}\n`;
}

export function summaryText(summary: readonly RuleSummary[], total: number): string {
  if (total === 0) return 'No findings: the return passes every rule for its collection year.';
  const width = Math.max(4, ...summary.map((s) => s.rule.length));
  const lines = summary.map((s) => `${s.rule.padEnd(width)}  ${String(s.findings).padStart(7)}  ${s.tables.join(', ')}: ${s.message}`);
  return [`${total} findings under ${summary.length} rules:`, `${'rule'.padEnd(width)}  ${'rows'.padStart(7)}  message`, ...lines].join('\n');
}
