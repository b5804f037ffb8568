import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { childSummary } from '../core/record/summary.js';
import { rows } from '../core/db/database.js';
import type { AppContext } from '../core/http/context.js';
import { errorView, optionalText, parse, uuidField } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { StaleRecordError } from '../core/db/versions.js';
import { caseloadOf, currentAllocation, reallocate } from './allocation.js';
import { roles } from '../core/auth/roles.js';

/** `current` is the allocation the page showed: if it has changed since, the save is refused. */
const allocationSchema = z.object({ workerId: uuidField('Social worker'), current: optionalText('Current allocation', { max: 36 }) });

/** Workers a manager can allocate to, each with their current caseload, so the load is seen before it is added to. */
function candidates(ctx: AppContext, teamId: string | null) {
  return rows<{ id: string; name: string; teamId: string; teamName: string; caseload: number; newlyQualified: boolean; agency: boolean }>(
    ctx.db,
    sql`select w.id, w.name, w.team_id as "teamId", t.name as "teamName", w.newly_qualified as "newlyQualified", w.agency,
               ${caseloadOf(sql`w.id`)} as caseload
          from workers w join teams t on t.id = w.team_id
         where w.active and w.role in ('social_worker', 'senior_practitioner', 'family_support_worker', 'personal_adviser')
           ${teamId ? sql`and w.team_id = ${teamId}` : sql``}
         order by caseload, w.name`,
  );
}

export function allocationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (childId: string, teamId: string | null, extra: Record<string, unknown> = {}) => {
    const current = await currentAllocation(ctx.db, childId);
    const history = await rows<{ started: string; ended: string | null; team: string; worker: string | null }>(
      ctx.db,
      sql`select a.started_at::text as started, a.ended_at::text as ended, t.name as team, w.name as worker
            from allocations a join teams t on t.id = a.team_id left join workers w on w.id = a.worker_id
           where a.child_id = ${childId} order by a.started_at desc`,
    );
    return {
      title: 'Allocate',
      child: await childSummary(ctx.db, childId),
      current,
      history,
      workers: await candidates(ctx, teamId ?? current?.teamId ?? null),
      values: { current: current?.id ?? '' },
      backLink: `/children/${childId}`,
      ...extra,
    };
  };

  route(app, ctx, { method: 'GET', url: '/children/:childId/allocation', roles: roles.managers, audit: 'VIEW_CHILD' }, async (req, reply, { user }) => {
    const { childId } = req.params as { childId: string };
    return reply.page('workforce/views/allocate.njk', await page(childId, user.role === 'team_manager' ? user.teamId : null));
  });

  route(app, ctx, { method: 'POST', url: '/children/:childId/allocation', roles: roles.managers, audit: 'ALLOCATE_CHILD' }, async (req, reply, state) => {
    const { childId } = req.params as { childId: string };
    const body = req.body as Record<string, unknown>;
    const teamId = state.user.role === 'team_manager' ? state.user.teamId : null;
    const parsed = parse(allocationSchema, body);
    const fail = async (field: string, message: string, code = 400) =>
      reply.code(code).page('workforce/views/allocate.njk', await page(childId, teamId, { values: body, ...errorView([{ field, message }]) }));
    if (!parsed.ok) return fail(parsed.errors[0]!.field, parsed.errors[0]!.message);
    const worker = (await candidates(ctx, teamId)).find((w) => w.id === parsed.value.workerId);
    if (!worker) return fail('workerId', 'Social worker must be one of the workers listed');
    state.recordId = worker.id;
    try {
      // the unit of work holds the child's lock: two managers allocating at once take turns
      await state.write((tx) => reallocate(tx, childId, { teamId: worker.teamId, workerId: worker.id }, parsed.value.current, { userId: state.user.id }));
    } catch (e) {
      if (!(e instanceof StaleRecordError)) throw e;
      return fail('workerId', 'The child was allocated by someone else after you opened this page. Nothing has been saved: check the current allocation and try again.', 409);
    }
    reply.flash(`Allocated to ${worker.name}`);
    return reply.redirect(`/children/${childId}`, 303);
  });
}
