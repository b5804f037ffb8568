import type { FastifyInstance } from 'fastify';
import { isReachable } from '../db/database.js';
import type { AppContext } from './context.js';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', async (_req, reply) => {
    const database = await isReachable(ctx.db);
    return reply.code(database ? 200 : 503).send({
      status: database ? 'ok' : 'database unreachable',
      database: { kind: ctx.database.kind, reachable: database },
    });
  });
}
