/** The chronology's address, built in one place. */
export const chronologyPaths = {
  chronology: (childId: string) => `/children/${childId}/chronology`,
};
