/**
 * Child protection's pages and JSON API. Each change is declared once (`changes` below): its
 * schema, its use case and where it goes next; the page route and the API route are both made
 * from it, so the two take the same input, apply the same rules and write the same audit row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { registerPlanBuilderChanges } from '../casework/plan-changes.js';
import { changeRoutes, idOf } from '../casework/changes.js';
import { childSummary } from '../core/record/summary.js';
import type { AccessRole } from '../core/auth/schema.js';
import type { SignedInUser } from '../core/auth/users.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { loadClockContext } from '../obligations/recompute.js';
import { type FormValues, formInput, withDates } from '../casework/form.js';
import * as to from './paths.js';
import { paths, apiPaths } from './paths.js';
import {
  conferenceCorrectionForm,
  conferenceForm,
  conferencePage,
  coreGroupForm,
  endPlanForm,
  newDiscussionValues,
  overviewPage,
  planPage,
  type PlanForm,
  s47Page,
  strategyDiscussionForm,
  strategyDiscussionPage,
  strategyDiscussionValues,
} from './presenters.js';
import {
  childProtectionObligations,
  childProtectionOf,
  conferenceOf,
  discussionsAskedFor,
  openReferralsOf,
  planOf,
  s47EnquiryOf,
  strategyDiscussionOf,
} from './queries.js';
import type { ConferenceType } from './schema.js';
import {
  addPlanAction,
  authoriseS47Enquiry,
  authoriseSchema,
  authoriseStrategyDiscussion,
  conferenceSchema,
  coreGroupSchema,
  correctConference,
  correctConferenceSchema,
  endPlan,
  endPlanSchema,
  finalisePlan,
  finalisePlanSchema,
  recordActionProgress,
  recordConference,
  recordCoreGroup,
  recordS47Outcome,
  recordStrategyDiscussion,
  s47OutcomeSchema,
  startS47Enquiry,
  startS47Schema,
  strategyDiscussionSchema,
  updatePlan,
  updateStrategyDiscussion,
  updateStrategyDiscussionSchema,
} from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];
const managers = ['team_manager', 'service_manager'] as const satisfies readonly AccessRole[];
const isManager = (user: SignedInUser) => (managers as readonly string[]).includes(user.role);

interface Params {
  childId: string;
  id: string;
  actionId: string;
}

export function childProtectionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });

  const register = changeRoutes<Params>(app, ctx);

  // ── pages shown again with their errors ───────────────────────────────────

  async function discussionFormPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[], discussionId?: string) {
    const [child, referrals] = await Promise.all([childSummary(ctx.db, p.childId), openReferralsOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    const action = discussionId ? to.editStrategyDiscussionPath(p.childId, discussionId) : to.newStrategyDiscussionPath(p.childId);
    return reply.page(
      'child-protection/views/strategy-discussion-form.njk',
      strategyDiscussionForm(child, { values, errors, action, referrals, ...(discussionId ? { discussionId } : {}) }),
    );
  }

  async function discussionPage(reply: FastifyReply, p: Params, user: SignedInUser, values?: FormValues, errors?: FieldError[]) {
    const [child, d] = await Promise.all([childSummary(ctx.db, p.childId), strategyDiscussionOf(ctx.db, p.childId, p.id)]);
    if (!child || !d) return notFound(reply);
    return reply.page(
      'child-protection/views/strategy-discussion.njk',
      strategyDiscussionPage(child, d, {
        manager: isManager(user),
        today: today(),
        ...(values ? { values } : {}),
        ...(errors ? { errors } : {}),
      }),
    );
  }

  async function enquiryPage(reply: FastifyReply, p: Params, user: SignedInUser, values?: FormValues, errors?: FieldError[]) {
    const [child, e] = await Promise.all([childSummary(ctx.db, p.childId), s47EnquiryOf(ctx.db, p.childId, p.id)]);
    if (!child || !e) return notFound(reply);
    return reply.page(
      'child-protection/views/s47-enquiry.njk',
      s47Page(child, e, { manager: isManager(user), today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  async function conferenceFormPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const type = String(values.type ?? '') as ConferenceType;
    const s47EnquiryId = typeof values.s47EnquiryId === 'string' ? values.s47EnquiryId : '';
    const cpPlanId = typeof values.cpPlanId === 'string' ? values.cpPlanId : '';
    const [child, enquiry, plan] = await Promise.all([
      childSummary(ctx.db, p.childId),
      s47EnquiryId ? s47EnquiryOf(ctx.db, p.childId, s47EnquiryId) : null,
      cpPlanId ? planOf(ctx.db, p.childId, cpPlanId) : null,
    ]);
    const fits = (type === 'review' && plan) || ((type === 'initial' || type === 'pre_birth') && enquiry);
    if (!child || !fits) return notFound(reply);
    const about = type === 'review' ? { cpPlanId } : { s47EnquiryId };
    return reply.page(
      'child-protection/views/conference-form.njk',
      conferenceForm(child, { type, about, values: { conferenceDate: today(), ...values }, errors }),
    );
  }

  async function conferenceCorrectionPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, c] = await Promise.all([childSummary(ctx.db, p.childId), conferenceOf(ctx.db, p.childId, p.id)]);
    if (!child || !c) return notFound(reply);
    return reply.page('child-protection/views/conference-form.njk', conferenceCorrectionForm(child, c, { values, errors }));
  }

  async function planPageFor(reply: FastifyReply, p: Params, form?: PlanForm, values?: FormValues, errors?: FieldError[]) {
    const clock = await loadClockContext(ctx.db);
    const [child, plan, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      planOf(ctx.db, p.childId, p.id),
      childProtectionObligations(ctx.db, p.childId, ctx.time.now(), clock),
    ]);
    if (!child || !plan) return notFound(reply);
    return reply.page(
      'child-protection/views/plan.njk',
      planPage(child, plan, obligations, {
        today: today(),
        ...(form ? { form } : {}),
        ...(values ? { values } : {}),
        ...(errors ? { errors } : {}),
      }),
    );
  }

  async function endPlanPage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, plan] = await Promise.all([childSummary(ctx.db, p.childId), planOf(ctx.db, p.childId, p.id)]);
    if (!child || !plan) return notFound(reply);
    return reply.page(
      'child-protection/views/plan-end.njk',
      endPlanForm(child, plan, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  async function coreGroupPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, plan] = await Promise.all([childSummary(ctx.db, p.childId), planOf(ctx.db, p.childId, p.id)]);
    if (!child || !plan) return notFound(reply);
    return reply.page(
      'child-protection/views/core-group-form.njk',
      coreGroupForm(child, plan, { values: { meetingDate: today(), ...values }, errors }),
    );
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const clock = await loadClockContext(ctx.db);
    const [child, record, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      childProtectionOf(ctx.db, p.childId),
      childProtectionObligations(ctx.db, p.childId, ctx.time.now(), clock),
    ]);
    if (!child) return notFound(reply);
    return reply.page('child-protection/views/overview.njk', overviewPage(child, record, obligations));
  });

  route(app, ctx, { ...view, url: paths.newStrategyDiscussion }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const p = params(req);
    const asked = await discussionsAskedFor(ctx.db, p.childId);
    return discussionFormPage(reply, p, newDiscussionValues(today(), { referralId: q.referralId, contactId: q.contactId }, asked), []);
  });

  route(app, ctx, { ...view, url: paths.strategyDiscussion }, async (req, reply, state) => discussionPage(reply, params(req), state.user));

  route(app, ctx, { ...view, url: paths.editStrategyDiscussion }, async (req, reply) => {
    const p = params(req);
    const d = await strategyDiscussionOf(ctx.db, p.childId, p.id);
    if (!d) return notFound(reply);
    return discussionFormPage(reply, p, strategyDiscussionValues(d), [], p.id);
  });

  route(app, ctx, { ...view, url: paths.s47Enquiry }, async (req, reply, state) => enquiryPage(reply, params(req), state.user));

  // a work list knows an enquiry's obligations by the discussion that started it (their episode)
  route(app, ctx, { ...view, url: paths.enquiryOfDiscussion }, async (req, reply) => {
    const p = params(req);
    const d = await strategyDiscussionOf(ctx.db, p.childId, p.id);
    if (!d) return notFound(reply);
    return reply.redirect(d.s47EnquiryId ? to.s47EnquiryPath(p.childId, d.s47EnquiryId) : to.strategyDiscussionPath(p.childId, d.id));
  });

  route(app, ctx, { ...view, url: paths.newConference }, async (req, reply) =>
    conferenceFormPage(reply, params(req), { ...(req.query as FormValues) }, []),
  );

  route(app, ctx, { ...view, url: paths.conference }, async (req, reply) => {
    const p = params(req);
    const [child, c] = await Promise.all([childSummary(ctx.db, p.childId), conferenceOf(ctx.db, p.childId, p.id)]);
    if (!child || !c) return notFound(reply);
    return reply.page('child-protection/views/conference.njk', conferencePage(child, c));
  });

  route(app, ctx, { ...view, url: paths.editConference }, async (req, reply) => conferenceCorrectionPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.plan }, async (req, reply) => planPageFor(reply, params(req)));
  route(app, ctx, { ...view, url: paths.endPlan }, async (req, reply) => endPlanPage(reply, params(req)));
  route(app, ctx, { ...view, url: paths.newCoreGroup }, async (req, reply) => coreGroupPage(reply, params(req), {}, []));

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s strategy discussions, enquiries, conferences and plans, and what is due under child protection',
    },
    async (req, reply) => {
      const p = params(req);
      const clock = await loadClockContext(ctx.db);
      const [record, obligations] = await Promise.all([
        childProtectionOf(ctx.db, p.childId),
        childProtectionObligations(ctx.db, p.childId, ctx.time.now(), clock),
      ]);
      return reply.send({ ...record, obligations });
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  const discussionForm = (body: FormValues) =>
    formInput(body, { dates: ['concernDate', 'heldDate'], lists: { participants: ['agency', 'role', 'name'] } });
  const attendanceForm = (dates: string[]) => (body: FormValues) =>
    formInput(body, { dates, lists: { attendance: ['agency', 'name', 'attended'] } });

  register({
    summary: 'Record a concern of significant harm, and the strategy discussion if it has been held',
    audit: 'RECORD_STRATEGY_DISCUSSION',
    roles: practice,
    page: paths.newStrategyDiscussion,
    api: apiPaths.strategyDiscussions,
    schema: strategyDiscussionSchema(today),
    fromForm: discussionForm,
    creates: true,
    run: (tx, p, input, by) => recordStrategyDiscussion(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => discussionFormPage(reply, p, values, errors),
    staleField: 'concernDate',
    done: (p, r) => ({ flash: 'Strategy discussion recorded', to: to.strategyDiscussionPath(p.childId, idOf(r)) }),
  });

  register({
    summary: 'Change a strategy discussion, or record it once held',
    audit: 'UPDATE_STRATEGY_DISCUSSION',
    roles: practice,
    page: paths.editStrategyDiscussion,
    api: apiPaths.strategyDiscussion,
    schema: updateStrategyDiscussionSchema(today),
    fromForm: discussionForm,
    creates: false,
    run: (tx, p, input, by) => updateStrategyDiscussion(tx, p.childId, p.id, input, by),
    again: async (reply, p, _user, values, errors) => {
      if (values.version === undefined) {
        const d = await strategyDiscussionOf(ctx.db, p.childId, p.id);
        if (d) values = { ...values, version: d.version };
      }
      return discussionFormPage(reply, p, values, errors, p.id);
    },
    staleField: 'concernDate',
    done: (p) => ({ flash: 'Strategy discussion saved', to: to.strategyDiscussionPath(p.childId, p.id) }),
  });

  register({
    summary: 'Authorise a strategy discussion’s decision (managers)',
    audit: 'AUTHORISE_STRATEGY_DISCUSSION',
    roles: managers,
    page: paths.authoriseStrategyDiscussion,
    api: apiPaths.authoriseStrategyDiscussion,
    schema: authoriseSchema(today),
    fromForm: withDates('authorisedDate'),
    creates: false,
    run: (tx, p, input, by) => authoriseStrategyDiscussion(tx, p.childId, p.id, input, by),
    again: (reply, p, user, values, errors) => discussionPage(reply, p, user, values, errors),
    staleField: 'authorisedDate',
    done: (p) => ({ flash: 'Strategy discussion authorised', to: to.strategyDiscussionPath(p.childId, p.id) }),
  });

  register({
    summary: 'Start the section 47 enquiry a strategy discussion decided on',
    audit: 'START_S47_ENQUIRY',
    roles: practice,
    page: paths.startS47,
    api: apiPaths.startS47,
    schema: startS47Schema(today),
    fromForm: withDates('startDate'),
    creates: true,
    run: (tx, p, input, by) => startS47Enquiry(tx, p.childId, p.id, input, by),
    again: (reply, p, user, values, errors) => discussionPage(reply, p, user, values, errors),
    staleField: 'startDate',
    done: (p, r) => ({ flash: 'Section 47 enquiry started', to: to.s47EnquiryPath(p.childId, idOf(r)) }),
  });

  register({
    summary: 'Record the outcome of a section 47 enquiry',
    audit: 'RECORD_S47_OUTCOME',
    roles: practice,
    page: paths.s47Enquiry,
    api: apiPaths.s47Enquiry,
    schema: s47OutcomeSchema(today),
    fromForm: withDates('endDate'),
    creates: false,
    run: (tx, p, input, by) => recordS47Outcome(tx, p.childId, p.id, input, by),
    again: (reply, p, user, values, errors) => enquiryPage(reply, p, user, values, errors),
    staleField: 'childSeen',
    done: (p) => ({ flash: 'Outcome of the enquiry saved', to: to.s47EnquiryPath(p.childId, p.id) }),
  });

  register({
    summary: 'Authorise the outcome of a section 47 enquiry (managers)',
    audit: 'AUTHORISE_S47_ENQUIRY',
    roles: managers,
    page: paths.authoriseS47,
    api: apiPaths.authoriseS47,
    schema: authoriseSchema(today),
    fromForm: withDates('authorisedDate'),
    creates: false,
    run: (tx, p, input, by) => authoriseS47Enquiry(tx, p.childId, p.id, input, by),
    again: (reply, p, user, values, errors) => enquiryPage(reply, p, user, values, errors),
    staleField: 'authorisedDate',
    done: (p) => ({ flash: 'Section 47 enquiry authorised', to: to.s47EnquiryPath(p.childId, p.id) }),
  });

  register({
    summary: 'Record a child protection conference: initial, pre-birth or review',
    audit: 'RECORD_CP_CONFERENCE',
    roles: practice,
    page: paths.newConference,
    api: apiPaths.conferences,
    schema: conferenceSchema(today),
    fromForm: attendanceForm(['conferenceDate', 'reportSubmittedDate', 'reportSharedWithFamilyDate']),
    creates: true,
    run: (tx, p, input, by) => recordConference(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => conferenceFormPage(reply, p, values, errors),
    staleField: 'conferenceDate',
    done: (p, r) => {
      const made = typeof r === 'string' ? null : (r.planId as string | null);
      return made
        ? { flash: 'Conference recorded', to: to.planPath(p.childId, made) }
        : { flash: 'Conference recorded', to: to.conferencePath(p.childId, idOf(r)) };
    },
  });

  register({
    summary: 'Correct a conference’s record: chair, attendance, participation, the report’s dates',
    audit: 'CORRECT_CP_CONFERENCE',
    roles: practice,
    page: paths.editConference,
    api: apiPaths.conference,
    schema: correctConferenceSchema(today),
    fromForm: attendanceForm(['reportSubmittedDate', 'reportSharedWithFamilyDate']),
    creates: false,
    run: (tx, p, input) => correctConference(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => conferenceCorrectionPage(reply, p, values, errors),
    staleField: 'chair',
    done: (p) => ({ flash: 'Conference record corrected', to: to.conferencePath(p.childId, p.id) }),
  });

  registerPlanBuilderChanges(register, {
    plan: 'a plan',
    auditKind: 'CP',
    roles: practice,
    page: paths,
    api: apiPaths,
    update: updatePlan,
    addAction: addPlanAction,
    recordProgress: recordActionProgress,
    planPage: planPageFor,
    planPath: to.planPath,
  });

  register({
    summary: 'Finalise a plan: refused until it has outcomes and a contingency plan',
    audit: 'FINALISE_CP_PLAN',
    roles: practice,
    page: paths.finalisePlan,
    api: apiPaths.finalisePlan,
    schema: finalisePlanSchema(today),
    fromForm: withDates('finalisedDate'),
    creates: false,
    run: (tx, p, input, by) => finalisePlan(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => planPageFor(reply, p, 'finalise', values, errors),
    staleField: 'finalisedDate',
    done: (p) => ({ flash: 'Plan finalised', to: to.planPath(p.childId, p.id) }),
  });

  register({
    summary: 'End a plan, with the reason',
    audit: 'END_CP_PLAN',
    roles: practice,
    page: paths.endPlan,
    api: apiPaths.endPlan,
    schema: endPlanSchema(today),
    fromForm: withDates('endDate'),
    creates: false,
    run: (tx, p, input) => endPlan(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => endPlanPage(reply, p, values, errors),
    staleField: 'endDate',
    done: (p) => ({ flash: 'Plan ended', to: to.planPath(p.childId, p.id) }),
  });

  register({
    summary: 'Record a core group meeting under a plan',
    audit: 'RECORD_CORE_GROUP',
    roles: practice,
    page: paths.newCoreGroup,
    api: apiPaths.coreGroups,
    schema: coreGroupSchema(today),
    fromForm: attendanceForm(['meetingDate']),
    creates: true,
    run: (tx, p, input, by) => recordCoreGroup(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => coreGroupPage(reply, p, values, errors),
    staleField: 'meetingDate',
    done: (p) => ({ flash: 'Core group meeting recorded', to: to.planPath(p.childId, p.id) }),
  });
}
