/** SSDA903 rules on social worker episodes (SW*), the integrity checks (INT*), and the checks numbered 1000 and above with EPI. */
import type { Rule903 } from '../rule.js';
import { integrityRules } from './integrity.js';
import { lateRules } from './late-rules.js';
import { socialWorkerRules } from './social-workers.js';

export const rulesC: Rule903[] = [...socialWorkerRules, ...integrityRules, ...lateRules];
