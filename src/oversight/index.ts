import { roles } from '../core/auth/roles.js';
import type { AreaOnTheClock } from '../obligations/sources.js';
import { oversightRoutes } from './routes.js';
import { oversightSettings } from './settings.js';

export const oversightArea = {
  name: 'oversight',
  routes: [oversightRoutes],
  navigation: [
    { href: '/my-team', text: 'My team', roles: ['team_manager'] },
    { href: '/my-work', text: 'My work', roles: roles.caseholders },
    { href: '/authority', text: 'Authority', roles: roles.serviceManagers },
  ],
  clock: { settings: oversightSettings },
} satisfies AreaOnTheClock;
