/**
 * Missing and absent episodes, as an area of practice: any child on the record (looked after
 * or not) missing from home or care, or away from placement without authorisation, with the
 * length worked out from the start and the return, the return home interview (its 72 hours
 * are the clock's `return-home-interview` rule), any strategy meeting and the child
 * exploitation risk screening. Its parts: tables (schema), rules of practice and writes
 * (use-cases), reads and the SSDA903 Missing table of a year (queries), views' parameters
 * (presenters), addresses (paths), pages and API (routes), and its facts for the clock (facts).
 */
import type { RecordSectionSource } from '../children/record-sections.js';
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { missingEpisodeFacts } from './facts.js';
import * as addresses from './paths.js';
import { recordSection } from './presenters.js';
import { missingEpisodesOf, onlyMissing } from './queries.js';
import { missingEpisodeRoutes } from './routes.js';

/** The missing section of the child's record. */
const section: RecordSectionSource = async (db, childId, obligations) => ({
  template: 'missing-episodes/views/record-section.njk',
  view: recordSection(childId, await missingEpisodesOf(db, childId), onlyMissing(obligations)),
});

/** The page that meets its rule: the interview of the episode the obligation runs from. */
const actions: ObligationActions = {
  'return-home-interview': {
    text: 'Record the return home interview',
    href: (o) => (o.episode ? addresses.returnInterviewPath(o.childId, o.episode) : addresses.missingEpisodesPath(o.childId)),
  },
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const missingEpisodesArea = {
  name: 'missingEpisodes',
  routes: [missingEpisodeRoutes],
  paths,
  clock: { facts: missingEpisodeFacts, actions },
  recordSection: section,
} satisfies AreaOnTheClock & Area & { recordSection: RecordSectionSource };
