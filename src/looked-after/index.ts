/**
 * Looked after children, as an area of practice: periods of care and their SSDA903 episodes
 * (becoming looked after, changes of legal status and of placement, ceasing), placements with
 * their visit regime, the independent reviewing officer and looked after reviews. Its parts:
 * tables (schema), rules of practice and writes (use-cases), reads (queries), views' parameters
 * (presenters), addresses (paths), pages and API (routes), and the facts it gives the
 * statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions, ObligationRef } from '../obligations/sources.js';
import { lookedAfterFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { lookedAfterOf, onlyLookedAfter } from './queries.js';
import { lookedAfterRoutes, placementPlaces } from './routes.js';

/** The looked after section of the child's record. */
const section: RecordSectionSource = async (db, childId, obligations) => ({
  template: 'looked-after/views/record-section.njk',
  view: recordSection(childId, await lookedAfterOf(db, childId), onlyLookedAfter(obligations), await placementPlaces()),
});

/** The pages that meet its rules: a period of care's rules carry the period as their episode. */
const onPeriod = (o: ObligationRef) => (o.episode ? addresses.carePeriodPath(o.childId, o.episode) : addresses.lookedAfterPath(o.childId));
const actions: ObligationActions = {
  'looked-after-review': {
    text: 'Record the looked after review',
    href: (o) => (o.episode ? addresses.newLookedAfterReviewPath(o.childId, o.episode) : addresses.lookedAfterPath(o.childId)),
  },
  'iro-appointed': {
    text: 'Record the reviewing officer',
    href: (o) => (o.episode ? addresses.iroPath(o.childId, o.episode) : addresses.lookedAfterPath(o.childId)),
  },
  'looked-after-visit': { text: 'Record a visit', href: (o) => addresses.newLookedAfterVisitPath(o.childId) },
  // the obligation's episode is the period of care: its page lists the reviews, each opening to record these dates
  'review-decisions': { text: 'Record when the review’s decisions went out', href: onPeriod },
  'review-record': { text: 'Record when the review’s record was completed', href: onPeriod },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const lookedAfterArea = {
  name: 'lookedAfter',
  routes: [lookedAfterRoutes],
  paths,
  clock: { facts: lookedAfterFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
