/**
 * Dispute resolution, as an area: a conference chair or reviewing officer raises a concern
 * about a child's plan; it goes stage by stage (team manager, service manager, head of
 * service, director), each with a response due in the working days local policy sets, until
 * it is resolved. It gives the clock no facts, only that setting.
 */
import type { Area, Paths } from '../core/http/area.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import * as addresses from './paths.js';
import { disputeRoutes } from './routes.js';
import { disputeSettings } from './settings.js';

/** The builders among paths.ts's exports (it also holds the route patterns). */
const paths = Object.fromEntries(Object.entries(addresses).filter(([, v]) => typeof v === 'function')) as Paths;

export const disputeResolutionArea = {
  name: 'disputeResolution',
  routes: [disputeRoutes],
  paths,
  clock: { settings: disputeSettings },
} satisfies AreaOnTheClock & Area;
