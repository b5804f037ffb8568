/**
 * Adoption's addresses, built in one place: routes register the patterns, and redirects,
 * links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/adoption`;

export const paths = {
  overview: '/children/:childId/adoption',
  newJourney: '/children/:childId/adoption/new',
  previousPermanence: '/children/:childId/adoption/previous-permanence',
  journey: '/children/:childId/adoption/:id',
  authority: '/children/:childId/adoption/:id/authority',
  match: '/children/:childId/adoption/:id/match',
  placement: '/children/:childId/adoption/:id/placement',
  order: '/children/:childId/adoption/:id/order',
  placementEnd: '/children/:childId/adoption/:id/placement-end',
  planChange: '/children/:childId/adoption/:id/plan-change',
  review: '/children/:childId/adoption/:id/reviews/new',
  journeyPanel: '/children/:childId/adoption/:id/panel/new',
  scorecard: '/adoption',
  panel: '/adoption/panel',
  panelReport: '/adoption/panel/:reportId',
  amendment: '/adoption/panel/:reportId/amendments/:amendmentId',
  adopterPanel: '/adoption/adopters/:adopterId/panel/new',
  adopters: '/adoption/adopters',
  newAdopter: '/adoption/adopters/new',
  adopter: '/adoption/adopters/:adopterId',
  adopterStages: '/adoption/adopters/:adopterId/stages',
  adopterEnd: '/adoption/adopters/:adopterId/end',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/adoption',
  journeys: '/api/children/:childId/adoption/journeys',
  previousPermanence: '/api/children/:childId/adoption/previous-permanence',
  authority: '/api/children/:childId/adoption/journeys/:id/authority',
  match: '/api/children/:childId/adoption/journeys/:id/match',
  placement: '/api/children/:childId/adoption/journeys/:id/placement',
  order: '/api/children/:childId/adoption/journeys/:id/order',
  placementEnd: '/api/children/:childId/adoption/journeys/:id/placement-end',
  planChange: '/api/children/:childId/adoption/journeys/:id/plan-change',
  review: '/api/children/:childId/adoption/journeys/:id/reviews',
  journeyPanel: '/api/children/:childId/adoption/journeys/:id/panel-reports',
  scorecard: '/api/adoption',
  panel: '/api/adoption/panel',
  amendment: '/api/adoption/panel/:reportId/amendments/:amendmentId',
  adopterPanel: '/api/adoption/adopters/:adopterId/panel-reports',
  adopters: '/api/adoption/adopters',
  adopter: '/api/adoption/adopters/:adopterId',
  adopterStages: '/api/adoption/adopters/:adopterId/stages',
  adopterEnd: '/api/adoption/adopters/:adopterId/end',
} as const;

export const adoptionPath = (childId: string) => base(childId);
export const childRecordPath = (childId: string) => `/children/${childId}`;
export const newJourneyPath = (childId: string) => `${base(childId)}/new`;
export const previousPermanencePath = (childId: string) => `${base(childId)}/previous-permanence`;
export const journeyPath = (childId: string, id: string) => `${base(childId)}/${id}`;
export const authorityPath = (childId: string, id: string) => `${journeyPath(childId, id)}/authority`;
export const matchPath = (childId: string, id: string) => `${journeyPath(childId, id)}/match`;
export const placementPath = (childId: string, id: string) => `${journeyPath(childId, id)}/placement`;
export const orderPath = (childId: string, id: string) => `${journeyPath(childId, id)}/order`;
export const placementEndPath = (childId: string, id: string) => `${journeyPath(childId, id)}/placement-end`;
export const planChangePath = (childId: string, id: string) => `${journeyPath(childId, id)}/plan-change`;
export const newReviewPath = (childId: string, id: string) => `${journeyPath(childId, id)}/reviews/new`;
export const newAdoptionVisitPath = (childId: string) => `/children/${childId}/visits/new?purpose=looked_after`;
/** The managers' scorecard: every measure from the record. */
export const adoptionScorecardPath = () => '/adoption';
/** One of the scorecard's lists of children. */
export const adoptionListPath = (list: string) => `/adoption?list=${encodeURIComponent(list)}`;
export const adoptersPath = () => '/adoption/adopters';
export const newAdopterPath = () => '/adoption/adopters/new';
export const adopterPath = (id: string) => `/adoption/adopters/${id}`;
export const adopterStagesPath = (id: string) => `/adoption/adopters/${id}/stages`;
export const adopterEndPath = (id: string) => `/adoption/adopters/${id}/end`;
export const journeyPanelPath = (childId: string, id: string) => `${journeyPath(childId, id)}/panel/new`;
export const adopterPanelPath = (id: string) => `/adoption/adopters/${id}/panel/new`;
export const panelPath = () => '/adoption/panel';
export const panelReportPath = (id: string) => `/adoption/panel/${id}`;
export const amendmentPath = (reportId: string, id: string) => `/adoption/panel/${reportId}/amendments/${id}`;
