import { roles } from '../core/auth/roles.js';
import type { Area } from '../core/http/area.js';
import { adminRoutes } from './admin-routes.js';
import { allocationRoutes } from './allocation-routes.js';
import { workforceRoutes } from './workforce-routes.js';

export const workforceArea = {
  name: 'workforce',
  routes: [allocationRoutes, adminRoutes, workforceRoutes],
  navigation: [
    { href: '/admin/users', text: 'Users', roles: roles.administrators },
    { href: '/admin/workforce', text: 'Teams and workers', roles: roles.administrators },
  ],
} satisfies Area;
