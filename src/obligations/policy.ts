import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createLocalPolicy, policySettings, type SettingValue } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { dateField } from '../core/http/forms.js';
import { oversightSettings } from '../oversight/settings.js';
import { allSettings } from './recompute.js';
import { policySettings as policySettingsTable } from './schema.js';

export interface SettingDefinition {
  key: string;
  label: string;
  unit: string;
  default: SettingValue;
  options?: readonly string[] | undefined;
  /** The rule it belongs to, or null for an oversight setting. */
  ruleId: string | null;
}

/** Every local setting the authority can change, once each: the clock rules' and oversight's. */
export function settingDefinitions(): SettingDefinition[] {
  const seen = new Set<string>();
  const all = [
    ...policySettings.map((s) => ({ key: s.key, label: s.label, unit: s.unit, default: s.default, options: s.options, ruleId: s.ruleId })),
    ...oversightSettings.map((s) => ({ key: s.key, label: s.label, unit: s.unit, default: s.default, options: s.options, ruleId: null })),
  ];
  return all.filter((s) => (seen.has(s.key) ? false : (seen.add(s.key), true)));
}

export interface SettingChange {
  key: string;
  value: SettingValue;
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
  const latest = history.filter((h) => h.key === def.key && h.effectiveFrom <= onDate).at(-1);
  return latest ? { value: latest.value, since: latest.effectiveFrom, isDefault: false } : { value: def.default, since: null, isDefault: true };
}

/** One schema for a change of setting: the value is read as the setting's type and checked by the setting's own rules. */
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
      let value: SettingValue = v.value;
      if (typeof def.default === 'number') value = /^\d+$/.test(v.value) ? Number(v.value) : Number.NaN;
      if (typeof def.default === 'boolean') value = v.value === 'yes' || v.value === 'true' ? true : v.value === 'no' || v.value === 'false' ? false : v.value;
      try {
        if (typeof def.default === 'number' && Number.isNaN(value)) throw new RangeError(`expected a whole number of ${def.unit}`);
        if (typeof def.default === 'boolean' && typeof value !== 'boolean') throw new RangeError('expected yes or no');
        createLocalPolicy([{ key: v.key, value, effectiveFrom: v.effectiveFrom }], allSettings);
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `Value is not allowed: ${(e as Error).message.replace(`${v.key}: `, '')}` });
        return z.NEVER;
      }
      return { key: v.key, value, effectiveFrom: v.effectiveFrom };
    });
}

/**
 * A change applies from its date. Obligations computed from earlier events keep the
 * value that was in force then, so recomputing history gives the same answers.
 */
export async function recordSettingChange(db: Db, change: { key: string; value: SettingValue; effectiveFrom: string }, by: string) {
  await db.insert(policySettingsTable).values({ key: change.key, value: change.value, effectiveFrom: change.effectiveFrom, setBy: by });
}
