/**
 * Private fostering's pages. Each change is declared once (`register` below): its schema, its
 * use case and where it goes next; the page route and the API route are both made from it
 * (src/casework/changes.ts), so the two take the same input, apply the same rules and write
 * the same audit row. The API's reads are in api.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, withDates } from '../casework/form.js';
import { roles } from '../core/auth/roles.js';
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
import { arrangementPage, assessmentForm, changeForm, endForm, figuresPage, notificationForm, overviewPage } from './presenters.js';
import { arrangementOf, arrangementsOf, figuresFor, isFigureList, onlyPrivateFostering, visitsDuring } from './queries.js';
import {
  assessmentSchema,
  changeArrangement,
  changeArrangementSchema,
  endArrangement,
  endArrangementSchema,
  notificationSchema,
  recordAssessment,
  recordNotification,
} from './use-cases.js';

const practice = roles.practice satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
}

export function privateFosteringRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyPrivateFostering(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  async function arrangementFor(p: Params) {
    const [child, a] = await Promise.all([childSummary(ctx.db, p.childId), arrangementOf(ctx.db, p.childId, p.id)]);
    return child && a ? { child, a } : null;
  }

  // ── pages shown again with their errors ───────────────────────────────────

  async function notificationPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const child = await childSummary(ctx.db, p.childId);
    if (!child) return notFound(reply);
    return reply.page(
      'private-fostering/views/details-form.njk',
      notificationForm(child, { values: { notifiedOn: today(), ...values }, errors }),
    );
  }

  async function changePage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const found = await arrangementFor(p);
    if (!found) return notFound(reply);
    return reply.page(
      'private-fostering/views/details-form.njk',
      changeForm(found.child, found.a, { ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  async function assessmentPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const found = await arrangementFor(p);
    if (!found) return notFound(reply);
    return reply.page(
      'private-fostering/views/assessment.njk',
      assessmentForm(found.child, found.a, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  async function endPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const found = await arrangementFor(p);
    if (!found) return notFound(reply);
    return reply.page(
      'private-fostering/views/end.njk',
      endForm(found.child, found.a, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, arrangements, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      arrangementsOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('private-fostering/views/overview.njk', overviewPage(child, arrangements, obligations));
  });
  route(app, ctx, { ...view, url: paths.newArrangement }, async (req, reply) => notificationPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.arrangement }, async (req, reply) => {
    const p = params(req);
    const found = await arrangementFor(p);
    if (!found) return notFound(reply);
    const [visits, obligations] = await Promise.all([visitsDuring(ctx.db, found.a), obligationsOf(p.childId)]);
    return reply.page('private-fostering/views/arrangement.njk', arrangementPage(found.child, found.a, visits, obligations));
  });
  route(app, ctx, { ...view, url: paths.change }, async (req, reply) => changePage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.assessment }, async (req, reply) => assessmentPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.end }, async (req, reply) => endPage(reply, params(req)));

  route(
    app,
    ctx,
    { method: 'GET', url: paths.figures, roles: roles.managers, audit: 'VIEW_PRIVATE_FOSTERING_FIGURES' },
    async (req, reply, state) => {
      const list = (req.query as Record<string, unknown>).list;
      const chosen = isFigureList(list) ? list : null;
      const f = await figuresFor(ctx.db, state.user, ctx.time.now(), today());
      // the audit row says whose names the chosen list showed
      if (chosen) state.revealedChildIds = f.lists[chosen].filter((c) => !c.restricted).map((c) => c.childId);
      return reply.page('private-fostering/views/figures.njk', figuresPage(f, chosen));
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  register({
    summary: 'Record the notification of a private fostering arrangement: the carer, the parents and the dates',
    audit: 'RECORD_PRIVATE_FOSTERING_NOTIFICATION',
    roles: practice,
    page: paths.newArrangement,
    api: apiPaths.arrangements,
    schema: notificationSchema(today),
    fromForm: withDates('notifiedOn', 'arrangementStartedOn'),
    creates: true,
    run: (tx, p, input, by) => recordNotification(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => notificationPage(reply, p, values, errors),
    staleField: 'notifiedOn',
    done: (p, r) => ({
      flash: 'Private fostering notification recorded',
      to: to.arrangementPath(p.childId, typeof r === 'string' ? r : r.id),
    }),
  });

  register({
    summary: 'Change the details of a private fostering arrangement',
    audit: 'CHANGE_PRIVATE_FOSTERING_ARRANGEMENT',
    roles: practice,
    page: paths.change,
    api: apiPaths.change,
    schema: changeArrangementSchema(today),
    fromForm: withDates('notifiedOn', 'arrangementStartedOn'),
    creates: false,
    run: (tx, p, input) => changeArrangement(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => changePage(reply, p, values, errors),
    staleField: 'notifiedOn',
    done: (p) => ({ flash: 'Arrangement saved', to: to.arrangementPath(p.childId, p.id) }),
  });

  register({
    summary: 'Record the private foster carer’s suitability assessment: started, completed and its outcome',
    audit: 'RECORD_PRIVATE_FOSTERING_ASSESSMENT',
    roles: practice,
    page: paths.assessment,
    api: apiPaths.assessment,
    schema: assessmentSchema(today),
    fromForm: withDates('assessmentStartedOn', 'assessmentCompletedOn'),
    creates: false,
    run: (tx, p, input) => recordAssessment(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => assessmentPage(reply, p, values, errors),
    staleField: 'assessmentStartedOn',
    done: (p) => ({ flash: 'Assessment saved', to: to.arrangementPath(p.childId, p.id) }),
  });

  register({
    summary: 'End a private fostering arrangement, with the reason',
    audit: 'END_PRIVATE_FOSTERING_ARRANGEMENT',
    roles: practice,
    page: paths.end,
    api: apiPaths.end,
    schema: endArrangementSchema(today),
    fromForm: withDates('endedOn'),
    creates: false,
    run: (tx, p, input) => endArrangement(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => endPage(reply, p, values, errors),
    staleField: 'endedOn',
    done: (p) => ({ flash: 'Arrangement ended', to: to.arrangementPath(p.childId, p.id) }),
  });
}
