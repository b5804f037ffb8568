import type { Area } from '../core/http/area.js';
import { assessmentRoutes } from './routes.js';

export const assessmentArea = {
  name: 'assessment',
  routes: [assessmentRoutes],
} satisfies Area;
