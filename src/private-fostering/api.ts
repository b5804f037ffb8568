/**
 * Private fostering's JSON reads: the child's arrangements with what is due under them, one
 * arrangement with its visits, and the managers' figures. The changes' API routes are made
 * with their pages (routes.ts), from the same declarations.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roles } from '../core/auth/roles.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import { apiPaths } from './paths.js';
import { todayIn } from '../core/time.js';
import { arrangementOf, arrangementsOf, figuresFor, onlyPrivateFostering, visitsDuring } from './queries.js';

interface Params {
  childId: string;
  id: string;
}

export function privateFosteringApi(app: FastifyInstance, ctx: AppContext): void {
  const params = (req: FastifyRequest) => req.params as Params;

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyPrivateFostering(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: roles.practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s private fostering arrangements, and the visits due under them',
    },
    async (req, reply) => {
      const p = params(req);
      const [arrangements, obligations] = await Promise.all([arrangementsOf(ctx.db, p.childId), obligationsOf(p.childId)]);
      return reply.send({ arrangements, obligations });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.arrangement,
      roles: roles.practice,
      audit: 'VIEW_CHILD',
      summary: 'A private fostering arrangement: its details, the carer’s assessment, and the child’s visits during it',
    },
    async (req, reply) => {
      const p = params(req);
      const a = await arrangementOf(ctx.db, p.childId, p.id);
      if (!a) return reply.code(404).send({ error: 'The private fostering arrangement was not found on this child’s record' });
      const [visits, obligations] = await Promise.all([visitsDuring(ctx.db, a), obligationsOf(p.childId)]);
      return reply.send({ ...a, visits, obligations: obligations.filter((o) => o.episode === a.id) });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.figures,
      roles: roles.managers,
      audit: 'VIEW_PRIVATE_FOSTERING_FIGURES',
      summary:
        'Privately fostered children, and how many were seen within 7 working days of the notification, with the children behind each figure',
    },
    async (_req, reply, state) => {
      const f = await figuresFor(ctx.db, state.user, ctx.time.now(), todayIn(ctx.time));
      const visible = (list: (typeof f.lists)[keyof typeof f.lists]) =>
        list.map((c) =>
          c.restricted
            ? { restricted: true, notifiedOn: c.notifiedOn, firstVisit: c.firstVisit }
            : {
                childId: c.childId,
                childName: c.childName,
                arrangementId: c.arrangementId,
                notifiedOn: c.notifiedOn,
                due: c.due,
                done: c.done,
                firstVisit: c.firstVisit,
              },
        );
      state.revealedChildIds = [
        ...new Set(
          f.lists.current
            .concat(f.lists.notified)
            .filter((c) => !c.restricted)
            .map((c) => c.childId),
        ),
      ];
      return reply.send({
        percentOnTime: f.percentOnTime,
        firstVisitsDue: f.decided,
        counts: Object.fromEntries(Object.entries(f.lists).map(([k, v]) => [k, v.length])),
        lists: Object.fromEntries(Object.entries(f.lists).map(([k, v]) => [k, visible(v)])),
      });
    },
  );
}
