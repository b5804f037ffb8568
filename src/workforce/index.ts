import { roles } from '../core/auth/roles.js';
import type { Area } from '../core/http/area.js';
import { workforcePaths as paths } from './paths.js';
import { workforceRoutes } from './routes.js';

/** Teams, workers and users, and who holds each child: what the composition root assembles. */
export const workforceArea = {
  name: 'workforce',
  routes: [workforceRoutes],
  navigation: [
    { href: paths.users(), text: 'Users', roles: roles.administrators },
    { href: paths.workforce(), text: 'Teams and workers', roles: roles.administrators },
  ],
  paths,
} satisfies Area;
