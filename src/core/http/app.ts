import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import { openSync, writeSync } from 'node:fs';
import qs from 'node:querystring';
import { resumeSession } from '../auth/sessions.js';
import type { SignedInUser } from '../auth/users.js';
import { bearerToken, signInWithApiToken } from './api.js';
import type { AppContext } from './context.js';
import { InputError, notFound, setUpErrorPages } from './errors.js';
import { hasControlCharacters, queryProblems } from './forms.js';
import type { RouteModule } from './area.js';
import { navigationFor } from './navigation.js';
import { setUpWebSecurity } from './security.js';
import { setUpSession } from './session.js';
import { isStaticFile, setUpStaticResources } from './static.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SignedInUser | null;
    /**
     * The record's change counter as the session was read, when it was (`RecordCache.asOf`
     * takes it, so a page's kept figures cost no round trip of their own); null otherwise.
     */
    recordChange: string | null;
  }
  interface FastifyReply {
    /** Render a page with the layout's common values (user, navigation, CSRF token, CSP nonce). */
    page(template: string, data?: Record<string, unknown>): FastifyReply;
    /** A message shown once on the next page. */
    flash(message: string): void;
  }
}

/**
 * Request URLs can carry a child's name in a search: Fastify's own request and not-found
 * logs are off, and the service logs route patterns only (onResponse below).
 */
class RoutePatternLogs extends LogController {
  override routeNotFound(request: FastifyRequest): void {
    request.log.info({ method: request.method }, 'route not found');
  }
}

/**
 * LOG_FILE: each line written as it is logged (as pino's own sync mode does), so a line is in
 * the file before the response that it describes leaves; readable by the service's user only.
 */
function appendingTo(file: string): { write(line: string): void } {
  const fd = openSync(file, 'a', 0o600);
  return { write: (line) => void writeSync(fd, line) };
}

/**
 * The HTTP service: one concern per set-up step, in order, then each area's routes,
 * then the 404. The one error handler is set first, so that every route has it.
 */
export async function createApp(ctx: AppContext, modules: readonly RouteModule[]): Promise<FastifyInstance> {
  const app = Fastify({
    // tests are quiet unless they ask for a log file to read
    logger:
      ctx.config.env === 'test' && !ctx.config.logFile
        ? false
        : { level: ctx.config.logLevel, ...(ctx.config.logFile ? { stream: appendingTo(ctx.config.logFile) } : {}) },
    logController: new RoutePatternLogs({ disableRequestLogging: true }),
    trustProxy: ctx.config.production,
    bodyLimit: 50 * 1024 * 1024,
  });

  // first: a route keeps the error handler in force when it is added (see errors.ts)
  setUpErrorPages(app);
  await setUpWebSecurity(app);
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await setUpSession(app, ctx.config);
  await setUpStaticResources(app);

  app.decorateRequest('user', null);
  app.decorateRequest('recordChange', null);
  app.decorateRequest('viaApiToken', false);
  app.addHook('preHandler', async (req, reply) => {
    // a stylesheet or a script names no user: four of them come with every page
    if (isStaticFile(req)) return;
    const token = bearerToken(req);
    if (token !== undefined) return signInWithApiToken(ctx, req, reply, token);
    const sid = req.session.get('sid');
    const found = sid ? await resumeSession(ctx.db, sid, ctx.time.now(), ctx.config.sessions) : null;
    req.user = found && 'user' in found ? found.user : null;
    req.recordChange = found && 'user' in found ? found.recordChange : null;
    if (sid && !req.user) {
      // the session has ended (signed out, expired, idle, account changed): the sign-in page says why
      req.session.set('sid', undefined);
      req.session.set('ended', found && 'ended' in found ? found.ended : 'signed_out');
    }
  });

  // Routes read each query parameter as one string: a repeated one (?q=a&q=b arrives as a
  // list) or one holding control characters is refused here, once for every route. A path
  // holding control characters names no page (and would fail in the database).
  app.addHook('preHandler', async (req, reply) => {
    if (isStaticFile(req)) return;
    const params = Object.values((req.params ?? {}) as Record<string, unknown>);
    if (params.some((v) => typeof v === 'string' && hasControlCharacters(v))) return notFound(req, reply);
    const problems = queryProblems(req.query);
    if (problems.length > 0) throw new InputError(problems);
  });

  app.decorateReply('page', function page(this, template: string, data: Record<string, unknown> = {}) {
    const req = this.request;
    const flash = req.session.get('flash');
    if (flash) req.session.set('flash', undefined);
    const html = ctx.views.render(template, {
      ...data,
      user: req.user,
      navigation: navigationFor(ctx.navigation, req.user, req.url),
      csrfToken: this.generateCsrf(),
      cspNonce: this.cspNonce?.script,
      flash,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
  app.decorateReply('flash', function flash(this, message: string) {
    this.request.session.set('flash', message);
  });

  // Pages and API answers carry children's details: no browser or proxy may keep a copy.
  // Static files set their own caching (static.ts) and keep it.
  app.addHook('onSend', async (_req, reply, payload) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  for (const register of modules) await register(app, ctx);

  app.setNotFoundHandler(notFound);

  return app;
}
