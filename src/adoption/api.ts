/**
 * Adoption's JSON reads: the child's journeys with what is due under them, the scorecard with
 * the children behind each figure (restricted records counted, not named), and the adopters.
 * The changes' API routes are made with their pages (routes.ts), from the same declarations.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { roles } from '../core/auth/roles.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { todayIn } from '../core/time.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import { apiPaths } from './paths.js';
import {
  adopterStages,
  householdOf,
  households,
  journeysOf,
  placementEndingsOf,
  onlyAdoption,
  panelReports,
  reviewsOf,
  scorecardFor,
  type ScoreChild,
} from './queries.js';

export function adoptionApi(app: FastifyInstance, ctx: AppContext): void {
  const params = (req: FastifyRequest) => req.params as { childId: string; adopterId: string };

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: roles.practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s adoption journeys and reviews, placements that ended without an order, and the reviews and visits due',
    },
    async (req, reply) => {
      const { childId } = params(req);
      const clock = await loadClockContext(ctx.db);
      const [journeys, reviews, placementEndings, obligations] = await Promise.all([
        journeysOf(ctx.db, childId),
        reviewsOf(ctx.db, childId),
        placementEndingsOf(ctx.db, childId),
        childObligations(ctx.db, childId, ctx.time.now(), clock),
      ]);
      return reply.send({ journeys, reviews, placementEndings, obligations: onlyAdoption(obligations) });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.scorecard,
      roles: roles.managers,
      audit: 'VIEW_ADOPTION_SCORECARD',
      summary: 'The adoption scorecard from the record (A1, A2, A10, children waiting and adopters), with the children behind each figure',
    },
    async (_req, reply, state) => {
      const s = await scorecardFor(ctx.db, state.user, todayIn(ctx.time));
      const visible = (c: ScoreChild) =>
        c.restricted
          ? { restricted: true }
          : { childId: c.childId, childName: c.childName, journeyId: c.id, a1: c.a1, a2: c.a2, a10: c.a10, waitingDays: c.waitingDays };
      state.revealedChildIds = [...new Set(Object.values(s.lists).flatMap((l) => l.filter((c) => !c.restricted).map((c) => c.childId)))];
      return reply.send({
        a1: s.a1,
        a2: s.a2,
        a10: s.a10,
        approvedAdoptersWaiting: s.waitingAdopters.length,
        planChangedShare: s.planChangedShare,
        counts: {
          ...Object.fromEntries(Object.entries(s.lists).map(([k, v]) => [k, v.length])),
          special_guardianship: s.exits.special_guardianship.length,
          child_arrangements: s.exits.child_arrangements.length,
        },
        lists: Object.fromEntries(Object.entries(s.lists).map(([k, v]) => [k, v.map(visible)])),
      });
    },
  );

  apiRoute(
    app,
    ctx,
    { method: 'GET', url: apiPaths.adopters, roles: roles.managers, audit: 'VIEW_ADOPTERS', summary: 'Prospective and approved adopters' },
    async (_req, reply) => reply.send({ households: await households(ctx.db) }),
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.adopter,
      roles: roles.managers,
      audit: 'VIEW_ADOPTERS',
      summary: 'An adopter household, with its approval stages’ timescales',
    },
    async (req, reply) => {
      const h = await householdOf(ctx.db, params(req).adopterId);
      if (!h) return reply.code(404).send({ error: 'The adopter household was not found' });
      const clock = await loadClockContext(ctx.db);
      return reply.send({ ...h, stages: adopterStages(h, clock, todayIn(ctx.time)) });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.panel,
      roles: roles.managers,
      audit: 'VIEW_ADOPTION_PANEL',
      summary:
        'Reports to the adoption and permanence panel, with its feedback and the amendments it required (restricted children not named)',
    },
    async (_req, reply, state) => {
      const reports = await panelReports(ctx.db, state.user);
      state.revealedChildIds = [...new Set(reports.flatMap((r) => (r.childId && !r.restricted ? [r.childId] : [])))];
      return reply.send({
        reports: reports.map((r) => (r.restricted ? { ...r, childId: null, childName: null } : r)),
      });
    },
  );
}
