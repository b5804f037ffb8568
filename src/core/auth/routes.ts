import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../http/context.js';
import { errorView, parse, text } from '../http/forms.js';
import { homeFor } from '../http/navigation.js';
import { beginSession } from './begin-session.js';
import { oidcRoutes } from './oidc-routes.js';
import { safeNext } from './safe-next.js';
import { signIn } from './users.js';

const signInSchema = z.object({
  username: text('Username', { max: 100 }),
  password: text('Password', { max: 200 }),
});

/** What the sign-in page offers: the identity provider when it is set up, passwords unless turned off. */
function signInChoices(ctx: AppContext, next: string | null) {
  const sso = ctx.config.oidc;
  return {
    sso: sso ? { name: sso.providerName, href: `/sign-in/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}` } : null,
    passwords: ctx.config.passwordSignIn,
  };
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/sign-in', async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    return reply.page('core/auth/views/sign-in.njk', { title: 'Sign in', next, demo: !ctx.config.production, ...signInChoices(ctx, next) });
  });

  app.post('/sign-in', { preHandler: app.csrfProtection }, async (req, reply) => {
    const body = req.body as Record<string, unknown>;
    const next = safeNext(body.next);
    if (!ctx.config.passwordSignIn) {
      return reply.code(403).page('message.njk', {
        title: `Sign in with ${ctx.config.oidc?.providerName}`,
        paragraphs: ['This service does not accept usernames and passwords.'],
        link: { href: '/sign-in', text: 'Go back to sign in' },
      });
    }
    const parsed = parse(signInSchema, body);
    const again = (message?: string) => {
      const errors = parsed.ok ? [{ field: 'username', message: message ?? '' }] : parsed.errors;
      return reply.code(parsed.ok ? 401 : 400).page('core/auth/views/sign-in.njk', {
        title: 'Sign in',
        next,
        ...signInChoices(ctx, next),
        values: { username: body.username },
        ...errorView(errors),
      });
    };
    if (!parsed.ok) return again();
    const result = await signIn(ctx.db, parsed.value.username, parsed.value.password, {
      production: ctx.config.production,
    });
    if (!result.ok) {
      await recordAudit(ctx.db, {
        userId: null,
        username: parsed.value.username.slice(0, 100),
        action: 'SIGN_IN_REFUSED',
        route: 'POST /sign-in',
      });
      return again(
        result.reason === 'demo_refused'
          ? 'Demo accounts cannot sign in to a production service'
          : 'Enter a correct username and password',
      );
    }
    await beginSession(ctx, req, result.user, 'password');
    return reply.redirect(next ?? homeFor(result.user), 303);
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (req, reply) => {
    req.session.delete();
    return reply.redirect('/sign-in', 303);
  });

  app.get('/', async (req, reply) => {
    if (!req.user) return reply.redirect('/sign-in');
    return reply.redirect(homeFor(req.user));
  });

  oidcRoutes(app, ctx);
}
