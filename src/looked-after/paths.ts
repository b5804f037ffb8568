/**
 * Looked after children's addresses, built in one place: routes register the patterns, and
 * redirects, links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/looked-after`;

export const paths = {
  overview: '/children/:childId/looked-after',
  start: '/children/:childId/looked-after/new',
  period: '/children/:childId/looked-after/periods/:id',
  legalStatus: '/children/:childId/looked-after/periods/:id/legal-status',
  correctEpisode: '/children/:childId/looked-after/periods/:id/episodes/:episodeId/correct',
  move: '/children/:childId/looked-after/periods/:id/move',
  placement: '/children/:childId/looked-after/periods/:id/placement',
  iro: '/children/:childId/looked-after/periods/:id/iro',
  newReview: '/children/:childId/looked-after/periods/:id/reviews/new',
  review: '/children/:childId/looked-after/periods/:id/reviews/:reviewId',
  end: '/children/:childId/looked-after/periods/:id/end',
  newOrder: '/children/:childId/looked-after/periods/:id/deprivation-of-liberty/new',
  order: '/children/:childId/looked-after/periods/:id/deprivation-of-liberty/:orderId',
  endOrder: '/children/:childId/looked-after/periods/:id/deprivation-of-liberty/:orderId/end',
  iroCaseloads: '/looked-after/iro-caseloads',
  iroChildren: '/looked-after/iro-caseloads/children',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/looked-after',
  periods: '/api/children/:childId/looked-after/periods',
  period: '/api/children/:childId/looked-after/periods/:id',
  legalStatus: '/api/children/:childId/looked-after/periods/:id/legal-status',
  correctEpisode: '/api/children/:childId/looked-after/periods/:id/episodes/:episodeId/correction',
  move: '/api/children/:childId/looked-after/periods/:id/placements',
  placement: '/api/children/:childId/looked-after/periods/:id/placement',
  iro: '/api/children/:childId/looked-after/periods/:id/iro',
  reviews: '/api/children/:childId/looked-after/periods/:id/reviews',
  review: '/api/children/:childId/looked-after/periods/:id/reviews/:reviewId',
  end: '/api/children/:childId/looked-after/periods/:id/end',
  orders: '/api/children/:childId/looked-after/periods/:id/deprivation-of-liberty',
  order: '/api/children/:childId/looked-after/periods/:id/deprivation-of-liberty/:orderId',
  endOrder: '/api/children/:childId/looked-after/periods/:id/deprivation-of-liberty/:orderId/end',
} as const;

export const lookedAfterPath = (childId: string) => base(childId);
export const childRecordPath = (childId: string) => `/children/${childId}`;
export const becomeLookedAfterPath = (childId: string) => `${base(childId)}/new`;
export const carePeriodPath = (childId: string, id: string) => `${base(childId)}/periods/${id}`;
export const legalStatusPath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/legal-status`;
export const correctEpisodePath = (childId: string, id: string, episodeId: string) =>
  `${carePeriodPath(childId, id)}/episodes/${episodeId}/correct`;
export const movePath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/move`;
export const changePlacementPath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/placement`;
export const iroPath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/iro`;
export const newLookedAfterReviewPath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/reviews/new`;
export const lookedAfterReviewPath = (childId: string, id: string, reviewId: string) =>
  `${carePeriodPath(childId, id)}/reviews/${reviewId}`;
export const ceasePath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/end`;
export const newDeprivationOfLibertyPath = (childId: string, id: string) => `${carePeriodPath(childId, id)}/deprivation-of-liberty/new`;
export const deprivationOfLibertyPath = (childId: string, id: string, orderId: string) =>
  `${carePeriodPath(childId, id)}/deprivation-of-liberty/${orderId}`;
export const endDeprivationOfLibertyPath = (childId: string, id: string, orderId: string) =>
  `${deprivationOfLibertyPath(childId, id, orderId)}/end`;
export const newLookedAfterVisitPath = (childId: string) => `/children/${childId}/visits/new?purpose=looked_after`;
/** Each IRO's caseload: the children looked after today whom they review. */
export const iroCaseloadsPath = () => '/looked-after/iro-caseloads';
/** The children one IRO reviews, or (null) those whose IRO is not yet recorded. */
export const iroChildrenPath = (iroName: string | null) =>
  `/looked-after/iro-caseloads/children?${iroName === null ? 'none=1' : `iro=${encodeURIComponent(iroName)}`}`;
