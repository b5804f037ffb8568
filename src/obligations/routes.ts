import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { clockRules, ruleFeed, unrecordedWork } from '../clock/index.js';
import type { AppContext } from '../core/http/context.js';
import { dateParts, errorView, joinDateParts, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { formatDate } from '../core/views/nunjucks.js';
import { obligationsPaths as paths } from './paths.js';
import { feedSummary, notRecordedText, rebuildView, settingItems, settingRows, timescaleRows } from './presenters.js';
import { recordedFactKinds } from './sources.js';
import { changeBySubmission, childrenAffectedFrom, effectiveDateBounds, inForce, settingDefinitions, settingHistory } from './queries.js';
import { latestRebuild, RebuildRunner, requestRebuild } from './rebuild-jobs.js';
import { recordSettingChange, settingChangeSchema } from './use-cases.js';
import { roles } from '../core/auth/roles.js';

export function clockRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  // What the areas record is fixed at start (their facts queries), so the rules it feeds are too.
  const recorded = recordedFactKinds();
  const feeds = new Map(clockRules.map((r) => [r.id, ruleFeed(r, recorded)]));
  // Every page that lists obligations says what they leave out (obligations/views/not-recorded.njk).
  ctx.views.addGlobal('notRecorded', notRecordedText(unrecordedWork(clockRules, recorded)));

  /** The authority's clock, open to every signed-in user: inspectors and new staff read it here. */
  route(app, ctx, { method: 'GET', url: paths.timescales() }, async (_req, reply) => {
    const history = await settingHistory(ctx.db);
    const definitions = settingDefinitions();
    const rules = clockRules.map((r) => ({
      id: r.id,
      name: r.name,
      statement: r.statement,
      rows: timescaleRows(
        r,
        r.settings.map((s) => ({
          ...s,
          ...inForce(
            definitions.find((d) => d.key === s.key)!,
            history,
            today(),
          ),
        })),
        feeds.get(r.id)!,
      ),
    }));
    return reply.page('obligations/views/timescales.njk', { title: 'Timescales', rules, feedSummary: feedSummary([...feeds.values()]) });
  });

  // Recomputes obligations after a change of policy, outside the request; at start it
  // resumes whatever a process that stopped left unfinished.
  const rebuilds = new RebuildRunner(ctx.db, {
    onFailure: (jobId, error) =>
      app.log.error({ job: jobId, name: (error as Error).name, code: (error as { code?: string }).code }, 'obligations rebuild failed'),
  });
  app.addHook('onReady', async () => rebuilds.start({ soleProcess: ctx.database.kind === 'pglite' }));
  app.addHook('onClose', async () => rebuilds.stop());

  const policyPage = async (extra: Record<string, unknown> = {}) => {
    const history = await settingHistory(ctx.db);
    const definitions = settingDefinitions();
    const values = (extra.values ?? {}) as Record<string, unknown>;
    return {
      title: 'Local policy',
      rows: settingRows(definitions, history, today()),
      settingItems: settingItems(definitions, values.key),
      values,
      action: paths.policy(),
      effective: dateParts(today()),
      rebuild: rebuildView(await latestRebuild(ctx.db)),
      // a new one-time token for each form shown: the change it makes is recorded once
      submission: randomUUID(),
      ...extra,
    };
  };

  route(app, ctx, { method: 'GET', url: paths.policy(), roles: roles.administrators }, async (_req, reply) =>
    reply.page('obligations/views/policy.njk', await policyPage()),
  );

  const saved = (reply: FastifyReply, effectiveFrom: string) => {
    reply.flash(`Setting changed from ${formatDate(effectiveFrom)}. Obligations are being recomputed: the progress is below.`);
    return reply.redirect(paths.policy(), 303);
  };

  route(
    app,
    ctx,
    { method: 'POST', url: paths.policy(), roles: roles.administrators, audit: 'CHANGE_LOCAL_POLICY' },
    async (req, reply, state) => {
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
          backLink: paths.policy(),
          action: paths.policy(),
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
    },
  );
}

/** A form already saved by an identical post that got there first. */
class SameSubmission extends Error {}
