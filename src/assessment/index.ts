import type { AreaOnTheClock } from '../obligations/sources.js';
import { assessmentFacts } from './facts.js';
import { assessmentPaths } from './paths.js';
import { assessmentRoutes } from './routes.js';

/** The single assessment: what the composition root (src/server.ts, src/areas.ts) assembles. */
export const assessmentArea = {
  name: 'assessment',
  routes: [assessmentRoutes],
  paths: assessmentPaths,
  clock: { facts: assessmentFacts },
} satisfies AreaOnTheClock;
