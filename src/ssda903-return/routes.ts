/**
 * The Returns page's SSDA903 from the record: choose a collection year, and the return is built
 * from the record with the year before, checked against the year's columns and validated with
 * every SSDA903 rule. Its findings are kept as a validation run, so the run's rule pages and CSV
 * and JSON downloads show them as they show an uploaded return's; the CSV files are built again
 * from the record when downloaded, as one zip (the files carry no authority code, so the
 * download needs none).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/http/context.js';
import { choice, errorView, optionalText, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { ruleSummaryRows } from '../returns/presenters.js';
import { summariseByRule } from '../returns/report.js';
import { findingsOf, runOf } from '../returns/runs.js';
import { returnRuns } from '../returns/schema.js';
import { KNOWN_YEARS } from '../returns/ssda903/tables.js';
import { FILE_NAMES, tableToCsv } from '../returns/ssda903/write.js';
import type { Tables903 } from '../returns/ssda903/model.js';
import { ssda903ReturnPaths as paths } from './paths.js';
import { buildFromRecord, currentReturnYear, returnFromRecord, returnYear, yearLabel } from './ssda903.js';
import { type ZipFile, zip } from './zip.js';

const officers = ['service_manager', 'administrator'] as const;
const years = KNOWN_YEARS.map(String) as [string, ...string[]];
const ONS_CODE = /^E\d{8}$/;

export const build903Schema = z.object({
  year: choice('Collection year', years),
  la: optionalText('Local authority code', { max: 9 }).refine((v) => v === undefined || ONS_CODE.test(v), {
    message: 'Local authority code must be an ONS code such as E08000003',
  }),
});

/** The first of a run's files names a return built from the record. */
const BUILT = 'Built from the record';

/** A year's tables as the files DfE takes, under a folder of the year's name. */
function files(tables: Tables903, folder: string): ZipFile[] {
  return Object.values(tables).map((t) => ({ name: `${folder}/${FILE_NAMES[t.name]}`, content: tableToCsv(t) }));
}

export function ssda903ReturnRoutes(app: FastifyInstance, ctx: AppContext): void {
  const buildPage = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    title: 'Build the SSDA903 from the record',
    values,
    years: [...KNOWN_YEARS].reverse().map((y) => ({ value: String(y), text: yearLabel(y), checked: String(values.year) === String(y) })),
    action: paths.build(),
    backLink: '/returns',
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: paths.build(), roles: officers }, async (_req, reply) =>
    reply.page('ssda903-return/views/build.njk', buildPage({ year: String(currentReturnYear(todayIn(ctx.time))) })),
  );

  route(app, ctx, { method: 'POST', url: paths.build(), roles: officers, audit: 'BUILD_SSDA903' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const parsed = parse(build903Schema, body);
    if (!parsed.ok) return reply.code(400).page('ssda903-return/views/build.njk', buildPage(body, errorView(parsed.errors)));
    const year = returnYear(Number(parsed.value.year));
    const checked = await returnFromRecord(ctx.db, year, parsed.value.la ? { localAuthority: parsed.value.la } : {});
    const children = checked.current.tables.Header?.rows.length ?? 0;
    const problems = checked.columnProblems;
    const messages = [
      `The ${yearLabel(year)} SSDA903 of ${children} ${children === 1 ? 'child' : 'children'}, built from the record on ${todayIn(ctx.time)} with ${yearLabel(year - 1)}’s for the rules that compare years.`,
      problems.length
        ? `It departs from DfE’s columns for ${yearLabel(year)} in ${problems.length} place${problems.length === 1 ? '' : 's'}: ${problems.slice(0, 20).join('; ')}`
        : `Every cell is within DfE’s columns for ${yearLabel(year)}.`,
      ...checked.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1) + '.'),
      ...(parsed.value.la ? [] : ['No local authority code was given: the rules that need it were not run.']),
    ];
    const runId = await state.write(async (tx) => {
      const [row] = await tx
        .insert(returnRuns)
        .values({
          kind: 'ssda903',
          status: 'done',
          files: [`${BUILT} (${yearLabel(year)})`],
          collectionYear: year,
          messages,
          findings: checked.findings,
          createdBy: state.user.id,
          finishedAt: new Date(),
        })
        .returning({ id: returnRuns.id });
      state.recordId = row!.id;
      return row!.id;
    });
    return reply.redirect(paths.built(runId), 303);
  });

  route(app, ctx, { method: 'GET', url: paths.built(':runId'), roles: officers }, async (req, reply, { user }) => {
    const run = await runOf(ctx.db, (req.params as { runId: string }).runId, user.id);
    if (!run || run.kind !== 'ssda903' || run.status !== 'done' || !run.files[0]?.startsWith(BUILT) || run.collectionYear === null)
      return reply.code(404).page('message.njk', { title: 'Page not found' });
    return reply.page('ssda903-return/views/built.njk', {
      title: `The ${yearLabel(run.collectionYear)} SSDA903 from the record`,
      run,
      year: yearLabel(run.collectionYear),
      zip: paths.zip(run.collectionYear),
      rows: ruleSummaryRows(run.id, summariseByRule(await findingsOf(ctx.db, run.id, user.id))),
      backLink: paths.build(),
    });
  });

  route(app, ctx, { method: 'GET', url: paths.zip(':year'), roles: officers, audit: 'DOWNLOAD_SSDA903' }, async (req, reply) => {
    const year = Number((req.params as { year: string }).year);
    if (!KNOWN_YEARS.includes(year)) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const built = await buildFromRecord(ctx.db, returnYear(year));
    const body = zip([...files(built.current.tables, String(year)), ...files(built.previous.tables, String(year - 1))]);
    return reply.header('content-disposition', `attachment; filename="ssda903-${year}.zip"`).type('application/zip').send(body);
  });
}
