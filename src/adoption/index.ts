/**
 * Adoption and special guardianship, as an area of practice: a child's adoption journey (the
 * decision, the authority to place, the match, the placement and the adoption order, or the
 * plan changed away from adoption), adoption reviews, prospective and approved adopters, and
 * the managers' scorecard worked out from the record, with special guardianship and child
 * arrangements orders counted as ways out of care. Its parts: tables (schema), rules of
 * practice and writes (use-cases), reads (queries), views' parameters (presenters), addresses
 * (paths), pages (routes), JSON reads (api), and the facts it gives the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import { roles } from '../core/auth/roles.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { adoptionApi } from './api.js';
import { adoptionFacts, journeyOfEpisode } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { journeysOf, onlyAdoption } from './queries.js';
import { adoptionRoutes } from './routes.js';

/** The record's "Adoption" button, and a section for a child who has had an adoption plan. */
const section: RecordSectionSource = async (db, childId, obligations) => {
  const journeys = await journeysOf(db, childId);
  const button = { text: 'Adoption', href: addresses.adoptionPath(childId), classes: 'govuk-button--secondary' };
  if (journeys.length === 0) return { button, view: null };
  return { template: 'adoption/views/record-section.njk', button, view: recordSection(childId, journeys, onlyAdoption(obligations)) };
};

/** The page that meets each adoption obligation: the journey's review form, or a visit. */
const actions: ObligationActions = {
  'adoption-review-awaiting-placement': {
    text: 'Record an adoption review',
    href: (o) => (o.episode ? addresses.newReviewPath(o.childId, journeyOfEpisode(o.episode)) : addresses.adoptionPath(o.childId)),
  },
  'adoption-placement-review': {
    text: 'Record an adoption review',
    href: (o) => (o.episode ? addresses.newReviewPath(o.childId, journeyOfEpisode(o.episode)) : addresses.adoptionPath(o.childId)),
  },
  'adoption-placement-visit': { text: 'Record a visit', href: (o) => addresses.newAdoptionVisitPath(o.childId) },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const adoptionArea = {
  name: 'adoption',
  routes: [adoptionRoutes, adoptionApi],
  navigation: [{ href: addresses.adoptionScorecardPath(), text: 'Adoption', roles: roles.managers }],
  paths,
  clock: { facts: adoptionFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
