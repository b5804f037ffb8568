import type { FastifyInstance, FastifyReply } from 'fastify';
import { accessRoles } from '../core/auth/schema.js';
import { addUser, usernameTaken } from '../core/auth/users.js';
import type { AppContext } from '../core/http/context.js';
import { errorView, type FieldError, parse } from '../core/http/forms.js';
import { route, writeUnlessRefused } from '../core/http/route.js';
import { hashPassword } from '../core/auth/passwords.js';
import { listTeams } from '../core/organisation/teams.js';
import {
  editUser,
  editUserSchema,
  listUsers,
  listWorkers,
  newUserSchema,
  passwordResetSchema,
  resetPassword,
  setUserDisabled,
  userDetails,
  versionSchema,
  workersFor,
} from './users-admin.js';
import { type AdminResult, answerChange, done, notFound } from './admin-results.js';
import { roles } from '../core/auth/roles.js';

const EDIT = 'workforce/views/user-edit.njk';

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

  route(app, ctx, { method: 'GET', url: '/admin/users', roles: roles.administrators }, async (_req, reply) =>
    reply.page('workforce/views/users.njk', await page()),
  );

  route(app, ctx, { method: 'POST', url: '/admin/users', roles: roles.administrators, audit: 'ADD_USER' }, async (req, reply, state) => {
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
    await state.write(async (tx) => {
      state.recordId = await addUser(tx, { ...parsed.value, workerId: worker?.id ?? null, teamId: parsed.value.teamId ?? worker?.teamId ?? null });
    });
    reply.flash(`User ${parsed.value.username} added`);
    return reply.redirect('/admin/users', 303);
  });

  /** The page to change one user; `values` are what the form shows (the saved details unless given). */
  const editPage = async (reply: FastifyReply, userId: string, extra: { values?: Record<string, unknown>; errors?: FieldError[]; status?: number } = {}) => {
    const user = await userDetails(ctx.db, userId);
    if (!user) return notFound(reply);
    // a stale save shows what is saved now, with the version to save against
    const values = { ...user, ...(extra.values ?? {}), ...(extra.status === 409 ? { version: user.version } : {}) };
    return reply.code(extra.status ?? 200).page(EDIT, {
      title: `Change ${user.username}`,
      user,
      values,
      teams: await listTeams(ctx.db),
      workers: await workersFor(ctx.db, userId),
      roles: accessRoles,
      backLink: '/admin/users',
      ...errorView(extra.errors ?? []),
    });
  };

  /** The answer to a change: the page again with what was wrong, or on to the list. */
  const answer = (reply: FastifyReply, userId: string, result: AdminResult | null, body: Record<string, unknown>, flash: string) => {
    const { password: _password, ...kept } = body;
    return answerChange(reply, result, { editPage: (extra) => editPage(reply, userId, extra), staleField: 'displayName', values: kept, flash, to: '/admin/users' });
  };

  route(app, ctx, { method: 'GET', url: '/admin/users/:userId', roles: roles.administrators }, async (req, reply) =>
    editPage(reply, (req.params as { userId: string }).userId),
  );

  route(app, ctx, { method: 'POST', url: '/admin/users/:userId', roles: roles.administrators, audit: 'CHANGE_USER' }, async (req, reply, state) => {
    const { userId } = req.params as { userId: string };
    const body = req.body as Record<string, unknown>;
    const parsed = parse(editUserSchema, body);
    if (!parsed.ok) return editPage(reply, userId, { status: 400, values: body, errors: parsed.errors });
    state.recordId = userId;
    return answer(reply, userId, await writeUnlessRefused(state, (tx) => editUser(tx, userId, parsed.value), done), body, 'Changes saved');
  });

  for (const [action, disabled, audit] of [['disable', true, 'DISABLE_USER'], ['enable', false, 'ENABLE_USER']] as const) {
    route(app, ctx, { method: 'POST', url: `/admin/users/:userId/${action}`, roles: roles.administrators, audit }, async (req, reply, state) => {
      const { userId } = req.params as { userId: string };
      const body = req.body as Record<string, unknown>;
      const parsed = parse(versionSchema, body);
      if (!parsed.ok) return editPage(reply, userId, { status: 400, errors: parsed.errors.map((e) => ({ ...e, field: action })) });
      state.recordId = userId;
      const result = await writeUnlessRefused(state, (tx) => setUserDisabled(tx, userId, disabled, parsed.value.version, { userId: state.user.id, now: ctx.time.now() }), done);
      return answer(reply, userId, result, {}, disabled ? 'User disabled and signed out everywhere' : 'User enabled');
    });
  }

  route(app, ctx, { method: 'POST', url: '/admin/users/:userId/password', roles: roles.administrators, audit: 'RESET_PASSWORD' }, async (req, reply, state) => {
    const { userId } = req.params as { userId: string };
    const body = req.body as Record<string, unknown>;
    const parsed = parse(passwordResetSchema, body);
    if (!parsed.ok) return editPage(reply, userId, { status: 400, errors: parsed.errors });
    state.recordId = userId;
    const hash = await hashPassword(parsed.value.password);
    const result = await writeUnlessRefused(state, (tx) => resetPassword(tx, userId, { hash }, parsed.value.version, ctx.time.now()), done);
    return answer(reply, userId, result, body, 'Password reset: the user has been signed out everywhere');
  });
}
