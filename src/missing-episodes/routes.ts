/**
 * Missing episodes' pages and JSON API. Each change is declared once (`register` below): its
 * schema, its use case and where it goes next; the page route and the API route are both made
 * from it (src/casework/changes.ts), so the two take the same input, apply the same rules and
 * write the same audit row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, withDates } from '../casework/form.js';
import type { AccessRole } from '../core/auth/schema.js';
import { apiRoute } from '../core/http/api.js';
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
  episodeForm,
  episodeFormValues,
  episodePage,
  listPage,
  returnInterviewForm,
  returnInterviewValues,
  strategyMeetingForm,
  strategyMeetingValues,
} from './presenters.js';
import { missingEpisodeOf, missingEpisodesOf, onlyMissing } from './queries.js';
import {
  correctMissingEpisode,
  correctMissingEpisodeSchema,
  missingEpisodeSchema,
  recordMissingEpisode,
  recordReturnInterview,
  recordStrategyMeeting,
  returnInterviewSchema,
  strategyMeetingSchema,
} from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
}

export function missingEpisodeRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyMissing(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  // ── pages shown again with their errors ───────────────────────────────────

  async function newPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const child = await childSummary(ctx.db, p.childId);
    if (!child) return notFound(reply);
    return reply.page('missing-episodes/views/episode-form.njk', episodeForm(child, { values: { startDate: today(), ...values }, errors }));
  }

  async function detailsPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, e] = await Promise.all([childSummary(ctx.db, p.childId), missingEpisodeOf(ctx.db, p.childId, p.id)]);
    if (!child || !e) return notFound(reply);
    return reply.page(
      'missing-episodes/views/episode-form.njk',
      episodeForm(child, { values: { ...episodeFormValues(e), ...values }, errors, episode: e }),
    );
  }

  async function interviewPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, e] = await Promise.all([childSummary(ctx.db, p.childId), missingEpisodeOf(ctx.db, p.childId, p.id)]);
    if (!child || !e) return notFound(reply);
    return reply.page(
      'missing-episodes/views/return-interview.njk',
      returnInterviewForm(child, e, { values: { ...returnInterviewValues(e), ...values }, errors }),
    );
  }

  async function strategyPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, e] = await Promise.all([childSummary(ctx.db, p.childId), missingEpisodeOf(ctx.db, p.childId, p.id)]);
    if (!child || !e) return notFound(reply);
    return reply.page(
      'missing-episodes/views/strategy-meeting.njk',
      strategyMeetingForm(child, e, { values: { ...strategyMeetingValues(e), ...values }, errors }),
    );
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.list }, async (req, reply) => {
    const p = params(req);
    const [child, episodes, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      missingEpisodesOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('missing-episodes/views/list.njk', listPage(child, episodes, obligations));
  });
  route(app, ctx, { ...view, url: paths.newEpisode }, async (req, reply) => newPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.episode }, async (req, reply) => {
    const p = params(req);
    const [child, e, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      missingEpisodeOf(ctx.db, p.childId, p.id),
      obligationsOf(p.childId),
    ]);
    if (!child || !e) return notFound(reply);
    return reply.page('missing-episodes/views/episode.njk', episodePage(child, e, obligations));
  });
  route(app, ctx, { ...view, url: paths.details }, async (req, reply) => detailsPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.returnInterview }, async (req, reply) => interviewPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.strategyMeeting }, async (req, reply) => strategyPage(reply, params(req), {}, []));

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.episodes,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s missing and absent episodes, latest first, and what is due under the return home interview rule',
    },
    async (req, reply) => {
      const p = params(req);
      const [episodes, obligations] = await Promise.all([missingEpisodesOf(ctx.db, p.childId), obligationsOf(p.childId)]);
      return reply.send({ episodes, obligations });
    },
  );

  apiRoute(
    app,
    ctx,
    { method: 'GET', url: apiPaths.episode, roles: practice, audit: 'VIEW_CHILD', summary: 'A missing or absent episode' },
    async (req, reply) => {
      const p = params(req);
      const e = await missingEpisodeOf(ctx.db, p.childId, p.id);
      if (!e) return reply.code(404).send({ error: 'The missing episode was not found on this child’s record' });
      return reply.send(e);
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  const toEpisode = (p: Params) => to.missingEpisodePath(p.childId, p.id);

  register({
    summary: 'Record a missing or absent episode (SSDA903 MISSING M or A), with the return when known',
    audit: 'RECORD_MISSING_EPISODE',
    roles: practice,
    page: paths.newEpisode,
    api: apiPaths.episodes,
    schema: missingEpisodeSchema(today),
    fromForm: withDates('startDate', 'endDate'),
    creates: true,
    run: (tx, p, input, by) => recordMissingEpisode(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => newPage(reply, p, values, errors),
    staleField: 'startDate',
    done: (p, r) => ({ flash: 'Missing episode recorded', to: to.missingEpisodePath(p.childId, typeof r === 'string' ? r : r.id) }),
  });

  register({
    summary: 'Record the child’s return, or correct a missing or absent episode',
    audit: 'CORRECT_MISSING_EPISODE',
    roles: practice,
    page: paths.details,
    api: apiPaths.episode,
    schema: correctMissingEpisodeSchema(today),
    fromForm: withDates('startDate', 'endDate'),
    creates: false,
    run: (tx, p, input, by) => correctMissingEpisode(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => detailsPage(reply, p, values, errors),
    staleField: 'startDate',
    done: (p) => ({ flash: 'Missing episode saved', to: toEpisode(p) }),
  });

  register({
    summary: 'Record the return home interview: offered, held (by whom, whether independent) or declined by the child',
    audit: 'RECORD_RETURN_INTERVIEW',
    roles: practice,
    page: paths.returnInterview,
    api: apiPaths.returnInterview,
    schema: returnInterviewSchema(today),
    fromForm: withDates('offeredDate', 'outcomeDate'),
    creates: false,
    run: (tx, p, input, by) => recordReturnInterview(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => interviewPage(reply, p, values, errors),
    staleField: 'offeredDate',
    done: (p) => ({ flash: 'Return home interview saved', to: toEpisode(p) }),
  });

  register({
    summary: 'Record the strategy meeting held about the episode and the child exploitation risk screening',
    audit: 'RECORD_MISSING_STRATEGY_MEETING',
    roles: practice,
    page: paths.strategyMeeting,
    api: apiPaths.strategyMeeting,
    schema: strategyMeetingSchema(today),
    fromForm: withDates('strategyMeetingDate', 'screeningDate'),
    creates: false,
    run: (tx, p, input, by) => recordStrategyMeeting(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => strategyPage(reply, p, values, errors),
    staleField: 'strategyMeetingDate',
    done: (p) => ({ flash: 'Strategy meeting and screening saved', to: toEpisode(p) }),
  });
}
