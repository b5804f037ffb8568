/** The CIN census from the record: its page on Returns, a build's findings and the census's XML. */
export const cinCensusPaths = {
  build: () => '/returns/cin-census',
  built: (runId: string) => `/returns/cin-census/${runId}`,
  xml: (year: number | string) => `/returns/cin-census/${year}/census.xml`,
};
