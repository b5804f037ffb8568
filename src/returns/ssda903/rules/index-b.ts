/** The 903 rules from 406 on, the care leaver, integrity and social worker checks. */
import type { Rule903 } from '../rule.js';
import { adoptionRules } from './adoption-b.js';
import { careLeaverRulesB } from './care-leavers-b.js';
import { doloRules } from './dolo-b.js';
import { episodeRules } from './episodes-b.js';
import { headerRules } from './header-b.js';
import { lastYearEpisodeRules } from './last-year-episodes.js';
import { missingRules } from './missing-b.js';
import { oc2Rules } from './oc2-b.js';
import { prevPermRules } from './prev-perm-b.js';

export const rulesB: Rule903[] = [...episodeRules, ...lastYearEpisodeRules, ...headerRules, ...adoptionRules, ...oc2Rules, ...missingRules, ...prevPermRules, ...doloRules, ...careLeaverRulesB];
