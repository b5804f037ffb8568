import type { FastifyInstance } from 'fastify';
import { accessRoles } from '../core/auth/schema.js';
import { addUser, usernameTaken } from '../core/auth/users.js';
import type { AppContext } from '../core/http/context.js';
import { errorView, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { listTeams, listUsers, listWorkers, newUserSchema } from './users-admin.js';

export function adminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (extra: Record<string, unknown> = {}) => ({
    title: 'Users',
    users: await listUsers(ctx.db),
    teams: await listTeams(ctx.db),
    workers: await listWorkers(ctx.db),
    roles: accessRoles,
    values: {},
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: '/admin/users', roles: ['administrator'] }, async (_req, reply) =>
    reply.page('workforce/views/users.njk', await page()),
  );

  route(app, ctx, { method: 'POST', url: '/admin/users', roles: ['administrator'], audit: 'ADD_USER' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const parsed = parse(newUserSchema, body);
    const errors = parsed.ok ? [] : parsed.errors;
    if (parsed.ok && (await usernameTaken(ctx.db, parsed.value.username))) {
      errors.push({ field: 'username', message: 'Username is already taken' });
    }
    if (!parsed.ok || errors.length) {
      const { password: _password, ...kept } = body;
      return reply.code(400).page('workforce/views/users.njk', await page({ values: kept, ...errorView(errors) }));
    }
    // a user who is a worker belongs to the worker's team unless another is chosen
    const worker = parsed.value.workerId ? (await listWorkers(ctx.db)).find((w) => w.id === parsed.value.workerId) : undefined;
    if (parsed.value.workerId && !worker) {
      return reply.code(400).page('workforce/views/users.njk', await page({ values: body, ...errorView([{ field: 'workerId', message: 'Worker record must be a worker without a sign-in' }]) }));
    }
    await state.write((tx) => addUser(tx, { ...parsed.value, workerId: worker?.id ?? null, teamId: parsed.value.teamId ?? worker?.teamId ?? null }));
    reply.flash(`User ${parsed.value.username} added`);
    return reply.redirect('/admin/users', 303);
  });
}
