/**
 * Private fostering, as an area of practice: the notification of an arrangement, the carer
 * and the parents, the carer's suitability assessment, the end of the arrangement, and the
 * visits the clock asks for (the record's visits), with the managers' figures of children
 * seen within 7 working days. Its parts: tables (schema), rules of practice and writes
 * (use-cases), reads (queries), views' parameters (presenters), addresses (paths), pages
 * (routes), JSON reads (api), and the facts it gives the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import { roles } from '../core/auth/roles.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { privateFosteringApi } from './api.js';
import { privateFosteringFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { arrangementsOf, onlyPrivateFostering } from './queries.js';
import { privateFosteringRoutes } from './routes.js';

/**
 * The record's "Private fostering" button (where a notification is recorded), and a section
 * for a child who has been privately fostered: few children are, so others have no section.
 */
const section: RecordSectionSource = async (db, childId, obligations) => {
  const arrangements = await arrangementsOf(db, childId);
  const button = { text: 'Private fostering', href: addresses.privateFosteringPath(childId), classes: 'govuk-button--secondary' };
  if (arrangements.length === 0) return { button, view: null };
  return {
    template: 'private-fostering/views/record-section.njk',
    button,
    view: recordSection(childId, arrangements, onlyPrivateFostering(obligations)),
  };
};

/** The page that meets each private fostering visit: recording the visit (the record's visits). */
const actions: ObligationActions = {
  'private-fostering-visit': {
    text: 'Record a private fostering visit',
    href: (o) => addresses.newPrivateFosteringVisitPath(o.childId),
  },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const privateFosteringArea = {
  name: 'privateFostering',
  routes: [privateFosteringRoutes, privateFosteringApi],
  navigation: [{ href: addresses.privateFosteringFiguresPath(), text: 'Private fostering', roles: roles.managers }],
  paths,
  clock: { facts: privateFosteringFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
