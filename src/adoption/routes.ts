/**
 * Adoption's pages. Each change is declared once (`register` below): its schema, its use case
 * and where it goes next; the page route and the API route are both made from it
 * (src/casework/changes.ts), so the two take the same input, apply the same rules and write
 * the same audit row. The API's reads are in api.ts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, withDates } from '../casework/form.js';
import { roles } from '../core/auth/roles.js';
import type { SignedInUser } from '../core/auth/users.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { todayIn } from '../core/time.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import {
  adopterPanelForm,
  amendmentForm,
  journeyPanelForm,
  panelListPage,
  panelReportPage,
  adopterEndForm,
  adopterPage,
  adoptersPage,
  authorityForm,
  decisionForm,
  enquiryForm,
  journeyPage,
  listTitle,
  matchForm,
  orderForm,
  overviewPage,
  placementForm,
  placementEndForm,
  planChangeForm,
  previousPermanenceForm,
  reviewForm,
  scorecardPage,
  stagesForm,
} from './presenters.js';
import {
  adopterStages,
  adopterStagesDue,
  householdOf,
  households,
  journeyOf,
  journeysOf,
  latestCarePeriodOf,
  onlyAdoption,
  panelReportOf,
  placementEndingsOf,
  panelReports,
  previousPermanenceOf,
  reviewsOf,
  scorecardFor,
} from './queries.js';
import {
  adopterPanelSchema,
  amendmentDoneSchema,
  journeyPanelSchema,
  markAmendmentDone,
  recordAdopterPanel,
  recordJourneyPanel,
  adopterEndSchema,
  authoritySchema,
  changePlan,
  decisionSchema,
  endAdopterProcess,
  enquirySchema,
  matchSchema,
  orderSchema,
  endPlacement,
  placementEndSchema,
  placementSchema,
  planChangeSchema,
  previousPermanenceSchema,
  recordPreviousPermanence,
  recordAdoptionOrder,
  recordAuthority,
  recordDecision,
  recordEnquiry,
  recordMatch,
  recordPlacement,
  recordReview,
  recordStages,
  reviewSchema,
  stagesSchema,
} from './use-cases.js';

const practice = roles.practice;
const managers = roles.managers;

interface Params {
  childId: string;
  id: string;
  adopterId: string;
  reportId: string;
  amendmentId: string;
}

type Shown = { values?: FormValues; errors?: FieldError[] };

export function adoptionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);
  const form = 'adoption/views/form.njk';

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyAdoption(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  async function journeyFor(p: Params) {
    const [child, j] = await Promise.all([childSummary(ctx.db, p.childId), journeyOf(ctx.db, p.childId, p.id)]);
    return child && j ? { child, j } : null;
  }

  const shown = (values?: FormValues, errors?: FieldError[]): Shown => ({ ...(values ? { values } : {}), ...(errors ? { errors } : {}) });

  // ── pages shown again with their errors ───────────────────────────────────

  async function decisionPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const child = await childSummary(ctx.db, p.childId);
    if (!child) return notFound(reply);
    return reply.page(form, decisionForm(child, { today: today(), ...shown(values, errors) }));
  }

  async function previousPermanencePage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, previous] = await Promise.all([childSummary(ctx.db, p.childId), previousPermanenceOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page(form, previousPermanenceForm(child, previous, { today: today(), ...shown(values, errors) }));
  }

  function journeyFormPage(build: typeof authorityForm) {
    return async (reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) => {
      const found = await journeyFor(p);
      if (!found) return notFound(reply);
      return reply.page(form, build(found.child, found.j, { today: today(), ...shown(values, errors) }));
    };
  }
  const authorityPage = journeyFormPage(authorityForm);
  const placementPage = journeyFormPage(placementForm);
  async function orderPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [found, period] = await Promise.all([journeyFor(p), latestCarePeriodOf(ctx.db, p.childId)]);
    if (!found) return notFound(reply);
    return reply.page(form, orderForm(found.child, found.j, period, { today: today(), ...shown(values, errors) }));
  }
  const planChangePage = journeyFormPage(planChangeForm);
  const placementEndPage = journeyFormPage(placementEndForm);
  const reviewPage = journeyFormPage(reviewForm);
  async function matchPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [found, all] = await Promise.all([journeyFor(p), households(ctx.db)]);
    if (!found) return notFound(reply);
    return reply.page(form, matchForm(found.child, found.j, all, { today: today(), ...shown(values, errors) }));
  }

  async function enquiryPage(reply: FastifyReply, _p: Params, values?: FormValues, errors?: FieldError[]) {
    return reply.page(form, enquiryForm({ today: today(), ...shown(values, errors) }));
  }
  function householdFormPage(build: typeof stagesForm) {
    return async (reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) => {
      const h = await householdOf(ctx.db, p.adopterId);
      if (!h) return notFound(reply);
      return reply.page(form, build(h, { today: today(), ...shown(values, errors) }));
    };
  }
  const stagesPage = householdFormPage(stagesForm);
  const adopterPanelPage = householdFormPage(adopterPanelForm);
  const journeyPanelPage = journeyFormPage(journeyPanelForm);
  async function amendmentPage(reply: FastifyReply, p: Params, user: SignedInUser, values?: FormValues, errors?: FieldError[]) {
    const r = await panelReportOf(ctx.db, user, p.reportId);
    const a = r?.amendments.find((x) => x.id === p.amendmentId);
    if (!r || !a) return notFound(reply);
    return reply.page(form, amendmentForm(r, a, { today: today(), ...shown(values, errors) }));
  }
  const adopterEndPage = householdFormPage(adopterEndForm);

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, journeys, obligations, previous] = await Promise.all([
      childSummary(ctx.db, p.childId),
      journeysOf(ctx.db, p.childId),
      obligationsOf(p.childId),
      previousPermanenceOf(ctx.db, p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('adoption/views/overview.njk', overviewPage(child, journeys, obligations, previous));
  });
  route(app, ctx, { ...view, url: paths.newJourney }, async (req, reply) => decisionPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.previousPermanence }, async (req, reply) => previousPermanencePage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.journey }, async (req, reply) => {
    const p = params(req);
    const found = await journeyFor(p);
    if (!found) return notFound(reply);
    const [reviews, obligations, endings] = await Promise.all([
      reviewsOf(ctx.db, p.childId),
      obligationsOf(p.childId),
      placementEndingsOf(ctx.db, p.childId),
    ]);
    return reply.page('adoption/views/journey.njk', journeyPage(found.child, found.j, reviews, obligations, endings));
  });
  route(app, ctx, { ...view, url: paths.authority }, async (req, reply) => authorityPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.match }, async (req, reply) => matchPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.placement }, async (req, reply) => placementPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.order }, async (req, reply) => orderPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.placementEnd }, async (req, reply) => placementEndPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.planChange }, async (req, reply) => planChangePage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.review }, async (req, reply) => reviewPage(reply, params(req)));

  route(app, ctx, { method: 'GET', url: paths.scorecard, roles: managers, audit: 'VIEW_ADOPTION_SCORECARD' }, async (req, reply, state) => {
    const list = (req.query as Record<string, unknown>).list;
    const [s, clock] = await Promise.all([scorecardFor(ctx.db, state.user, today()), loadClockContext(ctx.db)]);
    const chosen = typeof list === 'string' && listTitle(list) ? list : null;
    // the audit row says whose names the page showed: the longest waiting, and the chosen list
    const named = [...(s.lists.waiting ?? []).slice(0, 10), ...(chosen ? (s.lists[chosen] ?? []) : [])];
    const exits = chosen === 'special_guardianship' || chosen === 'child_arrangements' ? s.exits[chosen] : [];
    state.revealedChildIds = [...new Set([...named, ...exits].filter((c) => !c.restricted).map((c) => c.childId))];
    return reply.page('adoption/views/scorecard.njk', scorecardPage(s, chosen, adopterStagesDue(s.adopters, clock, today())));
  });

  const adopterView = { method: 'GET', roles: managers, audit: 'VIEW_ADOPTERS' } as const;
  route(app, ctx, { ...adopterView, url: paths.adopters }, async (_req, reply) =>
    reply.page('adoption/views/adopters.njk', adoptersPage(await households(ctx.db))),
  );
  route(app, ctx, { ...adopterView, url: paths.newAdopter }, async (req, reply) => enquiryPage(reply, params(req)));
  route(app, ctx, { ...adopterView, url: paths.adopter }, async (req, reply) => {
    const h = await householdOf(ctx.db, params(req).adopterId);
    if (!h) return notFound(reply);
    const clock = await loadClockContext(ctx.db);
    return reply.page('adoption/views/adopter.njk', adopterPage(h, adopterStages(h, clock, today())));
  });
  route(app, ctx, { ...adopterView, url: paths.adopterStages }, async (req, reply) => stagesPage(reply, params(req)));
  route(app, ctx, { ...adopterView, url: paths.adopterEnd }, async (req, reply) => adopterEndPage(reply, params(req)));
  route(app, ctx, { ...adopterView, url: paths.adopterPanel }, async (req, reply) => adopterPanelPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.journeyPanel }, async (req, reply) => journeyPanelPage(reply, params(req)));

  const panelView = { method: 'GET', roles: managers, audit: 'VIEW_ADOPTION_PANEL' } as const;
  route(app, ctx, { ...panelView, url: paths.panel }, async (_req, reply, state) => {
    const reports = await panelReports(ctx.db, state.user);
    state.revealedChildIds = [...new Set(reports.flatMap((r) => (r.childId && !r.restricted ? [r.childId] : [])))];
    return reply.page('adoption/views/panel.njk', panelListPage(reports));
  });
  route(app, ctx, { ...panelView, url: paths.panelReport }, async (req, reply, state) => {
    const r = await panelReportOf(ctx.db, state.user, params(req).reportId);
    if (!r) return notFound(reply);
    if (r.childId && !r.restricted) state.revealedChildIds = [r.childId];
    return reply.page('adoption/views/panel-report.njk', panelReportPage(r));
  });
  route(app, ctx, { ...panelView, url: paths.amendment }, async (req, reply, state) => amendmentPage(reply, params(req), state.user));

  // ── changes to a child's journey ──────────────────────────────────────────

  const journeyDone = (flash: string) => (p: Params) => ({ flash, to: to.journeyPath(p.childId, p.id) });

  register({
    summary: 'Record the agency decision maker’s decision that the child should be placed for adoption',
    audit: 'RECORD_ADOPTION_DECISION',
    roles: practice,
    page: paths.newJourney,
    api: apiPaths.journeys,
    schema: decisionSchema(today),
    fromForm: withDates('decidedOn'),
    creates: true,
    run: (tx, p, input, by) => recordDecision(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => decisionPage(reply, p, values, errors),
    staleField: 'decidedOn',
    done: (p, r) => ({ flash: 'Adoption decision recorded', to: to.journeyPath(p.childId, typeof r === 'string' ? r : r.id) }),
  });
  register({
    summary: 'Record the authority to place for adoption: the placement order or consent',
    audit: 'RECORD_ADOPTION_AUTHORITY',
    roles: practice,
    page: paths.authority,
    api: apiPaths.authority,
    schema: authoritySchema(today),
    fromForm: withDates('authorityOn'),
    creates: false,
    run: (tx, p, input) => recordAuthority(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => authorityPage(reply, p, values, errors),
    staleField: 'authorityOn',
    done: journeyDone('Authority to place saved'),
  });
  register({
    summary: 'Record the match with approved adopters: the panel’s recommendation and the decision',
    audit: 'RECORD_ADOPTION_MATCH',
    roles: practice,
    page: paths.match,
    api: apiPaths.match,
    schema: matchSchema(today),
    fromForm: withDates('matchPanelOn', 'matchedOn'),
    creates: false,
    run: (tx, p, input) => recordMatch(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => matchPage(reply, p, values, errors),
    staleField: 'matchedOn',
    done: journeyDone('Match saved'),
  });
  register({
    summary: 'Record the placement for adoption',
    audit: 'RECORD_ADOPTIVE_PLACEMENT',
    roles: practice,
    page: paths.placement,
    api: apiPaths.placement,
    schema: placementSchema(today),
    fromForm: withDates('placedOn', 'movedInOn'),
    creates: false,
    run: (tx, p, input) => recordPlacement(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => placementPage(reply, p, values, errors),
    staleField: 'placedOn',
    done: journeyDone('Placement for adoption saved'),
  });
  register({
    summary: 'Record the adoption order: the child’s period of care ends that day (E11 or E12)',
    audit: 'RECORD_ADOPTION_ORDER',
    roles: practice,
    page: paths.order,
    api: apiPaths.order,
    schema: orderSchema(today),
    fromForm: withDates('adoptionOrderOn'),
    creates: false,
    run: (tx, p, input) => recordAdoptionOrder(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => orderPage(reply, p, values, errors),
    staleField: 'adoptionOrderOn',
    done: journeyDone('Adoption order saved'),
  });
  register({
    summary: 'Record that the placement for adoption ended without an adoption order: the child is waiting again',
    audit: 'END_ADOPTIVE_PLACEMENT',
    roles: practice,
    page: paths.placementEnd,
    api: apiPaths.placementEnd,
    schema: placementEndSchema(today),
    fromForm: withDates('placementEndedOn'),
    creates: false,
    run: (tx, p, input, by) => endPlacement(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => placementEndPage(reply, p, values, errors),
    staleField: 'placementEndedOn',
    done: journeyDone('End of the placement saved'),
  });
  register({
    summary: 'Record that the plan changed away from adoption, with the reason',
    audit: 'CHANGE_ADOPTION_PLAN',
    roles: practice,
    page: paths.planChange,
    api: apiPaths.planChange,
    schema: planChangeSchema(today),
    fromForm: withDates('planChangedOn'),
    creates: false,
    run: (tx, p, input) => changePlan(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => planChangePage(reply, p, values, errors),
    staleField: 'planChangedOn',
    done: journeyDone('Change of plan saved'),
  });
  register({
    summary: 'Record an adoption review (AAR 2005 reg 36) and the visit frequency it set',
    audit: 'RECORD_ADOPTION_REVIEW',
    roles: practice,
    page: paths.review,
    api: apiPaths.review,
    schema: reviewSchema(today),
    fromForm: withDates('heldOn'),
    creates: true,
    run: (tx, p, input, by) => recordReview(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => reviewPage(reply, p, values, errors),
    staleField: 'heldOn',
    done: journeyDone('Adoption review saved'),
  });

  register({
    summary: 'Record the permanence the child had before coming into care (SSDA903 PrevPerm)',
    audit: 'RECORD_PREVIOUS_PERMANENCE',
    roles: practice,
    page: paths.previousPermanence,
    api: apiPaths.previousPermanence,
    schema: previousPermanenceSchema(today),
    fromForm: withDates('madeOn'),
    creates: false,
    run: (tx, p, input, by) => recordPreviousPermanence(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => previousPermanencePage(reply, p, values, errors),
    staleField: 'code',
    done: (p) => ({ flash: 'Previous permanence saved', to: to.adoptionPath(p.childId) }),
  });

  register({
    summary: 'Record a report on the child’s match or plan to the adoption and permanence panel: feedback and required amendments',
    audit: 'RECORD_ADOPTION_PANEL_REPORT',
    roles: practice,
    page: paths.journeyPanel,
    api: apiPaths.journeyPanel,
    schema: journeyPanelSchema(today),
    fromForm: withDates('panelOn'),
    creates: true,
    run: (tx, p, input, by) => recordJourneyPanel(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => journeyPanelPage(reply, p, values, errors),
    staleField: 'panelOn',
    done: journeyDone('Report to the panel saved'),
  });

  // ── changes to adopters ───────────────────────────────────────────────────

  register({
    summary: 'Record an enquiry from prospective adopters: the household and who they could care for',
    audit: 'RECORD_ADOPTER_ENQUIRY',
    roles: managers,
    page: paths.newAdopter,
    api: apiPaths.adopters,
    schema: enquirySchema(today),
    fromForm: withDates('enquiryOn'),
    creates: true,
    run: (tx, _p, input, by) => recordEnquiry(tx, input, by),
    again: (reply, p, _user, values, errors) => enquiryPage(reply, p, values, errors),
    staleField: 'enquiryOn',
    done: (_p, r) => ({ flash: 'Enquiry recorded', to: to.adopterPath(typeof r === 'string' ? r : r.id) }),
  });
  register({
    summary: 'Record the approval stages of prospective adopters: stage one, stage two and approval',
    audit: 'RECORD_ADOPTER_STAGES',
    roles: managers,
    page: paths.adopterStages,
    api: apiPaths.adopterStages,
    schema: stagesSchema(today),
    fromForm: withDates('registrationAcceptedOn', 'stageOneCompletedOn', 'stageTwoStartedOn', 'approvedOn'),
    creates: false,
    run: (tx, p, input) => recordStages(tx, p.adopterId, input),
    again: (reply, p, _user, values, errors) => stagesPage(reply, p, values, errors),
    staleField: 'registrationAcceptedOn',
    done: (p) => ({ flash: 'Stages saved', to: to.adopterPath(p.adopterId) }),
  });
  register({
    summary: 'End prospective adopters’ approval process, or an approval',
    audit: 'END_ADOPTER_PROCESS',
    roles: managers,
    page: paths.adopterEnd,
    api: apiPaths.adopterEnd,
    schema: adopterEndSchema(today),
    fromForm: withDates('endedOn'),
    creates: false,
    run: (tx, p, input) => endAdopterProcess(tx, p.adopterId, input),
    again: (reply, p, _user, values, errors) => adopterEndPage(reply, p, values, errors),
    staleField: 'endedOn',
    done: (p) => ({ flash: 'Saved', to: to.adopterPath(p.adopterId) }),
  });
  register({
    summary: 'Record a report on prospective adopters’ approval to the adoption and permanence panel: feedback and required amendments',
    audit: 'RECORD_ADOPTION_PANEL_REPORT',
    roles: managers,
    page: paths.adopterPanel,
    api: apiPaths.adopterPanel,
    schema: adopterPanelSchema(today),
    fromForm: withDates('panelOn'),
    creates: true,
    run: (tx, p, input, by) => recordAdopterPanel(tx, p.adopterId, input, by),
    again: (reply, p, _user, values, errors) => adopterPanelPage(reply, p, values, errors),
    staleField: 'panelOn',
    done: (_p, r) => ({ flash: 'Report to the panel saved', to: to.panelReportPath(typeof r === 'string' ? r : r.id) }),
  });
  register({
    summary: 'Mark an amendment the adoption and permanence panel required as done',
    audit: 'MARK_PANEL_AMENDMENT_DONE',
    roles: managers,
    page: paths.amendment,
    api: apiPaths.amendment,
    schema: amendmentDoneSchema(today),
    fromForm: withDates('doneOn'),
    creates: false,
    run: (tx, p, input) => markAmendmentDone(tx, p.reportId, p.amendmentId, input),
    again: (reply, p, user, values, errors) => amendmentPage(reply, p, user, values, errors),
    staleField: 'doneOn',
    done: (p) => ({ flash: 'Amendment marked as done', to: to.panelReportPath(p.reportId) }),
  });
}
