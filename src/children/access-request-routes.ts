import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/http/context.js';
import { errorView, parse } from '../core/http/forms.js';
import { forbidden, route } from '../core/http/route.js';
import {
  accessNotices,
  accessRequestSchema,
  AlreadyDecidedError,
  decideAccessRequest,
  NotYoursToDecideError,
  requestAccess,
  requestsMadeBy,
  requestsToDecide,
  restrictedRecordFor,
} from './access-requests.js';

/**
 * Asking to be named on a restricted record that is part of one's work, and granting or
 * declining such a request. No route here has :childId: the requester may not open the
 * record, so the child is checked here (in their work, and not already open to them).
 */
export function accessRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, { method: 'GET', url: '/access-requests', audit: 'VIEW_ACCESS_REQUESTS' }, async (_req, reply, state) => {
    const [notices, toDecide, mine] = await Promise.all([
      accessNotices(ctx.db, state.user),
      requestsToDecide(ctx.db, state.user),
      requestsMadeBy(ctx.db, state.user),
    ]);
    state.revealedChildIds = [...new Set([...toDecide, ...mine].flatMap((r) => (r.childId ? [r.childId] : [])))];
    return reply.page('children/views/access-requests.njk', { title: 'Requests for access to restricted records', notices: { ...notices, toDecide: 0 }, toDecide, mine });
  });

  const form = (child: string, record: object, extra: Record<string, unknown> = {}) => ({
    title: 'Ask for access to a restricted record',
    record,
    values: { child },
    backLink: '/access-requests',
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: '/access-requests/new' }, async (req, reply, { user }) => {
    const child = String((req.query as Record<string, unknown>).child ?? '');
    const record = await restrictedRecordFor(ctx.db, user, child);
    if (record === 'visible') return reply.redirect(`/children/${child}`);
    if (!record) return forbidden(reply);
    return reply.page('children/views/access-request-new.njk', form(child, record));
  });

  route(app, ctx, { method: 'POST', url: '/access-requests', audit: 'REQUEST_ACCESS' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const child = typeof body.child === 'string' ? body.child : '';
    const record = await restrictedRecordFor(ctx.db, state.user, child);
    if (record === 'visible') return reply.redirect(`/children/${child}`, 303);
    if (!record) return forbidden(reply);
    const parsed = parse(accessRequestSchema, body);
    if (!parsed.ok) return reply.code(400).page('children/views/access-request-new.njk', form(child, record, { values: body, ...errorView(parsed.errors) }));
    state.childId = child;
    await state.write(async (tx) => {
      state.recordId = await requestAccess(tx, parsed.value, { userId: state.user.id });
    });
    reply.flash('Your request has been sent to the people who can grant it');
    return reply.redirect('/access-requests', 303);
  });

  for (const [action, decision, audit, done] of [
    ['grant', 'granted', 'GRANT_ACCESS', 'Access granted: they are now named on the record'],
    ['decline', 'declined', 'DECLINE_ACCESS', 'Request declined'],
  ] as const) {
    route(app, ctx, { method: 'POST', url: `/access-requests/:requestId/${action}`, audit }, async (req, reply, state) => {
      const { requestId } = req.params as { requestId: string };
      try {
        state.recordId = requestId;
        await state.write(async (tx) => {
          state.childId = (await decideAccessRequest(tx, requestId, decision, state.user)).childId;
        });
      } catch (e) {
        if (e instanceof NotYoursToDecideError) return forbidden(reply);
        if (e instanceof AlreadyDecidedError) {
          return reply.code(409).page('message.njk', { title: e.message, paragraphs: ['Someone else decided it first. Nothing has been changed.'], link: { href: '/access-requests', text: 'Back to requests for access' } });
        }
        throw e;
      }
      reply.flash(done);
      return reply.redirect('/access-requests', 303);
    });
  }
}
