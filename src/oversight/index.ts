import type { Area } from '../core/http/area.js';
import { oversightRoutes } from './routes.js';

export const oversightArea = {
  name: 'oversight',
  routes: [oversightRoutes],
  navigation: [
    { href: '/my-team', text: 'My team', roles: ['team_manager'] },
    { href: '/my-work', text: 'My work', roles: ['practitioner', 'team_manager'] },
    { href: '/authority', text: 'Authority', roles: ['service_manager'] },
  ],
} satisfies Area;
