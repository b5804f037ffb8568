import type { FastifyInstance, FastifyReply } from 'fastify';
import { childProtectionPath, newStrategyDiscussionPath } from '../child-protection/paths.js';
import { assessmentFactorCodes } from '../children/codes.js';
import { childPaths } from '../children/paths.js';
import { isManager, roles } from '../core/auth/roles.js';
import type { SignedInUser } from '../core/auth/users.js';
import { StaleRecordError } from '../core/db/versions.js';
import { apiRoute, validationFailure } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, type FieldError, joinDateParts, parse } from '../core/http/forms.js';
import { forbidden, route, type RequestState } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { todayIn } from '../core/time.js';
import { assessmentApiPaths as api, assessmentPaths as paths } from './paths.js';
import {
  assessmentRows,
  assessmentSummary,
  childSeenText,
  factorItems,
  isLate,
  outcomeItems,
  referralItems,
  reviewSummary,
  startsStrategyDiscussion,
  workerItems,
  writtenSummary,
} from './presenters.js';
import {
  assessmentIdForReferral,
  assessmentOf,
  assessmentsOf,
  openReferralsWithoutAssessment,
  reviewsOf,
  workersForAllocation,
} from './queries.js';
import {
  AssessmentRuleError,
  authoriseAssessment,
  authoriseSchema,
  childSeenSince,
  lateReasonSchema,
  recordAssessment,
  recordAssessmentSchema,
  recordLateReason,
  returnAssessment,
  returnAssessmentSchema,
  startAssessment,
  startAssessmentSchema,
  submitAssessment,
  submitAssessmentSchema,
} from './use-cases.js';

/** What the form posted, for the page shown again. */
type Posted = Record<string, unknown>;

interface Params {
  childId: string;
  assessmentId: string;
}

const STALE_ADVICE = 'or it is no longer at this stage. Nothing has been saved: check it and try again.';

export function assessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const manager = (state: RequestState) => ({ userId: state.user.id, workerId: state.user.workerId, at: ctx.time.now() });

  async function listPage(
    reply: FastifyReply,
    user: SignedInUser,
    childId: string,
    extra: { values?: Posted; errors?: FieldError[] } = {},
  ) {
    const [child, assessments, referrals, workers] = await Promise.all([
      childSummary(ctx.db, childId),
      assessmentsOf(ctx.db, childId),
      openReferralsWithoutAssessment(ctx.db, childId),
      workersForAllocation(ctx.db, user.role === 'service_manager' ? null : user.teamId),
    ]);
    const values = extra.values ?? { workerId: user.workerId };
    return reply.page('assessment/views/list.njk', {
      title: 'Assessments',
      child,
      rows: assessmentRows(childId, assessments),
      referralItems: referralItems(referrals, values.referralId),
      workerItems: workerItems(workers, values.workerId),
      start: extra.values
        ? { day: values['startDate-day'], month: values['startDate-month'], year: values['startDate-year'] }
        : dateParts(today()),
      action: paths.list(childId),
      backLink: childPaths.record(childId),
      ...errorView(extra.errors ?? [], ['startDate']),
    });
  }

  route(app, ctx, { method: 'GET', url: paths.list(':childId'), audit: 'VIEW_CHILD' }, async (req, reply, { user }) =>
    listPage(reply, user, (req.params as { childId: string }).childId),
  );

  route(app, ctx, { method: 'POST', url: paths.list(':childId'), audit: 'START_ASSESSMENT' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = joinDateParts(req.body as Posted, ['startDate']);
    const parsed = parse(startAssessmentSchema(today), body);
    if (!parsed.ok) return listPage(reply.code(400), state.user, childId, { values: body, errors: parsed.errors });
    try {
      await state.write(async (tx) => {
        state.recordId = await startAssessment(tx, childId, parsed.value, { userId: state.user.id });
      });
    } catch (e) {
      if (!(e instanceof AssessmentRuleError)) throw e;
      return listPage(reply.code(400), state.user, childId, { values: body, errors: [{ field: e.field, message: e.message }] });
    }
    reply.flash('Assessment started');
    return reply.redirect(paths.show(childId, state.recordId!), 303);
  });

  async function showPage(reply: FastifyReply, childId: string, id: string, extra: { values?: Posted; errors?: FieldError[] } = {}) {
    const [child, assessment] = await Promise.all([childSummary(ctx.db, childId), assessmentOf(ctx.db, childId, id)]);
    if (!assessment) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const [reviews, seenOn] = await Promise.all([reviewsOf(ctx.db, id), childSeenSince(ctx.db, childId, assessment.startDate, today())]);
    const values = extra.values
      ? { version: assessment.version, ...extra.values }
      : {
          factors: assessment.factors,
          analysis: assessment.analysis,
          childViews: assessment.childViews,
          familyViews: assessment.familyViews,
          plan: assessment.plan,
          outcome: assessment.outcome,
          lateReason: assessment.lateReason,
          version: assessment.version,
        };
    const late = isLate(assessment, today());
    const returned = !assessment.submittedAt && assessment.lastDecision === 'returned' ? reviews[0] : undefined;
    return reply.page('assessment/views/show.njk', {
      title: 'Assessment',
      child,
      assessment,
      summary: assessmentSummary(assessment, late),
      written: writtenSummary(assessment),
      oversight: reviewSummary(reviews),
      returned,
      childSeen: { seen: seenOn !== null, text: childSeenText(seenOn, assessment.startDate) },
      visitLink: `${childPaths.newVisit(childId)}?purpose=assessment`,
      factorItems: factorItems(assessmentFactorCodes, [values.factors ?? []].flat() as string[]),
      outcomeItems: outcomeItems(values.outcome),
      factorCodes: assessmentFactorCodes,
      authorised: dateParts(today()),
      next: startsStrategyDiscussion(assessment)
        ? { start: newStrategyDiscussionPath(childId, { referralId: assessment.referralId }), overview: childProtectionPath(childId) }
        : null,
      late,
      values,
      action: paths.show(childId, id),
      backLink: paths.list(childId),
      ...errorView(extra.errors ?? [], ['authorisedDate']),
    });
  }

  route(app, ctx, { method: 'GET', url: paths.show(':childId', ':assessmentId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId, assessmentId } = req.params as Params;
    return showPage(reply, childId, assessmentId);
  });

  // a work list knows the referral an assessment is owed for, not the assessment: this finds it
  route(app, ctx, { method: 'GET', url: paths.forReferral(':childId', ':referralId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId, referralId } = req.params as { childId: string; referralId: string };
    const id = await assessmentIdForReferral(ctx.db, childId, referralId);
    return reply.redirect(id ? paths.show(childId, id) : paths.list(childId));
  });

  /** Each of the page's forms: its schema, who may use it, its first field, its use case and what the page then says. */
  const actions = {
    save: { schema: () => recordAssessmentSchema, managers: false, first: 'factors', done: 'Assessment saved' },
    submit: { schema: () => submitAssessmentSchema, managers: false, first: 'factors', done: 'Assessment submitted for authorisation' },
    return: {
      schema: () => returnAssessmentSchema,
      managers: true,
      first: 'returnComments',
      done: 'Assessment returned to the social worker with your comments',
    },
    authorise: { schema: () => authoriseSchema(today), managers: true, first: 'authorisedDate', done: 'Assessment authorised' },
    late: { schema: () => lateReasonSchema, managers: true, first: 'lateReason', done: 'Reason for lateness recorded' },
  } as const;
  type Action = keyof typeof actions;

  function change(state: RequestState, action: Action, childId: string, id: string, input: never) {
    return state.write((tx) => {
      switch (action) {
        case 'save':
          return recordAssessment(tx, childId, id, input);
        case 'submit':
          return submitAssessment(tx, childId, id, input, today());
        case 'return':
          return returnAssessment(tx, childId, id, input, manager(state));
        case 'authorise':
          return authoriseAssessment(tx, childId, id, input, manager(state));
        case 'late':
          return recordLateReason(tx, childId, id, input);
      }
    });
  }

  /** A change made, or the errors it was refused with and the status to send them with. */
  async function attempt(
    state: RequestState,
    action: Action,
    p: Params,
    input: unknown,
  ): Promise<{ code: number; errors: FieldError[] } | null> {
    try {
      await change(state, action, p.childId, p.assessmentId, input as never);
      return null;
    } catch (e) {
      if (e instanceof StaleRecordError) return { code: 409, errors: [{ field: 'version', message: `${e.message}, ${STALE_ADVICE}` }] };
      if (e instanceof AssessmentRuleError) return { code: 400, errors: [{ field: e.field, message: e.message }] };
      throw e;
    }
  }

  /** Where the manager goes once the assessment is authorised: the work its outcome starts, if it starts any. */
  async function afterAuthorising(p: Params): Promise<string | null> {
    const a = await assessmentOf(ctx.db, p.childId, p.assessmentId);
    return a && startsStrategyDiscussion(a) ? newStrategyDiscussionPath(p.childId, { referralId: a.referralId }) : null;
  }

  route(
    app,
    ctx,
    { method: 'POST', url: paths.show(':childId', ':assessmentId'), audit: 'UPDATE_ASSESSMENT' },
    async (req, reply, state) => {
      const p = req.params as Params;
      const body = joinDateParts(req.body as Posted, ['authorisedDate']);
      state.recordId = p.assessmentId;
      const failed = (errors: FieldError[], code = 400) => {
        // a stale change is shown again against the version now saved, so it can be made again
        const { version, ...rest } = body;
        const values = { ...rest, ...(code === 409 ? {} : { version }), factors: [body.factors ?? []].flat() };
        return showPage(reply.code(code), p.childId, p.assessmentId, { values, errors });
      };
      const name = String(body.action ?? 'save');
      if (!Object.hasOwn(actions, name)) {
        return failed([{ field: 'action', message: 'Choose save, submit, return, authorise or record a reason' }]);
      }
      const action = name as Action;
      if (actions[action].managers && !isManager(state.user.role)) return forbidden(reply);
      const parsed = parse(actions[action].schema(), body);
      if (!parsed.ok) return failed(parsed.errors);
      const refused = await attempt(state, action, p, parsed.value);
      // a stale change is shown against the first field of its form
      if (refused) {
        return failed(
          refused.errors.map((e) => (e.field === 'version' ? { ...e, field: actions[action].first } : e)),
          refused.code,
        );
      }
      const next = action === 'authorise' ? await afterAuthorising(p) : null;
      if (next) {
        reply.flash('Assessment authorised. Its outcome starts child protection work: record the concern and the strategy discussion.');
        return reply.redirect(next, 303);
      }
      reply.flash(actions[action].done);
      return reply.redirect(paths.show(p.childId, p.assessmentId), 303);
    },
  );

  // ── the JSON API: the same use cases ─────────────────────────────────────

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: api.list,
      roles: roles.practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s single assessments, with where each has got to',
    },
    async (req, reply) => reply.send(await assessmentsOf(ctx.db, (req.params as Params).childId)),
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'POST',
      url: api.list,
      roles: roles.practice,
      audit: 'START_ASSESSMENT',
      summary: 'Start a single assessment from an open referral; it does not allocate the child',
      body: startAssessmentSchema(today),
      responses: { '201': 'Started: the assessment’s id' },
    },
    async (req, reply, state) => {
      const { childId } = req.params as Params;
      try {
        await state.write(async (tx) => {
          state.recordId = await startAssessment(tx, childId, state.body, { userId: state.user.id });
        });
      } catch (e) {
        if (!(e instanceof AssessmentRuleError)) throw e;
        return reply.code(400).send(validationFailure([{ field: e.field, message: e.message }]));
      }
      return reply.code(201).send({ id: state.recordId });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: api.show,
      roles: roles.practice,
      audit: 'VIEW_CHILD',
      summary: 'One assessment: what it records, whether the child has been seen during it, and its management oversight',
      responses: { '200': 'OK', '404': 'Not one of this child’s assessments' },
    },
    async (req, reply) => {
      const p = req.params as Params;
      const a = await assessmentOf(ctx.db, p.childId, p.assessmentId);
      if (!a) return reply.code(404).send({ error: 'Not one of this child’s assessments' });
      const [reviews, childSeenOn] = await Promise.all([reviewsOf(ctx.db, a.id), childSeenSince(ctx.db, p.childId, a.startDate, today())]);
      return reply.send({ ...a, childSeenOn, managementOversight: reviews });
    },
  );

  const apiChanges: { url: string; action: Action; summary: string }[] = [
    { url: api.show, action: 'save', summary: 'Save the assessment in progress: factors, analysis, views, plan and outcome' },
    {
      url: api.submit,
      action: 'submit',
      summary: 'Submit the assessment for authorisation; refused until the child has been seen during it',
    },
    { url: api.return, action: 'return', summary: 'A manager returns the submitted assessment to the social worker with comments' },
    { url: api.authorise, action: 'authorise', summary: 'A manager authorises the submitted assessment, with comments if any' },
  ];
  for (const c of apiChanges) {
    apiRoute(
      app,
      ctx,
      {
        method: 'POST',
        url: c.url,
        roles: actions[c.action].managers ? roles.managers : roles.practice,
        audit: 'UPDATE_ASSESSMENT',
        summary: c.summary,
        body: actions[c.action].schema(),
        responses: {
          '200': c.action === 'authorise' ? 'Saved; `next` is the page that starts the work its outcome calls for, if any' : 'Saved',
          '409': 'Someone else saved first, or it is no longer at this stage: nothing saved; read it again and resend with its version',
        },
      },
      async (req, reply, state) => {
        const p = req.params as Params;
        state.recordId = p.assessmentId;
        const refused = await attempt(state, c.action, p, state.body);
        if (refused) return reply.code(refused.code).send(validationFailure(refused.errors));
        const next = c.action === 'authorise' ? await afterAuthorising(p) : null;
        return reply.send({ id: p.assessmentId, ...(next ? { next } : {}) });
      },
    );
  }
}
