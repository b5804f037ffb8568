/** Missing episodes' addresses, built in one place: routes register the patterns, links use the builders. */
const base = (childId: string) => `/children/${childId}/missing`;

export const paths = {
  list: '/children/:childId/missing',
  newEpisode: '/children/:childId/missing/new',
  episode: '/children/:childId/missing/:id',
  details: '/children/:childId/missing/:id/details',
  returnInterview: '/children/:childId/missing/:id/return-interview',
  strategyMeeting: '/children/:childId/missing/:id/strategy-meeting',
} as const;

/** The JSON API mirrors the pages under /api. */
export const apiPaths = {
  episodes: '/api/children/:childId/missing-episodes',
  episode: '/api/children/:childId/missing-episodes/:id',
  returnInterview: '/api/children/:childId/missing-episodes/:id/return-interview',
  strategyMeeting: '/api/children/:childId/missing-episodes/:id/strategy-meeting',
} as const;

export const missingEpisodesPath = (childId: string) => base(childId);
export const newMissingEpisodePath = (childId: string) => `${base(childId)}/new`;
export const missingEpisodePath = (childId: string, id: string) => `${base(childId)}/${id}`;
export const missingEpisodeDetailsPath = (childId: string, id: string) => `${base(childId)}/${id}/details`;
export const returnInterviewPath = (childId: string, id: string) => `${base(childId)}/${id}/return-interview`;
export const missingStrategyMeetingPath = (childId: string, id: string) => `${base(childId)}/${id}/strategy-meeting`;
export const childRecordPath = (childId: string) => `/children/${childId}`;
