import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../http/context.js';
import { errorView, parse, text } from '../http/forms.js';
import { homeFor } from '../http/navigation.js';
import { beginSession } from './begin-session.js';
import { oidcRoutes } from './oidc-routes.js';
import { safeNext } from './safe-next.js';
import { BUSY, PasswordCheckLimit } from './password-checks.js';
import { type EndReason, endedMessage, endSessionByToken } from './sessions.js';
import { accountKey, clearFailures, currentLock, type Lock, minutesUntil, recordFailure } from './throttle.js';
import { signIn } from './users.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The bound on password checks running at once in this process (see password-checks.ts). */
    passwordChecks: PasswordCheckLimit;
  }
}

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

function lockMessage(lock: Lock, now: Date): string {
  const wait = minutesUntil(lock.until, now);
  return lock.by === 'account'
    ? `This account is locked after too many failed sign-in attempts. Try again in ${wait}.`
    : `There have been too many failed sign-in attempts from your network. Try again in ${wait}.`;
}

export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const policy = ctx.config.signIn;
  const checks = new PasswordCheckLimit(policy.concurrentChecks, policy.queue);
  app.decorate('passwordChecks', checks);

  app.get('/sign-in', async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    const ended = req.session.get('ended') as EndReason | undefined;
    if (ended) req.session.set('ended', undefined);
    return reply.page('core/auth/views/sign-in.njk', {
      title: 'Sign in',
      next,
      demo: !ctx.config.production,
      notice: ended ? endedMessage(ended, ctx.config.sessions) : undefined,
      ...signInChoices(ctx, next),
    });
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
    const again = (message?: string, status?: number) => {
      const errors = parsed.ok ? [{ field: 'username', message: message ?? '' }] : parsed.errors;
      return reply.code(status ?? (parsed.ok ? 401 : 400)).page('core/auth/views/sign-in.njk', {
        title: 'Sign in',
        next,
        ...signInChoices(ctx, next),
        values: { username: body.username },
        ...errorView(errors),
      });
    };
    if (!parsed.ok) return again();
    const { username, password } = parsed.value;
    const account = accountKey(username);
    const address = req.ip;
    const audit = (action: string) =>
      recordAudit(ctx.db, { userId: null, username: username.slice(0, 100), action, route: 'POST /sign-in' });
    const lockOf = () => currentLock(ctx.db, account, address, ctx.time.now(), policy);
    const refuseLocked = async (lock: Lock) => {
      await audit('SIGN_IN_LOCKED');
      return again(lockMessage(lock, ctx.time.now()), 429);
    };

    // a locked account or address costs no password check
    const lockedBefore = await lockOf();
    if (lockedBefore) return refuseLocked(lockedBefore);
    const result = await checks.run(async () => {
      // looked at again once a check is free: others may have failed while this one queued
      return (await lockOf()) ?? signIn(ctx.db, username, password, { production: ctx.config.production });
    });
    if (result === BUSY) {
      await audit('SIGN_IN_BUSY');
      reply.header('retry-after', '5');
      return again('There are too many sign-in attempts right now. Try again in a moment.', 503);
    }
    if ('by' in result) return refuseLocked(result);
    if (!result.ok) {
      await recordFailure(ctx.db, account, address, ctx.time.now());
      await audit('SIGN_IN_REFUSED');
      const lockedNow = await lockOf();
      if (lockedNow) return refuseLocked(lockedNow);
      return again(
        result.reason === 'demo_refused' ? 'Demo accounts cannot sign in to a production service' : 'Enter a correct username and password',
      );
    }
    await clearFailures(ctx.db, account, ctx.time.now());
    await beginSession(ctx, req, result.user, 'password');
    return reply.redirect(next ?? homeFor(ctx.navigation, result.user), 303);
  });

  app.post('/sign-out', { preHandler: app.csrfProtection }, async (req, reply) => {
    const sid = req.session.get('sid');
    if (sid) await endSessionByToken(ctx.db, sid, 'signed_out', ctx.time.now());
    if (req.user)
      await recordAudit(ctx.db, { userId: req.user.id, username: req.user.username, action: 'SIGN_OUT', route: 'POST /sign-out' });
    req.session.delete();
    return reply.redirect('/sign-in', 303);
  });

  app.get('/', async (req, reply) => {
    if (!req.user) return reply.redirect('/sign-in');
    return reply.redirect(homeFor(ctx.navigation, req.user));
  });

  oidcRoutes(app, ctx);
}
