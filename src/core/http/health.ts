import type { FastifyInstance } from 'fastify';
import { canWrite, isReachable } from '../db/database.js';
import type { AppContext } from './context.js';

export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', async (_req, reply) => {
    // a database that answers but cannot save would lose every change people make; a write
    // that succeeds shows it answers too, so load balancers' polls cost one statement
    const writable = await canWrite(ctx.db);
    const reachable = writable || (await isReachable(ctx.db));
    return reply.code(writable ? 200 : 503).send({
      status: writable ? 'ok' : reachable ? 'database cannot write' : 'database unreachable',
      database: { kind: ctx.database.kind, reachable, writable },
    });
  });
}
