import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { createLocalPolicy, outsideRange, policySettings, type SettingRange, type SettingValue } from '../clock/index.js';
import { rows, type Db } from '../core/db/database.js';
import { dateField } from '../core/http/forms.js';
import { caseNoteSettings } from '../case-notes/settings.js';
import { disputeSettings } from '../dispute-resolution/settings.js';
import { oversightSettings } from '../oversight/settings.js';
import { allSettings } from './recompute.js';
import { policySettings as policySettingsTable } from './schema.js';

export interface SettingDefinition {
  key: string;
  label: string;
  unit: string;
  default: SettingValue;
  options?: readonly string[] | undefined;
  range?: SettingRange | undefined;
  /** The rule it belongs to, or null for an oversight setting. */
  ruleId: string | null;
}

/** Every local setting the authority can change, once each: the clock rules', oversight's, case recording's and dispute resolution's. */
export function settingDefinitions(): SettingDefinition[] {
  const seen = new Set<string>();
  const all = [
    ...policySettings.map((s) => ({ key: s.key, label: s.label, unit: s.unit, default: s.default, options: s.options, range: s.range, ruleId: s.ruleId })),
    ...oversightSettings.map((s) => ({ key: s.key, label: s.label, unit: s.unit, default: s.default, options: s.options, range: s.range, ruleId: null })),
    ...[...caseNoteSettings, ...disputeSettings].map((s) => ({ key: s.key, label: s.label, unit: s.unit, default: s.default, options: s.options, range: s.range, ruleId: null })),
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

/**
 * The dates a change may take effect between: not before the earliest work on the record
 * (there is nothing earlier for it to apply to, so an earlier date is a slip), and at most a
 * year ahead. On an empty record, from today.
 */
export interface EffectiveDateBounds {
  earliest: string;
  latest: string;
  /** Whether the earliest is the record's first work (rather than today, on an empty record). */
  fromRecord: boolean;
}

export async function effectiveDateBounds(db: Db, today: string): Promise<EffectiveDateBounds> {
  const [first] = await rows<{ day: string | null }>(
    db,
    sql`select least(
          (select min(received_at at time zone 'Europe/London')::date from contacts),
          (select min(referral_date) from referrals),
          (select min(start_date) from assessments),
          (select min(visit_date) from visits))::text as day`,
  );
  const earliest = first?.day && first.day < today ? first.day : today;
  const next = new Date(`${today}T00:00:00Z`);
  next.setUTCFullYear(next.getUTCFullYear() + 1);
  return { earliest, latest: next.toISOString().slice(0, 10), fromRecord: earliest !== today };
}

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
      value: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string({ error: 'Enter the new value' }).min(1, 'Enter the new value')),
      effectiveFrom: dateField('Date it takes effect'),
      submission: z.uuid({ error: 'This form has expired. Reload the page and make the change again' }),
    })
    .transform((v, ctx) => {
      const def = definitions.find((d) => d.key === v.key)!;
      let value: SettingValue = v.value;
      if (typeof def.default === 'number') value = /^\d+$/.test(v.value) ? Number(v.value) : Number.NaN;
      if (typeof def.default === 'boolean') value = v.value === 'yes' || v.value === 'true' ? true : v.value === 'no' || v.value === 'false' ? false : v.value;
      let ok = true;
      try {
        if (typeof def.default === 'number' && Number.isNaN(value)) throw new RangeError(`expected a whole number of ${def.unit}`);
        if (typeof def.default === 'boolean' && typeof value !== 'boolean') throw new RangeError('expected yes or no');
        createLocalPolicy([{ key: v.key, value, effectiveFrom: v.effectiveFrom }], allSettings);
        const outside = outsideRange(def, value);
        if (outside) {
          ctx.addIssue({ code: 'custom', path: ['value'], message: `New value for “${def.label}” ${outside}` });
          ok = false;
        }
      } catch (e) {
        ctx.addIssue({ code: 'custom', path: ['value'], message: `Value is not allowed: ${(e as Error).message.replace(`${v.key}: `, '')}` });
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
 * How many children have obligations under the setting's rule falling due on or after a
 * date: those a change back-dated to it may re-judge. Null for a setting no rule reads.
 */
export async function childrenAffectedFrom(db: Db, def: SettingDefinition, from: string): Promise<number | null> {
  if (!def.ruleId) return null;
  const [row] = await rows<{ n: number }>(
    db,
    sql`select count(distinct child_id)::int as n from obligations where rule_id = ${def.ruleId} and due_by >= ${from}::date`,
  );
  return row?.n ?? 0;
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

/** The change a form's token already recorded, if any. */
export async function changeBySubmission(db: Db, submission: string): Promise<{ id: number; effectiveFrom: string } | null> {
  const [row] = await rows<{ id: number; effectiveFrom: string }>(
    db,
    sql`select id::int as id, effective_from::text as "effectiveFrom" from policy_settings where submission = ${submission}::uuid`,
  );
  return row ?? null;
}
