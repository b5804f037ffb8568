/**
 * Care leavers, as an area of practice: whether a young person is a care leaver and of which
 * category (worked out from the periods of care), the needs assessment, the pathway plan and its
 * reviews, the personal adviser, contacts (in touch, accommodation, activity), Staying Put, the
 * health summary given to the young person and the end of support; the managers' measures at 17
 * to 21; and the SSDA903 OC3 table's rows. Its parts: tables (schema), who is a care leaver
 * (eligibility), the measures (measures), rules of practice and writes (use-cases), reads
 * (queries), views' parameters (presenters), addresses (paths), pages (routes), JSON reads
 * (api), and the facts it gives the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import { roles } from '../core/auth/roles.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { careLeaverApi } from './api.js';
import { careLeaverFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { careLeaverOf, contactsOf, eligibilityOf, onlyCareLeavers } from './queries.js';
import { careLeaverRoutes } from './routes.js';

/**
 * The record's care leaver section: for a young person who is or was a care leaver, has a
 * leaving care record, or is looked after at 15 or over (the needs assessment may come 3 months
 * before 16). Other children have none.
 */
const section: RecordSectionSource = async (db, childId, obligations, today) => {
  const [eligibility, record, contacts] = await Promise.all([
    eligibilityOf(db, childId, today),
    careLeaverOf(db, childId),
    contactsOf(db, childId),
  ]);
  const relevant =
    record ||
    eligibility?.category ||
    eligibility?.eligibleOn ||
    eligibility?.inCareAfter16 ||
    (eligibility?.lookedAfter && eligibility.age >= 15);
  if (!relevant) return null;
  return {
    template: 'care-leavers/views/record-section.njk',
    view: recordSection(childId, eligibility, record, contacts[0] ?? null, onlyCareLeavers(obligations)),
  };
};

/** The pages that meet the care leaver rules. */
const actions: ObligationActions = {
  'eligible-needs-assessment': { text: 'Record the needs assessment', href: (o) => addresses.leavingCarePath(o.childId) },
  'pathway-plan-review': { text: 'Record a pathway plan review', href: (o) => addresses.newPathwayPlanReviewPath(o.childId) },
  'personal-adviser-contact': { text: 'Record a personal adviser contact', href: (o) => addresses.newCareLeaverContactPath(o.childId) },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const careLeaversArea = {
  name: 'careLeavers',
  routes: [careLeaverRoutes, careLeaverApi],
  navigation: [{ href: addresses.careLeaverMeasuresPath(), text: 'Care leavers', roles: roles.managers }],
  paths,
  clock: { facts: careLeaverFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
