/**
 * Health and education's pages and JSON API. Each change is declared once (`register` below):
 * its schema, its use case and where it goes next; the page route and the API route are both
 * made from it (src/casework/changes.ts), so the two take the same input, apply the same rules
 * and write the same audit row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { changeRoutes, type Change } from '../casework/changes.js';
import { type FormValues, withDates } from '../casework/form.js';
import type { AccessRole } from '../core/auth/schema.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import type { ChildHeading } from '../casework/form.js';
import { childSummary } from '../core/record/summary.js';
import { todayIn } from '../core/time.js';
import { childObligations } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import {
  convictionForm,
  correctHealthAssessmentForm,
  dentalCheckForm,
  educationHoursForm,
  healthAssessmentForm,
  healthStatusForm,
  overviewPage,
  pepForm,
  pepMeetingForm,
  schoolForm,
  sdqForm,
  substanceMisuseForm,
} from './presenters.js';
import { healthAndEducationOf, healthAssessmentOf, type HealthAndEducationRecord, onlyHealthAndEducation } from './queries.js';
import {
  convictionSchema,
  correctHealthAssessment,
  correctHealthAssessmentSchema,
  dentalCheckSchema,
  educationHoursSchema,
  healthAssessmentSchema,
  healthStatusSchema,
  initiatePep,
  initiatePepSchema,
  pepMeetingSchema,
  recordConviction,
  recordDentalCheck,
  recordEducationHours,
  recordHealthAssessment,
  recordHealthStatus,
  recordPepMeeting,
  recordSchool,
  recordSdq,
  recordSubstanceMisuse,
  schoolSchema,
  sdqSchema,
  substanceMisuseSchema,
} from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
}

type Opts = { values: FormValues; errors?: readonly FieldError[] };
/** A form page: null when what it is about is not the child's. */
type FormView = Record<string, unknown> | null;
type FormPage = (child: ChildHeading, record: HealthAndEducationRecord, p: Params, opts: Opts) => Promise<FormView> | FormView;

export function healthAndEducationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyHealthAndEducation(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  /** Shows a form, new or again with the values posted and the errors. */
  function formPage(build: FormPage) {
    return async (reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) => {
      const [child, record] = await Promise.all([childSummary(ctx.db, p.childId), healthAndEducationOf(ctx.db, p.childId)]);
      const view = child ? await build(child, record, p, { values, errors }) : null;
      if (!view) return notFound(reply);
      return reply.page('health-and-education/views/form.njk', view);
    };
  }

  const withToday = (field: string) => (values: FormValues) => ({ [field]: today(), ...values });
  const forms = {
    healthAssessment: formPage((c, _r, _p, o) => healthAssessmentForm(c, { ...o, values: withToday('checkDate')(o.values) })),
    correctHealthAssessment: formPage(async (c, _r, p, o) => {
      const check = await healthAssessmentOf(ctx.db, p.childId, p.id);
      return check ? correctHealthAssessmentForm(c, check, o) : null;
    }),
    dentalCheck: formPage((c, _r, _p, o) => dentalCheckForm(c, { ...o, values: withToday('checkDate')(o.values) })),
    healthStatus: formPage((c, _r, _p, o) => healthStatusForm(c, { ...o, values: withToday('asAtDate')(o.values) })),
    sdq: formPage((c, _r, _p, o) => sdqForm(c, { ...o, values: withToday('completedDate')(o.values) })),
    substanceMisuse: formPage((c, _r, _p, o) => substanceMisuseForm(c, o)),
    conviction: formPage((c, _r, _p, o) => convictionForm(c, o)),
    school: formPage((c, _r, _p, o) => schoolForm(c, o)),
    pep: formPage((c, r, _p, o) => pepForm(c, r, { ...o, values: withToday('initiatedDate')(o.values) })),
    pepMeeting: formPage((c, r, p, o) => {
      const pep = r.peps.find((x) => x.id === p.id);
      return pep ? pepMeetingForm(c, pep, { ...o, values: withToday('meetingDate')(o.values) }) : null;
    }),
    educationHours: formPage((c, _r, _p, o) => educationHoursForm(c, { ...o, values: withToday('asAtDate')(o.values) })),
  };

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, record, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      healthAndEducationOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('health-and-education/views/overview.njk', overviewPage(child, record, obligations));
  });

  const pages: [string, keyof typeof forms][] = [
    [paths.newHealthAssessment, 'healthAssessment'],
    [paths.healthAssessment, 'correctHealthAssessment'],
    [paths.newDentalCheck, 'dentalCheck'],
    [paths.newHealthStatus, 'healthStatus'],
    [paths.newSdq, 'sdq'],
    [paths.newSubstanceMisuse, 'substanceMisuse'],
    [paths.newConviction, 'conviction'],
    [paths.newSchool, 'school'],
    [paths.newPep, 'pep'],
    [paths.newPepMeeting, 'pepMeeting'],
    [paths.newEducationHours, 'educationHours'],
  ];
  for (const [url, name] of pages) route(app, ctx, { ...view, url }, async (req, reply) => forms[name](reply, params(req), {}, []));

  // from a work list: the period of care's plan's meeting form, or the form that starts the plan
  route(app, ctx, { ...view, url: paths.periodPepMeeting }, async (req, reply) => {
    const p = params(req);
    const record = await healthAndEducationOf(ctx.db, p.childId);
    const pep = record.peps.find((x) => x.carePeriodId === p.id);
    return reply.redirect(pep ? to.newPepMeetingPath(p.childId, pep.id) : to.newPepPath(p.childId), 303);
  });

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary:
        'The child’s health and education: health assessments, dental checks, immunisations, SDQs, school, PEPs, hours of education, and what is due',
    },
    async (req, reply) => {
      const p = params(req);
      const [record, obligations] = await Promise.all([healthAndEducationOf(ctx.db, p.childId), obligationsOf(p.childId)]);
      return reply.send({ ...record, obligations });
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  const back = (p: Params) => to.healthAndEducationPath(p.childId);
  /** A change recorded from its form: back to the overview with a message. */
  function change<S extends z.ZodType>(
    c: Omit<Change<S, Params>, 'roles' | 'again' | 'done' | 'fromForm'> & { form: keyof typeof forms; dates: string[]; flash: string },
  ) {
    register({
      ...c,
      roles: practice,
      fromForm: withDates(...c.dates),
      again: (reply, p, _user, values, errors) => forms[c.form](reply, p, values, errors),
      done: (p) => ({ flash: c.flash, to: back(p) }),
    });
  }

  change({
    summary: 'Record a statutory health assessment (initial or review)',
    audit: 'RECORD_HEALTH_ASSESSMENT',
    page: paths.newHealthAssessment,
    api: apiPaths.healthAssessments,
    schema: healthAssessmentSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordHealthAssessment(tx, p.childId, input, by),
    staleField: 'checkDate',
    form: 'healthAssessment',
    dates: ['checkDate'],
    flash: 'Health assessment recorded',
  });
  change({
    summary: 'Correct a health assessment (its date, type or who completed it)',
    audit: 'CORRECT_HEALTH_ASSESSMENT',
    page: paths.healthAssessment,
    api: apiPaths.healthAssessment,
    schema: correctHealthAssessmentSchema(today),
    creates: false,
    run: (tx, p, input) => correctHealthAssessment(tx, p.childId, p.id, input),
    staleField: 'checkDate',
    form: 'correctHealthAssessment',
    dates: ['checkDate'],
    flash: 'Health assessment corrected',
  });
  change({
    summary: 'Record a dental check',
    audit: 'RECORD_DENTAL_CHECK',
    page: paths.newDentalCheck,
    api: apiPaths.dentalChecks,
    schema: dentalCheckSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordDentalCheck(tx, p.childId, input, by),
    staleField: 'checkDate',
    form: 'dentalCheck',
    dates: ['checkDate'],
    flash: 'Dental check recorded',
  });
  change({
    summary: 'Record whether immunisations or health surveillance checks are up to date, as at a date',
    audit: 'RECORD_HEALTH_STATUS',
    page: paths.newHealthStatus,
    api: apiPaths.healthStatus,
    schema: healthStatusSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordHealthStatus(tx, p.childId, input, by),
    staleField: 'asAtDate',
    form: 'healthStatus',
    dates: ['asAtDate'],
    flash: 'Saved',
  });
  change({
    summary: 'Record a strengths and difficulties questionnaire: its score (0 to 40) or the reason there is none',
    audit: 'RECORD_SDQ',
    page: paths.newSdq,
    api: apiPaths.sdq,
    schema: sdqSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordSdq(tx, p.childId, input, by),
    staleField: 'completedDate',
    form: 'sdq',
    dates: ['completedDate'],
    flash: 'Questionnaire recorded',
  });
  change({
    summary: 'Record a substance misuse problem and whether an intervention was received or offered',
    audit: 'RECORD_SUBSTANCE_MISUSE',
    page: paths.newSubstanceMisuse,
    api: apiPaths.substanceMisuse,
    schema: substanceMisuseSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordSubstanceMisuse(tx, p.childId, input, by),
    staleField: 'identifiedDate',
    form: 'substanceMisuse',
    dates: ['identifiedDate'],
    flash: 'Substance misuse recorded',
  });
  change({
    summary: 'Record a conviction, youth caution or youth conditional caution',
    audit: 'RECORD_CONVICTION',
    page: paths.newConviction,
    api: apiPaths.convictions,
    schema: convictionSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordConviction(tx, p.childId, input, by),
    staleField: 'outcomeDate',
    form: 'conviction',
    dates: ['outcomeDate'],
    flash: 'Recorded',
  });
  change({
    summary: 'Record the child’s school, with its URN and Ofsted grade',
    audit: 'RECORD_SCHOOL',
    page: paths.newSchool,
    api: apiPaths.schools,
    schema: schoolSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordSchool(tx, p.childId, input, by),
    staleField: 'fromDate',
    form: 'school',
    dates: ['fromDate'],
    flash: 'School recorded',
  });
  change({
    summary: 'Record that the personal education plan for a period of care was initiated',
    audit: 'INITIATE_PEP',
    page: paths.newPep,
    api: apiPaths.peps,
    schema: initiatePepSchema(today),
    creates: true,
    run: (tx, p, input, by) => initiatePep(tx, p.childId, input, by),
    staleField: 'initiatedDate',
    form: 'pep',
    dates: ['initiatedDate'],
    flash: 'Personal education plan recorded',
  });
  change({
    summary: 'Record a PEP meeting, at which the personal education plan was reviewed',
    audit: 'RECORD_PEP_MEETING',
    page: paths.newPepMeeting,
    api: apiPaths.pepMeetings,
    schema: pepMeetingSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordPepMeeting(tx, p.childId, p.id, input, by),
    staleField: 'meetingDate',
    form: 'pepMeeting',
    dates: ['meetingDate'],
    flash: 'PEP meeting recorded',
  });
  change({
    summary: 'Record the hours of education the child receives a week, as at a date (under 25 is flagged)',
    audit: 'RECORD_EDUCATION_HOURS',
    page: paths.newEducationHours,
    api: apiPaths.educationHours,
    schema: educationHoursSchema(today),
    creates: true,
    run: (tx, p, input, by) => recordEducationHours(tx, p.childId, input, by),
    staleField: 'asAtDate',
    form: 'educationHours',
    dates: ['asAtDate'],
    flash: 'Hours of education recorded',
  });
}
