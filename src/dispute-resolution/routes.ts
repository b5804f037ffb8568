/** Dispute resolution's pages and JSON API; each change declared once for both (src/casework/changes.ts). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, formInput } from '../casework/form.js';
import { childSummary } from '../core/record/summary.js';
import type { AccessRole } from '../core/auth/schema.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import { type DisputeForm, disputePage, disputesPage, raisePage, standing } from './presenters.js';
import { disputeOf, disputesOf, plansOf } from './queries.js';
import {
  escalateDispute,
  escalateSchema,
  raiseDispute,
  raiseDisputeSchema,
  recordStageResponse,
  resolveDispute,
  resolveSchema,
  stageResponseSchema,
} from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
}

/** The page's one choice of plan ("child_protection:<id>") as the schema's two fields. */
function planChoice(body: FormValues): FormValues {
  const [planKind, planId] = typeof body.plan === 'string' ? body.plan.split(':') : [];
  const { plan: _plan, ...rest } = body;
  return { ...rest, ...(planKind ? { planKind } : {}), ...(planId ? { planId } : {}) };
}

export function disputeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function newPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, plans] = await Promise.all([childSummary(ctx.db, p.childId), plansOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page('dispute-resolution/views/new.njk', raisePage(child, plans, { values: { raisedDate: today(), ...values }, errors }));
  }

  async function page(reply: FastifyReply, p: Params, form?: DisputeForm, values?: FormValues, errors?: FieldError[]) {
    const [child, d] = await Promise.all([childSummary(ctx.db, p.childId), disputeOf(ctx.db, p.childId, p.id)]);
    if (!child || !d) return notFound(reply);
    return reply.page(
      'dispute-resolution/views/dispute.njk',
      disputePage(child, d, { today: today(), ...(form ? { form } : {}), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;
  route(app, ctx, { ...view, url: paths.list }, async (req, reply) => {
    const p = params(req);
    const [child, disputes] = await Promise.all([childSummary(ctx.db, p.childId), disputesOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page('dispute-resolution/views/list.njk', disputesPage(child, disputes, today()));
  });
  route(app, ctx, { ...view, url: paths.newDispute }, async (req, reply) =>
    newPage(reply, params(req), { ...(req.query as FormValues) }, []),
  );
  route(app, ctx, { ...view, url: paths.dispute }, async (req, reply) => page(reply, params(req)));

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.disputes,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'Concerns raised about the child’s plans, with their stages and where each stands',
    },
    async (req, reply) => {
      const disputes = await disputesOf(ctx.db, params(req).childId);
      return reply.send(disputes.map((d) => ({ ...d, standing: standing(d, today()).text })));
    },
  );

  register({
    summary: 'Raise a concern about a child protection or child in need plan (stage 1 starts with it)',
    audit: 'RAISE_PLAN_DISPUTE',
    roles: practice,
    page: paths.newDispute,
    api: apiPaths.disputes,
    schema: raiseDisputeSchema(today),
    fromForm: (body) => planChoice(formInput(body, { dates: ['raisedDate'] })),
    creates: true,
    run: (tx, p, input, by) => raiseDispute(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => newPage(reply, p, values, errors),
    staleField: 'concern',
    done: (p, r) => ({ flash: 'Concern raised', to: to.disputePath(p.childId, typeof r === 'string' ? r : r.id) }),
  });

  register({
    summary: 'Record the response at the dispute’s current stage',
    audit: 'RECORD_DISPUTE_RESPONSE',
    roles: practice,
    page: paths.respond,
    api: apiPaths.respond,
    schema: stageResponseSchema(today),
    fromForm: (body) => formInput(body, { dates: ['respondedDate'] }),
    creates: false,
    run: (tx, p, input) => recordStageResponse(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => page(reply, p, 'respond', values, errors),
    staleField: 'response',
    done: (p) => ({ flash: 'Response recorded', to: to.disputePath(p.childId, p.id) }),
  });

  register({
    summary: 'Escalate the dispute to its next stage',
    audit: 'ESCALATE_PLAN_DISPUTE',
    roles: practice,
    page: paths.escalate,
    api: apiPaths.escalate,
    schema: escalateSchema(today),
    fromForm: (body) => formInput(body, { dates: ['escalatedDate'] }),
    creates: false,
    run: (tx, p, input) => escalateDispute(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => page(reply, p, 'escalate', values, errors),
    staleField: 'addressedTo',
    done: (p) => ({ flash: 'Escalated', to: to.disputePath(p.childId, p.id) }),
  });

  register({
    summary: 'Record how the dispute was resolved',
    audit: 'RESOLVE_PLAN_DISPUTE',
    roles: practice,
    page: paths.resolve,
    api: apiPaths.resolve,
    schema: resolveSchema(today),
    fromForm: (body) => formInput(body, { dates: ['resolvedDate'] }),
    creates: false,
    run: (tx, p, input) => resolveDispute(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => page(reply, p, 'resolve', values, errors),
    staleField: 'resolution',
    done: (p) => ({ flash: 'Dispute resolved', to: to.disputePath(p.childId, p.id) }),
  });
}
