/** Every 903 rule OpenCSC knows. */
import type { Rule903 } from '../rule.js';
import { adoptionRules } from './adoption.js';
import { careLeaverRules } from './care-leavers.js';
import { episodeRules } from './episodes.js';
import { headerRules } from './header.js';
import { healthRules } from './health.js';
import { rulesB } from './index-b.js';
import { rulesC } from './index-c.js';
import { lastYearRules } from './last-year.js';
import { providerRules } from './providers.js';
import { reviewRules } from './reviews.js';
import { uascRules } from './uasc.js';

const rulesA: Rule903[] = [
  ...headerRules,
  ...uascRules,
  ...adoptionRules,
  ...careLeaverRules,
  ...episodeRules,
  ...healthRules,
  ...lastYearRules,
  ...providerRules,
  ...reviewRules,
];

export const rules903: Rule903[] = [...rulesA, ...rulesB, ...rulesC];
