/** Oversight's pages: the dashboards, and the list of children behind each figure. */
type Query = Record<string, string | undefined>;

function withQuery(path: string, query: Query = {}): string {
  const given = Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return given.length ? `${path}?${new URLSearchParams(given).toString()}` : path;
}

export const oversightPaths = {
  myWork: () => '/my-work',
  myTeam: (teamId?: string) => withQuery('/my-team', { teamId }),
  teamList: (list: string, query?: Query) => withQuery(`/my-team/lists/${list}`, query),
  authority: () => '/authority',
  authorityList: (list: string) => `/authority/lists/${list}`,
};
