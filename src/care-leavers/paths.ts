/**
 * Care leavers' addresses, built in one place: routes register the patterns, and redirects,
 * links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/care-leaver`;

export const paths = {
  overview: '/children/:childId/care-leaver',
  leavingCare: '/children/:childId/care-leaver/plan',
  stayingPut: '/children/:childId/care-leaver/staying-put',
  healthSummary: '/children/:childId/care-leaver/health-summary',
  newReview: '/children/:childId/care-leaver/reviews/new',
  newContact: '/children/:childId/care-leaver/contacts/new',
  contact: '/children/:childId/care-leaver/contacts/:id',
  endSupport: '/children/:childId/care-leaver/end',
  measures: '/care-leavers',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/care-leaver',
  leavingCare: '/api/children/:childId/care-leaver/plan',
  stayingPut: '/api/children/:childId/care-leaver/staying-put',
  healthSummary: '/api/children/:childId/care-leaver/health-summary',
  reviews: '/api/children/:childId/care-leaver/reviews',
  contacts: '/api/children/:childId/care-leaver/contacts',
  contact: '/api/children/:childId/care-leaver/contacts/:id',
  endSupport: '/api/children/:childId/care-leaver/end',
  measures: '/api/care-leavers',
} as const;

export const careLeaverPath = (childId: string) => base(childId);
export const childRecordPath = (childId: string) => `/children/${childId}`;
export const leavingCarePath = (childId: string) => `${base(childId)}/plan`;
export const stayingPutPath = (childId: string) => `${base(childId)}/staying-put`;
export const healthSummaryPath = (childId: string) => `${base(childId)}/health-summary`;
export const newPathwayPlanReviewPath = (childId: string) => `${base(childId)}/reviews/new`;
export const newCareLeaverContactPath = (childId: string) => `${base(childId)}/contacts/new`;
export const careLeaverContactPath = (childId: string, id: string) => `${base(childId)}/contacts/${id}`;
export const endSupportPath = (childId: string) => `${base(childId)}/end`;
/** The managers' measures of care leavers at 17 to 21. */
export const careLeaverMeasuresPath = () => '/care-leavers';
/** One of the measures' lists of young people. */
export const careLeaverMeasuresListPath = (list: string) => `/care-leavers?list=${list}`;
