/**
 * What a 903 validation rule is, and `defineRule`, which gives a check its DfE code,
 * message, fields and years from the DfE rules list so a rule file holds only its logic.
 */
import type { Finding } from '../findings.js';
import type { Return903, Table903, TableName } from './model.js';
import { ruleText } from './rule-texts.js';

export interface Rule903 {
  /** Exactly as the DfE publishes it, e.g. "101", "503A", "INT01", "SW01aSTG1". */
  code: string;
  /** The DfE message, verbatim. */
  message: string;
  /** The DfE's affected fields. */
  fields: string[];
  /** Tables the rule reports rows of. */
  tables: TableName[];
  /** Collection years (year the collection ends) it applies to; all years when absent. */
  years?: number[];
  /** Pure: one finding per offending table row. */
  validate(ret: Return903): Finding[];
}

/** Marks a row as failing the rule. `last` marks a row of last year's table ("Header_last"). */
export type Flag = (table: Table903, rowIndex: number, last?: boolean) => void;

export type Check = (ret: Return903, flag: Flag) => void;

/**
 * A rule from its code and its check. The check calls `flag` for each offending row;
 * a row flagged twice is reported once.
 */
export function defineRule(code: string, check: Check, overrides: Partial<Omit<Rule903, 'validate' | 'code'>> = {}): Rule903 {
  const text = ruleText(code);
  const message = overrides.message ?? text.message;
  const fields = overrides.fields ?? text.fields;
  return {
    code,
    message,
    fields,
    tables: overrides.tables ?? text.tables,
    years: overrides.years ?? text.years,
    validate(ret) {
      const findings: Finding[] = [];
      const seen = new Set<string>();
      check(ret, (table, rowIndex, last = false) => {
        const name = last ? `${table.name}_last` : table.name;
        const key = `${name}\u0000${rowIndex}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({
          rule: code,
          table: name,
          row: rowIndex + 1,
          childId: table.rows[rowIndex]?.CHILD ?? null,
          fields,
          message,
        });
      });
      return findings;
    },
  };
}
