import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { clockRules } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { dateField } from '../core/http/forms.js';
import { oversightSettings } from '../oversight/settings.js';
import { policySettings } from './schema.js';

export interface SettingDefinition {
  key: string;
  label: string;
  unit: string;
  default: number | string | boolean;
  /** The rule it belongs to, or null for an oversight setting. */
  ruleId: string | null;
}

/** Every local setting the authority can change: the clock rules' and oversight's. */
export function settingDefinitions(): SettingDefinition[] {
  const fromRules = clockRules.flatMap((r) =>
    r.settings.map((s) => ({ key: s.key, label: s.label, unit: s.unit, default: s.default, ruleId: r.id })),
  );
  const seen = new Set<string>();
  return [...fromRules, ...oversightSettings.map((s) => ({ ...s, ruleId: null }))].filter((s) =>
    seen.has(s.key) ? false : (seen.add(s.key), true),
  );
}

export interface SettingChange {
  key: string;
  value: number | string | boolean;
  effectiveFrom: string;
  setAt: string;
  setBy: string | null;
}

export function settingHistory(db: Db): Promise<SettingChange[]> {
  return rows<SettingChange>(
    db,
    sql`select p.key, p.value, p.effective_from::text as "effectiveFrom", p.set_at::text as "setAt", u.display_name as "setBy"
          from policy_settings p left join users u on u.id = p.set_by order by p.key, p.effective_from, p.id`,
  );
}

/** The value in force on a date, and since when: the latest change on or before it, else the default. */
export function inForce(def: SettingDefinition, history: SettingChange[], onDate: string) {
  const changes = history.filter((h) => h.key === def.key && h.effectiveFrom <= onDate);
  const latest = changes.at(-1);
  return latest ? { value: latest.value, since: latest.effectiveFrom, isDefault: false } : { value: def.default, since: null, isDefault: true };
}

export function settingChangeSchema(definitions: SettingDefinition[]) {
  const keys = definitions.map((d) => d.key) as [string, ...string[]];
  return z
    .object({
      key: z.enum(keys, { error: 'Select a setting' }),
      value: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'Enter the new value' }).min(1, 'Enter the new value')),
      effectiveFrom: dateField('Date it takes effect'),
    })
    .transform((v, ctx) => {
      const def = definitions.find((d) => d.key === v.key)!;
      let value: number | string | boolean = v.value;
      if (typeof def.default === 'number') {
        const n = Number(v.value);
        if (!Number.isInteger(n) || n <= 0) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `Value must be a whole number of ${def.unit} greater than 0` });
          return z.NEVER;
        }
        value = n;
      } else if (typeof def.default === 'boolean') {
        if (!['yes', 'no', 'true', 'false'].includes(v.value)) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: 'Value must be yes or no' });
          return z.NEVER;
        }
        value = v.value === 'yes' || v.value === 'true';
      }
      return { key: v.key, value, effectiveFrom: v.effectiveFrom };
    });
}

/**
 * A change applies from its date. Obligations computed from earlier events keep the
 * value that was in force then, so recomputing history gives the same answers.
 */
export async function recordSettingChange(db: Db, change: { key: string; value: number | string | boolean; effectiveFrom: string }, by: string) {
  await db.insert(policySettings).values({ key: change.key, value: change.value, effectiveFrom: change.effectiveFrom, setBy: by });
}
