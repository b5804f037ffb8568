import { roles } from '../core/auth/roles.js';
import type { Area } from '../core/http/area.js';
import { obligationsPaths as paths } from './paths.js';
import { clockRoutes } from './routes.js';

/** The clock at the edge: the Timescales page and local policy, assembled by the composition root. */
export const obligationsArea = {
  name: 'obligations',
  routes: [clockRoutes],
  navigation: [
    { href: paths.policy(), text: 'Local policy', roles: roles.administrators },
    { href: paths.timescales(), text: 'Timescales' },
  ],
  paths,
} satisfies Area;
