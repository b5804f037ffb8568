import type { FastifyInstance } from 'fastify';
import { areas } from './areas.js';
import { childAccess } from './children/index.js';
import type { Config } from './core/config.js';
import { accountRoutes } from './core/auth/account-routes.js';
import { apiTokenRoutes } from './core/auth/api-token-routes.js';
import { authPaths } from './core/auth/paths.js';
import { roles } from './core/auth/roles.js';
import { authRoutes } from './core/auth/routes.js';
import { type Database, runMigrations } from './core/db/database.js';
import { apiDocsRoutes } from './core/http/api.js';
import { createApp } from './core/http/app.js';
import type { Area } from './core/http/area.js';
import type { AppContext } from './core/http/context.js';
import { healthRoutes } from './core/http/health.js';
import { systemTime, type TimeSource } from './core/time.js';
import { RecordCache } from './core/db/record-cache.js';
import { createViewEnvironment } from './core/views/nunjucks.js';
import { returnRoutes } from './returns/routes.js';

/** Core's own pages: health, signing in and out, a person's account. */
const corePages: Area = { name: 'core', routes: [healthRoutes, authRoutes, accountRoutes] };
const apiTokens: Area = {
  name: 'apiTokens',
  routes: [apiTokenRoutes],
  navigation: [{ href: authPaths.apiTokens(), text: 'API tokens', roles: roles.administrators }],
};
const returns: Area = {
  name: 'returns',
  routes: [returnRoutes],
  navigation: [{ href: '/returns', text: 'Returns', roles: ['service_manager', 'administrator'] }],
};
/** Last: the API's description lists the API routes registered before it. */
const apiDocs: Area = { name: 'apiDocs', routes: [apiDocsRoutes] };

/**
 * Everything the service serves, in one place: a reader finds an area here and follows it to
 * its folder. The order is the navigation's.
 */
export const serviceParts: readonly Area[] = [corePages, ...areas, apiTokens, returns, apiDocs];

export async function buildServer(
  config: Config,
  database: Database,
  opts: { time?: TimeSource; migrate?: boolean } = {},
): Promise<{ app: FastifyInstance; ctx: AppContext }> {
  if (opts.migrate ?? true) await runMigrations(database);
  const views = createViewEnvironment({ authorityName: config.authorityName });
  views.addGlobal('paths', Object.fromEntries(serviceParts.flatMap((p) => (p.paths ? [[p.name, p.paths]] : []))));
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    time: opts.time ?? systemTime,
    views,
    childAccess,
    navigation: serviceParts.flatMap((p) => p.navigation ?? []),
    cache: new RecordCache(database.db),
  };
  const app = await createApp(
    ctx,
    serviceParts.flatMap((p) => p.routes),
  );
  return { app, ctx };
}
