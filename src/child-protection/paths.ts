/**
 * Child protection's addresses, built in one place: routes register the patterns, and
 * redirects, links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/child-protection`;

export const paths = {
  overview: '/children/:childId/child-protection',
  newStrategyDiscussion: '/children/:childId/child-protection/strategy-discussions/new',
  strategyDiscussion: '/children/:childId/child-protection/strategy-discussions/:id',
  editStrategyDiscussion: '/children/:childId/child-protection/strategy-discussions/:id/edit',
  enquiryOfDiscussion: '/children/:childId/child-protection/strategy-discussions/:id/enquiry',
  authoriseStrategyDiscussion: '/children/:childId/child-protection/strategy-discussions/:id/authorise',
  startS47: '/children/:childId/child-protection/strategy-discussions/:id/s47-enquiry',
  s47Enquiry: '/children/:childId/child-protection/s47-enquiries/:id',
  authoriseS47: '/children/:childId/child-protection/s47-enquiries/:id/authorise',
  newConference: '/children/:childId/child-protection/conferences/new',
  conference: '/children/:childId/child-protection/conferences/:id',
  editConference: '/children/:childId/child-protection/conferences/:id/edit',
  plan: '/children/:childId/child-protection/plans/:id',
  planActions: '/children/:childId/child-protection/plans/:id/actions',
  planAction: '/children/:childId/child-protection/plans/:id/actions/:actionId',
  finalisePlan: '/children/:childId/child-protection/plans/:id/finalise',
  endPlan: '/children/:childId/child-protection/plans/:id/end',
  newCoreGroup: '/children/:childId/child-protection/plans/:id/core-groups/new',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/child-protection',
  strategyDiscussions: '/api/children/:childId/child-protection/strategy-discussions',
  strategyDiscussion: '/api/children/:childId/child-protection/strategy-discussions/:id',
  authoriseStrategyDiscussion: '/api/children/:childId/child-protection/strategy-discussions/:id/authorise',
  startS47: '/api/children/:childId/child-protection/strategy-discussions/:id/s47-enquiry',
  s47Enquiry: '/api/children/:childId/child-protection/s47-enquiries/:id',
  authoriseS47: '/api/children/:childId/child-protection/s47-enquiries/:id/authorise',
  conferences: '/api/children/:childId/child-protection/conferences',
  conference: '/api/children/:childId/child-protection/conferences/:id',
  plan: '/api/children/:childId/child-protection/plans/:id',
  planActions: '/api/children/:childId/child-protection/plans/:id/actions',
  planAction: '/api/children/:childId/child-protection/plans/:id/actions/:actionId',
  finalisePlan: '/api/children/:childId/child-protection/plans/:id/finalise',
  endPlan: '/api/children/:childId/child-protection/plans/:id/end',
  coreGroups: '/api/children/:childId/child-protection/plans/:id/core-groups',
} as const;

export const childProtectionPath = (childId: string) => base(childId);
export const childRecordPath = (childId: string) => `/children/${childId}`;
export const newStrategyDiscussionPath = (childId: string, from: { referralId?: string; contactId?: string } = {}) => {
  const query = new URLSearchParams(Object.entries(from).filter((e): e is [string, string] => !!e[1])).toString();
  return `${base(childId)}/strategy-discussions/new${query ? `?${query}` : ''}`;
};
export const strategyDiscussionPath = (childId: string, id: string) => `${base(childId)}/strategy-discussions/${id}`;
export const editStrategyDiscussionPath = (childId: string, id: string) => `${strategyDiscussionPath(childId, id)}/edit`;
/** The section 47 enquiry a discussion started, found from the discussion (the clock's episode); the discussion until one starts. */
export const enquiryOfDiscussionPath = (childId: string, id: string) => `${strategyDiscussionPath(childId, id)}/enquiry`;
export const authoriseStrategyDiscussionPath = (childId: string, id: string) => `${strategyDiscussionPath(childId, id)}/authorise`;
export const startS47Path = (childId: string, discussionId: string) => `${strategyDiscussionPath(childId, discussionId)}/s47-enquiry`;
export const s47EnquiryPath = (childId: string, id: string) => `${base(childId)}/s47-enquiries/${id}`;
export const authoriseS47Path = (childId: string, id: string) => `${s47EnquiryPath(childId, id)}/authorise`;
export const newConferencePath = (childId: string, about: { s47EnquiryId: string; type?: 'initial' | 'pre_birth' } | { planId: string }) =>
  'planId' in about
    ? `${base(childId)}/conferences/new?type=review&cpPlanId=${about.planId}`
    : `${base(childId)}/conferences/new?type=${about.type ?? 'initial'}&s47EnquiryId=${about.s47EnquiryId}`;
export const conferenceFormPath = (childId: string) => `${base(childId)}/conferences/new`;
export const conferencePath = (childId: string, id: string) => `${base(childId)}/conferences/${id}`;
export const editConferencePath = (childId: string, id: string) => `${conferencePath(childId, id)}/edit`;
export const planPath = (childId: string, id: string) => `${base(childId)}/plans/${id}`;
export const planActionsPath = (childId: string, id: string) => `${planPath(childId, id)}/actions`;
export const planActionPath = (childId: string, id: string, actionId: string) => `${planActionsPath(childId, id)}/${actionId}`;
export const finalisePlanPath = (childId: string, id: string) => `${planPath(childId, id)}/finalise`;
export const endPlanPath = (childId: string, id: string) => `${planPath(childId, id)}/end`;
export const newCoreGroupPath = (childId: string, planId: string) => `${planPath(childId, planId)}/core-groups/new`;
export const newVisitPath = (childId: string) => `/children/${childId}/visits/new?purpose=child_protection`;
