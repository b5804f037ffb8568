import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import { canSeeChild } from '../auth/access.js';
import type { AccessRole } from '../auth/schema.js';
import type { SignedInUser } from '../auth/users.js';
import type { AppContext } from './context.js';
import { csrfUnlessApiToken } from './session.js';

export interface RouteSpec {
  method: 'GET' | 'POST';
  url: string;
  /** Roles allowed; every signed-in role when absent. */
  roles?: readonly AccessRole[];
  /**
   * Audit action written after a successful request (VIEW_CHILD, RECORD_VISIT, ...). Routes with a
   * :childId parameter must declare one: every view and change of a child's record is audited.
   */
  audit?: string;
  /** JSON API route: errors as JSON rather than pages. */
  api?: boolean;
}

export interface RequestState {
  user: SignedInUser;
  /** The id of the record a change created or touched, for the audit row. */
  recordId?: string;
  /** The child a route without :childId acted on (a child just created, say), for the audit row. */
  childId?: string;
  /**
   * Other children a response names or lists (a search's results, a work list, a related
   * child shown on a record), so the audit trail says whose details each response revealed.
   */
  revealedChildIds?: string[];
}

export type Handler = (req: FastifyRequest, reply: FastifyReply, state: RequestState) => Promise<unknown>;

/**
 * Every signed-in page and API call goes through here: sign-in required, role checked,
 * access to the child in :childId checked (a 403 that says nothing about the child), and
 * the audit row written.
 */
export function route(app: FastifyInstance, ctx: AppContext, spec: RouteSpec, handler: Handler): void {
  if (spec.url.includes(':childId') && !spec.audit) {
    throw new Error(`route ${spec.method} ${spec.url} shows a child's record and must declare an audit action`);
  }
  const routeName = `${spec.method} ${spec.url}`;
  const states = new WeakMap<FastifyRequest, RequestState>();
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.method === 'POST' ? { preHandler: csrfUnlessApiToken(app) } : {}),
    // The audit row is written before the response leaves, so nobody sees a change the trail has not.
    onSend: async (req, reply, payload) => {
      const state = states.get(req);
      if (spec.audit && state && reply.statusCode < 400) {
        await recordAudit(ctx.db, {
          userId: state.user.id,
          username: state.user.username,
          childId: (req.params as Record<string, string | undefined>).childId ?? state.childId ?? null,
          action: spec.audit,
          route: routeName,
          recordId: state.recordId ?? null,
        });
      }
      return payload;
    },
    handler: async (req, reply) => {
      const user = req.user;
      if (!user) {
        if (spec.api) return reply.code(401).send({ error: 'Sign in first' });
        return reply.redirect(`/sign-in?next=${encodeURIComponent(req.url)}`);
      }
      if (spec.roles && !spec.roles.includes(user.role)) return forbidden(reply, spec.api);
      const childId = (req.params as Record<string, string | undefined>).childId;
      if (childId !== undefined && !(await canSeeChild(ctx.db, user, childId))) {
        await recordAudit(ctx.db, {
          userId: user.id,
          username: user.username,
          action: 'ACCESS_REFUSED',
          route: routeName,
          recordId: childId.slice(0, 36),
        });
        return forbidden(reply, spec.api);
      }
      const state: RequestState = { user };
      states.set(req, state);
      return handler(req, reply, state);
    },
  });
}

export function forbidden(reply: FastifyReply, api?: boolean): FastifyReply {
  reply.code(403);
  if (api) return reply.send({ error: 'You do not have access to this' });
  return reply.page('message.njk', {
    title: 'You do not have access to this page',
    paragraphs: [
      'Your account does not give you access to this page or record.',
      'If you need it for your work, ask your team manager.',
    ],
    link: { href: '/', text: 'Go to your home page' },
  });
}
