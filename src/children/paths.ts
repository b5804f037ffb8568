/**
 * The children area's pages. Ids are UUIDs, used as they are; a route's pattern is the same
 * function given its parameters' names (`childPaths.record(':childId')`).
 */
export const childPaths = {
  search: () => '/children',
  add: () => '/children/new',
  record: (childId: string) => `/children/${childId}`,
  edit: (childId: string) => `/children/${childId}/edit`,
  birth: (childId: string) => `/children/${childId}/birth`,
  visits: (childId: string) => `/children/${childId}/visits`,
  done: (childId: string) => `/children/${childId}/done`,
  newVisit: (childId: string) => `/children/${childId}/visits/new`,
  addresses: (childId: string) => `/children/${childId}/addresses`,
  relationships: (childId: string) => `/children/${childId}/relationships`,
  restriction: (childId: string) => `/children/${childId}/restriction`,
  accessRequests: () => '/access-requests',
  newAccessRequest: () => '/access-requests/new',
  askForAccess: (childId: string) => `/access-requests/new?child=${childId}`,
  decideAccessRequest: (requestId: string, decision: 'grant' | 'decline') => `/access-requests/${requestId}/${decision}`,
  /** The JSON API's */
  apiChildren: () => '/api/children',
  apiChild: (childId: string) => `/api/children/${childId}`,
  apiVisits: (childId: string) => `/api/children/${childId}/visits`,
  apiBirth: (childId: string) => `/api/children/${childId}/birth`,
};
