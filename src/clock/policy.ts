/**
 * Local policy: the settings an authority chooses where the law leaves a choice (how
 * often children on plans are visited, how often core groups meet…), each with the
 * date it took effect.
 *
 * A rule reads the value in force on the date its deadline is counted from (the
 * trigger or the previous event), so a change applies from its date and history is
 * never re-judged against a setting that was not in force at the time.
 */
import { type IsoDate, type Moment, isIsoDate, localDateOf } from '../core/calendar/index.js';

export type SettingValue = number | string | boolean;

/** A setting a rule declares, with the default used until the authority changes it. */
export interface RuleSetting {
  key: string;
  /** Plain English, for the administrator's page. */
  label: string;
  /** 'working days', 'weeks', 'months', 'years', 'choice', 'list'… */
  unit: string;
  default: SettingValue;
  /**
   * Whose figure the default is: 'statutory' when law or statutory guidance sets it (the
   * setting chooses among what the law allows), 'local practice' when none does: the value is
   * then the authority's to set, and the default only stands until it does.
   */
  standing: 'statutory' | 'local practice';
  /** What law and statutory guidance say on the point, in a sentence or two. */
  statutoryPosition: string;
  /** For a choice: the allowed values. */
  options?: readonly string[];
  /** Further checks: a message saying what is wrong, or null. */
  validate?: (value: SettingValue) => string | null;
  /** For a number: the sensible range, in the setting's unit, and why (the statutory position where there is one). */
  range?: SettingRange;
}

export interface SettingRange {
  min: number;
  max: number;
  /** Why the range stops where it does, for the administrator who meets it. */
  why: string;
}

export interface PolicyChange {
  key: string;
  value: SettingValue;
  effectiveFrom: IsoDate;
}

export interface LocalPolicy {
  /** The value in force on this date (the default before any change). */
  value(key: string, onDate: Moment): SettingValue;
  number(key: string, onDate: Moment): number;
  string(key: string, onDate: Moment): string;
  boolean(key: string, onDate: Moment): boolean;
  readonly changes: readonly PolicyChange[];
}

/**
 * @param changes the authority's changes (any order; for the same key and date, the
 *   later in the list wins).
 * @param settings the settings and their defaults (the rule catalogue's are `policySettings`).
 *   A change to a key no setting declares, or of the wrong type, is refused.
 */
export function createLocalPolicy(changes: readonly PolicyChange[], settings: readonly RuleSetting[]): LocalPolicy {
  const declared = new Map(settings.map((s) => [s.key, s]));
  const byKey = new Map<string, PolicyChange[]>();
  changes.forEach((change) => {
    const setting = declared.get(change.key);
    if (!setting) throw new RangeError(`Unknown local policy setting: ${change.key}`);
    if (!isIsoDate(change.effectiveFrom))
      throw new RangeError(`${change.key}: effectiveFrom must be a date, got ${JSON.stringify(change.effectiveFrom)}`);
    checkValue(setting, change.value);
    const list = byKey.get(change.key) ?? [];
    list.push(change);
    byKey.set(change.key, list);
  });
  for (const list of byKey.values())
    list.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0));

  function value(key: string, onDate: Moment): SettingValue {
    const setting = declared.get(key);
    if (!setting) throw new RangeError(`Unknown local policy setting: ${key}`);
    const date = localDateOf(onDate);
    let current = setting.default;
    for (const change of byKey.get(key) ?? []) {
      if (change.effectiveFrom > date) break;
      current = change.value;
    }
    return current;
  }

  return {
    value,
    number: (key, onDate) => value(key, onDate) as number,
    string: (key, onDate) => value(key, onDate) as string,
    boolean: (key, onDate) => value(key, onDate) as boolean,
    changes: [...changes],
  };
}

function checkValue(setting: RuleSetting, value: SettingValue): void {
  if (typeof value !== typeof setting.default) {
    throw new RangeError(`${setting.key}: expected a ${typeof setting.default}, got ${JSON.stringify(value)}`);
  }
  if (typeof value === 'number' && (!Number.isInteger(value) || value < 0)) {
    throw new RangeError(`${setting.key}: expected a whole number of ${setting.unit}, got ${value}`);
  }
  if (typeof value === 'string' && setting.options && !setting.options.includes(value)) {
    throw new RangeError(`${setting.key}: expected one of ${setting.options.join(', ')}, got ${JSON.stringify(value)}`);
  }
  const problem = setting.validate?.(value);
  if (problem) throw new RangeError(`${setting.key}: ${problem}`);
}

/**
 * A value outside the setting's range, as a message naming the range and why; null when it
 * is inside (or the setting has no range). Checked when a change is made, not when history
 * is read, so a value saved before a range existed still loads.
 */
export function outsideRange(setting: RuleSetting, value: SettingValue): string | null {
  const range = setting.range;
  if (!range || typeof value !== 'number') return null;
  if (value >= range.min && value <= range.max) return null;
  return `must be between ${range.min} and ${range.max} ${setting.unit}: ${range.why}`;
}
