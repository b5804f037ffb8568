/**
 * Children in need, as an area of practice: child in need plans (on the plan builder, with
 * child protection), their reviews, closing a case (and step-down to early help) and
 * transition planning for disabled children. Its parts: tables (schema), rules of practice
 * and writes (use-cases), reads (queries), views' parameters (presenters), addresses (paths),
 * pages and API (routes), and the facts it gives the statutory clock (facts).
 */
import type { PlanStartHandler } from '../child-protection/plan-start.js';
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { childrenInNeedFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { childrenInNeedOf, onlyChildrenInNeed } from './queries.js';
import { childrenInNeedRoutes } from './routes.js';
import { endCinPlanForChildProtection } from './use-cases.js';

/** The children in need section of the child's record. */
const section: RecordSectionSource = async (db, childId, obligations) => ({
  template: 'children-in-need/views/record-section.njk',
  view: recordSection(childId, await childrenInNeedOf(db, childId), onlyChildrenInNeed(obligations)),
});

/** The page that meets each children in need obligation (a plan's episode is the plan). */
const actions: ObligationActions = {
  'child-in-need-review': {
    text: 'Record the plan review',
    href: (o) => (o.episode ? addresses.newReviewPath(o.childId, o.episode) : addresses.childrenInNeedPath(o.childId)),
  },
  'child-in-need-visit': { text: 'Record a child in need visit', href: (o) => addresses.newVisitPath(o.childId) },
  'transition-planning': { text: 'Record transition planning', href: (o) => addresses.transitionPath(o.childId) },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const childrenInNeedArea = {
  name: 'childrenInNeed',
  routes: [childrenInNeedRoutes],
  paths,
  clock: { facts: childrenInNeedFacts, actions },
  recordSection: section,
  /** A child protection plan replaces an open child in need plan. */
  onChildProtectionPlanStart: endCinPlanForChildProtection,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource; onChildProtectionPlanStart: PlanStartHandler };
