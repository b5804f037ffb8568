/** SSDA903 rules on social worker episodes (SW*) and the integrity checks (INT*). */
import type { Rule903 } from '../rule.js';
import { integrityRules } from './integrity.js';
import { socialWorkerRules } from './social-workers.js';

export const rulesC: Rule903[] = [...socialWorkerRules, ...integrityRules];
