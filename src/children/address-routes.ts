import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { rows } from '../core/db/database.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, joinDateParts, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { AddressDateError, addressSchema, recordMove } from './addresses.js';
import { childSummary } from '../core/record/summary.js';

export function addressRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const page = async (childId: string, extra: Record<string, unknown> = {}) => ({
    title: 'Addresses',
    child: await childSummary(ctx.db, childId),
    history: await rows<{ line1: string; line2: string | null; town: string | null; postcode: string; fromDate: string; toDate: string | null }>(
      ctx.db,
      sql`select line1, line2, town, postcode, from_date::text as "fromDate", to_date::text as "toDate"
            from addresses where child_id = ${childId} order by from_date desc`,
    ),
    values: {},
    moved: dateParts(today()),
    backLink: `/children/${childId}`,
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: '/children/:childId/addresses', audit: 'VIEW_CHILD' }, async (req, reply) =>
    reply.page('children/views/addresses.njk', await page((req.params as { childId: string }).childId)),
  );

  route(app, ctx, { method: 'POST', url: '/children/:childId/addresses', audit: 'RECORD_ADDRESS' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = joinDateParts(req.body as Record<string, unknown>, ['fromDate']);
    const parsed = parse(addressSchema(today), body);
    const again = async (errors: { field: string; message: string }[]) =>
      reply.code(400).page('children/views/addresses.njk', await page(childId, {
        values: body,
        moved: { day: body['fromDate-day'], month: body['fromDate-month'], year: body['fromDate-year'] },
        ...errorView(errors, ['fromDate']),
      }));
    if (!parsed.ok) return again(parsed.errors);
    try {
      await state.write((tx) => recordMove(tx, childId, parsed.value));
    } catch (e) {
      if (e instanceof AddressDateError) return again([{ field: 'fromDate', message: e.message }]);
      throw e;
    }
    reply.flash('Address recorded');
    return reply.redirect(`/children/${childId}/addresses`, 303);
  });
}
