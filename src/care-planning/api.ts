/**
 * Care planning's JSON reads. Its changes are declared once in routes.ts, which makes each
 * one's page route and API route.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import { apiPaths } from './paths.js';
import { onlyCarePlanning } from './presenters.js';
import { carePlanningOf, carePlanOf } from './queries.js';
import { practice } from './routes.js';

export function carePlanningApi(app: FastifyInstance, ctx: AppContext): void {
  const params = (req: FastifyRequest) => req.params as { childId: string; periodId: string };

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s care plans (the version now of each period’s), placement plans, UASC status and what is due under their rules',
    },
    async (req, reply) => {
      const p = params(req);
      const clock = await loadClockContext(ctx.db);
      const [record, obligations] = await Promise.all([
        carePlanningOf(ctx.db, p.childId),
        childObligations(ctx.db, p.childId, ctx.time.now(), clock),
      ]);
      return reply.send({ ...record, obligations: onlyCarePlanning(obligations) });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.carePlan,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'A period of care’s care plan: every version, newest (the plan now) first, and its placements’ plans',
    },
    async (req, reply) => {
      const p = params(req);
      const data = await carePlanOf(ctx.db, p.childId, p.periodId);
      if (!data) return reply.code(404).send({ error: 'The period of care was not found on this child’s record' });
      return reply.send(data);
    },
  );
}
