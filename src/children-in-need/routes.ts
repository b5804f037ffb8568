/**
 * Children in need's pages and JSON API. Each change is declared once (`register` below): its
 * schema, its use case and where it goes next; the page route and the API route are both made
 * from it (src/casework/changes.ts), so the two take the same input, apply the same rules and
 * write the same audit row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { registerPlanBuilderChanges } from '../casework/plan-changes.js';
import { type FormValues, formInput, withDates } from '../casework/form.js';
import { childSummary } from '../core/record/summary.js';
import type { AccessRole } from '../core/auth/schema.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import {
  closureForm,
  endPlanForm,
  overviewPage,
  planPage,
  type PlanForm,
  reviewForm,
  startPlanForm,
  transitionForm,
} from './presenters.js';
import { childrenInNeedOf, cinPlanOf, onlyChildrenInNeed, openReferralsOf } from './queries.js';
import {
  addCinPlanAction,
  closeCase,
  closeCaseSchema,
  cinReviewSchema,
  endCinPlan,
  endCinPlanSchema,
  recordCinActionProgress,
  recordCinReview,
  recordTransitionPlan,
  startCinPlan,
  startCinPlanSchema,
  transitionPlanSchema,
  updateCinPlan,
  updateTransitionPlan,
  updateTransitionPlanSchema,
} from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
  actionId: string;
}

export function childrenInNeedRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyChildrenInNeed(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  // ── pages shown again with their errors ───────────────────────────────────

  async function startPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, referrals] = await Promise.all([childSummary(ctx.db, p.childId), openReferralsOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page(
      'children-in-need/views/plan-start.njk',
      startPlanForm(child, referrals, { values: { startDate: today(), ...values }, errors }),
    );
  }

  async function planPageFor(reply: FastifyReply, p: Params, form?: PlanForm, values?: FormValues, errors?: FieldError[]) {
    const [child, plan, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      cinPlanOf(ctx.db, p.childId, p.id),
      obligationsOf(p.childId),
    ]);
    if (!child || !plan) return notFound(reply);
    return reply.page('children-in-need/views/plan.njk', {
      ...planPage(child, plan, obligations, { ...(form ? { form } : {}), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    });
  }

  async function reviewPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, plan] = await Promise.all([childSummary(ctx.db, p.childId), cinPlanOf(ctx.db, p.childId, p.id)]);
    if (!child || !plan) return notFound(reply);
    return reply.page(
      'children-in-need/views/review-form.njk',
      reviewForm(child, plan, { values: { reviewDate: today(), ...values }, errors }),
    );
  }

  async function endPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, plan] = await Promise.all([childSummary(ctx.db, p.childId), cinPlanOf(ctx.db, p.childId, p.id)]);
    if (!child || !plan) return notFound(reply);
    return reply.page(
      'children-in-need/views/plan-end.njk',
      endPlanForm(child, plan, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  async function closurePage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, record] = await Promise.all([childSummary(ctx.db, p.childId), childrenInNeedOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page(
      'children-in-need/views/closure.njk',
      closureForm(child, record, { values: { closedDate: today(), ...values }, errors }),
    );
  }

  async function transitionPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, record, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      childrenInNeedOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('children-in-need/views/transition.njk', {
      ...transitionForm(child, record, obligations, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    });
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, record, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      childrenInNeedOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('children-in-need/views/overview.njk', overviewPage(child, record, obligations));
  });
  route(app, ctx, { ...view, url: paths.newPlan }, async (req, reply) => startPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.plan }, async (req, reply) => planPageFor(reply, params(req)));
  route(app, ctx, { ...view, url: paths.newReview }, async (req, reply) => reviewPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.endPlan }, async (req, reply) => endPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.closure }, async (req, reply) => closurePage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.transition }, async (req, reply) => transitionPage(reply, params(req)));

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s child in need plans, case closures and transition planning, and what is due under them',
    },
    async (req, reply) => {
      const p = params(req);
      const [record, obligations] = await Promise.all([childrenInNeedOf(ctx.db, p.childId), obligationsOf(p.childId)]);
      return reply.send({ ...record, obligations });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.plan,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'A child in need plan: its outcomes, contingency, actions and reviews',
    },
    async (req, reply) => {
      const p = params(req);
      const plan = await cinPlanOf(ctx.db, p.childId, p.id);
      if (!plan) return reply.code(404).send({ error: 'The child in need plan was not found on this child’s record' });
      return reply.send(plan);
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  register({
    summary: 'Start a child in need plan under an open referral',
    audit: 'START_CIN_PLAN',
    roles: practice,
    page: paths.newPlan,
    api: apiPaths.plans,
    schema: startCinPlanSchema(today),
    fromForm: withDates('startDate'),
    creates: true,
    run: (tx, p, input, by) => startCinPlan(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => startPage(reply, p, values, errors),
    staleField: 'startDate',
    done: (p, r) => ({ flash: 'Child in need plan started', to: to.planPath(p.childId, typeof r === 'string' ? r : r.id) }),
  });

  registerPlanBuilderChanges(register, {
    plan: 'a child in need plan',
    auditKind: 'CIN',
    roles: practice,
    page: paths,
    api: apiPaths,
    update: updateCinPlan,
    addAction: addCinPlanAction,
    recordProgress: recordCinActionProgress,
    planPage: planPageFor,
    planPath: to.planPath,
  });

  register({
    summary: 'Record a child in need plan review',
    audit: 'RECORD_CIN_REVIEW',
    roles: practice,
    page: paths.newReview,
    api: apiPaths.reviews,
    schema: cinReviewSchema(today),
    fromForm: (body) => formInput(body, { dates: ['reviewDate'], lists: { attendance: ['agency', 'name', 'attended'] } }),
    creates: true,
    run: (tx, p, input, by) => recordCinReview(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => reviewPage(reply, p, values, errors),
    staleField: 'reviewDate',
    done: (p) => ({ flash: 'Review recorded', to: to.planPath(p.childId, p.id) }),
  });

  register({
    summary: 'End a child in need plan, with the reason',
    audit: 'END_CIN_PLAN',
    roles: practice,
    page: paths.endPlan,
    api: apiPaths.endPlan,
    schema: endCinPlanSchema(today),
    fromForm: withDates('endDate'),
    creates: false,
    run: (tx, p, input) => endCinPlan(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => endPage(reply, p, values, errors),
    staleField: 'endDate',
    done: (p) => ({ flash: 'Plan ended', to: to.planPath(p.childId, p.id) }),
  });

  register({
    summary: 'Close the case, with the reason, and step down to early help',
    audit: 'CLOSE_CASE',
    roles: practice,
    page: paths.closure,
    api: apiPaths.closure,
    schema: closeCaseSchema(today),
    fromForm: withDates('closedDate'),
    creates: true,
    run: (tx, p, input, by) => closeCase(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => closurePage(reply, p, values, errors),
    staleField: 'closedDate',
    done: (p) => ({ flash: 'Case closed', to: to.childRecordPath(p.childId) }),
  });

  // the page holds one form: the first save records the planning, later saves change it
  register({
    summary: 'Record that transition planning towards adulthood has started (disabled children)',
    audit: 'RECORD_TRANSITION_PLAN',
    roles: practice,
    page: paths.transition,
    api: apiPaths.transition,
    schema: transitionPlanSchema(today),
    fromForm: withDates('startedDate'),
    creates: true,
    run: (tx, p, input, by) => recordTransitionPlan(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => transitionPage(reply, p, values, errors),
    staleField: 'startedDate',
    done: (p) => ({ flash: 'Transition planning recorded', to: to.transitionPath(p.childId) }),
  });

  register({
    summary: 'Change the record of transition planning',
    audit: 'UPDATE_TRANSITION_PLAN',
    roles: practice,
    page: paths.changeTransition,
    api: apiPaths.changeTransition,
    schema: updateTransitionPlanSchema(today),
    fromForm: withDates('startedDate'),
    creates: false,
    run: (tx, p, input) => updateTransitionPlan(tx, p.childId, input),
    again: (reply, p, _user, values, errors) => transitionPage(reply, p, values, errors),
    staleField: 'startedDate',
    done: (p) => ({ flash: 'Transition planning saved', to: to.transitionPath(p.childId) }),
  });
}
