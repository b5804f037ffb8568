/**
 * Care leavers' pages. Each change is declared once (`register` below): its schema, its use case
 * and where it goes next; the page route and the API route are both made from it
 * (src/casework/changes.ts), so the two take the same input, apply the same rules and write the
 * same audit row. The API's reads are in api.ts.
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
import { isMeasureList } from './measures.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import {
  changeContactForm,
  endSupportForm,
  healthSummaryForm,
  leavingCareForm,
  measuresPage,
  newContactForm,
  overviewPage,
  reviewForm,
  stayingPutForm,
} from './presenters.js';
import { careLeaverOf, contactOf, contactsOf, eligibilityOf, measuresFor, namedIn, onlyCareLeavers, reviewsOf } from './queries.js';
import {
  changeContact,
  changeContactSchema,
  contactSchema,
  endSupport,
  endSupportSchema,
  healthSummarySchema,
  leavingCareSchema,
  pathwayPlanReviewSchema,
  recordContact,
  recordHealthSummary,
  recordLeavingCare,
  recordPathwayPlanReview,
  recordStayingPut,
  stayingPutSchema,
} from './use-cases.js';

const practice = roles.practice satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
}

export function careLeaverRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);
  const opts = (values?: FormValues, errors?: FieldError[]) => ({ ...(values ? { values } : {}), ...(errors ? { errors } : {}) });

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyCareLeavers(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  /** The child and their leaving care record; a page that changes the record is not found before there is one. */
  async function withRecord(p: Params) {
    const [child, record] = await Promise.all([childSummary(ctx.db, p.childId), careLeaverOf(ctx.db, p.childId)]);
    return child && record ? { child, record } : null;
  }

  // ── pages shown again with their errors ───────────────────────────────────

  async function leavingCarePage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, record] = await Promise.all([childSummary(ctx.db, p.childId), careLeaverOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page('care-leavers/views/leaving-care.njk', leavingCareForm(child, record, opts(values, errors)));
  }

  async function stayingPutPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const found = await withRecord(p);
    if (!found) return notFound(reply);
    return reply.page('care-leavers/views/staying-put.njk', stayingPutForm(found.child, found.record, opts(values, errors)));
  }

  async function healthSummaryPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const found = await withRecord(p);
    if (!found) return notFound(reply);
    return reply.page('care-leavers/views/health-summary.njk', healthSummaryForm(found.child, found.record, opts(values, errors)));
  }

  async function reviewPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const child = await childSummary(ctx.db, p.childId);
    if (!child) return notFound(reply);
    return reply.page('care-leavers/views/review.njk', reviewForm(child, { today: today(), ...opts(values, errors) }));
  }

  async function newContactPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const child = await childSummary(ctx.db, p.childId);
    if (!child) return notFound(reply);
    return reply.page('care-leavers/views/contact.njk', newContactForm(child, { today: today(), ...opts(values, errors) }));
  }

  async function changeContactPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, c] = await Promise.all([childSummary(ctx.db, p.childId), contactOf(ctx.db, p.childId, p.id)]);
    if (!child || !c) return notFound(reply);
    return reply.page('care-leavers/views/contact.njk', changeContactForm(child, c, opts(values, errors)));
  }

  async function endSupportPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const found = await withRecord(p);
    if (!found) return notFound(reply);
    return reply.page('care-leavers/views/end.njk', endSupportForm(found.child, found.record, { today: today(), ...opts(values, errors) }));
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, eligibility, record, reviews, contacts, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      eligibilityOf(ctx.db, p.childId, today()),
      careLeaverOf(ctx.db, p.childId),
      reviewsOf(ctx.db, p.childId),
      contactsOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('care-leavers/views/overview.njk', overviewPage(child, eligibility, record, reviews, contacts, obligations));
  });
  route(app, ctx, { ...view, url: paths.leavingCare }, async (req, reply) => leavingCarePage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.stayingPut }, async (req, reply) => stayingPutPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.healthSummary }, async (req, reply) => healthSummaryPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.newReview }, async (req, reply) => reviewPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.newContact }, async (req, reply) => newContactPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.contact }, async (req, reply) => changeContactPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.endSupport }, async (req, reply) => endSupportPage(reply, params(req)));

  route(
    app,
    ctx,
    { method: 'GET', url: paths.measures, roles: roles.managers, audit: 'VIEW_CARE_LEAVER_MEASURES' },
    async (req, reply, state) => {
      const list = (req.query as Record<string, unknown>).list;
      const chosen = isMeasureList(list) ? list : null;
      const m = await measuresFor(ctx.db, state.user, today());
      // the audit row says whose names the chosen list showed
      if (chosen) state.revealedChildIds = namedIn(m.lists[chosen]);
      return reply.page('care-leavers/views/measures.njk', measuresPage(m, chosen));
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  const back = (p: Params) => to.careLeaverPath(p.childId);

  register({
    summary: 'Record the leaving care needs assessment, the pathway plan and the personal adviser',
    audit: 'RECORD_LEAVING_CARE',
    roles: practice,
    page: paths.leavingCare,
    api: apiPaths.leavingCare,
    schema: leavingCareSchema(today),
    fromForm: withDates('needsAssessmentCompletedOn', 'pathwayPlanCompletedOn', 'personalAdviserAppointedOn', 'accommodationProvidedFrom'),
    creates: false,
    run: (tx, p, input, by) => recordLeavingCare(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => leavingCarePage(reply, p, values, errors),
    staleField: 'needsAssessmentCompletedOn',
    done: (p) => ({ flash: 'Leaving care record saved', to: back(p) }),
  });

  register({
    summary: 'Record Staying Put: living on with former foster carers after 18',
    audit: 'RECORD_STAYING_PUT',
    roles: practice,
    page: paths.stayingPut,
    api: apiPaths.stayingPut,
    schema: stayingPutSchema(today),
    fromForm: withDates('stayingPutFrom', 'stayingPutTo'),
    creates: false,
    run: (tx, p, input) => recordStayingPut(tx, p.childId, input),
    again: (reply, p, _user, values, errors) => stayingPutPage(reply, p, values, errors),
    staleField: 'stayingPutFrom',
    done: (p) => ({ flash: 'Staying Put saved', to: back(p) }),
  });

  register({
    summary: 'Record the summary of the young person’s health history, and when they were given it',
    audit: 'RECORD_CARE_LEAVER_HEALTH_SUMMARY',
    roles: practice,
    page: paths.healthSummary,
    api: apiPaths.healthSummary,
    schema: healthSummarySchema(today),
    fromForm: withDates('healthSummaryGivenOn'),
    creates: false,
    run: (tx, p, input) => recordHealthSummary(tx, p.childId, input),
    again: (reply, p, _user, values, errors) => healthSummaryPage(reply, p, values, errors),
    staleField: 'healthSummary',
    done: (p) => ({ flash: 'Health summary saved', to: back(p) }),
  });

  register({
    summary: 'Record a review of the pathway plan',
    audit: 'RECORD_PATHWAY_PLAN_REVIEW',
    roles: practice,
    page: paths.newReview,
    api: apiPaths.reviews,
    schema: pathwayPlanReviewSchema(today),
    fromForm: withDates('reviewedOn'),
    creates: true,
    run: (tx, p, input, by) => recordPathwayPlanReview(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => reviewPage(reply, p, values, errors),
    staleField: 'reviewedOn',
    done: (p) => ({ flash: 'Pathway plan review saved', to: back(p) }),
  });

  register({
    summary: 'Record a contact with a care leaver: whether in touch, their accommodation and their activity',
    audit: 'RECORD_CARE_LEAVER_CONTACT',
    roles: practice,
    page: paths.newContact,
    api: apiPaths.contacts,
    schema: contactSchema(today),
    fromForm: withDates('contactOn'),
    creates: true,
    run: (tx, p, input, by) => recordContact(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => newContactPage(reply, p, values, errors),
    staleField: 'contactOn',
    done: (p) => ({ flash: 'Contact saved', to: back(p) }),
  });

  register({
    summary: 'Change a contact with a care leaver',
    audit: 'CHANGE_CARE_LEAVER_CONTACT',
    roles: practice,
    page: paths.contact,
    api: apiPaths.contact,
    schema: changeContactSchema(today),
    fromForm: withDates('contactOn'),
    creates: false,
    run: (tx, p, input) => changeContact(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => changeContactPage(reply, p, values, errors),
    staleField: 'contactOn',
    done: (p) => ({ flash: 'Contact saved', to: back(p) }),
  });

  register({
    summary: 'End leaving care support, with the reason',
    audit: 'END_LEAVING_CARE_SUPPORT',
    roles: practice,
    page: paths.endSupport,
    api: apiPaths.endSupport,
    schema: endSupportSchema(today),
    fromForm: withDates('supportEndedOn'),
    creates: false,
    run: (tx, p, input) => endSupport(tx, p.childId, input),
    again: (reply, p, _user, values, errors) => endSupportPage(reply, p, values, errors),
    staleField: 'supportEndedOn',
    done: (p) => ({ flash: 'Leaving care support ended', to: back(p) }),
  });
}
