/**
 * Allegations against adults who work with children, as an area: the designated officer
 * (LADO) records the allegation, the children it concerns, strategy and evaluation meetings
 * and the outcome. It gives the clock allegation_made, lado_informed and allegation_concluded
 * on each child on the record it concerns, the allegation being the episode.
 */
import { roles } from '../core/auth/roles.js';
import type { Paths } from '../core/http/area.js';
import type { AreaOnTheClock, ObligationActions } from '../obligations/sources.js';
import { allegationFacts } from './facts.js';
import * as addresses from './paths.js';
import { allegationRoutes } from './routes.js';

/**
 * Every allegation obligation is met on the allegation's page (its episode is the allegation),
 * which only the designated officer and service managers open: the obligations are theirs, so
 * the work list of a social worker who holds a child the allegation concerns leaves them off.
 */
const open = {
  text: 'Open the allegation',
  href: (o: { episode: string | null }) => (o.episode ? addresses.allegationPath(o.episode) : addresses.allegationsPath()),
  roles: roles.lado,
};
const actions: ObligationActions = {
  'lado-informed': open,
  'lado-resolution-1-month': open,
  'lado-resolution-3-months': open,
  'lado-resolution-12-months': open,
};

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const allegationsArea = {
  name: 'allegations',
  routes: [allegationRoutes],
  navigation: [{ href: addresses.allegationsPath(), text: 'Allegations', roles: roles.lado }],
  paths,
  clock: { facts: allegationFacts, actions },
} satisfies AreaOnTheClock;
