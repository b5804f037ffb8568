/**
 * Every CIN census rule OpenCSC knows, filed by the part of the message it checks: the
 * header, child identifiers, characteristics, CIN details, assessments, CIN plans,
 * section 47 enquiries and child protection plans. What they share is rule.ts.
 */
import { knownYear } from '../../collection-years.js';
import { CIN_YEARS } from '../schema/index.js';
import { assessmentRules } from './assessments.js';
import { characteristicsRules } from './characteristics.js';
import { childIdentifierRules } from './child-identifiers.js';
import { cinDetailsRules } from './cin-details.js';
import { cinPlanRules } from './cin-plans.js';
import { headerRules } from './header.js';
import { protectionPlanRules } from './protection-plans.js';
import type { CinRule } from './rule.js';
import { section47Rules } from './section47.js';

/** Every rule, whatever its years, in DfE code order. */
export const rulesCin: readonly CinRule[] = [
  ...headerRules,
  ...childIdentifierRules,
  ...characteristicsRules,
  ...cinDetailsRules,
  ...assessmentRules,
  ...cinPlanRules,
  ...section47Rules,
  ...protectionPlanRules,
].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));

/** The rules of a collection year; an UnsupportedYearError for a year whose rules are not known. */
export function rulesCinFor(year: number): CinRule[] {
  const known = knownYear('CIN census', year, CIN_YEARS);
  return rulesCin.filter((r) => (r.years as number[]).includes(known));
}
