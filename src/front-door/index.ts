import type { Area } from '../core/http/area.js';
import { frontDoorRoutes } from './routes.js';

export const frontDoorArea = {
  name: 'frontDoor',
  routes: [frontDoorRoutes],
  navigation: [{ href: '/front-door', text: 'Front door', roles: ['practitioner', 'team_manager', 'service_manager'] }],
} satisfies Area;
