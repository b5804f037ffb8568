import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { clockRules } from '../clock/index.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, joinDateParts, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { formatDate } from '../core/views/nunjucks.js';
import {
  changeBySubmission,
  childrenAffectedFrom,
  effectiveDateBounds,
  inForce,
  recordSettingChange,
  settingChangeSchema,
  settingDefinitions,
  settingHistory,
  type SettingDefinition,
} from './policy.js';
import { latestRebuild, RebuildRunner, requestRebuild, type RebuildJob } from './rebuild-jobs.js';
import { roles } from '../core/auth/roles.js';

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

  // Recomputes obligations after a change of policy, outside the request; at start it
  // resumes whatever a process that stopped left unfinished.
  const rebuilds = new RebuildRunner(ctx.db, {
    onFailure: (jobId, error) => app.log.error({ job: jobId, name: (error as Error).name, code: (error as { code?: string }).code }, 'obligations rebuild failed'),
  });
  app.addHook('onReady', async () => rebuilds.start({ soleProcess: ctx.database.kind === 'pglite' }));
  app.addHook('onClose', async () => rebuilds.stop());

  const policyPage = async (extra: Record<string, unknown> = {}) => {
    const history = await settingHistory(ctx.db);
    const definitions = settingDefinitions();
    return {
      title: 'Local policy',
      settings: definitions.map((d) => ({ ...d, ...inForce(d, history, today()), allowed: allowedText(d), history: history.filter((h) => h.key === d.key) })),
      effective: dateParts(today()),
      rebuild: rebuildView(await latestRebuild(ctx.db)),
      // a new one-time token for each form shown: the change it makes is recorded once
      submission: randomUUID(),
      ...extra,
    };
  };

  route(app, ctx, { method: 'GET', url: '/admin/policy', roles: roles.administrators }, async (_req, reply) =>
    reply.page('obligations/views/policy.njk', await policyPage()),
  );

  const saved = (reply: FastifyReply, effectiveFrom: string) => {
    reply.flash(`Setting changed from ${formatDate(effectiveFrom)}. Obligations are being recomputed: the progress is below.`);
    return reply.redirect('/admin/policy', 303);
  };

  route(app, ctx, { method: 'POST', url: '/admin/policy', roles: roles.administrators, audit: 'CHANGE_LOCAL_POLICY' }, async (req, reply, state) => {
    const { user } = state;
    const body = joinDateParts(req.body as Record<string, unknown>, ['effectiveFrom']);
    const definitions = settingDefinitions();
    const parsed = parse(settingChangeSchema(definitions, await effectiveDateBounds(ctx.db, today())), body);
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
    const change = parsed.value;

    // The same form again (a double click, a browser's retry): the same answer, nothing recorded twice.
    const already = await changeBySubmission(ctx.db, change.submission);
    if (already) return saved(reply, already.effectiveFrom);

    // A date in the past re-judges work done since: saved only once the administrator confirms.
    if (change.effectiveFrom < today() && body['confirm'] !== 'yes') {
      const def = definitions.find((d) => d.key === change.key)!;
      const history = await settingHistory(ctx.db);
      return reply.page('obligations/views/policy-confirm.njk', {
        title: 'Confirm a change that takes effect in the past',
        backLink: '/admin/policy',
        change,
        setting: def,
        before: inForce(def, history, change.effectiveFrom),
        affected: await childrenAffectedFrom(ctx.db, def, change.effectiveFrom),
        effective: dateParts(change.effectiveFrom),
      });
    }

    // The change, its audit row and the job that applies it, in one transaction.
    try {
      await state.write(async (tx) => {
        const id = await recordSettingChange(tx, change, user.id);
        // the same form, posted at the same moment, got there first: roll back, so no second audit row
        if (id === null) throw new SameSubmission();
        state.recordId = String(id);
        await requestRebuild(tx, { reason: 'local policy change', requestedBy: user.id, settingChangeId: id });
      });
    } catch (e) {
      if (!(e instanceof SameSubmission)) throw e;
    }
    // The recompute itself runs after the answer.
    rebuilds.kick();
    return saved(reply, change.effectiveFrom);
  });
}

function allowedText(d: SettingDefinition): string {
  if (d.range) return `${d.range.min} to ${d.range.max} ${d.unit}`;
  if (d.options) return `One of: ${d.options.join(', ')}`;
  if (typeof d.default === 'boolean') return 'Yes or no';
  return d.unit === 'list' ? 'A list, comma separated' : '';
}

const stateText: Record<RebuildJob['state'], { text: string; colour: string }> = {
  queued: { text: 'Waiting to start', colour: 'grey' },
  running: { text: 'Running', colour: 'blue' },
  finished: { text: 'Finished', colour: 'green' },
  failed: { text: 'Failed', colour: 'red' },
  superseded: { text: 'Replaced by a later change', colour: 'grey' },
};

/** What the policy page says about the newest recompute: its state, progress and outcome. */
function rebuildView(job: RebuildJob | null) {
  if (!job) return null;
  const total = job.childrenTotal;
  return {
    ...job,
    inProgress: job.state === 'queued' || job.state === 'running',
    tag: { text: stateText[job.state].text, classes: `govuk-tag--${stateText[job.state].colour}` },
    progress: total === null ? 'Not started' : `${job.childrenDone} of ${total} children${total > 0 ? ` (${Math.floor((100 * job.childrenDone) / total)}%)` : ''}`,
  };
}

/** A form already saved by an identical post that got there first. */
class SameSubmission extends Error {}
