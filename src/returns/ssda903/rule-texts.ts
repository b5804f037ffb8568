/**
 * The DfE's published text for each 903 validation rule (code, message, affected
 * fields, tables, the years' rulesets it is in), read from the copy of the DfE rules
 * list kept beside this file (data/ssda903-validation-rules.tsv).
 */
import { readFileSync } from 'node:fs';
import type { TableName } from './model.js';
import { TABLE_NAMES } from './model.js';

export interface RuleText {
  code: string;
  message: string;
  /** affected_fields, in the DfE's order (duplicates removed). */
  fields: string[];
  /** Tables of the current return the rule names (previous-year and reference tables left out). */
  tables: TableName[];
  /** Whether the rule also names last year's tables ("Header_last", ...). */
  usesPrevious: boolean;
  /** Whether the rule names Ofsted's provider information. */
  usesProviders: boolean;
  /** Collection years (year the collection ends) whose ruleset has the rule. */
  years: number[];
}

const byLowerName = new Map(TABLE_NAMES.map((t) => [t.toLowerCase(), t] as const));

function tableOf(name: string): TableName | undefined {
  const n = name.trim().toLowerCase();
  // The list has a few stray spellings ("EPISODES", "HEader_last", "OC2s").
  return byLowerName.get(n) ?? byLowerName.get(n.replace(/s$/, ''));
}

function parse(tsv: string): Map<string, RuleText> {
  const lines = tsv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const head = lines[0]!.split('\t');
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`903 rules list has no ${name} column`);
    return i;
  };
  const [iCode, iMsg, iFields, iTables, iSets] = [col('code'), col('message'), col('affected_fields'), col('tables'), col('in_rulesets')];
  const out = new Map<string, RuleText>();
  for (const line of lines.slice(1)) {
    const c = line.split('\t');
    const rawTables = (c[iTables] ?? '')
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const tables: TableName[] = [];
    for (const t of rawTables) {
      if (/_last$/i.test(t)) continue;
      const name = tableOf(t);
      if (name && !tables.includes(name)) tables.push(name);
    }
    const code = c[iCode]!.trim();
    out.set(code, {
      code,
      message: (c[iMsg] ?? '').trim(),
      fields: [
        ...new Set(
          (c[iFields] ?? '')
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean),
        ),
      ],
      tables,
      usesPrevious: rawTables.some((t) => /_last$/i.test(t)),
      usesProviders: rawTables.some((t) => /provider/i.test(t)),
      years: (c[iSets] ?? '')
        .split(',')
        .map((s) => /^(\d{4})_(\d{2})$/.exec(s.trim()))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => Number(m[1]) + 1),
    });
  }
  return out;
}

export const RULE_TEXTS: ReadonlyMap<string, RuleText> = parse(
  readFileSync(new URL('./data/ssda903-validation-rules.tsv', import.meta.url), 'utf8'),
);

export function ruleText(code: string): RuleText {
  const t = RULE_TEXTS.get(code);
  if (!t) throw new Error(`no DfE 903 rule ${code}`);
  return t;
}
