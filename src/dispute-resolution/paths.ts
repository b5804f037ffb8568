/** Dispute resolution's addresses, built in one place. */
const base = (childId: string) => `/children/${childId}/disputes`;

export const paths = {
  list: '/children/:childId/disputes',
  newDispute: '/children/:childId/disputes/new',
  dispute: '/children/:childId/disputes/:id',
  respond: '/children/:childId/disputes/:id/response',
  escalate: '/children/:childId/disputes/:id/escalate',
  resolve: '/children/:childId/disputes/:id/resolve',
} as const;

export const apiPaths = {
  disputes: '/api/children/:childId/disputes',
  dispute: '/api/children/:childId/disputes/:id',
  respond: '/api/children/:childId/disputes/:id/response',
  escalate: '/api/children/:childId/disputes/:id/escalate',
  resolve: '/api/children/:childId/disputes/:id/resolve',
} as const;

export const disputesPath = (childId: string) => base(childId);
export const newDisputePath = (childId: string, plan?: { kind: 'child_protection' | 'child_in_need'; id: string }) =>
  `${base(childId)}/new${plan ? `?planKind=${plan.kind}&planId=${plan.id}` : ''}`;
export const disputePath = (childId: string, id: string) => `${base(childId)}/${id}`;
export const respondPath = (childId: string, id: string) => `${disputePath(childId, id)}/response`;
export const escalatePath = (childId: string, id: string) => `${disputePath(childId, id)}/escalate`;
export const resolvePath = (childId: string, id: string) => `${disputePath(childId, id)}/resolve`;
export const childRecordPath = (childId: string) => `/children/${childId}`;
