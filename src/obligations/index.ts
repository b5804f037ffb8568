import { roles } from '../core/auth/roles.js';
import type { Area } from '../core/http/area.js';
import { clockRoutes } from './routes.js';

export const obligationsArea = {
  name: 'obligations',
  routes: [clockRoutes],
  navigation: [
    { href: '/admin/policy', text: 'Local policy', roles: roles.administrators },
    { href: '/timescales', text: 'Timescales' },
  ],
} satisfies Area;
