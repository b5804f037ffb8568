import type { FastifyInstance, FastifyReply } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../http/context.js';
import { homeFor } from '../http/navigation.js';
import { beginSession } from './begin-session.js';
import { type IdentityMatch, userForIdentity } from './external-identity.js';
import { OidcClient, OidcSignInError, type OidcTransaction } from './oidc.js';
import { safeNext } from './safe-next.js';
import { errorKind } from '../http/errors.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    /** A single sign-on under way in this browser (state, nonce, PKCE verifier). */
    oidc: OidcTransaction;
  }
}

const CALLBACK_ROUTE = 'GET /sign-in/oidc/callback';

/**
 * Single sign-on through the authority's OpenID Connect provider: /sign-in/oidc sends the
 * person to the provider, which sends them back to /sign-in/oidc/callback.
 */
export function oidcRoutes(app: FastifyInstance, ctx: AppContext): void {
  const config = ctx.config.oidc;
  if (!config) return;
  const client = new OidcClient(config);
  const provider = config.providerName;

  const problem = (reply: FastifyReply, status: number, title: string, paragraphs: string[]) =>
    reply.code(status).page('message.njk', { title, paragraphs, link: { href: '/sign-in', text: 'Go back to sign in' } });

  app.get('/sign-in/oidc', async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    let started: Awaited<ReturnType<OidcClient['begin']>>;
    try {
      started = await client.begin(next, ctx.time.now().getTime());
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      req.log.warn(
        { kind: error.kind, cause: error.cause instanceof Error ? errorKind(error.cause) : undefined },
        'single sign-on could not start',
      );
      return problem(reply, 503, `${capitalised(provider)} cannot be reached`, [
        `OpenCSC could not reach ${provider} to sign you in. Try again in a few minutes.`,
        'If it keeps happening, tell your IT service desk.',
      ]);
    }
    req.session.set('oidc', started.transaction);
    return reply.redirect(started.url, 303);
  });

  app.get('/sign-in/oidc/callback', async (req, reply) => {
    const transaction = req.session.get('oidc');
    // one use only: a second arrival with the same answer finds nothing to finish
    req.session.set('oidc', undefined);
    const query = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';

    let identity: Awaited<ReturnType<OidcClient['finish']>>;
    try {
      identity = await client.finish(query, transaction, ctx.time.now().getTime());
    } catch (error) {
      if (!(error instanceof OidcSignInError)) throw error;
      req.log.warn(
        { kind: error.kind, cause: error.cause instanceof Error ? errorKind(error.cause) : undefined },
        'single sign-on refused',
      );
      if (error.kind === 'provider_unreachable') {
        return problem(reply, 503, `${capitalised(provider)} cannot be reached`, [
          `OpenCSC could not reach ${provider} to finish signing you in. Try again in a few minutes.`,
        ]);
      }
      await recordAudit(ctx.db, { userId: null, username: null, action: 'SIGN_IN_REFUSED', route: CALLBACK_ROUTE });
      if (error.kind === 'refused_by_provider') {
        return problem(reply, 401, 'You have not been signed in', [`${capitalised(provider)} did not sign you in.`]);
      }
      return problem(reply, 400, 'Signing in could not be finished', [
        'Signing in took too long, was started in another browser or tab, or the answer from the sign-in service could not be trusted.',
        'Start again from the sign-in page.',
      ]);
    }

    const match = await userForIdentity(ctx.db, identity, { production: ctx.config.production });
    if (!match.ok) {
      await recordAudit(ctx.db, {
        userId: match.userId,
        username: identity.username?.slice(0, 100) ?? null,
        action: 'SIGN_IN_REFUSED',
        route: CALLBACK_ROUTE,
      });
      const [title, paragraphs] = refusal(match.reason, provider);
      return problem(reply, 403, title, paragraphs);
    }
    if (match.linkedNow) {
      await recordAudit(ctx.db, {
        userId: match.user.id,
        username: match.user.username,
        action: 'SIGN_IN_ACCOUNT_LINKED',
        route: CALLBACK_ROUTE,
      });
    }
    await beginSession(ctx, req, match.user, 'oidc');
    return reply.redirect(transaction?.next ?? homeFor(ctx.navigation, match.user), 303);
  });
}

function refusal(reason: Extract<IdentityMatch, { ok: false }>['reason'], provider: string): [string, string[]] {
  switch (reason) {
    case 'unknown':
      return [
        'You do not have an OpenCSC account',
        [
          `You signed in to ${provider}, but no OpenCSC user is linked to that account.`,
          'Ask your OpenCSC administrator to add you as a user, with the username your account uses.',
        ],
      ];
    case 'disabled':
      return ['Your OpenCSC account is turned off', ['Ask your OpenCSC administrator if you need to use OpenCSC again.']];
    case 'demo_refused':
      return ['Demo accounts cannot sign in to a production service', ['Sign in with your own account.']];
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
