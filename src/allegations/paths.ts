/** Allegations' addresses, built in one place. */
export const paths = {
  list: '/allegations',
  newAllegation: '/allegations/new',
  allegation: '/allegations/:id',
  children: '/allegations/:id/children',
  newMeeting: '/allegations/:id/meetings/new',
  outcome: '/allegations/:id/outcome',
} as const;

export const apiPaths = {
  allegations: '/api/allegations',
  allegation: '/api/allegations/:id',
  children: '/api/allegations/:id/children',
  meetings: '/api/allegations/:id/meetings',
  outcome: '/api/allegations/:id/outcome',
} as const;

/** The lists behind the figures on the designated officer's page. */
export const allegationLists = [
  'open',
  'this-quarter',
  'concluded-this-quarter',
  'within-1-month',
  'within-3-months',
  'within-12-months',
  'all',
] as const;
export type AllegationList = (typeof allegationLists)[number];

export const allegationsPath = (list?: AllegationList) => `/allegations${list ? `?list=${list}` : ''}`;
export const newAllegationPath = () => '/allegations/new';
export const allegationPath = (id: string) => `/allegations/${id}`;
export const linkChildrenPath = (id: string) => `${allegationPath(id)}/children`;
export const newMeetingPath = (id: string) => `${allegationPath(id)}/meetings/new`;
export const outcomePath = (id: string) => `${allegationPath(id)}/outcome`;
export const childRecordPath = (childId: string) => `/children/${childId}`;
