/** The assessment area's pages: a child's assessments, and one assessment. */
export const assessmentPaths = {
  list: (childId: string) => `/children/${childId}/assessments`,
  show: (childId: string, assessmentId: string) => `/children/${childId}/assessments/${assessmentId}`,
  /** The assessment of a referral (the clock's episode), or the page to start one. */
  forReferral: (childId: string, referralId: string) => `/children/${childId}/assessments/for-referral/${referralId}`,
};

/** The JSON API mirrors the pages under /api: the same use cases, the same rules. */
export const assessmentApiPaths = {
  list: '/api/children/:childId/assessments',
  show: '/api/children/:childId/assessments/:assessmentId',
  submit: '/api/children/:childId/assessments/:assessmentId/submit',
  return: '/api/children/:childId/assessments/:assessmentId/return',
  authorise: '/api/children/:childId/assessments/:assessmentId/authorise',
};
