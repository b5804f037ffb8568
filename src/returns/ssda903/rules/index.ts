/**
 * Every SSDA903 rule OpenCSC knows, filed by topic: a rule lives with the DfE table it
 * checks (header.ts for Header, episodes.ts, reviews.ts, uasc.ts, oc2.ts, oc3.ts for the
 * care leavers' table, adoption.ts for AD1 and PlacedAdoption, prev-perm.ts, missing.ts,
 * social-workers.ts for SWEpisodes, dolo.ts), except the DfE's integrity checks (INT*,
 * integrity.ts), the rules comparing a child's Header and episodes with last year's return
 * (last-year.ts) and the rules needing Ofsted's register of providers (providers.ts).
 * What they share is helpers.ts.
 */
import { knownYear } from '../../collection-years.js';
import type { Rule903 } from '../rule.js';
import { KNOWN_YEARS } from '../tables.js';
import { adoptionRules } from './adoption.js';
import { doloRules } from './dolo.js';
import { episodeRules } from './episodes.js';
import { headerRules } from './header.js';
import { integrityRules } from './integrity.js';
import { lastYearRules } from './last-year.js';
import { missingRules } from './missing.js';
import { oc2Rules } from './oc2.js';
import { oc3Rules } from './oc3.js';
import { prevPermRules } from './prev-perm.js';
import { providerRules } from './providers.js';
import { reviewRules } from './reviews.js';
import { socialWorkerRules } from './social-workers.js';
import { uascRules } from './uasc.js';

/** Every rule, whatever its years. */
export const rules903: readonly Rule903[] = [
  ...headerRules,
  ...episodeRules,
  ...reviewRules,
  ...uascRules,
  ...oc2Rules,
  ...oc3Rules,
  ...adoptionRules,
  ...prevPermRules,
  ...missingRules,
  ...socialWorkerRules,
  ...doloRules,
  ...lastYearRules,
  ...integrityRules,
  ...providerRules,
];

/** The collection years whose rules are known (the year the collection ends: 2026 for 2025/26). */
const YEARS = KNOWN_YEARS;

/** The rules of a collection year; an UnsupportedYearError for a year whose rules are not known. */
export function rules903For(year: number): Rule903[] {
  const known = knownYear('SSDA903', year, YEARS);
  return rules903.filter((r) => !r.years || r.years.includes(known));
}
