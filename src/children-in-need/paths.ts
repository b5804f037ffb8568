/**
 * Children in need's addresses, built in one place: routes register the patterns, and
 * redirects, links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/children-in-need`;

export const paths = {
  overview: '/children/:childId/children-in-need',
  newPlan: '/children/:childId/children-in-need/plans/new',
  plan: '/children/:childId/children-in-need/plans/:id',
  planActions: '/children/:childId/children-in-need/plans/:id/actions',
  planAction: '/children/:childId/children-in-need/plans/:id/actions/:actionId',
  newReview: '/children/:childId/children-in-need/plans/:id/reviews/new',
  endPlan: '/children/:childId/children-in-need/plans/:id/end',
  closure: '/children/:childId/children-in-need/closure',
  transition: '/children/:childId/children-in-need/transition-planning',
  changeTransition: '/children/:childId/children-in-need/transition-planning/change',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/children-in-need',
  plans: '/api/children/:childId/children-in-need/plans',
  plan: '/api/children/:childId/children-in-need/plans/:id',
  planActions: '/api/children/:childId/children-in-need/plans/:id/actions',
  planAction: '/api/children/:childId/children-in-need/plans/:id/actions/:actionId',
  reviews: '/api/children/:childId/children-in-need/plans/:id/reviews',
  endPlan: '/api/children/:childId/children-in-need/plans/:id/end',
  closure: '/api/children/:childId/children-in-need/closure',
  transition: '/api/children/:childId/children-in-need/transition-planning',
  changeTransition: '/api/children/:childId/children-in-need/transition-planning/change',
} as const;

export const childrenInNeedPath = (childId: string) => base(childId);
export const childRecordPath = (childId: string) => `/children/${childId}`;
export const newPlanPath = (childId: string) => `${base(childId)}/plans/new`;
export const planPath = (childId: string, id: string) => `${base(childId)}/plans/${id}`;
export const planActionsPath = (childId: string, id: string) => `${planPath(childId, id)}/actions`;
export const planActionPath = (childId: string, id: string, actionId: string) => `${planActionsPath(childId, id)}/${actionId}`;
export const newReviewPath = (childId: string, id: string) => `${planPath(childId, id)}/reviews/new`;
export const endPlanPath = (childId: string, id: string) => `${planPath(childId, id)}/end`;
export const closurePath = (childId: string) => `${base(childId)}/closure`;
export const transitionPath = (childId: string) => `${base(childId)}/transition-planning`;
export const changeTransitionPath = (childId: string) => `${transitionPath(childId)}/change`;
export const newVisitPath = (childId: string) => `/children/${childId}/visits/new?purpose=child_in_need`;
