/**
 * Child protection, as an area of practice: strategy discussions, section 47 enquiries,
 * conferences, plans and core groups. Its parts: tables (schema), rules of practice and
 * writes (use-cases), reads (queries), views' parameters (presenters), addresses (paths),
 * pages and API (routes), and the facts it gives the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { childProtectionFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { childProtectionOf, onlyChildProtection } from './queries.js';
import { childProtectionRoutes } from './routes.js';

/** The child protection section of the child's record, with its "record a concern" button. */
const section: RecordSectionSource = async (db, childId, obligations) => {
  const view = recordSection(childId, await childProtectionOf(db, childId), onlyChildProtection(obligations));
  return { template: 'child-protection/views/record-section.njk', button: view.start, view };
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const childProtectionArea = {
  name: 'childProtection',
  routes: [childProtectionRoutes],
  paths,
  clock: { facts: childProtectionFacts },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
