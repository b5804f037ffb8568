import type { AreaOnTheClock } from '../obligations/sources.js';
import { assessmentFacts } from './facts.js';
import { assessmentRoutes } from './routes.js';

export const assessmentArea = {
  name: 'assessment',
  routes: [assessmentRoutes],
  clock: { facts: assessmentFacts },
} satisfies AreaOnTheClock;
