/** Every 903 rule OpenCSC knows. */
import type { Rule903 } from '../rule.js';
import { rulesB } from './index-b.js';

const rulesA: Rule903[] = [];

export const rules903: Rule903[] = [...rulesA, ...rulesB];
