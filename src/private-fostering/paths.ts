/**
 * Private fostering's addresses, built in one place: routes register the patterns, and
 * redirects, links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/private-fostering`;

export const paths = {
  overview: '/children/:childId/private-fostering',
  newArrangement: '/children/:childId/private-fostering/new',
  arrangement: '/children/:childId/private-fostering/:id',
  change: '/children/:childId/private-fostering/:id/change',
  assessment: '/children/:childId/private-fostering/:id/assessment',
  end: '/children/:childId/private-fostering/:id/end',
  figures: '/private-fostering',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/private-fostering',
  arrangements: '/api/children/:childId/private-fostering/arrangements',
  arrangement: '/api/children/:childId/private-fostering/arrangements/:id',
  change: '/api/children/:childId/private-fostering/arrangements/:id/change',
  assessment: '/api/children/:childId/private-fostering/arrangements/:id/assessment',
  end: '/api/children/:childId/private-fostering/arrangements/:id/end',
  figures: '/api/private-fostering',
} as const;

export const privateFosteringPath = (childId: string) => base(childId);
export const childRecordPath = (childId: string) => `/children/${childId}`;
export const newArrangementPath = (childId: string) => `${base(childId)}/new`;
export const arrangementPath = (childId: string, id: string) => `${base(childId)}/${id}`;
export const changeArrangementPath = (childId: string, id: string) => `${arrangementPath(childId, id)}/change`;
export const assessmentPath = (childId: string, id: string) => `${arrangementPath(childId, id)}/assessment`;
export const endArrangementPath = (childId: string, id: string) => `${arrangementPath(childId, id)}/end`;
export const newPrivateFosteringVisitPath = (childId: string) => `/children/${childId}/visits/new?purpose=private_fostering`;
/** The managers' figures: privately fostered children, and whether each was seen in time. */
export const privateFosteringFiguresPath = () => '/private-fostering';
/** One of the figures' lists of children. */
export const privateFosteringListPath = (list: string) => `/private-fostering?list=${list}`;
