import { roles } from '../core/auth/roles.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { frontDoorFacts } from './facts.js';
import { frontDoorPaths as paths } from './paths.js';
import { frontDoorRoutes } from './routes.js';
import { frontDoorSettings } from './settings.js';

/** Contacts, decisions and referrals: what the composition root assembles. */
export const frontDoorArea = {
  name: 'frontDoor',
  routes: [frontDoorRoutes],
  navigation: [{ href: paths.queue(), text: 'Front door', roles: roles.practice }],
  paths,
  clock: { facts: frontDoorFacts, settings: frontDoorSettings },
} satisfies AreaOnTheClock;
