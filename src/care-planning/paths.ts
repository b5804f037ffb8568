/**
 * Care planning's addresses, built in one place: routes register the patterns, and
 * redirects, links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/care-planning`;

export const paths = {
  overview: '/children/:childId/care-planning',
  carePlan: '/children/:childId/care-planning/periods/:periodId',
  carePlanVersion: '/children/:childId/care-planning/periods/:periodId/versions/:versionId',
  newCarePlan: '/children/:childId/care-planning/care-plans',
  placementPlan: '/children/:childId/care-planning/placement-plans',
  uasc: '/children/:childId/care-planning/uasc',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/care-planning',
  carePlan: '/api/children/:childId/care-planning/periods/:periodId',
  carePlans: '/api/children/:childId/care-planning/care-plans',
  placementPlans: '/api/children/:childId/care-planning/placement-plans',
  uasc: '/api/children/:childId/care-planning/uasc',
} as const;

export const carePlanningPath = (childId: string) => base(childId);
export const carePlanPath = (childId: string, periodId: string) => `${base(childId)}/periods/${periodId}`;
export const carePlanVersionPath = (childId: string, periodId: string, versionId: string) =>
  `${carePlanPath(childId, periodId)}/versions/${versionId}`;
/** The form for a new version of the period's care plan; it posts to the address without the query. */
export const newCarePlanPath = (childId: string, periodId?: string) =>
  `${base(childId)}/care-plans${periodId ? `?period=${encodeURIComponent(periodId)}` : ''}`;
/** The form for the placement's plan; it posts to the address without the query. */
export const placementPlanPath = (childId: string, placementId?: string) =>
  `${base(childId)}/placement-plans${placementId ? `?placement=${encodeURIComponent(placementId)}` : ''}`;
export const uascPath = (childId: string) => `${base(childId)}/uasc`;
