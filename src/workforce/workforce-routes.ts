import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../core/http/context.js';
import { errorView, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { workerRoles } from './schema.js';
import { addTeam, addWorker, newTeamSchema, newWorkerSchema, teamKinds, teamNameTaken, workforceLists } from './workforce-admin.js';

export function workforceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (extra: Record<string, unknown> = {}) => {
    const [teams, workers] = await workforceLists(ctx.db);
    return { title: 'Teams and workers', teams, workers, teamKinds, workerRoles, values: {}, ...extra };
  };

  route(app, ctx, { method: 'GET', url: '/admin/workforce', roles: ['administrator'] }, async (_req, reply) =>
    reply.page('workforce/views/workforce.njk', await page()),
  );

  route(app, ctx, { method: 'POST', url: '/admin/workforce/teams', roles: ['administrator'], audit: 'ADD_TEAM' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const parsed = parse(newTeamSchema, body);
    const errors = parsed.ok ? [] : [...parsed.errors];
    if (parsed.ok && (await teamNameTaken(ctx.db, parsed.value.name))) errors.push({ field: 'name', message: 'Team name is already used by another team' });
    if (!parsed.ok || errors.length) return reply.code(400).page('workforce/views/workforce.njk', await page({ teamValues: body, ...errorView(errors) }));
    await state.write((tx) => addTeam(tx, parsed.value));
    reply.flash(`Team ${parsed.value.name} added`);
    return reply.redirect('/admin/workforce', 303);
  });

  route(app, ctx, { method: 'POST', url: '/admin/workforce/workers', roles: ['administrator'], audit: 'ADD_WORKER' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const parsed = parse(newWorkerSchema, body);
    if (!parsed.ok) {
      // the worker's name field has its own id on a page that also has the team's name field
      const errors = parsed.errors.map((e) => (e.field === 'name' ? { ...e, field: 'workerName' } : e));
      return reply.code(400).page('workforce/views/workforce.njk', await page({ values: body, ...errorView(errors) }));
    }
    await state.write((tx) => addWorker(tx, parsed.value));
    reply.flash(`${parsed.value.name} added`);
    return reply.redirect('/admin/workforce', 303);
  });
}
