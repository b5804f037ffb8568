/**
 * Care planning's pages, and its changes as pages and API. Each change is declared once
 * (`register` below): its schema, its use case and where it goes next; the page route and the
 * API route are both made from it (src/casework/changes.ts), so the two take the same input,
 * apply the same rules and write the same audit row. The API's reads are in api.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, withDates } from '../casework/form.js';
import type { AccessRole } from '../core/auth/schema.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { todayIn } from '../core/time.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import { carePlanForm, carePlanPage, onlyCarePlanning, overviewPage, placementPlanForm, uascForm, versionPage } from './presenters.js';
import { carePlanningOf, carePlanOf, placementPlanOf } from './queries.js';
import { carePlanSchema, placementPlanSchema, recordUascStatus, saveCarePlan, savePlacementPlan, uascSchema } from './use-cases.js';

export const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  periodId: string;
  versionId: string;
}

const queryValue = (req: FastifyRequest, name: string) => {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};
const bodyValue = (values: FormValues, name: string) => (typeof values[name] === 'string' ? (values[name] as string) : '');

export function carePlanningRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyCarePlanning(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  // ── pages shown again with their errors ───────────────────────────────────

  async function carePlanFormPage(reply: FastifyReply, p: Params, periodId: string, values: FormValues, errors: FieldError[]) {
    const [child, data] = await Promise.all([childSummary(ctx.db, p.childId), carePlanOf(ctx.db, p.childId, periodId)]);
    if (!child || !data) return notFound(reply);
    return reply.page('care-planning/views/care-plan-form.njk', carePlanForm(child, data, { values, errors }));
  }

  async function placementPlanFormPage(reply: FastifyReply, p: Params, placementId: string, values: FormValues, errors: FieldError[]) {
    const [child, placement] = await Promise.all([childSummary(ctx.db, p.childId), placementPlanOf(ctx.db, p.childId, placementId)]);
    if (!child || !placement) return notFound(reply);
    return reply.page('care-planning/views/placement-plan-form.njk', placementPlanForm(child, placement, { values, errors }));
  }

  async function uascFormPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, record] = await Promise.all([childSummary(ctx.db, p.childId), carePlanningOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page('care-planning/views/uasc.njk', uascForm(child, record, { values, errors }));
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, record, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      carePlanningOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('care-planning/views/overview.njk', overviewPage(child, record, obligations));
  });
  route(app, ctx, { ...view, url: paths.carePlan }, async (req, reply) => {
    const p = params(req);
    const [child, data, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      carePlanOf(ctx.db, p.childId, p.periodId),
      obligationsOf(p.childId),
    ]);
    if (!child || !data) return notFound(reply);
    return reply.page('care-planning/views/care-plan.njk', carePlanPage(child, data, obligations));
  });
  route(app, ctx, { ...view, url: paths.carePlanVersion }, async (req, reply) => {
    const p = params(req);
    const [child, data] = await Promise.all([childSummary(ctx.db, p.childId), carePlanOf(ctx.db, p.childId, p.periodId)]);
    const page = child && data ? versionPage(child, data, p.versionId) : null;
    if (!page) return notFound(reply);
    return reply.page('care-planning/views/version.njk', page);
  });
  route(app, ctx, { ...view, url: paths.newCarePlan }, async (req, reply) =>
    carePlanFormPage(reply, params(req), queryValue(req, 'period'), {}, []),
  );
  route(app, ctx, { ...view, url: paths.placementPlan }, async (req, reply) =>
    placementPlanFormPage(reply, params(req), queryValue(req, 'placement'), {}, []),
  );
  route(app, ctx, { ...view, url: paths.uasc }, async (req, reply) => uascFormPage(reply, params(req), {}, []));

  // ── changes ───────────────────────────────────────────────────────────────

  register({
    summary: 'Save a new version of the care plan of a period of care: a draft, or completed with every section and a contingency',
    audit: 'SAVE_CARE_PLAN',
    roles: practice,
    page: paths.newCarePlan,
    api: apiPaths.carePlans,
    schema: carePlanSchema(today),
    fromForm: withDates('completedDate'),
    creates: true,
    run: (tx, p, input, by) => saveCarePlan(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => carePlanFormPage(reply, p, bodyValue(values, 'carePeriodId'), values, errors),
    staleField: 'health',
    done: (p, r) => ({
      flash: 'Care plan saved',
      to: to.carePlanPath(p.childId, typeof r === 'string' ? r : String(r.periodId)),
    }),
  });

  register({
    summary: 'Record the placement plan of a placement, or bring it up to date',
    audit: 'SAVE_PLACEMENT_PLAN',
    roles: practice,
    page: paths.placementPlan,
    api: apiPaths.placementPlans,
    schema: placementPlanSchema(today),
    fromForm: withDates('completedDate'),
    creates: false,
    run: (tx, p, input, by) => savePlacementPlan(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => placementPlanFormPage(reply, p, bodyValue(values, 'placementId'), values, errors),
    staleField: 'completedDate',
    done: (p, r) => ({
      flash: 'Placement plan saved',
      to: to.carePlanPath(p.childId, typeof r === 'string' ? r : String(r.periodId)),
    }),
  });

  register({
    summary: 'Record whether the child is, or was, an unaccompanied asylum-seeking child, and when they ceased to be one',
    audit: 'RECORD_UASC_STATUS',
    roles: practice,
    page: paths.uasc,
    api: apiPaths.uasc,
    schema: uascSchema(today),
    fromForm: withDates('ceasedDate'),
    creates: false,
    run: (tx, p, input, by) => recordUascStatus(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => uascFormPage(reply, p, values, errors),
    staleField: 'uasc',
    done: (p) => ({ flash: 'Unaccompanied asylum-seeking child status saved', to: to.carePlanningPath(p.childId) }),
  });
}
