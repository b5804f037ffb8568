import type { Area } from '../core/http/area.js';
import { clockRoutes } from './routes.js';

export const obligationsArea = {
  name: 'obligations',
  routes: [clockRoutes],
  navigation: [
    { href: '/admin/policy', text: 'Local policy', roles: ['administrator'] },
    { href: '/timescales', text: 'Timescales' },
  ],
} satisfies Area;
