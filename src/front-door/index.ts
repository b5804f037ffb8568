import type { AreaOnTheClock } from '../obligations/sources.js';
import { frontDoorFacts } from './facts.js';
import { frontDoorRoutes } from './routes.js';

export const frontDoorArea = {
  name: 'frontDoor',
  routes: [frontDoorRoutes],
  navigation: [{ href: '/front-door', text: 'Front door', roles: ['practitioner', 'team_manager', 'service_manager'] }],
  clock: { facts: frontDoorFacts },
} satisfies AreaOnTheClock;
