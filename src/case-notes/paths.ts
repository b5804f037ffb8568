/** Case notes' addresses, built in one place. */
const base = (childId: string) => `/children/${childId}/case-notes`;

export const paths = {
  list: '/children/:childId/case-notes',
  newNote: '/children/:childId/case-notes/new',
  note: '/children/:childId/case-notes/:id',
} as const;

export const apiPaths = {
  notes: '/api/children/:childId/case-notes',
  note: '/api/children/:childId/case-notes/:id',
} as const;

export const caseNotesPath = (childId: string) => base(childId);
export const newCaseNotePath = (childId: string) => `${base(childId)}/new`;
export const caseNotePath = (childId: string, id: string) => `${base(childId)}/${id}`;
export const childRecordPath = (childId: string) => `/children/${childId}`;
