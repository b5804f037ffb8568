/**
 * The catalogue: every statutory clock rule OpenCSC applies, in the order of a child's
 * journey (front door to leaving care), as TIMESCALES.md lists them.
 */
import type { ClockRule } from './rule.js';
import { safeguardingRules } from './rules/safeguarding.js';
import { adoptionRules } from './rules/adoption.js';
import { assessmentChildSeen } from './rules/assessment-visit.js';
import { careLeaverRules } from './rules/care-leavers.js';
import { childInNeedRules } from './rules/children-in-need.js';
import { childProtectionRules } from './rules/child-protection.js';
import { disabledChildrenRules } from './rules/disabled-children.js';
import { frontDoorRules } from './rules/front-door.js';
import { healthAndEducationRules } from './rules/health-and-education.js';
import { legalRules } from './rules/legal.js';
import { lookedAfterVisitRules } from './rules/looked-after-visits.js';
import { lookedAfterRules } from './rules/looked-after.js';
import { privateFosteringRules } from './rules/private-fostering.js';
import type { RuleSetting, SettingValue } from './policy.js';

export const clockRules: readonly ClockRule[] = Object.freeze([
  ...frontDoorRules,
  assessmentChildSeen,
  ...childProtectionRules,
  ...safeguardingRules,
  ...legalRules,
  ...childInNeedRules,
  ...lookedAfterRules,
  ...lookedAfterVisitRules,
  ...healthAndEducationRules,
  ...careLeaverRules,
  ...privateFosteringRules,
  ...adoptionRules,
  ...disabledChildrenRules,
]);

export const ruleById: ReadonlyMap<string, ClockRule> = new Map(clockRules.map((r) => [r.id, r]));

/** Every local setting the rules declare, with the rule it belongs to. */
export const policySettings: readonly (RuleSetting & { ruleId: string })[] = clockRules.flatMap((rule) =>
  rule.settings.map((s) => ({ ...s, ruleId: rule.id })),
);

/** Each setting's default value, by key. */
export function defaultSettings(): Record<string, SettingValue> {
  return Object.fromEntries(policySettings.map((s) => [s.key, s.default]));
}
