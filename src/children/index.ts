import { roles } from '../core/auth/roles.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { childrenApi } from './api.js';
import { childrenClock } from './facts.js';
import { childPaths } from './paths.js';
import { childrenRoutes } from './routes.js';

export { childAccess } from './access.js';

export const childrenArea = {
  name: 'children',
  routes: [childrenRoutes, childrenApi],
  navigation: [{ href: childPaths.search(), text: 'Find a child', roles: roles.practice }],
  paths: childPaths,
  clock: childrenClock,
} satisfies AreaOnTheClock;
