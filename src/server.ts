import type { FastifyInstance } from 'fastify';
import { assessmentRoutes } from './assessment/routes.js';
import { childProtectionRoutes } from './child-protection/index.js';
import { childrenInNeedRoutes } from './children-in-need/index.js';
import { caseNoteRoutes } from './case-notes/index.js';
import { chronologyRoutes } from './chronology/index.js';
import { disputeRoutes } from './dispute-resolution/index.js';
import { accessRequestRoutes } from './children/access-request-routes.js';
import { childrenApi } from './children/api.js';
import { addressRoutes } from './children/address-routes.js';
import { childrenRoutes } from './children/routes.js';
import { relationshipRoutes } from './children/relationship-routes.js';
import { restrictionRoutes } from './children/restriction-routes.js';
import { clockRoutes } from './obligations/routes.js';
import type { Config } from './core/config.js';
import { accountRoutes } from './core/auth/account-routes.js';
import { apiTokenRoutes } from './core/auth/api-token-routes.js';
import { authRoutes } from './core/auth/routes.js';
import { type Database, runMigrations } from './core/db/database.js';
import { apiDocsRoutes } from './core/http/api.js';
import { createApp, type RouteModule } from './core/http/app.js';
import type { AppContext } from './core/http/context.js';
import { healthRoutes } from './core/http/health.js';
import { systemTime, type TimeSource } from './core/time.js';
import { createViewEnvironment } from './core/views/nunjucks.js';
import { frontDoorRoutes } from './front-door/routes.js';
import { oversightRoutes } from './oversight/routes.js';
import { returnRoutes } from './returns/routes.js';
import { adminRoutes } from './workforce/admin-routes.js';
import { allocationRoutes } from './workforce/allocation-routes.js';
import { workforceRoutes } from './workforce/workforce-routes.js';

/** Every area's routes, in one place: a reader finds an area here and follows it to its folder. */
export const routeModules: RouteModule[] = [
  healthRoutes,
  authRoutes,
  accountRoutes,
  oversightRoutes,
  frontDoorRoutes,
  childrenRoutes,
  restrictionRoutes,
  accessRequestRoutes,
  addressRoutes,
  relationshipRoutes,
  allocationRoutes,
  assessmentRoutes,
  childProtectionRoutes,
  childrenInNeedRoutes,
  caseNoteRoutes,
  chronologyRoutes,
  disputeRoutes,
  clockRoutes,
  adminRoutes,
  workforceRoutes,
  apiTokenRoutes,
  returnRoutes,
  childrenApi,
  apiDocsRoutes,
];

export async function buildServer(
  config: Config,
  database: Database,
  opts: { time?: TimeSource; migrate?: boolean } = {},
): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  if (opts.migrate ?? true) await runMigrations(database);
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    time: opts.time ?? systemTime,
    views: createViewEnvironment({ authorityName: config.authorityName }),
  };
  const app = await createApp(ctx, routeModules);
  return { app, ctx };
}
