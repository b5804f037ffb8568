import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyRequest, LogController } from 'fastify';
import qs from 'node:querystring';
import { resumeSession } from '../auth/sessions.js';
import type { SignedInUser } from '../auth/users.js';
import { bearerToken, signInWithApiToken } from './api.js';
import type { AppContext } from './context.js';
import { navigationFor } from './navigation.js';
import { setUpWebSecurity } from './security.js';
import { setUpSession } from './session.js';
import { setUpStaticResources } from './static.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SignedInUser | null;
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

export type RouteModule = (app: FastifyInstance, ctx: AppContext) => void | Promise<void>;

/**
 * The HTTP service: one concern per set-up step, in order, then each area's routes,
 * then the 404 and the one error handler.
 */
export async function createApp(ctx: AppContext, modules: RouteModule[]): Promise<FastifyInstance> {
  const app = Fastify({
    logger: ctx.config.env === 'test' ? false : { level: ctx.config.logLevel },
    logController: new RoutePatternLogs({ disableRequestLogging: true }),
    trustProxy: ctx.config.production,
    bodyLimit: 50 * 1024 * 1024,
  });

  await setUpWebSecurity(app);
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body) });
  await setUpSession(app, ctx.config);
  await setUpStaticResources(app);

  app.decorateRequest('user', null);
  app.decorateRequest('viaApiToken', false);
  app.addHook('preHandler', async (req, reply) => {
    const token = bearerToken(req);
    if (token !== undefined) return signInWithApiToken(ctx, req, reply, token);
    const sid = req.session.get('sid');
    const found = sid ? await resumeSession(ctx.db, sid, ctx.time.now(), ctx.config.sessions) : null;
    req.user = found && 'user' in found ? found.user : null;
    if (sid && !req.user) {
      // the session has ended (signed out, expired, idle, account changed): the sign-in page says why
      req.session.set('sid', undefined);
      req.session.set('ended', found && 'ended' in found ? found.ended : 'signed_out');
    }
  });

  app.decorateReply('page', function page(this, template: string, data: Record<string, unknown> = {}) {
    const req = this.request;
    const flash = req.session.get('flash');
    if (flash) req.session.set('flash', undefined);
    const html = ctx.views.render(template, {
      ...data,
      user: req.user,
      navigation: navigationFor(req.user, req.url),
      csrfToken: this.generateCsrf(),
      cspNonce: this.cspNonce?.script,
      flash,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });
  app.decorateReply('flash', function flash(this, message: string) {
    this.request.session.set('flash', message);
  });

  app.addHook('onResponse', async (req, reply) => {
    req.log.info(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  for (const register of modules) await register(app, ctx);

  app.setNotFoundHandler((req, reply) => {
    reply.code(404);
    if (req.url.startsWith('/api/')) return reply.send({ error: 'Not found' });
    return reply.page('message.njk', {
      title: 'Page not found',
      paragraphs: ['If you typed the web address, check it is correct.'],
      link: { href: '/', text: 'Go to your home page' },
    });
  });

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      // the message may quote a value from the record: log its kind and where, not its text
      req.log.error({ route: req.routeOptions.url, code: error.code, name: error.name }, 'unhandled error');
    }
    reply.code(status);
    const csrf = error.code?.startsWith('FST_CSRF');
    const message = csrf
      ? 'This form has expired or was sent from somewhere else. Go back, reload the page and try again.'
      : status === 500
        ? 'Sorry, there is a problem with the service. Try again later.'
        : 'The request could not be understood.';
    if (req.url.startsWith('/api/')) return reply.send({ error: message });
    try {
      return reply.page('message.njk', { title: status === 500 ? 'Sorry, there is a problem' : 'There is a problem', paragraphs: [message] });
    } catch {
      return reply.type('text/plain').send(message);
    }
  });

  return app;
}
