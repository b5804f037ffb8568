import { z } from 'zod';
import { createLocalPolicy, outsideRange, type SettingValue } from '../clock/index.js';
import type { Db } from '../core/db/database.js';
import { dateField } from '../core/http/forms.js';
import type { EffectiveDateBounds, SettingDefinition } from './queries.js';
import { policySettings as policySettingsTable } from './schema.js';
import { allSettings } from './sources.js';

/**
 * The obligations area's own writes: a change of local policy. (Every area's writes recompute
 * their child's obligations through recompute.ts; a change of policy asks for a rebuild of
 * every child's, rebuild-jobs.ts.)
 */

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const spoken = (day: string) => longDate.format(new Date(`${day}T00:00:00Z`));

/**
 * One schema for a change of setting: the value is read as the setting's type and checked by
 * the setting's own rules and range; the date by the bounds. The form's one-time token
 * comes with it, so a form posted twice records one change.
 */
export function settingChangeSchema(definitions: SettingDefinition[], bounds: EffectiveDateBounds) {
  const keys = definitions.map((d) => d.key) as [string, ...string[]];
  return z
    .object({
      key: z.enum(keys, { error: 'Select a setting' }),
      value: z.preprocess(
        (v) => (typeof v === 'string' ? v.trim() : v),
        z.string({ error: 'Enter the new value' }).min(1, 'Enter the new value'),
      ),
      effectiveFrom: dateField('Date it takes effect'),
      submission: z.uuid({ error: 'This form has expired. Reload the page and make the change again' }),
    })
    .transform((v, ctx) => {
      const def = definitions.find((d) => d.key === v.key)!;
      let value: SettingValue = v.value;
      if (typeof def.default === 'number') value = /^\d+$/.test(v.value) ? Number(v.value) : Number.NaN;
      if (typeof def.default === 'boolean')
        value = v.value === 'yes' || v.value === 'true' ? true : v.value === 'no' || v.value === 'false' ? false : v.value;
      let ok = true;
      try {
        if (typeof def.default === 'number' && Number.isNaN(value)) throw new RangeError(`expected a whole number of ${def.unit}`);
        if (typeof def.default === 'boolean' && typeof value !== 'boolean') throw new RangeError('expected yes or no');
        createLocalPolicy([{ key: v.key, value, effectiveFrom: v.effectiveFrom }], allSettings());
        const outside = outsideRange(def, value);
        if (outside) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `New value for “${def.label}” ${outside}` });
          ok = false;
        }
      } catch (e) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `Value is not allowed: ${(e as Error).message.replace(`${v.key}: `, '')}`,
        });
        ok = false;
      }
      if (v.effectiveFrom < bounds.earliest) {
        ctx.addIssue({
          code: 'custom',
          path: ['effectiveFrom'],
          message: bounds.fromRecord
            ? `Date it takes effect must be on or after ${spoken(bounds.earliest)}, the date of the earliest work on the record: there is nothing before it for a change to apply to`
            : `Date it takes effect must be today or later: there is no work on the record yet for an earlier date to apply to`,
        });
        ok = false;
      }
      if (v.effectiveFrom > bounds.latest) {
        ctx.addIssue({
          code: 'custom',
          path: ['effectiveFrom'],
          message: `Date it takes effect must be on or before ${spoken(bounds.latest)}: a change is set at most a year ahead, so make one further ahead nearer the time`,
        });
        ok = false;
      }
      if (!ok) return z.NEVER;
      return { key: v.key, value, effectiveFrom: v.effectiveFrom, submission: v.submission };
    });
}

/**
 * A change applies from its date. Obligations computed from earlier events keep the
 * value that was in force then, so recomputing history gives the same answers.
 * Returns the new row's id, or null when this form's token was already used (the change is
 * recorded once, by whichever post came first).
 */
export async function recordSettingChange(
  db: Db,
  change: { key: string; value: SettingValue; effectiveFrom: string; submission: string },
  by: string,
): Promise<number | null> {
  const [row] = await db
    .insert(policySettingsTable)
    .values({ key: change.key, value: change.value, effectiveFrom: change.effectiveFrom, setBy: by, submission: change.submission })
    .onConflictDoNothing({ target: policySettingsTable.submission })
    .returning({ id: policySettingsTable.id });
  return row?.id ?? null;
}
