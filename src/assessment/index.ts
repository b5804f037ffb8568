import { assessmentTimeliness } from '../clock/index.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { assessmentFacts } from './facts.js';
import { assessmentPaths } from './paths.js';
import { assessmentRoutes } from './routes.js';

/** The page that meets the assessment's deadline: the assessment of the referral it is owed for. */
const actions: ObligationActions = {
  [assessmentTimeliness.id]: {
    text: 'Open the assessment',
    href: (o) => (o.episode ? assessmentPaths.forReferral(o.childId, o.episode) : assessmentPaths.list(o.childId)),
  },
};

/** The single assessment: what the composition root (src/server.ts, src/areas.ts) assembles. */
export const assessmentArea = {
  name: 'assessment',
  routes: [assessmentRoutes],
  paths: assessmentPaths,
  clock: { facts: assessmentFacts, actions },
} satisfies AreaOnTheClock;
