import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/http/context.js';
import { errorView, parse } from '../core/http/forms.js';
import { route, type RequestState } from '../core/http/route.js';
import { childRecord, namedChildren } from './record.js';
import { addRelationship, relationshipSchema, UnknownChildReferenceError } from './relationships.js';
import { relationshipTypes } from './schema.js';

export function relationshipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (childId: string, state: RequestState, extra: Record<string, unknown> = {}) => {
    const record = await childRecord(ctx.db, childId, ctx.time.now(), state.user);
    state.revealedChildIds = [...new Set([...(state.revealedChildIds ?? []), ...namedChildren(record)])];
    return { title: 'People in the child’s life', record, types: relationshipTypes, values: {}, backLink: `/children/${childId}`, ...extra };
  };

  route(app, ctx, { method: 'GET', url: '/children/:childId/relationships', audit: 'VIEW_CHILD' }, async (req, reply, state) =>
    reply.page('children/views/relationships.njk', await page((req.params as { childId: string }).childId, state)),
  );

  route(app, ctx, { method: 'POST', url: '/children/:childId/relationships', audit: 'RECORD_RELATIONSHIP' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = req.body as Record<string, unknown>;
    const parsed = parse(relationshipSchema, body);
    const again = async (errors: { field: string; message: string }[]) =>
      reply.code(400).page('children/views/relationships.njk', await page(childId, state, { values: body, ...errorView(errors) }));
    if (!parsed.ok) return again(parsed.errors);
    try {
      // the audit row names the other child too: the link is about both
      await state.write(async (tx) => {
        const { relatedChildId } = await addRelationship(tx, childId, parsed.value, state.user);
        if (relatedChildId) state.revealedChildIds = [relatedChildId];
      });
    } catch (e) {
      if (e instanceof UnknownChildReferenceError) return again([{ field: 'childReference', message: e.message }]);
      throw e;
    }
    reply.flash('Person added');
    return reply.redirect(`/children/${childId}/relationships`, 303);
  });
}
