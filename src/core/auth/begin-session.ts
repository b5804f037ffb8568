import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../http/context.js';
import { endSessionByToken, startSession } from './sessions.js';
import type { SignedInUser } from './users.js';

/** How a person proved who they are: the local password, or the council's identity provider. */
export type SignInMethod = 'password' | 'oidc';

/**
 * The one place a session starts, whatever proved the person's identity: a fresh session row
 * (never one carried over from before sign-in; a session the cookie already named ends), a
 * cookie carrying only its random id, and the audit row.
 */
export async function beginSession(ctx: AppContext, req: FastifyRequest, user: SignedInUser, method: SignInMethod): Promise<void> {
  const now = ctx.time.now();
  const previous = req.session.get('sid');
  if (previous) await endSessionByToken(ctx.db, previous, 'replaced', now);
  req.session.regenerate();
  req.session.set('sid', await startSession(ctx.db, user.id, method, now, ctx.config.sessions));
  await recordAudit(ctx.db, {
    userId: user.id,
    username: user.username,
    action: 'SIGN_IN',
    route: method === 'password' ? 'POST /sign-in' : 'GET /sign-in/oidc/callback',
  });
}
