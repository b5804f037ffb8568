/** The SSDA903 return from the record: its page on Returns, a build's findings and the return's files. */
export const ssda903ReturnPaths = {
  build: () => '/returns/ssda903',
  built: (runId: string) => `/returns/ssda903/${runId}`,
  zip: (year: number | string) => `/returns/ssda903/${year}/ssda903.zip`,
};
