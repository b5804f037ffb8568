/**
 * The returns pages' tables as GOV.UK table rows: each link built with core's html builders,
 * which escape every value.
 */
import { link } from '../core/views/html.js';
import { formatDate, words } from '../core/views/nunjucks.js';
import type { Finding } from './findings.js';
import type { RuleSummary } from './report.js';
import type { RunView } from './runs.js';

const kindText = (kind: RunView['kind']) => (kind === 'ssda903' ? 'SSDA903' : 'CIN census');

/** The upload page's recent validations, newest first. */
export function recentRunRows(runs: readonly RunView[]) {
  return runs.map((r) => [
    { html: link(`/returns/runs/${r.id}`, formatDate(r.createdAt)) },
    { text: kindText(r.kind) },
    { text: words(r.status) },
    { text: r.findingCount !== null ? String(r.findingCount) : '' },
  ]);
}

/** A finished run's findings, one row a rule, each rule linking to its rows. */
export function ruleSummaryRows(runId: string, summary: readonly RuleSummary[]) {
  return summary.map((s) => [
    { html: link(`/returns/runs/${runId}/rules/${encodeURIComponent(s.rule)}`, s.rule) },
    { text: s.message },
    { text: s.tables.join(', ') },
    { text: String(s.findings), format: 'numeric' },
  ]);
}

/** The rows that break one rule. */
export function findingRows(findings: readonly Finding[]) {
  return findings.map((f) => [
    { text: f.table },
    { text: f.row !== null ? String(f.row) : 'Whole return', format: 'numeric' },
    { text: f.childId || '' },
    { text: f.fields.join(', ') },
  ]);
}
