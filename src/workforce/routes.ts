import type { FastifyInstance, FastifyReply } from 'fastify';
import { childPaths } from '../children/paths.js';
import { hashPassword } from '../core/auth/passwords.js';
import { roles } from '../core/auth/roles.js';
import { addUser, usernameTaken } from '../core/auth/users.js';
import { StaleRecordError } from '../core/db/versions.js';
import type { AppContext } from '../core/http/context.js';
import { errorView, type FieldError, parse } from '../core/http/forms.js';
import { route, writeUnlessRefused } from '../core/http/route.js';
import { listTeams } from '../core/organisation/teams.js';
import { childSummary } from '../core/record/summary.js';
import { workforcePaths as paths } from './paths.js';
import {
  candidateItems,
  changeReasonItems,
  historyRows,
  linkableWorkerItems,
  roleItems,
  teamItems,
  teamKindItems,
  teamRows,
  userRows,
  workerQuestions,
  workerRoleItems,
  workerRows,
} from './presenters.js';
import {
  allocationCandidates,
  allocationHistory,
  currentAllocation,
  listUsers,
  listWorkers,
  teamNameTaken,
  userDetails,
  workerDetails,
  workersFor,
  workforceLists,
} from './queries.js';
import {
  addTeam,
  addWorker,
  type AdminResult,
  allocationSchema,
  done,
  editUser,
  editUserSchema,
  editWorker,
  editWorkerSchema,
  markWorkerLeft,
  newTeamSchema,
  newUserSchema,
  newWorkerSchema,
  passwordResetSchema,
  reallocate,
  resetPassword,
  setUserDisabled,
  versionSchema,
} from './use-cases.js';

type Posted = Record<string, unknown>;
type EditExtra = { values?: Posted; errors?: FieldError[]; status?: number };

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).page('message.njk', {
    title: 'Page not found',
    paragraphs: ['There is no such record. It may have been removed.'],
    link: { href: '/', text: 'Go to your home page' },
  });
}

/**
 * The answer to an administration change: back to the edit page with what was wrong (409,
 * showing what is saved now, when someone saved first), or on to the list with a message.
 */
function answerChange(
  reply: FastifyReply,
  result: AdminResult | null,
  opts: { editPage: (extra: EditExtra) => Promise<FastifyReply>; staleField: string; values?: Posted; flash: string; to: string },
): Promise<FastifyReply> | FastifyReply {
  if (result === null) return notFound(reply);
  if (!result.ok) {
    if (result.stale) return opts.editPage({ status: 409, errors: [{ field: opts.staleField, message: result.message }] });
    return opts.editPage({ status: 400, ...(opts.values ? { values: opts.values } : {}), errors: [result.error] });
  }
  reply.flash(opts.flash);
  return reply.redirect(opts.to, 303);
}

/** A password is never shown back on a page. */
function withoutPassword(body: Posted): Posted {
  const { password: _password, ...kept } = body;
  return kept;
}

export function workforceRoutes(app: FastifyInstance, ctx: AppContext): void {
  userRoutes(app, ctx);
  teamAndWorkerRoutes(app, ctx);
  allocationRoutes(app, ctx);
}

/** Administrators add users, change them, disable and enable them, and reset their passwords. */
function userRoutes(app: FastifyInstance, ctx: AppContext): void {
  const usersPage = async (values: Posted = {}, errors: FieldError[] = []) => {
    const [users, teams, workers] = await Promise.all([listUsers(ctx.db), listTeams(ctx.db), listWorkers(ctx.db)]);
    return {
      title: 'Users',
      rows: userRows(users),
      roleItems: roleItems(values.role),
      teamItems: teamItems(teams, values.teamId, 'No team'),
      workerItems: linkableWorkerItems(workers, values.workerId),
      values,
      action: paths.users(),
      ...errorView(errors),
    };
  };

  route(app, ctx, { method: 'GET', url: paths.users(), roles: roles.administrators }, async (_req, reply) =>
    reply.page('workforce/views/users.njk', await usersPage()),
  );

  route(app, ctx, { method: 'POST', url: paths.users(), roles: roles.administrators, audit: 'ADD_USER' }, async (req, reply, state) => {
    const body = req.body as Posted;
    const parsed = parse(newUserSchema, body);
    const errors = parsed.ok ? [] : parsed.errors;
    if (parsed.ok && (await usernameTaken(ctx.db, parsed.value.username))) {
      errors.push({ field: 'username', message: 'Username is already taken' });
    }
    if (!parsed.ok || errors.length)
      return reply.code(400).page('workforce/views/users.njk', await usersPage(withoutPassword(body), errors));
    // a user who is a worker belongs to the worker's team unless another is chosen
    const worker = parsed.value.workerId ? (await listWorkers(ctx.db)).find((w) => w.id === parsed.value.workerId) : undefined;
    if (parsed.value.workerId && !worker) {
      return reply
        .code(400)
        .page(
          'workforce/views/users.njk',
          await usersPage(body, [{ field: 'workerId', message: 'Worker record must be a worker without a sign-in' }]),
        );
    }
    await state.write(async (tx) => {
      state.recordId = await addUser(tx, {
        ...parsed.value,
        workerId: worker?.id ?? null,
        teamId: parsed.value.teamId ?? worker?.teamId ?? null,
      });
    });
    reply.flash(`User ${parsed.value.username} added`);
    return reply.redirect(paths.users(), 303);
  });

  /** The page to change one user; `values` are what the form shows (the saved details unless given). */
  const editPage = async (reply: FastifyReply, userId: string, extra: EditExtra = {}) => {
    const user = await userDetails(ctx.db, userId);
    if (!user) return notFound(reply);
    // a stale save shows what is saved now, with the version to save against
    const values: Posted = { ...user, ...(extra.values ?? {}), ...(extra.status === 409 ? { version: user.version } : {}) };
    const [teams, workers] = await Promise.all([listTeams(ctx.db), workersFor(ctx.db, userId)]);
    return reply.code(extra.status ?? 200).page('workforce/views/user-edit.njk', {
      title: `Change ${user.username}`,
      user,
      values,
      roleItems: roleItems(values.role),
      teamItems: teamItems(teams, values.teamId, 'No team'),
      workerItems: linkableWorkerItems(workers, values.workerId),
      actions: {
        save: paths.user(user.id),
        password: paths.userPassword(user.id),
        disable: paths.userAccess(user.id, 'disable'),
        enable: paths.userAccess(user.id, 'enable'),
      },
      backLink: paths.users(),
      ...errorView(extra.errors ?? []),
    });
  };

  const answer = (reply: FastifyReply, userId: string, result: AdminResult | null, body: Posted, flash: string) =>
    answerChange(reply, result, {
      editPage: (extra) => editPage(reply, userId, extra),
      staleField: 'displayName',
      values: withoutPassword(body),
      flash,
      to: paths.users(),
    });

  route(app, ctx, { method: 'GET', url: paths.user(':userId'), roles: roles.administrators }, async (req, reply) =>
    editPage(reply, (req.params as { userId: string }).userId),
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.user(':userId'), roles: roles.administrators, audit: 'CHANGE_USER' },
    async (req, reply, state) => {
      const { userId } = req.params as { userId: string };
      const body = req.body as Posted;
      const parsed = parse(editUserSchema, body);
      if (!parsed.ok) return editPage(reply, userId, { status: 400, values: body, errors: parsed.errors });
      state.recordId = userId;
      return answer(
        reply,
        userId,
        await writeUnlessRefused(state, (tx) => editUser(tx, userId, parsed.value), done),
        body,
        'Changes saved',
      );
    },
  );

  for (const [action, disabled, audit] of [
    ['disable', true, 'DISABLE_USER'],
    ['enable', false, 'ENABLE_USER'],
  ] as const) {
    route(
      app,
      ctx,
      { method: 'POST', url: paths.userAccess(':userId', action), roles: roles.administrators, audit },
      async (req, reply, state) => {
        const { userId } = req.params as { userId: string };
        const parsed = parse(versionSchema, req.body);
        if (!parsed.ok) return editPage(reply, userId, { status: 400, errors: parsed.errors.map((e) => ({ ...e, field: action })) });
        state.recordId = userId;
        const result = await writeUnlessRefused(
          state,
          (tx) => setUserDisabled(tx, userId, disabled, parsed.value.version, { userId: state.user.id, now: ctx.time.now() }),
          done,
        );
        return answer(reply, userId, result, {}, disabled ? 'User disabled and signed out everywhere' : 'User enabled');
      },
    );
  }

  route(
    app,
    ctx,
    { method: 'POST', url: paths.userPassword(':userId'), roles: roles.administrators, audit: 'RESET_PASSWORD' },
    async (req, reply, state) => {
      const { userId } = req.params as { userId: string };
      const body = req.body as Posted;
      const parsed = parse(passwordResetSchema, body);
      if (!parsed.ok) return editPage(reply, userId, { status: 400, errors: parsed.errors });
      state.recordId = userId;
      // hashed before the unit of work: a second of CPU holds no transaction open
      const hash = await hashPassword(parsed.value.password);
      const result = await writeUnlessRefused(
        state,
        (tx) => resetPassword(tx, userId, { hash }, parsed.value.version, ctx.time.now()),
        done,
      );
      return answer(reply, userId, result, body, 'Password reset: the user has been signed out everywhere');
    },
  );
}

/** Administrators add teams and workers, change workers and mark them as left. */
function teamAndWorkerRoutes(app: FastifyInstance, ctx: AppContext): void {
  const workforcePage = async (extra: { values?: Posted; teamValues?: Posted; errors?: FieldError[] } = {}) => {
    const [teams, workers] = await workforceLists(ctx.db);
    const values = extra.values ?? {};
    const teamValues = extra.teamValues ?? {};
    return {
      title: 'Teams and workers',
      teamRows: teamRows(teams),
      workerRows: workerRows(workers),
      kindItems: teamKindItems(teamValues.kind),
      roleItems: workerRoleItems(values.role),
      teamItems: teamItems(teams, values.teamId, 'Select a team'),
      questions: workerQuestions(values),
      values,
      teamValues,
      actions: { team: paths.teams(), worker: paths.workers() },
      ...errorView(extra.errors ?? []),
    };
  };

  route(app, ctx, { method: 'GET', url: paths.workforce(), roles: roles.administrators }, async (_req, reply) =>
    reply.page('workforce/views/workforce.njk', await workforcePage()),
  );

  route(app, ctx, { method: 'POST', url: paths.teams(), roles: roles.administrators, audit: 'ADD_TEAM' }, async (req, reply, state) => {
    const body = req.body as Posted;
    const parsed = parse(newTeamSchema, body);
    const errors = parsed.ok ? [] : [...parsed.errors];
    if (parsed.ok && (await teamNameTaken(ctx.db, parsed.value.name)))
      errors.push({ field: 'name', message: 'Team name is already used by another team' });
    if (!parsed.ok || errors.length)
      return reply.code(400).page('workforce/views/workforce.njk', await workforcePage({ teamValues: body, errors }));
    await state.write((tx) => addTeam(tx, parsed.value));
    reply.flash(`Team ${parsed.value.name} added`);
    return reply.redirect(paths.workforce(), 303);
  });

  route(app, ctx, { method: 'POST', url: paths.workers(), roles: roles.administrators, audit: 'ADD_WORKER' }, async (req, reply, state) => {
    const body = req.body as Posted;
    const parsed = parse(newWorkerSchema, body);
    if (!parsed.ok) {
      // the worker's name field has its own id on a page that also has the team's name field
      const errors = parsed.errors.map((e) => (e.field === 'name' ? { ...e, field: 'workerName' } : e));
      return reply.code(400).page('workforce/views/workforce.njk', await workforcePage({ values: body, errors }));
    }
    await state.write((tx) => addWorker(tx, parsed.value));
    reply.flash(`${parsed.value.name} added`);
    return reply.redirect(paths.workforce(), 303);
  });

  const yesNo = (v: boolean) => (v ? 'yes' : 'no');
  const editPage = async (reply: FastifyReply, workerId: string, extra: EditExtra = {}) => {
    const worker = await workerDetails(ctx.db, workerId);
    if (!worker) return notFound(reply);
    const saved = {
      ...worker,
      qualified: yesNo(worker.qualified),
      newlyQualified: yesNo(worker.newlyQualified),
      agency: yesNo(worker.agency),
    };
    // a stale save shows what is saved now, with the version to save against
    const values: Posted = { ...saved, ...(extra.status === 409 ? {} : (extra.values ?? {})) };
    return reply.code(extra.status ?? 200).page('workforce/views/worker-edit.njk', {
      title: `Change ${worker.name}`,
      worker,
      values,
      roleItems: workerRoleItems(values.role),
      teamItems: teamItems(await listTeams(ctx.db), values.teamId, 'Select a team'),
      questions: workerQuestions(values),
      actions: { save: paths.worker(worker.id), left: paths.workerLeft(worker.id) },
      backLink: paths.workforce(),
      ...errorView(extra.errors ?? []),
    });
  };

  route(app, ctx, { method: 'GET', url: paths.worker(':workerId'), roles: roles.administrators }, async (req, reply) =>
    editPage(reply, (req.params as { workerId: string }).workerId),
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.worker(':workerId'), roles: roles.administrators, audit: 'CHANGE_WORKER' },
    async (req, reply, state) => {
      const { workerId } = req.params as { workerId: string };
      const body = req.body as Posted;
      const parsed = parse(editWorkerSchema, body);
      if (!parsed.ok) return editPage(reply, workerId, { status: 400, values: body, errors: parsed.errors });
      state.recordId = workerId;
      const result = await writeUnlessRefused(state, (tx) => editWorker(tx, workerId, parsed.value), done);
      return answerChange(reply, result, {
        editPage: (extra) => editPage(reply, workerId, extra),
        staleField: 'name',
        values: body,
        flash: `${parsed.value.name}: changes saved`,
        to: paths.workforce(),
      });
    },
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.workerLeft(':workerId'), roles: roles.administrators, audit: 'WORKER_LEFT' },
    async (req, reply, state) => {
      const { workerId } = req.params as { workerId: string };
      const parsed = parse(versionSchema, req.body);
      if (!parsed.ok) return editPage(reply, workerId, { status: 400, errors: parsed.errors.map((e) => ({ ...e, field: 'left' })) });
      state.recordId = workerId;
      const result = await writeUnlessRefused(state, (tx) => markWorkerLeft(tx, workerId, parsed.value.version), done);
      return answerChange(reply, result, {
        editPage: (extra) => editPage(reply, workerId, extra),
        staleField: 'name',
        flash: 'Worker marked as left',
        to: paths.workforce(),
      });
    },
  );
}

/** A manager allocates a child to a worker: a team manager within their team, a service manager anyone. */
function allocationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (childId: string, teamId: string | null, extra: { values?: Posted; errors?: FieldError[] } = {}) => {
    const current = await currentAllocation(ctx.db, childId);
    const [child, history, candidates] = await Promise.all([
      childSummary(ctx.db, childId),
      allocationHistory(ctx.db, childId),
      allocationCandidates(ctx.db, teamId ?? current?.teamId ?? null),
    ]);
    const values = extra.values ?? { current: current?.id ?? '' };
    return {
      title: 'Allocate',
      child,
      current,
      historyRows: historyRows(history),
      candidateItems: candidateItems(candidates, values.workerId),
      changeReasonItems: changeReasonItems(values.changeReason),
      values,
      action: paths.allocation(childId),
      backLink: childPaths.record(childId),
      ...errorView(extra.errors ?? []),
    };
  };
  const ownTeam = (user: { role: string; teamId: string | null }) => (user.role === 'team_manager' ? user.teamId : null);

  route(
    app,
    ctx,
    { method: 'GET', url: paths.allocation(':childId'), roles: roles.managers, audit: 'VIEW_CHILD' },
    async (req, reply, { user }) => {
      const { childId } = req.params as { childId: string };
      return reply.page('workforce/views/allocate.njk', await page(childId, ownTeam(user)));
    },
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.allocation(':childId'), roles: roles.managers, audit: 'ALLOCATE_CHILD' },
    async (req, reply, state) => {
      const { childId } = req.params as { childId: string };
      const body = req.body as Posted;
      const teamId = ownTeam(state.user);
      const fail = async (field: string, message: string, code = 400) =>
        reply.code(code).page('workforce/views/allocate.njk', await page(childId, teamId, { values: body, errors: [{ field, message }] }));
      const parsed = parse(allocationSchema, body);
      if (!parsed.ok) return fail(parsed.errors[0]!.field, parsed.errors[0]!.message);
      const worker = (await allocationCandidates(ctx.db, teamId)).find((w) => w.id === parsed.value.workerId);
      if (!worker) return fail('workerId', 'Social worker must be one of the workers listed');
      state.recordId = worker.id;
      try {
        // the unit of work holds the child's lock: two managers allocating at once take turns
        await state.write((tx) =>
          reallocate(
            tx,
            childId,
            { teamId: worker.teamId, workerId: worker.id, changeReason: parsed.value.changeReason },
            parsed.value.current,
            { userId: state.user.id },
          ),
        );
      } catch (e) {
        if (!(e instanceof StaleRecordError)) throw e;
        return fail(
          'workerId',
          'The child was allocated by someone else after you opened this page. Nothing has been saved: check the current allocation and try again.',
          409,
        );
      }
      reply.flash(`Allocated to ${worker.name}`);
      return reply.redirect(childPaths.record(childId), 303);
    },
  );
}
