/**
 * Looked after children's pages and JSON API. Each change is declared once (`register` below):
 * its schema, its use case and where it goes next; the page route and the API route are both
 * made from it (src/casework/changes.ts), so the two take the same input, apply the same rules
 * and write the same audit row.
 */
import { postcodeDirectoryLoader } from '../returns/postcode-directory.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, withDates } from '../casework/form.js';
import { restrictedAmong } from '../children/queries.js';
import { roles } from '../core/auth/roles.js';
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
  becomeLookedAfterForm,
  ceaseForm,
  changePlacementForm,
  correctEpisodeForm,
  deprivationOfLibertyForm,
  endDeprivationOfLibertyForm,
  iroCaseloadsPage,
  iroChildrenPage,
  iroForm,
  legalStatusForm,
  moveForm,
  overviewPage,
  periodPage,
  type PlacementPlaces,
  reviewFollowUpForm,
  reviewForm,
} from './presenters.js';
import { carePeriodOf, type CarePeriodView, childrenReviewedBy, iroCaseloads, lookedAfterOf, onlyLookedAfter } from './queries.js';
import {
  appointIro,
  appointIroSchema,
  becomeLookedAfter,
  becomeLookedAfterSchema,
  ceaseLookedAfter,
  ceaseLookedAfterSchema,
  changeLegalStatus,
  changeLegalStatusSchema,
  changePlacement,
  changePlacementSchema,
  correctDeprivationOfLiberty,
  correctEpisode,
  correctEpisodeSchema,
  deprivationOfLibertySchema,
  endDeprivationOfLiberty,
  endDeprivationOfLibertySchema,
  lookedAfterReviewSchema,
  movePlacement,
  movePlacementSchema,
  recordDeprivationOfLiberty,
  recordLookedAfterReview,
  recordReviewFollowUp,
  reviewFollowUpSchema,
} from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
  reviewId: string;
  episodeId: string;
  orderId: string;
}

type PeriodForm = (
  child: { id: string; firstName: string; lastName: string },
  p: CarePeriodView,
  opts: { values: FormValues; errors?: readonly FieldError[] },
) => Record<string, unknown>;

/**
 * The directory and the authority's code the current placement is measured with, as the
 * service is configured; set when the routes are, so that the record's section uses them too.
 */
let places: () => Promise<PlacementPlaces> = placesFor(undefined, undefined);

function placesFor(directoryPath: string | undefined, authorityCode: string | undefined): () => Promise<PlacementPlaces> {
  const directory = postcodeDirectoryLoader(directoryPath);
  return async () => ({ directory: await directory(), authorityCode });
}

export const placementPlaces = (): Promise<PlacementPlaces> => places();

export function lookedAfterRoutes(app: FastifyInstance, ctx: AppContext): void {
  places = placesFor(ctx.config.postcodeDirectory, ctx.config.authorityCode);
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);

  async function obligationsOf(childId: string) {
    const clock = await loadClockContext(ctx.db);
    return onlyLookedAfter(await childObligations(ctx.db, childId, ctx.time.now(), clock));
  }

  // ── pages shown again with their errors ───────────────────────────────────

  async function startPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, record] = await Promise.all([childSummary(ctx.db, p.childId), lookedAfterOf(ctx.db, p.childId)]);
    if (!child) return notFound(reply);
    return reply.page(
      'looked-after/views/start.njk',
      becomeLookedAfterForm(child, record, { values: { startDate: today(), ...values }, errors }),
    );
  }

  /** A form about one period of care, which must be open. */
  function periodFormPage(template: string, form: PeriodForm, dateField: string) {
    return async (reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) => {
      const [child, period] = await Promise.all([childSummary(ctx.db, p.childId), carePeriodOf(ctx.db, p.childId, p.id)]);
      if (!child || !period) return notFound(reply);
      return reply.page(`looked-after/views/${template}`, form(child, period, { values: { [dateField]: today(), ...values }, errors }));
    };
  }
  const legalStatusPage = periodFormPage('legal-status.njk', legalStatusForm, 'changeDate');
  const movePage = periodFormPage('move.njk', moveForm, 'moveDate');
  const changePlacementPage = periodFormPage('placement.njk', changePlacementForm, 'changeDate');
  const ceasePage = periodFormPage('cease.njk', ceaseForm, 'endDate');
  const iroPage = periodFormPage('iro.njk', iroForm, 'appointedDate');
  const reviewPage = periodFormPage('review-form.njk', reviewForm, 'reviewDate');

  async function correctEpisodePage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, period] = await Promise.all([childSummary(ctx.db, p.childId), carePeriodOf(ctx.db, p.childId, p.id)]);
    const form = child && period ? correctEpisodeForm(child, period, p.episodeId, { values, errors }) : null;
    if (!form) return notFound(reply);
    return reply.page('looked-after/views/correct-episode.njk', form);
  }

  async function followUpPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, period] = await Promise.all([childSummary(ctx.db, p.childId), carePeriodOf(ctx.db, p.childId, p.id)]);
    const form = child && period ? reviewFollowUpForm(child, period, p.reviewId, { values, errors }) : null;
    if (!form) return notFound(reply);
    return reply.page('looked-after/views/review.njk', form);
  }

  async function orderPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[], orderId: string | null) {
    const [child, period] = await Promise.all([childSummary(ctx.db, p.childId), carePeriodOf(ctx.db, p.childId, p.id)]);
    const form = child && period ? deprivationOfLibertyForm(child, period, orderId, { values, errors }) : null;
    if (!form) return notFound(reply);
    return reply.page('looked-after/views/deprivation-of-liberty.njk', form);
  }

  async function endOrderPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const [child, period] = await Promise.all([childSummary(ctx.db, p.childId), carePeriodOf(ctx.db, p.childId, p.id)]);
    const form = child && period ? endDeprivationOfLibertyForm(child, period, p.orderId, { values, errors }) : null;
    if (!form) return notFound(reply);
    return reply.page('looked-after/views/deprivation-of-liberty.njk', form);
  }

  // ── reading ───────────────────────────────────────────────────────────────

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.overview }, async (req, reply) => {
    const p = params(req);
    const [child, record, obligations] = await Promise.all([
      childSummary(ctx.db, p.childId),
      lookedAfterOf(ctx.db, p.childId),
      obligationsOf(p.childId),
    ]);
    if (!child) return notFound(reply);
    return reply.page('looked-after/views/overview.njk', overviewPage(child, record, obligations));
  });
  route(app, ctx, { ...view, url: paths.period }, async (req, reply) => {
    const p = params(req);
    const [child, period, obligations, measured] = await Promise.all([
      childSummary(ctx.db, p.childId),
      carePeriodOf(ctx.db, p.childId, p.id),
      obligationsOf(p.childId),
      placementPlaces(),
    ]);
    if (!child || !period) return notFound(reply);
    return reply.page('looked-after/views/period.njk', periodPage(child, period, obligations, measured));
  });
  route(app, ctx, { ...view, url: paths.start }, async (req, reply) => startPage(reply, params(req), {}, []));

  // ── the IROs' caseloads, for managers ──────────────────────────────────────

  route(app, ctx, { method: 'GET', url: paths.iroCaseloads, roles: roles.managers }, async (_req, reply) =>
    reply.page('looked-after/views/iro-caseloads.njk', iroCaseloadsPage(await iroCaseloads(ctx.db))),
  );
  route(app, ctx, { method: 'GET', url: paths.iroChildren, roles: roles.managers, audit: 'VIEW_LIST' }, async (req, reply, state) => {
    const q = req.query as Record<string, string | undefined>;
    const iroName = q.none === '1' ? null : (q.iro ?? '').trim();
    if (iroName === '') return notFound(reply);
    const children = await childrenReviewedBy(ctx.db, iroName);
    // every child is counted; one the viewer may not open is shown as a restricted record
    const restricted = await restrictedAmong(
      ctx.db,
      state.user,
      children.map((c) => c.childId),
    );
    state.revealedChildIds = children.filter((c) => !restricted.has(c.childId)).map((c) => c.childId);
    return reply.page('looked-after/views/iro-children.njk', iroChildrenPage(iroName, children, restricted));
  });
  route(app, ctx, { ...view, url: paths.legalStatus }, async (req, reply) => legalStatusPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.correctEpisode }, async (req, reply) => correctEpisodePage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.move }, async (req, reply) => movePage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.placement }, async (req, reply) => changePlacementPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.end }, async (req, reply) => ceasePage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.iro }, async (req, reply) => iroPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.newReview }, async (req, reply) => reviewPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.review }, async (req, reply) => followUpPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.newOrder }, async (req, reply) => orderPage(reply, params(req), {}, [], null));
  route(app, ctx, { ...view, url: paths.order }, async (req, reply) => orderPage(reply, params(req), {}, [], params(req).orderId));
  route(app, ctx, { ...view, url: paths.endOrder }, async (req, reply) => endOrderPage(reply, params(req), {}, []));

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.record,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s periods of care, with the placement in force, and what is due under the looked after rules',
    },
    async (req, reply) => {
      const p = params(req);
      const [record, obligations] = await Promise.all([lookedAfterOf(ctx.db, p.childId), obligationsOf(p.childId)]);
      return reply.send({ ...record, obligations });
    },
  );

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.period,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'A period of care: its SSDA903 episodes, placements and looked after reviews',
    },
    async (req, reply) => {
      const p = params(req);
      const period = await carePeriodOf(ctx.db, p.childId, p.id);
      if (!period) return reply.code(404).send({ error: 'The period of care was not found on this child’s record' });
      return reply.send(period);
    },
  );

  // ── changes ───────────────────────────────────────────────────────────────

  const toPeriod = (p: Params) => to.carePeriodPath(p.childId, p.id);

  register({
    summary: 'Record that the child became looked after: the period of care, its first episode and placement',
    audit: 'BECOME_LOOKED_AFTER',
    roles: practice,
    page: paths.start,
    api: apiPaths.periods,
    schema: becomeLookedAfterSchema(today),
    fromForm: withDates('startDate'),
    creates: true,
    run: (tx, p, input, by) => becomeLookedAfter(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => startPage(reply, p, values, errors),
    staleField: 'startDate',
    done: (p, r) => ({ flash: 'Period of care started', to: to.carePeriodPath(p.childId, typeof r === 'string' ? r : r.id) }),
  });

  register({
    summary: 'Record a change of legal status (a new SSDA903 episode)',
    audit: 'CHANGE_LEGAL_STATUS',
    roles: practice,
    page: paths.legalStatus,
    api: apiPaths.legalStatus,
    schema: changeLegalStatusSchema(today),
    fromForm: withDates('changeDate'),
    creates: false,
    run: (tx, p, input, by) => changeLegalStatus(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => legalStatusPage(reply, p, values, errors),
    staleField: 'changeDate',
    done: (p) => ({ flash: 'Legal status changed', to: toPeriod(p) }),
  });

  register({
    summary: 'Correct a saved episode’s legal status, category of need or placement type, recorded wrongly',
    audit: 'CORRECT_EPISODE',
    roles: practice,
    page: paths.correctEpisode,
    api: apiPaths.correctEpisode,
    schema: correctEpisodeSchema,
    fromForm: (body) => body,
    creates: false,
    run: (tx, p, input) => correctEpisode(tx, p.childId, p.id, p.episodeId, input),
    again: (reply, p, _user, values, errors) => correctEpisodePage(reply, p, values, errors),
    staleField: 'legalStatus',
    done: (p) => ({ flash: 'Episode corrected', to: toPeriod(p) }),
  });

  register({
    summary: 'Record a move of placement, with the reason (a new SSDA903 episode)',
    audit: 'MOVE_PLACEMENT',
    roles: practice,
    page: paths.move,
    api: apiPaths.move,
    schema: movePlacementSchema(today),
    fromForm: withDates('moveDate'),
    creates: true,
    run: (tx, p, input, by) => movePlacement(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => movePage(reply, p, values, errors),
    staleField: 'moveDate',
    done: (p) => ({ flash: 'Move of placement recorded', to: toPeriod(p) }),
  });

  register({
    summary: 'Change how often the child is visited in the placement (reg 28), or whether it is meant to last until 18',
    audit: 'CHANGE_PLACEMENT',
    roles: practice,
    page: paths.placement,
    api: apiPaths.placement,
    schema: changePlacementSchema(today),
    fromForm: withDates('changeDate'),
    creates: true,
    run: (tx, p, input, by) => changePlacement(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => changePlacementPage(reply, p, values, errors),
    staleField: 'changeDate',
    done: (p) => ({ flash: 'Placement changed', to: toPeriod(p) }),
  });

  register({
    summary: 'Record the independent reviewing officer for the period of care',
    audit: 'APPOINT_IRO',
    roles: practice,
    page: paths.iro,
    api: apiPaths.iro,
    schema: appointIroSchema(today),
    fromForm: withDates('appointedDate'),
    creates: false,
    run: (tx, p, input) => appointIro(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => iroPage(reply, p, values, errors),
    staleField: 'appointedDate',
    done: (p) => ({ flash: 'Independent reviewing officer recorded', to: toPeriod(p) }),
  });

  register({
    summary: 'Record a looked after review, with the child’s participation',
    audit: 'RECORD_LOOKED_AFTER_REVIEW',
    roles: practice,
    page: paths.newReview,
    api: apiPaths.reviews,
    schema: lookedAfterReviewSchema(today),
    fromForm: withDates('reviewDate', 'decisionsCirculatedDate', 'recordCompletedDate'),
    creates: true,
    run: (tx, p, input, by) => recordLookedAfterReview(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => reviewPage(reply, p, values, errors),
    staleField: 'reviewDate',
    done: (p) => ({ flash: 'Review recorded', to: toPeriod(p) }),
  });

  register({
    summary: 'Record when a looked after review’s decisions were circulated and its record completed',
    audit: 'RECORD_REVIEW_FOLLOW_UP',
    roles: practice,
    page: paths.review,
    api: apiPaths.review,
    schema: reviewFollowUpSchema(today),
    fromForm: withDates('decisionsCirculatedDate', 'recordCompletedDate'),
    creates: false,
    run: (tx, p, input) => recordReviewFollowUp(tx, p.childId, p.id, p.reviewId, input),
    again: (reply, p, _user, values, errors) => followUpPage(reply, p, values, errors),
    staleField: 'decisionsCirculatedDate',
    done: (p) => ({ flash: 'Review saved', to: toPeriod(p) }),
  });

  register({
    summary: 'Record a deprivation of liberty order made while the child is looked after (the SSDA903’s DoLo table)',
    audit: 'RECORD_DEPRIVATION_OF_LIBERTY',
    roles: practice,
    page: paths.newOrder,
    api: apiPaths.orders,
    schema: deprivationOfLibertySchema(today),
    fromForm: withDates('startDate', 'endDate'),
    creates: true,
    run: (tx, p, input, by) => recordDeprivationOfLiberty(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => orderPage(reply, p, values, errors, null),
    staleField: 'startDate',
    done: (p) => ({ flash: 'Deprivation of liberty order recorded', to: toPeriod(p) }),
  });

  register({
    summary: 'Correct the dates of a deprivation of liberty order, recorded wrongly',
    audit: 'CORRECT_DEPRIVATION_OF_LIBERTY',
    roles: practice,
    page: paths.order,
    api: apiPaths.order,
    schema: deprivationOfLibertySchema(today),
    fromForm: withDates('startDate', 'endDate'),
    creates: false,
    run: (tx, p, input) => correctDeprivationOfLiberty(tx, p.childId, p.id, p.orderId, input),
    again: (reply, p, _user, values, errors) => orderPage(reply, p, values, errors, p.orderId),
    staleField: 'startDate',
    done: (p) => ({ flash: 'Deprivation of liberty order corrected', to: toPeriod(p) }),
  });

  register({
    summary: 'Record the day a deprivation of liberty order ended',
    audit: 'END_DEPRIVATION_OF_LIBERTY',
    roles: practice,
    page: paths.endOrder,
    api: apiPaths.endOrder,
    schema: endDeprivationOfLibertySchema(today),
    fromForm: withDates('endDate'),
    creates: false,
    run: (tx, p, input) => endDeprivationOfLiberty(tx, p.childId, p.id, p.orderId, input),
    again: (reply, p, _user, values, errors) => endOrderPage(reply, p, values, errors),
    staleField: 'endDate',
    done: (p) => ({ flash: 'Deprivation of liberty order ended', to: toPeriod(p) }),
  });

  register({
    summary: 'Record that the child ceased to be looked after, with the reason',
    audit: 'CEASE_LOOKED_AFTER',
    roles: practice,
    page: paths.end,
    api: apiPaths.end,
    schema: ceaseLookedAfterSchema(today),
    fromForm: withDates('endDate'),
    creates: false,
    run: (tx, p, input) => ceaseLookedAfter(tx, p.childId, p.id, input),
    again: (reply, p, _user, values, errors) => ceasePage(reply, p, values, errors),
    staleField: 'endDate',
    done: (p) => ({ flash: 'Period of care ended', to: toPeriod(p) }),
  });
}
