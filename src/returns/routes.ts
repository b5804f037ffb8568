import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/http/context.js';
import { choice, errorView, type FieldError, optionalText, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { ReturnReadError } from './findings.js';
import { findingRows, recentRunRows, ruleSummaryRows } from './presenters.js';
import { findingsCsv, findingsJson, summariseByRule } from './report.js';
import { createRun, findingsOf, processRun, recentRuns, runOf, type UploadedReturn } from './runs.js';
import { FILE_FIELDS, prepareUploadsFolder, readCsrfField, receiveUpload } from './upload.js';
import { checkSpreadsheetFile } from './xlsx.js';
import { pageOf, pagination } from '../core/views/pages.js';

const officers = ['service_manager', 'administrator'] as const;
const PAGE = 200;

const uploadSchema = z.object({
  kind: choice('Return', ['ssda903', 'cin'] as const),
  year: optionalText('Collection year', { max: 4 }).refine((v) => v === undefined || /^20\d\d$/.test(v), {
    message: 'Collection year must be the year the collection ends, for example 2026 for 2025/26',
  }),
  la: optionalText('Local authority code', { max: 9 }).refine((v) => v === undefined || /^E\d{8}$/.test(v), {
    message: 'Local authority code must be an ONS code such as E08000003',
  }),
});

export async function returnRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const limitMb = ctx.config.uploadLimitMb;
  await app.register(fastifyMultipart, { throwFileSizeLimit: false });
  await prepareUploadsFolder(ctx.config.dataDir);
  // The upload form sends its CSRF token as its first field: read it before the CSRF check
  // and before any file arrives (see upload.ts).
  app.addHook('preValidation', async (req) => {
    if (req.method === 'POST' && req.routeOptions.url === '/returns' && req.isMultipart()) await readCsrfField(req, limitMb);
  });

  const uploadPage = async (userId: string, extra: Record<string, unknown> = {}) => ({
    title: 'Validate a statutory return',
    rows: recentRunRows(await recentRuns(ctx.db, userId)),
    values: {},
    limitMb,
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: '/returns', roles: officers }, async (_req, reply, { user }) =>
    reply.page('returns/views/upload.njk', await uploadPage(user.id)),
  );

  route(app, ctx, { method: 'POST', url: '/returns', roles: officers, audit: 'UPLOAD_RETURN' }, async (req, reply, { user, write }) => {
    const received = await receiveUpload(req, ctx.config.dataDir, limitMb);
    try {
      const { fields, files } = received;
      const parsed = parse(uploadSchema, fields);
      const errors: FieldError[] = [...received.errors, ...(parsed.ok ? [] : parsed.errors)];
      if (files.current.length === 0 && !received.errors.some((e) => e.field === 'current')) {
        errors.push({ field: 'current', message: 'Select the return’s files to upload' });
      }
      if (parsed.ok && parsed.value.kind === 'cin' && files.current.length > 1) {
        errors.push({ field: 'current', message: 'A CIN census is one XML file: select only that file' });
      }
      // A spreadsheet that would unpack to too much is refused now, from its table of contents alone.
      for (const field of ['postcodes', 'providers'] as const) {
        const [file] = files[field];
        if (!file) continue;
        try {
          await checkSpreadsheetFile(file.path, file.name);
        } catch (e) {
          if (!(e instanceof ReturnReadError)) throw e;
          errors.push({ field, message: `${FILE_FIELDS[field]} ${file.name} cannot be used: ${e.reason}` });
        }
      }
      if (!parsed.ok || errors.length) {
        await received.discard();
        return reply.code(400).page('returns/views/upload.njk', await uploadPage(user.id, { values: fields, ...errorView(errors) }));
      }
      const upload: UploadedReturn = {
        kind: parsed.value.kind,
        current: files.current,
        previous: files.previous,
        year: parsed.value.year ? Number(parsed.value.year) : undefined,
        localAuthority: parsed.value.la,
        ...(parsed.value.kind === 'ssda903' ? { postcodes: files.postcodes[0], providers: files.providers[0] } : {}),
      };
      // committed before validation starts, so the run it updates exists
      const runId = await write((tx) => createRun(tx, upload, user.id));
      // Validation carries on after the response; its progress and result are kept on the run,
      // and the uploaded files are removed when it ends, however it ends.
      setImmediate(() => void processRun(ctx.db, runId, upload).finally(() => received.discard()));
      return reply.redirect(`/returns/runs/${runId}`, 303);
    } catch (error) {
      await received.discard();
      throw error;
    }
  });

  route(app, ctx, { method: 'GET', url: '/returns/runs/:runId', roles: officers }, async (req, reply, { user }) => {
    const run = await runOf(ctx.db, (req.params as { runId: string }).runId, user.id);
    if (!run) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const finished = run.status === 'done';
    const summary = finished ? summariseByRule(await findingsOf(ctx.db, run.id, user.id)) : [];
    return reply.page('returns/views/run.njk', {
      title: 'Validation of a return',
      run,
      rows: ruleSummaryRows(run.id, summary),
      working: run.status === 'queued' || run.status === 'running',
      backLink: '/returns',
    });
  });

  route(app, ctx, { method: 'GET', url: '/returns/runs/:runId/rules/:rule', roles: officers }, async (req, reply, { user }) => {
    const { runId, rule } = req.params as { runId: string; rule: string };
    const run = await runOf(ctx.db, runId, user.id);
    if (!run) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const all = (await findingsOf(ctx.db, run.id, user.id)).filter((f) => f.rule === rule);
    const shown = pageOf(all.length, (req.query as Record<string, unknown>).page, PAGE);
    return reply.page('returns/views/rule.njk', {
      title: `Rule ${rule}`,
      run,
      rule,
      message: all[0]?.message ?? '',
      total: all.length,
      rows: findingRows(all.slice(shown.from, shown.to)),
      pagination: pagination(shown, (page) => `?page=${page}`, `Pages of rule ${rule}’s findings`),
      backLink: `/returns/runs/${run.id}`,
    });
  });

  for (const format of ['csv', 'json'] as const) {
    route(app, ctx, { method: 'GET', url: `/returns/runs/:runId/findings.${format}`, roles: officers }, async (req, reply, { user }) => {
      const run = await runOf(ctx.db, (req.params as { runId: string }).runId, user.id);
      if (!run || run.status !== 'done') return reply.code(404).page('message.njk', { title: 'Page not found' });
      const findings = await findingsOf(ctx.db, run.id, user.id);
      return reply
        .header('content-disposition', `attachment; filename="${run.kind}-${run.collectionYear ?? ''}-findings.${format}"`)
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json')
        .send(format === 'csv' ? findingsCsv(findings) : findingsJson(findings));
    });
  }
}
