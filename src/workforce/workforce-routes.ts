import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../core/http/context.js';
import { errorView, type FieldError, parse } from '../core/http/forms.js';
import { route, writeUnlessRefused } from '../core/http/route.js';
import { answerChange, done, notFound } from './admin-results.js';
import { workerRoles } from '../core/organisation/schema.js';
import { listTeams } from '../core/organisation/teams.js';
import { versionSchema } from './users-admin.js';
import {
  addTeam,
  addWorker,
  editWorker,
  editWorkerSchema,
  markWorkerLeft,
  newTeamSchema,
  newWorkerSchema,
  teamKinds,
  teamNameTaken,
  workerDetails,
  workforceLists,
} from './workforce-admin.js';
import { roles } from '../core/auth/roles.js';

const EDIT = 'workforce/views/worker-edit.njk';

export function workforceRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (extra: Record<string, unknown> = {}) => {
    const [teams, workers] = await workforceLists(ctx.db);
    return { title: 'Teams and workers', teams, workers, teamKinds, workerRoles, values: {}, ...extra };
  };

  route(app, ctx, { method: 'GET', url: '/admin/workforce', roles: roles.administrators }, async (_req, reply) =>
    reply.page('workforce/views/workforce.njk', await page()),
  );

  route(app, ctx, { method: 'POST', url: '/admin/workforce/teams', roles: roles.administrators, audit: 'ADD_TEAM' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const parsed = parse(newTeamSchema, body);
    const errors = parsed.ok ? [] : [...parsed.errors];
    if (parsed.ok && (await teamNameTaken(ctx.db, parsed.value.name))) errors.push({ field: 'name', message: 'Team name is already used by another team' });
    if (!parsed.ok || errors.length) return reply.code(400).page('workforce/views/workforce.njk', await page({ teamValues: body, ...errorView(errors) }));
    await state.write((tx) => addTeam(tx, parsed.value));
    reply.flash(`Team ${parsed.value.name} added`);
    return reply.redirect('/admin/workforce', 303);
  });

  route(app, ctx, { method: 'POST', url: '/admin/workforce/workers', roles: roles.administrators, audit: 'ADD_WORKER' }, async (req, reply, state) => {
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

  const yesNoValue = (v: boolean) => (v ? 'yes' : 'no');
  const editPage = async (reply: FastifyReply, workerId: string, extra: { values?: Record<string, unknown>; errors?: FieldError[]; status?: number } = {}) => {
    const worker = await workerDetails(ctx.db, workerId);
    if (!worker) return notFound(reply);
    const saved = { ...worker, qualified: yesNoValue(worker.qualified), newlyQualified: yesNoValue(worker.newlyQualified), agency: yesNoValue(worker.agency) };
    // a stale save shows what is saved now, with the version to save against
    const values = { ...saved, ...(extra.status === 409 ? {} : (extra.values ?? {})) };
    return reply.code(extra.status ?? 200).page(EDIT, {
      title: `Change ${worker.name}`,
      worker,
      values,
      teams: await listTeams(ctx.db),
      workerRoles,
      backLink: '/admin/workforce',
      ...errorView(extra.errors ?? []),
    });
  };

  route(app, ctx, { method: 'GET', url: '/admin/workforce/workers/:workerId', roles: roles.administrators }, async (req, reply) =>
    editPage(reply, (req.params as { workerId: string }).workerId),
  );

  route(app, ctx, { method: 'POST', url: '/admin/workforce/workers/:workerId', roles: roles.administrators, audit: 'CHANGE_WORKER' }, async (req, reply, state) => {
    const { workerId } = req.params as { workerId: string };
    const body = req.body as Record<string, unknown>;
    const parsed = parse(editWorkerSchema, body);
    if (!parsed.ok) return editPage(reply, workerId, { status: 400, values: body, errors: parsed.errors });
    state.recordId = workerId;
    const result = await writeUnlessRefused(state, (tx) => editWorker(tx, workerId, parsed.value), done);
    return answerChange(reply, result, { editPage: (extra) => editPage(reply, workerId, extra), staleField: 'name', values: body, flash: `${parsed.value.name}: changes saved`, to: '/admin/workforce' });
  });

  route(app, ctx, { method: 'POST', url: '/admin/workforce/workers/:workerId/left', roles: roles.administrators, audit: 'WORKER_LEFT' }, async (req, reply, state) => {
    const { workerId } = req.params as { workerId: string };
    const parsed = parse(versionSchema, req.body);
    if (!parsed.ok) return editPage(reply, workerId, { status: 400, errors: parsed.errors.map((e) => ({ ...e, field: 'left' })) });
    state.recordId = workerId;
    const result = await writeUnlessRefused(state, (tx) => markWorkerLeft(tx, workerId, parsed.value.version), done);
    return answerChange(reply, result, { editPage: (extra) => editPage(reply, workerId, extra), staleField: 'name', flash: 'Worker marked as left', to: '/admin/workforce' });
  });
}
