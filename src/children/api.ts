import type { FastifyInstance } from 'fastify';
import { apiRoute, validationFailure } from '../core/http/api.js';
import { parse } from '../core/http/forms.js';
import type { AppContext } from '../core/http/context.js';
import { todayIn } from '../core/time.js';
import { loadClockContext } from '../obligations/recompute.js';
import { childObligations } from '../obligations/queries.js';
import { childSearchSchema, createChild, findChildren, newChildSchema } from './children.js';
import { childRecord } from './record.js';
import { recordVisit, visitSchema } from './visits.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const;

export function childrenApi(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

  apiRoute(app, ctx, { method: 'GET', url: '/api/children', roles: practice, summary: 'Find children by name, dateOfBirth, nhsNumber or upn (query parameters)' }, async (req, reply, { user }) => {
    const parsed = parse(childSearchSchema, req.query);
    if (!parsed.ok) return reply.code(400).send(validationFailure(parsed.errors));
    const results = await findChildren(ctx.db, user, parsed.value);
    return reply.send({ children: results });
  });

  apiRoute(
    app,
    ctx,
    { method: 'POST', url: '/api/children', roles: practice, audit: 'CREATE_CHILD', summary: 'Add a child', body: newChildSchema(today), responses: { '201': 'Created: the new child’s id' } },
    async (_req, reply, state) => {
      state.recordId = await createChild(ctx.db, state.body, today(), { userId: state.user.id, teamId: state.user.teamId });
      state.childId = state.recordId;
      return reply.code(201).send({ id: state.recordId });
    },
  );

  apiRoute(app, ctx, { method: 'GET', url: '/api/children/:childId', audit: 'VIEW_CHILD', summary: 'A child’s record summary and obligations' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const now = ctx.time.now();
    const record = await childRecord(ctx.db, childId, now);
    const obligations = await childObligations(ctx.db, childId, now, await loadClockContext(ctx.db));
    return reply.send({ ...record, obligations });
  });

  apiRoute(
    app,
    ctx,
    { method: 'POST', url: '/api/children/:childId/visits', audit: 'RECORD_VISIT', summary: 'Record a visit to the child', body: visitSchema(() => todayIn(ctx.time)), responses: { '201': 'Recorded' } },
    async (req, reply, state) => {
      const { childId } = req.params as { childId: string };
      state.recordId = await recordVisit(ctx.db, childId, state.body, { userId: state.user.id, workerId: state.user.workerId });
      return reply.code(201).send({ id: state.recordId });
    },
  );
}
