import type { FastifyInstance, FastifyReply } from 'fastify';
import { assessmentFactorCodes } from '../children/codes.js';
import { childPaths } from '../children/paths.js';
import { isManager } from '../core/auth/roles.js';
import type { SignedInUser } from '../core/auth/users.js';
import { StaleRecordError } from '../core/db/versions.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, type FieldError, joinDateParts, parse } from '../core/http/forms.js';
import { forbidden, route, type RequestState } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { todayIn } from '../core/time.js';
import { assessmentPaths as paths } from './paths.js';
import { assessmentRows, assessmentSummary, factorItems, isLate, outcomeItems, referralItems, workerItems } from './presenters.js';
import { assessmentIdForReferral, assessmentOf, assessmentsOf, openReferralsWithoutAssessment, workersForAllocation } from './queries.js';
import {
  AssessmentRuleError,
  authoriseAssessment,
  authoriseSchema,
  lateReasonSchema,
  recordAssessment,
  recordAssessmentSchema,
  recordLateReason,
  startAssessment,
  startAssessmentSchema,
  submitAssessment,
  submitAssessmentSchema,
} from './use-cases.js';

/** What the form posted, for the page shown again. */
type Posted = Record<string, unknown>;

export function assessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

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
    const values = extra.values ?? {
      factors: assessment.factors,
      outcome: assessment.outcome,
      lateReason: assessment.lateReason,
      version: assessment.version,
    };
    const late = isLate(assessment, today());
    return reply.page('assessment/views/show.njk', {
      title: 'Assessment',
      child,
      assessment,
      summary: assessmentSummary(assessment, late),
      factorItems: factorItems(assessmentFactorCodes, [values.factors ?? []].flat() as string[]),
      outcomeItems: outcomeItems(values.outcome),
      factorCodes: assessmentFactorCodes,
      authorised: dateParts(today()),
      late,
      values,
      action: paths.show(childId, id),
      backLink: paths.list(childId),
      ...errorView(extra.errors ?? [], ['authorisedDate']),
    });
  }

  route(app, ctx, { method: 'GET', url: paths.show(':childId', ':assessmentId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId, assessmentId } = req.params as { childId: string; assessmentId: string };
    return showPage(reply, childId, assessmentId);
  });

  // a work list knows the referral an assessment is owed for, not the assessment: this finds it
  route(app, ctx, { method: 'GET', url: paths.forReferral(':childId', ':referralId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId, referralId } = req.params as { childId: string; referralId: string };
    const id = await assessmentIdForReferral(ctx.db, childId, referralId);
    return reply.redirect(id ? paths.show(childId, id) : paths.list(childId));
  });

  /** Each of the page's forms: its schema, who may use it, its use case and what the page then says. */
  const actions = {
    save: { schema: () => recordAssessmentSchema, managers: false, done: 'Assessment saved' },
    submit: { schema: () => submitAssessmentSchema, managers: false, done: 'Assessment submitted for authorisation' },
    authorise: { schema: () => authoriseSchema(today), managers: true, done: 'Assessment authorised' },
    late: { schema: () => lateReasonSchema, managers: true, done: 'Reason for lateness recorded' },
  } as const;

  function change(state: RequestState, action: keyof typeof actions, childId: string, id: string, input: never) {
    return state.write((tx) => {
      switch (action) {
        case 'save':
          return recordAssessment(tx, childId, id, input);
        case 'submit':
          return submitAssessment(tx, childId, id, input, today());
        case 'authorise':
          return authoriseAssessment(tx, childId, id, input, { workerId: state.user.workerId });
        case 'late':
          return recordLateReason(tx, childId, id, input);
      }
    });
  }

  route(
    app,
    ctx,
    { method: 'POST', url: paths.show(':childId', ':assessmentId'), audit: 'UPDATE_ASSESSMENT' },
    async (req, reply, state) => {
      const { childId, assessmentId } = req.params as { childId: string; assessmentId: string };
      const body = joinDateParts(req.body as Posted, ['authorisedDate']);
      state.recordId = assessmentId;
      const failed = (errors: FieldError[], code = 400) =>
        showPage(reply.code(code), childId, assessmentId, { values: { ...body, factors: [body.factors ?? []].flat() }, errors });
      const name = String(body.action ?? 'save');
      if (!Object.hasOwn(actions, name)) return failed([{ field: 'action', message: 'Choose save, submit, authorise or record a reason' }]);
      const action = name as keyof typeof actions;
      if (actions[action].managers && !isManager(state.user.role)) return forbidden(reply);
      const parsed = parse(actions[action].schema(), body);
      if (!parsed.ok) return failed(parsed.errors);
      try {
        await change(state, action, childId, assessmentId, parsed.value as never);
      } catch (e) {
        if (e instanceof StaleRecordError) {
          return failed(
            [
              {
                field: 'factors',
                message: `${e.message}, or it is no longer at this stage. Nothing has been saved: check it and try again.`,
              },
            ],
            409,
          );
        }
        if (e instanceof AssessmentRuleError) return failed([{ field: e.field, message: e.message }]);
        throw e;
      }
      reply.flash(actions[action].done);
      return reply.redirect(paths.show(childId, assessmentId), 303);
    },
  );
}
