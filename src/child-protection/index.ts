/**
 * Child protection, as an area of practice: strategy discussions, section 47 enquiries,
 * conferences, plans and core groups. Its parts: tables (schema), rules of practice and
 * writes (use-cases), reads (queries), views' parameters (presenters), addresses (paths),
 * pages and API (routes), and the facts it gives the statutory clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions, ObligationRef } from '../obligations/sources.js';
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

/**
 * The page that meets each child protection obligation. The enquiry's episode is the strategy
 * discussion: its enquiry's page (found from the discussion) records the outcome and leads to
 * the conference. A plan's episode is the plan.
 */
const onDiscussion = (o: ObligationRef) =>
  o.episode ? addresses.enquiryOfDiscussionPath(o.childId, o.episode) : addresses.childProtectionPath(o.childId);
const onPlan = (o: ObligationRef, to: (childId: string, planId: string) => string) =>
  o.episode ? to(o.childId, o.episode) : addresses.childProtectionPath(o.childId);
const actions: ObligationActions = {
  'strategy-discussion': {
    text: 'Record the strategy discussion',
    href: (o) => (o.episode ? addresses.editStrategyDiscussionPath(o.childId, o.episode) : addresses.childProtectionPath(o.childId)),
  },
  's47-enquiry': { text: 'Open the section 47 enquiry', href: onDiscussion },
  'initial-child-protection-conference': { text: 'Record the conference from the enquiry', href: onDiscussion },
  'first-core-group': { text: 'Record a core group meeting', href: (o) => onPlan(o, addresses.newCoreGroupPath) },
  'core-group': { text: 'Record a core group meeting', href: (o) => onPlan(o, addresses.newCoreGroupPath) },
  'review-child-protection-conference': {
    text: 'Record the review conference',
    href: (o) => onPlan(o, (childId, planId) => addresses.newConferencePath(childId, { planId })),
  },
  'pre-birth-review-conference': {
    text: 'Record the review conference',
    href: (o) => onPlan(o, (childId, planId) => addresses.newConferencePath(childId, { planId })),
  },
  'child-protection-visit': { text: 'Record a child protection visit', href: (o) => addresses.newVisitPath(o.childId) },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const childProtectionArea = {
  name: 'childProtection',
  routes: [childProtectionRoutes],
  paths,
  clock: { facts: childProtectionFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
