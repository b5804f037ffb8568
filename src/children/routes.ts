import type { FastifyInstance } from 'fastify';
import { childProtectionOf, childProtectionSection, onlyChildProtection } from '../child-protection/index.js';
import { childrenInNeedOf, childrenInNeedSection, onlyChildrenInNeed } from '../children-in-need/index.js';
import { recentChronology } from '../chronology/index.js';
import { disabilityCodes, ethnicityCodes, sexCodes } from '../core/codes/dfe.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, joinDateParts, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { loadClockContext } from '../obligations/recompute.js';
import { childObligations, statusLabels } from '../obligations/queries.js';
import {
  childDetailsSchema,
  childSearchSchema,
  createChild,
  findChildren,
  likelyMatches,
  matchesShownTo,
  newChildSchema,
  StaleRecordError,
  updateChildDetails,
} from './children.js';
import { childRecord, childSummary, namedChildren } from './record.js';
import { recordVisit, visitPurposes, visitSchema } from './visits.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const;

/** The page asks one question ("seen alone", "with others", "not seen") for the schema's two fields. */
function seenAnswer(body: Record<string, unknown>): Record<string, unknown> {
  const answers: Record<string, { childSeen: string; seenAlone?: string }> = {
    alone: { childSeen: 'yes', seenAlone: 'yes' },
    'with-others': { childSeen: 'yes', seenAlone: 'no' },
    no: { childSeen: 'no' },
  };
  const answer = typeof body.seen === 'string' ? answers[body.seen] : undefined;
  return answer ? { ...body, ...answer } : body;
}
const codeLists = { sexCodes, ethnicityCodes, disabilityCodes };

export function childrenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

  route(app, ctx, { method: 'GET', url: '/children', roles: practice, audit: 'SEARCH_CHILDREN' }, async (req, reply, state) => {
    const q = req.query as Record<string, string | undefined>;
    const search = joinDateParts(q, ['dateOfBirth']);
    const parsed = parse(childSearchSchema, search);
    const criteria = parsed.ok ? parsed.value : {};
    const searched = parsed.ok && Object.values(criteria).some(Boolean);
    const results = searched ? await findChildren(ctx.db, state.user, criteria) : [];
    state.revealedChildIds = results.map((r) => r.id);
    return reply.code(parsed.ok ? 200 : 400).page('children/views/search.njk', {
      title: 'Find a child',
      q,
      dob: parsed.ok ? dateParts(criteria.dateOfBirth) : { day: q['dateOfBirth-day'], month: q['dateOfBirth-month'], year: q['dateOfBirth-year'] },
      searched,
      results,
      ...(parsed.ok ? {} : errorView(parsed.errors, ['dateOfBirth'])),
    });
  });

  route(app, ctx, { method: 'GET', url: '/children/new', roles: practice }, async (_req, reply) =>
    reply.page('children/views/new.njk', { title: 'Add a child', values: { disabilities: [] }, ...codeLists }),
  );

  route(app, ctx, { method: 'POST', url: '/children/new', roles: practice, audit: 'CREATE_CHILD' }, async (req, reply, state) => {
    const body = joinDateParts(req.body as Record<string, unknown>, ['dateOfBirth', 'expectedDateOfBirth']);
    const parsed = parse(newChildSchema(today), body);
    const again = (extra: Record<string, unknown>) =>
      reply.page('children/views/new.njk', {
        title: 'Add a child',
        values: { ...body, disabilities: [body.disabilities ?? []].flat() },
        dob: dateParts(body.dateOfBirth as string),
        edob: dateParts(body.expectedDateOfBirth as string),
        ...codeLists,
        ...extra,
      });
    if (!parsed.ok) {
      reply.code(400);
      return again(errorView(parsed.errors, ['dateOfBirth', 'expectedDateOfBirth']));
    }
    if (body.confirmNew !== 'yes') {
      const matches = await likelyMatches(ctx.db, parsed.value);
      if (matches.length > 0) {
        state.revealedChildIds = matches.map((m) => m.id);
        return again({ matches: await matchesShownTo(ctx.db, state.user, matches) });
      }
    }
    const childId = await state.write(async (tx) => {
      state.recordId = state.childId = await createChild(tx, parsed.value, today(), { userId: state.user.id, teamId: state.user.teamId });
      return state.recordId;
    });
    reply.flash('Child added');
    return reply.redirect(`/children/${childId}`, 303);
  });

  route(app, ctx, { method: 'GET', url: '/children/:childId', audit: 'VIEW_CHILD' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const now = ctx.time.now();
    const [record, recent, clock, childProtection, childrenInNeed] = await Promise.all([
      childRecord(ctx.db, childId, now, state.user),
      recentChronology(ctx.db, childId),
      loadClockContext(ctx.db),
      childProtectionOf(ctx.db, childId),
      childrenInNeedOf(ctx.db, childId),
    ]);
    if (!record) return reply.code(404).page('message.njk', { title: 'Page not found' });
    state.revealedChildIds = namedChildren(record);
    const obligations = await childObligations(ctx.db, childId, now, clock);
    return reply.page('children/views/record.njk', {
      title: `${record.child.firstName} ${record.child.lastName}`,
      record,
      recent,
      outstanding: obligations.filter((o) => o.status === 'due' || o.status === 'overdue'),
      met: obligations.filter((o) => o.status === 'met_on_time' || o.status === 'met_late'),
      childProtection: childProtectionSection(childId, childProtection, onlyChildProtection(obligations)),
      childrenInNeed: childrenInNeedSection(childId, childrenInNeed, onlyChildrenInNeed(obligations)),
      statusLabels,
      ...codeLists,
    });
  });

  route(app, ctx, { method: 'GET', url: '/children/:childId/edit', audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const child = await childSummary(ctx.db, childId);
    return reply.page('children/views/edit.njk', { title: 'Change details', childId, values: child, ...codeLists, backLink: `/children/${childId}` });
  });

  route(app, ctx, { method: 'POST', url: '/children/:childId/edit', audit: 'UPDATE_CHILD' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = req.body as Record<string, unknown>;
    const parsed = parse(childDetailsSchema, body);
    const again = (extra: Record<string, unknown>) =>
      reply.page('children/views/edit.njk', { title: 'Change details', childId, values: body, ...codeLists, ...extra });
    if (!parsed.ok) {
      reply.code(400);
      return again(errorView(parsed.errors));
    }
    try {
      state.recordId = childId;
      await state.write((tx) => updateChildDetails(tx, childId, parsed.value));
    } catch (e) {
      if (e instanceof StaleRecordError) {
        reply.code(409);
        return again({
          stale: true,
          values: { ...body, version: (await childSummary(ctx.db, childId))?.version },
          ...errorView([{ field: 'firstName', message: `${e.message}. Your changes have not been saved: check the details below and save again.` }]),
        });
      }
      throw e;
    }
    reply.flash('Details saved');
    return reply.redirect(`/children/${childId}`, 303);
  });

  route(app, ctx, { method: 'GET', url: '/children/:childId/visits/new', audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = req.params as { childId: string };
    const child = await childSummary(ctx.db, childId);
    return reply.page('children/views/visit.njk', {
      title: 'Record a visit',
      child,
      values: { purpose: (req.query as Record<string, string>).purpose },
      visitDate: dateParts(today()),
      purposes: visitPurposes,
      backLink: (req.query as Record<string, string>).back === 'my-work' ? '/my-work' : `/children/${childId}`,
    });
  });

  route(app, ctx, { method: 'POST', url: '/children/:childId/visits/new', audit: 'RECORD_VISIT' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = seenAnswer(joinDateParts(req.body as Record<string, unknown>, ['visitDate']));
    const parsed = parse(visitSchema(today), body);
    if (!parsed.ok) {
      const child = await childSummary(ctx.db, childId);
      return reply.code(400).page('children/views/visit.njk', {
        title: 'Record a visit',
        child,
        values: body,
        visitDate: { day: body['visitDate-day'], month: body['visitDate-month'], year: body['visitDate-year'] },
        purposes: visitPurposes,
        ...errorView(parsed.errors, ['visitDate']),
      });
    }
    await state.write(async (tx) => {
      state.recordId = await recordVisit(tx, childId, parsed.value, { userId: state.user.id, workerId: state.user.workerId });
    });
    reply.flash('Visit recorded');
    return reply.redirect(body.back === 'my-work' ? '/my-work' : `/children/${childId}`, 303);
  });
}
