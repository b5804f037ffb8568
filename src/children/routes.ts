import type { FastifyInstance } from 'fastify';
import { roles } from '../core/auth/roles.js';
import { readPlannedOnce } from '../core/db/database.js';
import { StaleRecordError } from '../core/db/versions.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, type FieldError, joinDateParts, parse } from '../core/http/forms.js';
import { forbidden, type RequestState, route } from '../core/http/route.js';
import { childSummary } from '../core/record/summary.js';
import { londonDate, todayIn } from '../core/time.js';
import { obligationRows } from '../obligations/presenters.js';
import { childObligations, type ObligationView } from '../obligations/queries.js';
import { loadClockContext } from '../obligations/recompute.js';
import { pageOf, pagination } from '../core/views/pages.js';
import { oversightPaths } from '../oversight/paths.js';
import { childPaths as paths } from './paths.js';
import { recordSections } from './record-sections.js';
import {
  addressRows,
  childSummaryRows,
  detailsItems,
  myRequestRows,
  purposeItems,
  relationshipLines,
  relationshipRows,
  relationshipTypeItems,
  requestsToDecide,
  searchRows,
  sexItems,
  visitRows,
  NOTE_ON_RECORD,
  workSummaryRows,
} from './presenters.js';
import {
  accessNotices,
  addressHistory,
  childRecord,
  childSearchSchema,
  findChildren,
  likelyMatches,
  matchesShownTo,
  namedChildren,
  namedUsers,
  requestsMadeBy,
  restrictedRecordFor,
  requestsToDecide as requestsWaiting,
  visitsOf,
} from './queries.js';
import {
  AddressDateError,
  AlreadyBornError,
  birthSchema,
  recordBirth,
  addressSchema,
  accessRequestSchema,
  addRelationship,
  AlreadyDecidedError,
  childDetailsSchema,
  createChild,
  decideAccessRequest,
  newChildSchema,
  NotYoursToDecideError,
  recordMove,
  recordVisit,
  relationshipSchema,
  requestAccess,
  restrictionSchema,
  setRestriction,
  UnknownChildReferenceError,
  UnknownUsersError,
  updateChildDetails,
  visitSchema,
} from './use-cases.js';

type Posted = Record<string, unknown>;

/** The page asks one question ("seen alone", "with others", "not seen") for the schema's two fields. */
function seenAnswer(body: Posted): Posted {
  const answers: Record<string, { childSeen: string; seenAlone?: string }> = {
    alone: { childSeen: 'yes', seenAlone: 'yes' },
    'with-others': { childSeen: 'yes', seenAlone: 'no' },
    no: { childSeen: 'no' },
  };
  const answer = typeof body.seen === 'string' ? answers[body.seen] : undefined;
  return answer ? { ...body, ...answer } : body;
}

const datePartsOf = (body: Posted, field: string) => ({
  day: body[`${field}-day`],
  month: body[`${field}-month`],
  year: body[`${field}-year`],
});

/** Met obligations shown on the record, most recent first; the rest are on the "done" page, this many a page. */
const DONE_ON_RECORD = 10;
const DONE_PAGE = 100;
const isDone = (o: ObligationView) => o.status === 'met_on_time' || o.status === 'met_late';

export function childrenRoutes(app: FastifyInstance, ctx: AppContext): void {
  recordRoutes(app, ctx);
  addressRoutes(app, ctx);
  relationshipRoutes(app, ctx);
  restrictionRoutes(app, ctx);
  accessRequestRoutes(app, ctx);
}

/** Finding and adding a child, the record, its details and visits. */
function recordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

  route(app, ctx, { method: 'GET', url: paths.search(), roles: roles.practice, audit: 'SEARCH_CHILDREN' }, async (req, reply, state) => {
    const q = req.query as Record<string, string | undefined>;
    const parsed = parse(childSearchSchema, joinDateParts(q, ['dateOfBirth']));
    const criteria = parsed.ok ? parsed.value : {};
    const searched = parsed.ok && Object.values(criteria).some(Boolean);
    const results = searched ? await findChildren(ctx.db, state.user, criteria) : [];
    state.revealedChildIds = results.map((r) => r.id);
    return reply.code(parsed.ok ? 200 : 400).page('children/views/search.njk', {
      title: 'Find a child',
      q,
      dob: parsed.ok ? dateParts(criteria.dateOfBirth) : datePartsOf(q, 'dateOfBirth'),
      searched,
      count: results.length,
      rows: searchRows(results),
      ...(parsed.ok ? {} : errorView(parsed.errors, ['dateOfBirth'])),
    });
  });

  const newChildPage = (values: Posted, extra: Record<string, unknown> = {}) => ({
    title: 'Add a child',
    values,
    items: detailsItems(values),
    dob: dateParts(values.dateOfBirth as string | undefined),
    edob: dateParts(values.expectedDateOfBirth as string | undefined),
    action: paths.add(),
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: paths.add(), roles: roles.practice }, async (_req, reply) =>
    reply.page('children/views/new.njk', newChildPage({ disabilities: [] })),
  );

  route(app, ctx, { method: 'POST', url: paths.add(), roles: roles.practice, audit: 'CREATE_CHILD' }, async (req, reply, state) => {
    const body = joinDateParts(req.body as Posted, ['dateOfBirth', 'expectedDateOfBirth']);
    const parsed = parse(newChildSchema(today), body);
    const values = { ...body, disabilities: [body.disabilities ?? []].flat() };
    if (!parsed.ok)
      return reply
        .code(400)
        .page('children/views/new.njk', newChildPage(values, errorView(parsed.errors, ['dateOfBirth', 'expectedDateOfBirth'])));
    if (body.confirmNew !== 'yes') {
      const matches = await likelyMatches(ctx.db, parsed.value);
      if (matches.length > 0) {
        state.revealedChildIds = matches.map((m) => m.id);
        return reply.page('children/views/new.njk', newChildPage(values, { matches: await matchesShownTo(ctx.db, state.user, matches) }));
      }
    }
    const childId = await state.write(async (tx) => {
      state.recordId = state.childId = await createChild(tx, parsed.value, today(), { userId: state.user.id, teamId: state.user.teamId });
      return state.recordId;
    });
    reply.flash('Child added');
    return reply.redirect(paths.record(childId), 303);
  });

  route(app, ctx, { method: 'GET', url: paths.record(':childId'), audit: 'VIEW_CHILD' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const now = ctx.time.now();
    const read = await readPlannedOnce(ctx.database, async (db) => {
      const [record, clock] = await Promise.all([childRecord(db, childId, now, state.user), loadClockContext(db)]);
      if (!record) return null;
      const [obligations, recent] = await Promise.all([childObligations(db, childId, now, clock), visitsOf(db, childId, 5)]);
      return { record, obligations, recent, sections: await recordSections(db, childId, obligations, londonDate(now)) };
    });
    if (!read) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const { record, obligations, recent, sections } = read;
    state.revealedChildIds = namedChildren(record);
    const done = obligations.filter(isDone);
    return reply.page('children/views/record.njk', {
      title: `${record.child.firstName} ${record.child.lastName}`,
      child: record.child,
      summary: childSummaryRows(record),
      work: workSummaryRows(record),
      relationships: relationshipLines(record.relationships),
      outstanding: obligationRows(obligations.filter((o) => o.status === 'due' || o.status === 'overdue')),
      // the latest only: a child long in care has hundreds, and the rest are a page of their own
      met: obligationRows(done.slice(0, DONE_ON_RECORD)),
      doneTotal: done.length,
      // never met, and no longer owed (the plan ended, the child turned 18): kept in sight, not dropped
      missed: obligationRows(obligations.filter((o) => o.status === 'lapsed')),
      visits: { rows: visitRows(recent.visits, { cut: NOTE_ON_RECORD }), total: recent.total },
      sections,
    });
  });

  route(app, ctx, { method: 'GET', url: paths.done(':childId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const now = ctx.time.now();
    const child = await childSummary(ctx.db, childId);
    if (!child) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const done = (await childObligations(ctx.db, childId, now, await loadClockContext(ctx.db))).filter(isDone);
    const at = pageOf(done.length, (req.query as { page?: unknown }).page, DONE_PAGE);
    return reply.page('children/views/done.njk', {
      title: 'Done',
      child,
      total: done.length,
      shownCount: at.pages > 1 ? `${at.from + 1} to ${at.to}` : null,
      rows: obligationRows(done.slice(at.from, at.to)),
      pagination: pagination(at, (n) => (n > 1 ? `${paths.done(childId)}?page=${n}` : paths.done(childId)), 'Pages of what has been done'),
      backLink: paths.record(childId),
    });
  });

  route(app, ctx, { method: 'GET', url: paths.visits(':childId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const [child, all] = await Promise.all([childSummary(ctx.db, childId), visitsOf(ctx.db, childId)]);
    if (!child) return reply.code(404).page('message.njk', { title: 'Page not found' });
    return reply.page('children/views/visits.njk', {
      title: 'Visits',
      child,
      rows: visitRows(all.visits),
      total: all.total,
      backLink: paths.record(childId),
    });
  });

  const editPage = (childId: string, values: Posted, extra: Record<string, unknown> = {}) => ({
    title: 'Change details',
    childId,
    values,
    items: detailsItems(values),
    action: paths.edit(childId),
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: paths.edit(':childId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const child = await childSummary(ctx.db, childId);
    return reply.page('children/views/edit.njk', editPage(childId, { ...child }, { backLink: paths.record(childId) }));
  });

  route(app, ctx, { method: 'POST', url: paths.edit(':childId'), audit: 'UPDATE_CHILD' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = req.body as Posted;
    const parsed = parse(childDetailsSchema, body);
    if (!parsed.ok) return reply.code(400).page('children/views/edit.njk', editPage(childId, body, errorView(parsed.errors)));
    try {
      state.recordId = childId;
      await state.write((tx) => updateChildDetails(tx, childId, parsed.value));
    } catch (e) {
      if (!(e instanceof StaleRecordError)) throw e;
      // shows what was typed, with the version saved now to save against
      const values = { ...body, version: (await childSummary(ctx.db, childId))?.version };
      const message = `${e.message}. Your changes have not been saved: check the details below and save again.`;
      return reply
        .code(409)
        .page('children/views/edit.njk', editPage(childId, values, { stale: true, ...errorView([{ field: 'firstName', message }]) }));
    }
    reply.flash('Details saved');
    return reply.redirect(paths.record(childId), 303);
  });

  const birthPage = (child: unknown, childId: string, values: Posted, dob: unknown, extra: Record<string, unknown> = {}) => ({
    title: 'Record the birth',
    child,
    values,
    dob,
    sexItems: sexItems(values.sex),
    action: paths.birth(childId),
    backLink: paths.record(childId),
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: paths.birth(':childId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const child = await childSummary(ctx.db, childId);
    if (!child) return reply.code(404).page('message.njk', { title: 'Page not found' });
    if (child.dateOfBirth) return reply.redirect(paths.record(childId));
    return reply.page('children/views/birth.njk', birthPage(child, childId, { sex: child.sex, version: child.version }, {}));
  });

  route(app, ctx, { method: 'POST', url: paths.birth(':childId'), audit: 'RECORD_BIRTH' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = joinDateParts(req.body as Posted, ['dateOfBirth']);
    const again = async (errors: FieldError[], code: number) =>
      reply
        .code(code)
        .page(
          'children/views/birth.njk',
          birthPage(
            await childSummary(ctx.db, childId),
            childId,
            body,
            datePartsOf(body, 'dateOfBirth'),
            errorView(errors, ['dateOfBirth']),
          ),
        );
    const parsed = parse(birthSchema(today), body);
    if (!parsed.ok) return again(parsed.errors, 400);
    try {
      state.recordId = childId;
      await state.write((tx) => recordBirth(tx, childId, parsed.value));
    } catch (e) {
      if (e instanceof StaleRecordError || e instanceof AlreadyBornError) {
        return again([{ field: 'dateOfBirth', message: `${e.message}. Nothing has been saved.` }], 409);
      }
      throw e;
    }
    reply.flash('Birth recorded');
    return reply.redirect(paths.record(childId), 303);
  });

  /** Where a visit's page goes back to: My work, when the visit was recorded from there. */
  const backFrom = (childId: string, back: unknown) => (back === 'my-work' ? oversightPaths.myWork() : paths.record(childId));

  const visitPage = async (childId: string, values: Posted, visitDate: unknown, extra: Record<string, unknown> = {}) => ({
    title: 'Record a visit',
    child: await childSummary(ctx.db, childId),
    values,
    visitDate,
    purposeItems: purposeItems(values.purpose),
    fromMyWork: values.back === 'my-work',
    action: paths.newVisit(childId),
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: paths.newVisit(':childId'), audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const q = req.query as Record<string, string | undefined>;
    const values = { purpose: q.purpose, back: q.back === 'my-work' ? 'my-work' : undefined };
    return reply.page(
      'children/views/visit.njk',
      await visitPage(childId, values, dateParts(today()), { backLink: backFrom(childId, q.back) }),
    );
  });

  route(app, ctx, { method: 'POST', url: paths.newVisit(':childId'), audit: 'RECORD_VISIT' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = seenAnswer(joinDateParts(req.body as Posted, ['visitDate']));
    const parsed = parse(visitSchema(today), body);
    if (!parsed.ok) {
      return reply
        .code(400)
        .page(
          'children/views/visit.njk',
          await visitPage(childId, body, datePartsOf(body, 'visitDate'), errorView(parsed.errors, ['visitDate'])),
        );
    }
    await state.write(async (tx) => {
      state.recordId = await recordVisit(tx, childId, parsed.value, { userId: state.user.id, workerId: state.user.workerId });
    });
    reply.flash('Visit recorded');
    return reply.redirect(backFrom(childId, body.back), 303);
  });
}

/** The child's addresses, and a move. */
function addressRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const page = async (childId: string, values: Posted, moved: unknown, errors: FieldError[] = []) => ({
    title: 'Addresses',
    child: await childSummary(ctx.db, childId),
    rows: addressRows(await addressHistory(ctx.db, childId)),
    values,
    moved,
    action: paths.addresses(childId),
    backLink: paths.record(childId),
    ...errorView(errors, ['fromDate']),
  });

  route(app, ctx, { method: 'GET', url: paths.addresses(':childId'), audit: 'VIEW_CHILD' }, async (req, reply) =>
    reply.page('children/views/addresses.njk', await page((req.params as { childId: string }).childId, {}, dateParts(today()))),
  );

  route(app, ctx, { method: 'POST', url: paths.addresses(':childId'), audit: 'RECORD_ADDRESS' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = joinDateParts(req.body as Posted, ['fromDate']);
    const again = async (errors: FieldError[]) =>
      reply.code(400).page('children/views/addresses.njk', await page(childId, body, datePartsOf(body, 'fromDate'), errors));
    const parsed = parse(addressSchema(today), body);
    if (!parsed.ok) return again(parsed.errors);
    try {
      await state.write((tx) => recordMove(tx, childId, parsed.value));
    } catch (e) {
      if (e instanceof AddressDateError) return again([{ field: 'fromDate', message: e.message }]);
      throw e;
    }
    reply.flash('Address recorded');
    return reply.redirect(paths.addresses(childId), 303);
  });
}

/** The people in the child's life. */
function relationshipRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (childId: string, state: RequestState, values: Posted = {}, errors: FieldError[] = []) => {
    const record = await childRecord(ctx.db, childId, ctx.time.now(), state.user);
    state.revealedChildIds = [...new Set([...(state.revealedChildIds ?? []), ...namedChildren(record)])];
    return {
      title: 'People in the child’s life',
      child: record?.child,
      rows: relationshipRows(record?.relationships ?? []),
      typeItems: relationshipTypeItems(values.relationship),
      values,
      action: paths.relationships(childId),
      backLink: paths.record(childId),
      ...errorView(errors),
    };
  };

  route(app, ctx, { method: 'GET', url: paths.relationships(':childId'), audit: 'VIEW_CHILD' }, async (req, reply, state) =>
    reply.page('children/views/relationships.njk', await page((req.params as { childId: string }).childId, state)),
  );

  route(app, ctx, { method: 'POST', url: paths.relationships(':childId'), audit: 'RECORD_RELATIONSHIP' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = req.body as Posted;
    const again = async (errors: FieldError[]) =>
      reply.code(400).page('children/views/relationships.njk', await page(childId, state, body, errors));
    const parsed = parse(relationshipSchema, body);
    if (!parsed.ok) return again(parsed.errors);
    try {
      // the audit row names the other child too: the link is about both
      await state.write(async (tx) => {
        const { relatedChildId } = await addRelationship(tx, childId, parsed.value, state.user);
        if (relatedChildId) state.revealedChildIds = [relatedChildId];
      });
    } catch (e) {
      if (e instanceof UnknownChildReferenceError) return again([{ field: 'childReference', message: e.message }]);
      throw e;
    }
    reply.flash('Person added');
    return reply.redirect(paths.relationships(childId), 303);
  });
}

/** A manager restricts a record to named users, or lifts the restriction. */
function restrictionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (childId: string, values?: Posted, errors: FieldError[] = []) => {
    const child = await childSummary(ctx.db, childId);
    return {
      title: 'Restrict the record',
      child,
      values: values ?? { restricted: child?.restricted ? 'yes' : 'no', usernames: (await namedUsers(ctx.db, childId)).join(', ') },
      action: paths.restriction(childId),
      backLink: paths.record(childId),
      ...errorView(errors),
    };
  };

  route(app, ctx, { method: 'GET', url: paths.restriction(':childId'), roles: roles.managers, audit: 'VIEW_CHILD' }, async (req, reply) =>
    reply.page('children/views/restriction.njk', await page((req.params as { childId: string }).childId)),
  );

  route(
    app,
    ctx,
    { method: 'POST', url: paths.restriction(':childId'), roles: roles.managers, audit: 'RESTRICT_RECORD' },
    async (req, reply, state) => {
      const { childId } = req.params as { childId: string };
      const body = req.body as Posted;
      const again = async (errors: FieldError[]) =>
        reply.code(400).page('children/views/restriction.njk', await page(childId, body, errors));
      const parsed = parse(restrictionSchema, body);
      if (!parsed.ok) return again(parsed.errors);
      try {
        await state.write((tx) => setRestriction(tx, childId, parsed.value, { userId: state.user.id }));
      } catch (e) {
        if (e instanceof UnknownUsersError) return again([{ field: 'usernames', message: `Who may open it: ${e.message}` }]);
        throw e;
      }
      reply.flash(parsed.value.restricted ? 'The record is restricted to the named users' : 'The record is no longer restricted');
      return reply.redirect(paths.record(childId), 303);
    },
  );
}

/**
 * Asking to be named on a restricted record that is part of one's work, and granting or
 * declining such a request. No route here has :childId: the requester may not open the
 * record, so the child is checked here (in their work, and not already open to them).
 */
function accessRequestRoutes(app: FastifyInstance, ctx: AppContext): void {
  route(app, ctx, { method: 'GET', url: paths.accessRequests(), audit: 'VIEW_ACCESS_REQUESTS' }, async (_req, reply, state) => {
    const [notices, toDecide, mine] = await Promise.all([
      accessNotices(ctx.db, state.user),
      requestsWaiting(ctx.db, state.user),
      requestsMadeBy(ctx.db, state.user),
    ]);
    state.revealedChildIds = [...new Set([...toDecide, ...mine].flatMap((r) => (r.childId ? [r.childId] : [])))];
    return reply.page('children/views/access-requests.njk', {
      title: 'Requests for access to restricted records',
      notices: { ...notices, toDecide: 0 },
      toDecide: requestsToDecide(toDecide),
      mine: myRequestRows(mine),
    });
  });

  const form = (record: object, values: Posted, errors: FieldError[] = []) => ({
    title: 'Ask for access to a restricted record',
    record,
    values,
    action: paths.accessRequests(),
    backLink: paths.accessRequests(),
    ...errorView(errors),
  });

  route(app, ctx, { method: 'GET', url: paths.newAccessRequest() }, async (req, reply, { user }) => {
    const child = String((req.query as Record<string, unknown>).child ?? '');
    const record = await restrictedRecordFor(ctx.db, user, child);
    if (record === 'visible') return reply.redirect(paths.record(child));
    if (!record) return forbidden(reply);
    return reply.page('children/views/access-request-new.njk', form(record, { child }));
  });

  route(app, ctx, { method: 'POST', url: paths.accessRequests(), audit: 'REQUEST_ACCESS' }, async (req, reply, state) => {
    const body = req.body as Posted;
    const child = typeof body.child === 'string' ? body.child : '';
    const record = await restrictedRecordFor(ctx.db, state.user, child);
    if (record === 'visible') return reply.redirect(paths.record(child), 303);
    if (!record) return forbidden(reply);
    const parsed = parse(accessRequestSchema, body);
    if (!parsed.ok) return reply.code(400).page('children/views/access-request-new.njk', form(record, body, parsed.errors));
    state.childId = child;
    await state.write(async (tx) => {
      state.recordId = await requestAccess(tx, parsed.value, { userId: state.user.id });
    });
    reply.flash('Your request has been sent to the people who can grant it');
    return reply.redirect(paths.accessRequests(), 303);
  });

  for (const [action, decision, audit, done] of [
    ['grant', 'granted', 'GRANT_ACCESS', 'Access granted: they are now named on the record'],
    ['decline', 'declined', 'DECLINE_ACCESS', 'Request declined'],
  ] as const) {
    route(app, ctx, { method: 'POST', url: paths.decideAccessRequest(':requestId', action), audit }, async (req, reply, state) => {
      const { requestId } = req.params as { requestId: string };
      try {
        state.recordId = requestId;
        await state.write(async (tx) => {
          state.childId = (await decideAccessRequest(tx, requestId, decision, state.user)).childId;
        });
      } catch (e) {
        if (e instanceof NotYoursToDecideError) return forbidden(reply);
        if (e instanceof AlreadyDecidedError) {
          return reply.code(409).page('message.njk', {
            title: e.message,
            paragraphs: ['Someone else decided it first. Nothing has been changed.'],
            link: { href: paths.accessRequests(), text: 'Back to requests for access' },
          });
        }
        throw e;
      }
      reply.flash(done);
      return reply.redirect(paths.accessRequests(), 303);
    });
  }
}
