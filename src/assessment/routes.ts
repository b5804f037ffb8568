import type { FastifyInstance, FastifyReply } from 'fastify';
import { StaleRecordError } from '../core/db/versions.js';
import { childSummary } from '../core/record/summary.js';
import type { SignedInUser } from '../core/auth/users.js';
import { assessmentFactorCodes } from '../children/codes.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, type FieldError, joinDateParts, parse } from '../core/http/forms.js';
import { forbidden, route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
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
} from './assessments.js';
import { assessmentOf, assessmentsOf, openReferralsWithoutAssessment, workersForAllocation } from './queries.js';
import { assessmentOutcomes } from './schema.js';
import { isManager } from '../core/auth/roles.js';

export function assessmentRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const base = (childId: string) => `/children/${childId}/assessments`;

  async function listPage(reply: FastifyReply, user: SignedInUser, childId: string, extra: Record<string, unknown> = {}) {
    const [child, assessments, referrals, workers] = await Promise.all([
      childSummary(ctx.db, childId),
      assessmentsOf(ctx.db, childId),
      openReferralsWithoutAssessment(ctx.db, childId),
      workersForAllocation(ctx.db, user.role === 'service_manager' ? null : user.teamId),
    ]);
    return reply.page('assessment/views/list.njk', {
      title: 'Assessments',
      child,
      assessments,
      referrals,
      workers,
      start: dateParts(today()),
      values: { workerId: user.workerId },
      backLink: `/children/${childId}`,
      ...extra,
    });
  }

  route(app, ctx, { method: 'GET', url: '/children/:childId/assessments', audit: 'VIEW_CHILD' }, async (req, reply, { user }) =>
    listPage(reply, user, (req.params as { childId: string }).childId),
  );

  route(app, ctx, { method: 'POST', url: '/children/:childId/assessments', audit: 'START_ASSESSMENT' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = joinDateParts(req.body as Record<string, unknown>, ['startDate']);
    const parsed = parse(startAssessmentSchema(today), body);
    const again = (errors: FieldError[]) =>
      listPage(reply.code(400), state.user, childId, {
        values: body,
        start: { day: body['startDate-day'], month: body['startDate-month'], year: body['startDate-year'] },
        ...errorView(errors, ['startDate']),
      });
    if (!parsed.ok) return again(parsed.errors);
    try {
      await state.write(async (tx) => {
        state.recordId = await startAssessment(tx, childId, parsed.value, { userId: state.user.id });
      });
    } catch (e) {
      if (e instanceof AssessmentRuleError) return again([{ field: e.field, message: e.message }]);
      throw e;
    }
    reply.flash('Assessment started');
    return reply.redirect(`${base(childId)}/${state.recordId}`, 303);
  });

  async function showPage(reply: FastifyReply, childId: string, id: string, extra: Record<string, unknown> = {}) {
    const [child, assessment] = await Promise.all([childSummary(ctx.db, childId), assessmentOf(ctx.db, childId, id)]);
    if (!assessment) return reply.code(404).page('message.njk', { title: 'Page not found' });
    return reply.page('assessment/views/show.njk', {
      title: 'Assessment',
      child,
      assessment,
      factorCodes: assessmentFactorCodes,
      outcomes: assessmentOutcomes,
      authorised: dateParts(today()),
      late: assessment.due !== null && (assessment.authorisedAt ?? today()) > assessment.due,
      values: { factors: assessment.factors, outcome: assessment.outcome, lateReason: assessment.lateReason, version: assessment.version },
      backLink: base(childId),
      ...extra,
    });
  }

  route(app, ctx, { method: 'GET', url: '/children/:childId/assessments/:assessmentId', audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId, assessmentId } = req.params as { childId: string; assessmentId: string };
    return showPage(reply, childId, assessmentId);
  });

  route(
    app,
    ctx,
    { method: 'POST', url: '/children/:childId/assessments/:assessmentId', audit: 'UPDATE_ASSESSMENT' },
    async (req, reply, state) => {
      const { childId, assessmentId } = req.params as { childId: string; assessmentId: string };
      const body = joinDateParts(req.body as Record<string, unknown>, ['authorisedDate']);
      const action = String(body.action ?? 'save');
      state.recordId = assessmentId;
      const failed = (errors: FieldError[], code = 400) =>
        showPage(reply.code(code), childId, assessmentId, {
          values: { ...body, factors: [body.factors ?? []].flat() },
          ...errorView(errors, ['authorisedDate']),
        });
      try {
        if (action === 'save' || action === 'submit') {
          const parsed = parse(action === 'submit' ? submitAssessmentSchema : recordAssessmentSchema, body);
          if (!parsed.ok) return failed(parsed.errors);
          if (action === 'submit') await state.write((tx) => submitAssessment(tx, childId, assessmentId, parsed.value as never, today()));
          else await state.write((tx) => recordAssessment(tx, childId, assessmentId, parsed.value));
          reply.flash(action === 'submit' ? 'Assessment submitted for authorisation' : 'Assessment saved');
        } else if (action === 'authorise' || action === 'late') {
          if (!isManager(state.user.role)) return forbidden(reply);
          if (action === 'authorise') {
            const parsed = parse(authoriseSchema(today), body);
            if (!parsed.ok) return failed(parsed.errors);
            await state.write((tx) => authoriseAssessment(tx, childId, assessmentId, parsed.value, { workerId: state.user.workerId }));
            reply.flash('Assessment authorised');
          } else {
            const parsed = parse(lateReasonSchema, body);
            if (!parsed.ok) return failed(parsed.errors);
            await state.write((tx) => recordLateReason(tx, childId, assessmentId, parsed.value));
            reply.flash('Reason for lateness recorded');
          }
        } else {
          return failed([{ field: 'action', message: 'Choose save, submit, authorise or record a reason' }]);
        }
      } catch (e) {
        if (e instanceof StaleRecordError) {
          return failed([{ field: 'factors', message: `${e.message}, or it is no longer at this stage. Nothing has been saved: check it and try again.` }], 409);
        }
        if (e instanceof AssessmentRuleError) return failed([{ field: e.field, message: e.message }]);
        throw e;
      }
      return reply.redirect(`${base(childId)}/${assessmentId}`, 303);
    },
  );
}
