import { roles } from '../core/auth/roles.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { accessRequestRoutes } from './access-request-routes.js';
import { addressRoutes } from './address-routes.js';
import { childrenApi } from './api.js';
import { childrenClock } from './facts.js';
import { childPaths } from './paths.js';
import { relationshipRoutes } from './relationship-routes.js';
import { restrictionRoutes } from './restriction-routes.js';
import { childrenRoutes } from './routes.js';

export { childAccess } from './access.js';

export const childrenArea = {
  name: 'children',
  routes: [childrenRoutes, restrictionRoutes, accessRequestRoutes, addressRoutes, relationshipRoutes, childrenApi],
  navigation: [{ href: '/children', text: 'Find a child', roles: roles.practice }],
  paths: childPaths,
  clock: childrenClock,
} satisfies AreaOnTheClock;
