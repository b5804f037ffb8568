/** The obligations area's pages: the authority's timescales, and its local policy. */
export const obligationsPaths = {
  timescales: () => '/timescales',
  policy: () => '/admin/policy',
};
