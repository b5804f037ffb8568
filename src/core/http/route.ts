import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { recordAudit } from '../audit/audit.js';
import { recordAuditBatched } from '../audit/batched.js';
import type { AccessRole } from '../auth/schema.js';
import type { SignedInUser } from '../auth/users.js';
import type { Db } from '../db/database.js';
import { changeNotedOnCommit, noteRecordChange } from '../db/record-changes.js';
import { lockChildren } from '../record/locks.js';
import { isUuid } from '../ids.js';
import type { AppContext } from './context.js';
import { csrfUnlessApiToken } from './session.js';

export interface RouteSpec {
  method: 'GET' | 'POST';
  url: string;
  /** Roles allowed; every signed-in role when absent. */
  roles?: readonly AccessRole[];
  /**
   * Audit action. A GET writes it before the response (VIEW_CHILD, SEARCH_CHILDREN, ...); a
   * POST writes it with the change, in `state.write`, and only when the change is made
   * (RECORD_VISIT, ...). Routes with a :childId parameter, and every POST, must declare one:
   * every view of a child's record and every change is audited.
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
  /**
   * The unit of work for a change: one transaction that locks the child acted on (:childId,
   * or `childId` when set before), runs `change` on the transaction, writes the route's audit
   * row and commits, all before the response is sent. The change and its audit row commit or
   * roll back together; an error thrown by `change` (a stale version, say) saves neither.
   * Set `recordId` (and `childId` for a new child) inside `change`, before it returns.
   */
  write<T>(change: (tx: Db) => Promise<T>): Promise<T>;
}

export type Handler = (req: FastifyRequest, reply: FastifyReply, state: RequestState) => Promise<unknown>;

/** Written for a response that showed children without a view action of its own (likely matches). */
const VIEW_CHILDREN = 'VIEW_CHILDREN';

interface Progress {
  /** The change's audit row was written in its transaction. */
  written: boolean;
  /** How many of revealedChildIds that row already names. */
  revealedRecorded: number;
}

/**
 * Every signed-in page and API call goes through here: sign-in required, role checked,
 * access to the child in :childId checked (a 403 that says nothing about the child), and
 * the audit row written.
 */
export function route(app: FastifyInstance, ctx: AppContext, spec: RouteSpec, handler: Handler): void {
  if (spec.url.includes(':childId') && !spec.audit) {
    throw new Error(`route ${spec.method} ${spec.url} shows a child's record and must declare an audit action`);
  }
  if (spec.method === 'POST' && !spec.audit) {
    throw new Error(`route ${spec.method} ${spec.url} makes a change and must declare an audit action`);
  }
  const routeName = `${spec.method} ${spec.url}`;
  const states = new WeakMap<FastifyRequest, { state: RequestState; progress: Progress }>();
  const paramChildId = (req: FastifyRequest) => (req.params as Record<string, string | undefined>).childId;

  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.method === 'POST' ? { preHandler: csrfUnlessApiToken(app) } : {}),
    // A view is audited before the response leaves, so nobody sees a child the trail has not.
    // Changes were audited in their own transaction (state.write).
    onSend: async (req, reply, payload) => {
      const held = states.get(req);
      // a refusal the handler chose to give (a 409 listing likely matches) can still show
      // children: they are recorded; a failure (500) shows none
      if (!held || reply.statusCode >= 500) return payload;
      const { state, progress } = held;
      const unrecorded = (state.revealedChildIds ?? []).slice(progress.revealedRecorded);
      const viewAction = spec.method === 'GET' && reply.statusCode < 400 ? spec.audit : undefined;
      if ((viewAction && !progress.written) || unrecorded.length > 0) {
        await recordAuditBatched(ctx.db, {
          userId: state.user.id,
          username: state.user.username,
          childId: paramChildId(req) ?? state.childId ?? null,
          childIds: unrecorded,
          action: (!progress.written && viewAction) || VIEW_CHILDREN,
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
      const childId = paramChildId(req);
      if (childId !== undefined && !(await ctx.childAccess.canSee(ctx.db, user, childId))) {
        await recordAudit(ctx.db, {
          userId: user.id,
          username: user.username,
          action: 'ACCESS_REFUSED',
          route: routeName,
          ...(isUuid(childId) ? { childId } : { recordId: childId.slice(0, 36) }),
        });
        return forbidden(reply, spec.api);
      }
      const progress: Progress = { written: false, revealedRecorded: 0 };
      const state: RequestState = {
        user,
        write: async (change) => {
          if (progress.written) throw new Error(`${routeName} wrote twice: one request is one unit of work`);
          const result = await changeNotedOnCommit(() =>
            ctx.db.transaction(async (tx) => {
              await lockChildren(tx, [childId, state.childId]);
              const value = await change(tx);
              const revealed = state.revealedChildIds ?? [];
              // last in the transaction: the audit chain's lock is held from here to commit
              await recordAudit(tx, {
                userId: user.id,
                username: user.username,
                childId: childId ?? state.childId ?? null,
                childIds: revealed,
                action: spec.audit!,
                route: routeName,
                recordId: state.recordId ?? null,
              });
              progress.revealedRecorded = revealed.length;
              return value;
            }),
          );
          progress.written = true;
          // moved once committed (and not before), so nothing computed before the commit is kept as current
          await noteRecordChange(ctx.db);
          return result;
        },
      };
      states.set(req, { state, progress });
      return handler(req, reply, state);
    },
  });
}

/**
 * A change whose use case refuses (a stale version, a rule broken) by returning rather than
 * throwing: `made` says whether the result is a change. A refusal rolls back, so no audit row
 * claims a change; the refusal is returned for the page to explain.
 */
export async function writeUnlessRefused<T>(state: RequestState, change: (tx: Db) => Promise<T>, made: (result: T) => boolean): Promise<T> {
  try {
    return await state.write(async (tx) => {
      const result = await change(tx);
      if (!made(result)) throw new Refused(result);
      return result;
    });
  } catch (e) {
    if (e instanceof Refused) return e.result as T;
    throw e;
  }
}

class Refused extends Error {
  constructor(readonly result: unknown) {
    super('change refused');
  }
}

export function forbidden(reply: FastifyReply, api?: boolean): FastifyReply {
  reply.code(403);
  if (api) return reply.send({ error: 'You do not have access to this' });
  return reply.page('message.njk', {
    title: 'You do not have access to this page',
    paragraphs: ['Your account does not give you access to this page or record.', 'If you need it for your work, ask your team manager.'],
    link: { href: '/', text: 'Go to your home page' },
  });
}
