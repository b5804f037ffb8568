import { roles } from '../core/auth/roles.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { oversightPaths as paths } from './paths.js';
import { oversightRoutes } from './routes.js';
import { oversightSettings } from './settings.js';

export const oversightArea = {
  name: 'oversight',
  routes: [oversightRoutes],
  navigation: [
    { href: paths.myTeam(), text: 'My team', roles: ['team_manager'] },
    { href: paths.myWork(), text: 'My work', roles: roles.caseholders },
    { href: paths.authority(), text: 'Authority', roles: roles.serviceManagers },
  ],
  paths,
  clock: { settings: oversightSettings },
} satisfies AreaOnTheClock;
