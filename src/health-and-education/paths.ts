/**
 * Health and education's addresses, built in one place: routes register the patterns, and
 * redirects, links and forms use the builders, so an address is never spelt twice.
 */
const base = (childId: string) => `/children/${childId}/health-and-education`;

export const paths = {
  overview: '/children/:childId/health-and-education',
  newHealthAssessment: '/children/:childId/health-and-education/health-assessments/new',
  healthAssessment: '/children/:childId/health-and-education/health-assessments/:id',
  newDentalCheck: '/children/:childId/health-and-education/dental-checks/new',
  newHealthStatus: '/children/:childId/health-and-education/health-status/new',
  newSdq: '/children/:childId/health-and-education/sdq/new',
  newSubstanceMisuse: '/children/:childId/health-and-education/substance-misuse/new',
  newConviction: '/children/:childId/health-and-education/offending/new',
  newSchool: '/children/:childId/health-and-education/schools/new',
  newPep: '/children/:childId/health-and-education/peps/new',
  newPepMeeting: '/children/:childId/health-and-education/peps/:id/meetings/new',
  periodPepMeeting: '/children/:childId/health-and-education/periods/:id/pep-meeting',
  newEducationHours: '/children/:childId/health-and-education/hours/new',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  record: '/api/children/:childId/health-and-education',
  healthAssessments: '/api/children/:childId/health-and-education/health-assessments',
  healthAssessment: '/api/children/:childId/health-and-education/health-assessments/:id',
  dentalChecks: '/api/children/:childId/health-and-education/dental-checks',
  healthStatus: '/api/children/:childId/health-and-education/health-status',
  sdq: '/api/children/:childId/health-and-education/sdq',
  substanceMisuse: '/api/children/:childId/health-and-education/substance-misuse',
  convictions: '/api/children/:childId/health-and-education/offending',
  schools: '/api/children/:childId/health-and-education/schools',
  peps: '/api/children/:childId/health-and-education/peps',
  pepMeetings: '/api/children/:childId/health-and-education/peps/:id/meetings',
  educationHours: '/api/children/:childId/health-and-education/hours',
} as const;

export const healthAndEducationPath = (childId: string) => base(childId);
export const newHealthAssessmentPath = (childId: string) => `${base(childId)}/health-assessments/new`;
export const healthAssessmentPath = (childId: string, id: string) => `${base(childId)}/health-assessments/${id}`;
export const newDentalCheckPath = (childId: string) => `${base(childId)}/dental-checks/new`;
export const newHealthStatusPath = (childId: string) => `${base(childId)}/health-status/new`;
export const newSdqPath = (childId: string) => `${base(childId)}/sdq/new`;
export const newSubstanceMisusePath = (childId: string) => `${base(childId)}/substance-misuse/new`;
export const newConvictionPath = (childId: string) => `${base(childId)}/offending/new`;
export const newSchoolPath = (childId: string) => `${base(childId)}/schools/new`;
export const newPepPath = (childId: string) => `${base(childId)}/peps/new`;
export const newPepMeetingPath = (childId: string, pepId: string) => `${base(childId)}/peps/${pepId}/meetings/new`;
/** The PEP meeting form of a period of care's plan (the clock knows the period, not the plan). */
export const periodPepMeetingPath = (childId: string, periodId: string) => `${base(childId)}/periods/${periodId}/pep-meeting`;
export const newEducationHoursPath = (childId: string) => `${base(childId)}/hours/new`;
