import type { Rule903 } from '../rule.js';

export const rulesB: Rule903[] = [];
