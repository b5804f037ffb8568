/** The assessment area's pages: a child's assessments, and one assessment. */
export const assessmentPaths = {
  list: (childId: string) => `/children/${childId}/assessments`,
  show: (childId: string, assessmentId: string) => `/children/${childId}/assessments/${assessmentId}`,
};
