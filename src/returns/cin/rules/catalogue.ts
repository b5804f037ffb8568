/**
 * DfE's CIN census validation rules as data: code, message, affected fields, the table
 * each rule reports against, Error or Query, and the collection years it applies to.
 * Source: data/cin-census-validation-rules.tsv, a copy of the DfE rule list.
 */
import { readFileSync } from 'node:fs';
import type { CinYear } from '../model.js';

export interface RuleFacts {
  code: string;
  message: string;
  fields: string[];
  /** The table DfE reports the rule against (ChildIdentifiers, CINdetails, Assessments, ...). */
  table: string;
  type: 'Error' | 'Query';
  /** Rulesets as DfE names them: '2024_25' is the census ending 31 March 2025 (collection year 2025). */
  rulesets: string[];
  status: string;
}

export const RULES_TSV = new URL('../data/cin-census-validation-rules.tsv', import.meta.url);

export function parseRulesTsv(tsv: string): RuleFacts[] {
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0]!.split('\t');
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`rules TSV: no column ${name}`);
    return i;
  };
  const [code, message, fields, table, type, rulesets, status] = [
    col('code'),
    col('message'),
    col('affected_fields'),
    col('module_table'),
    col('rule_type'),
    col('in_rulesets'),
    col('status_2025_26'),
  ];
  return lines.slice(1).map((line) => {
    const c = line.split('\t');
    return {
      code: c[code]!,
      message: c[message]!,
      fields: c[fields]!.split(',')
        .map((f) => f.trim())
        .filter(Boolean),
      table: c[table]!,
      type: c[type] === 'Query' ? 'Query' : 'Error',
      rulesets: c[rulesets]!.split(',').map((r) => r.trim()),
      status: c[status]!,
    };
  });
}

export const RULE_FACTS: ReadonlyMap<string, RuleFacts> = new Map(parseRulesTsv(readFileSync(RULES_TSV, 'utf8')).map((r) => [r.code, r]));

/** The ruleset name for a collection year: 2025 → '2024_25'. */
export function rulesetOf(year: CinYear): string {
  return `${year - 1}_${String(year).slice(2)}`;
}

export function factsFor(code: string): RuleFacts {
  const facts = RULE_FACTS.get(code);
  if (!facts) throw new Error(`CIN rule ${code} is not in the DfE rule list`);
  return facts;
}
