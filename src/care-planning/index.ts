/**
 * Care planning for looked after children, as an area of practice: the care plan of each
 * period of care, kept as versions (CPPCR reg 4 and Schedule 1), the placement plan of each
 * placement (reg 9), and whether the child is an unaccompanied asylum-seeking child. Its parts:
 * tables (schema), rules and writes (use-cases), reads (queries), views' parameters
 * (presenters), addresses (paths), pages (routes), JSON reads (api), and the facts it gives
 * the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { carePlanningApi } from './api.js';
import { carePlanningFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { carePlanningOf } from './queries.js';
import { carePlanningRoutes } from './routes.js';

/** The care planning section of the child's record, for a child ever looked after or with a UASC status. */
const section: RecordSectionSource = async (db, childId, obligations) => {
  const view = recordSection(childId, await carePlanningOf(db, childId), obligations);
  return view ? { template: 'care-planning/views/record-section.njk', view } : null;
};

/** The pages that meet its rules: the care plan's episode is the period of care, the placement plan's the placement. */
const actions: ObligationActions = {
  'care-plan': {
    text: 'Record the care plan',
    href: (o) => (o.episode ? addresses.newCarePlanPath(o.childId, o.episode) : addresses.carePlanningPath(o.childId)),
  },
  'placement-plan': {
    text: 'Record the placement plan',
    href: (o) => (o.episode ? addresses.placementPlanPath(o.childId, o.episode) : addresses.carePlanningPath(o.childId)),
  },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const carePlanningArea = {
  name: 'carePlanning',
  routes: [carePlanningRoutes, carePlanningApi],
  paths,
  clock: { facts: carePlanningFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
