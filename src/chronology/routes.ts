/**
 * The chronology's page and API: every event on the child's record, filtered by kind, newest
 * or oldest first, a page of 25 at a time or every event on one page to print. The filter is
 * a GET form, so it works without JavaScript; each kind's checkbox has its own name, as a
 * query parameter may be given once.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { childSummary } from '../core/record/summary.js';
import type { AccessRole } from '../core/auth/schema.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { errorView, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { type ChronologyFilter, chronologyPage, eventForApi, PAGE_SIZE } from './presenters.js';
import { chronologyCounts, chronologyKinds, chronologyOf } from './queries.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

const ticked = z.preprocess((v) => (v === '' ? undefined : v), z.enum(['1', 'on', 'true'], { error: 'A kind is shown with 1' }).optional());

/** The page's query string: which kinds, which order, which page, or the print view. */
export const chronologyQuerySchema = z.object({
  ...Object.fromEntries(chronologyKinds.map((k) => [k, ticked])),
  order: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(['newest', 'oldest'], { error: 'Order must be newest or oldest' }).optional(),
  ),
  page: z.preprocess(
    (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' && /^\d{1,6}$/.test(v) ? Number(v) : v),
    z.number({ error: 'Page must be a whole number' }).int().min(1, 'Page must be 1 or more').optional(),
  ),
  view: z.preprocess((v) => (v === '' ? undefined : v), z.enum(['print'], { error: 'View must be print' }).optional()),
});

function filterOf(q: z.output<typeof chronologyQuerySchema>): ChronologyFilter {
  const values = q as Record<string, unknown>;
  return {
    kinds: chronologyKinds.filter((k) => values[k] !== undefined),
    order: q.order ?? 'newest',
    page: q.page ?? 1,
    print: q.view === 'print',
  };
}

export function chronologyRoutes(app: FastifyInstance, ctx: AppContext): void {
  const params = (req: FastifyRequest) => req.params as { childId: string };

  async function read(childId: string, f: ChronologyFilter) {
    const counts = await chronologyCounts(ctx.db, childId);
    const total = f.kinds.length === 0 ? Object.values(counts).reduce((a, b) => a + b, 0) : f.kinds.reduce((n, k) => n + counts[k], 0);
    // past the last page is the last page
    const page = Math.min(f.page, Math.max(1, Math.ceil(total / PAGE_SIZE)));
    const filter = { ...f, page };
    const events = await chronologyOf(ctx.db, childId, {
      kinds: f.kinds,
      order: f.order,
      offset: f.print ? 0 : (page - 1) * PAGE_SIZE,
      limit: f.print ? null : PAGE_SIZE,
    });
    return { filter, events, counts, total };
  }

  route(app, ctx, { method: 'GET', url: '/children/:childId/chronology', roles: practice, audit: 'VIEW_CHILD' }, async (req, reply) => {
    const { childId } = params(req);
    const child = await childSummary(ctx.db, childId);
    if (!child) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const parsed = parse(chronologyQuerySchema, req.query);
    const f = parsed.ok ? filterOf(parsed.value) : { kinds: [], order: 'newest' as const, page: 1, print: false };
    const { filter, events, counts } = await read(childId, f);
    return reply.code(parsed.ok ? 200 : 400).page('chronology/views/chronology.njk', {
      ...chronologyPage(child, filter, events, counts),
      ...(parsed.ok ? {} : errorView(parsed.errors)),
    });
  });

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: '/api/children/:childId/chronology',
      roles: practice,
      audit: 'VIEW_CHILD',
      summary:
        'Every event on the child’s record, with visits’ notes and case notes whole; the same query as the page (kinds, order, page; view=print for all)',
    },
    async (req, reply) => {
      const { childId } = params(req);
      const parsed = parse(chronologyQuerySchema, req.query);
      if (!parsed.ok) return reply.code(400).send({ error: 'The query is not valid', errors: parsed.errors });
      const { filter, events, counts, total } = await read(childId, filterOf(parsed.value));
      return reply.send({
        total,
        counts,
        page: filter.print ? null : filter.page,
        pageSize: filter.print ? null : PAGE_SIZE,
        events: events.map((e) => eventForApi(childId, e)),
      });
    },
  );
}
