import type { FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import type { AppContext } from '../http/context.js';
import type { SignedInUser } from './users.js';

/** How a person proved who they are: the local password, or the council's identity provider. */
export type SignInMethod = 'password' | 'oidc';

/**
 * The one place a session starts, whatever proved the person's identity: a fresh session
 * (never one carried over from before sign-in) and the audit row.
 */
export async function beginSession(ctx: AppContext, req: FastifyRequest, user: SignedInUser, method: SignInMethod): Promise<void> {
  req.session.regenerate();
  req.session.set('userId', user.id);
  req.session.set('signedInAt', Date.now());
  await recordAudit(ctx.db, {
    userId: user.id,
    username: user.username,
    action: 'SIGN_IN',
    route: method === 'password' ? 'POST /sign-in' : 'GET /sign-in/oidc/callback',
  });
}
