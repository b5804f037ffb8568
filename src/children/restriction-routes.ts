import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/http/context.js';
import { errorView, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { namedUsers, restrictionSchema, setRestriction, UnknownUsersError } from './restriction.js';
import { roles } from '../core/auth/roles.js';

export function restrictionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (childId: string, extra: Record<string, unknown> = {}) => {
    const child = await childSummary(ctx.db, childId);
    return {
      title: 'Restrict the record',
      child,
      values: { restricted: child?.restricted ? 'yes' : 'no', usernames: (await namedUsers(ctx.db, childId)).join(', ') },
      backLink: `/children/${childId}`,
      ...extra,
    };
  };

  route(app, ctx, { method: 'GET', url: '/children/:childId/restriction', roles: roles.managers, audit: 'VIEW_CHILD' }, async (req, reply) =>
    reply.page('children/views/restriction.njk', await page((req.params as { childId: string }).childId)),
  );

  route(app, ctx, { method: 'POST', url: '/children/:childId/restriction', roles: roles.managers, audit: 'RESTRICT_RECORD' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = req.body as Record<string, unknown>;
    const parsed = parse(restrictionSchema, body);
    const again = async (errors: { field: string; message: string }[]) =>
      reply.code(400).page('children/views/restriction.njk', await page(childId, { values: body, ...errorView(errors) }));
    if (!parsed.ok) return again(parsed.errors);
    try {
      await state.write((tx) => setRestriction(tx, childId, parsed.value, { userId: state.user.id }));
    } catch (e) {
      if (e instanceof UnknownUsersError) return again([{ field: 'usernames', message: `Who may open it: ${e.message}` }]);
      throw e;
    }
    reply.flash(parsed.value.restricted ? 'The record is restricted to the named users' : 'The record is no longer restricted');
    return reply.redirect(`/children/${childId}`, 303);
  });
}
