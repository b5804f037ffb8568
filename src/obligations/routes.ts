import type { FastifyInstance } from 'fastify';
import { clockRules } from '../clock/index.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, joinDateParts, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { inForce, recordSettingChange, settingChangeSchema, settingDefinitions, settingHistory } from './policy.js';
import { rebuildAllObligations } from './rebuild.js';

const statusText: Record<string, string> = {
  statute: 'Statute or regulation',
  'statutory guidance': 'Statutory guidance',
  'local practice': 'Local practice',
  measure: 'DfE or Ofsted measure',
};

export function clockRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);

  /** The authority's clock, open to every signed-in user: inspectors and new staff read it here. */
  route(app, ctx, { method: 'GET', url: '/timescales' }, async (_req, reply) => {
    const history = await settingHistory(ctx.db);
    const definitions = settingDefinitions();
    const rules = clockRules.map((r) => ({
      ...r,
      statusText: statusText[r.source.status] ?? r.source.status,
      localSettings: r.settings.map((s) => {
        const def = definitions.find((d) => d.key === s.key)!;
        return { ...s, ...inForce(def, history, today()) };
      }),
    }));
    return reply.page('obligations/views/timescales.njk', { title: 'Timescales', rules });
  });

  const policyPage = async (extra: Record<string, unknown> = {}) => {
    const history = await settingHistory(ctx.db);
    const definitions = settingDefinitions();
    return {
      title: 'Local policy',
      settings: definitions.map((d) => ({ ...d, ...inForce(d, history, today()), history: history.filter((h) => h.key === d.key) })),
      effective: dateParts(today()),
      ...extra,
    };
  };

  route(app, ctx, { method: 'GET', url: '/admin/policy', roles: ['administrator'] }, async (_req, reply) =>
    reply.page('obligations/views/policy.njk', await policyPage()),
  );

  route(app, ctx, { method: 'POST', url: '/admin/policy', roles: ['administrator'], audit: 'CHANGE_POLICY' }, async (req, reply, { user, write }) => {
    const body = joinDateParts(req.body as Record<string, unknown>, ['effectiveFrom']);
    const parsed = parse(settingChangeSchema(settingDefinitions()), body);
    if (!parsed.ok) {
      return reply.code(400).page(
        'obligations/views/policy.njk',
        await policyPage({
          values: body,
          effective: { day: body['effectiveFrom-day'], month: body['effectiveFrom-month'], year: body['effectiveFrom-year'] },
          ...errorView(parsed.errors, ['effectiveFrom']),
        }),
      );
    }
    await write((tx) => recordSettingChange(tx, parsed.value, user.id));
    const result = await rebuildAllObligations(ctx.db);
    reply.flash(`Setting changed from ${parsed.value.effectiveFrom}; obligations recomputed for ${result.children} children`);
    return reply.redirect('/admin/policy', 303);
  });
}
