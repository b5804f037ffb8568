/**
 * Health and education of looked after children, as an area of practice: statutory health
 * assessments, dental checks, immunisations, the SDQ, substance misuse and offending (what
 * the SSDA903 OC2 table needs), the child's school, personal education plans and their
 * meetings, and hours of education a week. Its parts: tables (schema), rules of practice and
 * writes (use-cases), reads (queries, with the OC2 cohort), views' parameters (presenters),
 * addresses (paths), pages and API (routes), and the facts it gives the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { healthAndEducationFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { healthAndEducationOf, onlyHealthAndEducation } from './queries.js';
import { healthAndEducationRoutes } from './routes.js';

/** The health and education section of the child's record, for a child ever looked after or with anything recorded. */
const section: RecordSectionSource = async (db, childId, obligations) => {
  const view = recordSection(childId, await healthAndEducationOf(db, childId), onlyHealthAndEducation(obligations));
  return view ? { template: 'health-and-education/views/record-section.njk', view } : null;
};

/** The pages that meet its rules. */
const actions: ObligationActions = {
  'initial-health-assessment': { text: 'Record the health assessment', href: (o) => addresses.newHealthAssessmentPath(o.childId) },
  'review-health-assessment': { text: 'Record the health assessment', href: (o) => addresses.newHealthAssessmentPath(o.childId) },
  'dental-check': { text: 'Record the dental check', href: (o) => addresses.newDentalCheckPath(o.childId) },
  'pep-initiated': { text: 'Record the personal education plan', href: (o) => addresses.newPepPath(o.childId) },
  // the obligation's episode is the period of care, which leads to its plan's meeting form
  'pep-review': {
    text: 'Record the PEP meeting',
    href: (o) => (o.episode ? addresses.periodPepMeetingPath(o.childId, o.episode) : addresses.healthAndEducationPath(o.childId)),
  },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const healthAndEducationArea = {
  name: 'healthAndEducation',
  routes: [healthAndEducationRoutes],
  paths,
  clock: { facts: healthAndEducationFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
