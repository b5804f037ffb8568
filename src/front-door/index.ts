import { roles } from '../core/auth/roles.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { frontDoorFacts } from './facts.js';
import { frontDoorPaths } from './paths.js';
import { frontDoorRoutes } from './routes.js';

export const frontDoorArea = {
  name: 'frontDoor',
  routes: [frontDoorRoutes],
  navigation: [{ href: '/front-door', text: 'Front door', roles: roles.practice }],
  paths: frontDoorPaths,
  clock: { facts: frontDoorFacts },
} satisfies AreaOnTheClock;
