/**
 * The Returns page's census from the record: choose a collection year, and the census is built
 * from the record, checked against DfE's schema and validated with every CIN rule. Its findings
 * are kept as a validation run, so the run's rule pages and CSV and JSON downloads show them
 * as they show an uploaded return's; the XML is built again from the record when downloaded.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../core/http/context.js';
import { choice, errorView, optionalText, parse } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { CIN_YEARS } from '../returns/cin/index.js';
import { ruleSummaryRows } from '../returns/presenters.js';
import { summariseByRule } from '../returns/report.js';
import { findingsOf, runOf } from '../returns/runs.js';
import { returnRuns } from '../returns/schema.js';
import { censusFromRecord, censusYear, currentCensusYear, yearLabel } from './census.js';
import { cinCensusPaths as paths } from './paths.js';

const officers = ['service_manager', 'administrator'] as const;
const years = CIN_YEARS.map(String) as [string, ...string[]];

export const buildCensusSchema = z.object({
  year: choice('Collection year', years),
  la: optionalText('DfE LA number', { max: 3 }).refine((v) => v === undefined || /^\d{3}$/.test(v), {
    message: 'DfE LA number must be the authority’s three digits, for example 352',
  }),
});

/** A DfE LA number carried in the query from the build to the download, when it is one. */
function laOf(query: unknown): string | undefined {
  const la = (query as Record<string, unknown>).la;
  return typeof la === 'string' && /^\d{3}$/.test(la) ? la : undefined;
}

/** The first of a run's files names a census built from the record. */
const BUILT = 'Built from the record';

export function cinCensusRoutes(app: FastifyInstance, ctx: AppContext): void {
  const buildPage = (values: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    title: 'Build the CIN census from the record',
    values,
    years: [...CIN_YEARS].reverse().map((y) => ({ value: String(y), text: yearLabel(y), checked: String(values.year) === String(y) })),
    action: paths.build(),
    backLink: '/returns',
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: paths.build(), roles: officers }, async (_req, reply) =>
    reply.page('cin-census/views/build.njk', buildPage({ year: String(currentCensusYear(todayIn(ctx.time))) })),
  );

  route(app, ctx, { method: 'POST', url: paths.build(), roles: officers, audit: 'BUILD_CIN_CENSUS' }, async (req, reply, state) => {
    const body = req.body as Record<string, unknown>;
    const parsed = parse(buildCensusSchema, body);
    if (!parsed.ok) return reply.code(400).page('cin-census/views/build.njk', buildPage(body, errorView(parsed.errors)));
    const year = censusYear(Number(parsed.value.year));
    const checked = await censusFromRecord(ctx.db, year, { laNumber: parsed.value.la, madeAt: ctx.time.now().toISOString() });
    const messages = [
      `The ${yearLabel(year)} census of ${checked.census.children.length} children, built from the record on ${todayIn(ctx.time)}.`,
      checked.schemaProblems.length
        ? `It departs from DfE’s schema for ${yearLabel(year)} in ${checked.schemaProblems.length} place${checked.schemaProblems.length === 1 ? '' : 's'}: ${checked.schemaProblems.slice(0, 20).join('; ')}`
        : `It conforms to DfE’s schema for ${yearLabel(year)}.`,
      ...(parsed.value.la ? [] : ['No DfE LA number was given: the header has no Source.']),
    ];
    const runId = await state.write(async (tx) => {
      const [row] = await tx
        .insert(returnRuns)
        .values({
          kind: 'cin',
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
    return reply.redirect(`${paths.built(runId)}${parsed.value.la ? `?la=${parsed.value.la}` : ''}`, 303);
  });

  route(app, ctx, { method: 'GET', url: paths.built(':runId'), roles: officers }, async (req, reply, { user }) => {
    const run = await runOf(ctx.db, (req.params as { runId: string }).runId, user.id);
    if (!run || run.kind !== 'cin' || run.status !== 'done' || !run.files[0]?.startsWith(BUILT) || run.collectionYear === null)
      return reply.code(404).page('message.njk', { title: 'Page not found' });
    return reply.page('cin-census/views/built.njk', {
      title: `The ${yearLabel(run.collectionYear)} CIN census from the record`,
      run,
      year: yearLabel(run.collectionYear),
      xml: `${paths.xml(run.collectionYear)}${laOf(req.query) ? `?la=${laOf(req.query)}` : ''}`,
      rows: ruleSummaryRows(run.id, summariseByRule(await findingsOf(ctx.db, run.id, user.id))),
      backLink: paths.build(),
    });
  });

  route(app, ctx, { method: 'GET', url: paths.xml(':year'), roles: officers, audit: 'DOWNLOAD_CIN_CENSUS' }, async (req, reply) => {
    const year = Number((req.params as { year: string }).year);
    if (!(CIN_YEARS as readonly number[]).includes(year)) return reply.code(404).page('message.njk', { title: 'Page not found' });
    const checked = await censusFromRecord(ctx.db, censusYear(year), {
      laNumber: laOf(req.query),
      madeAt: ctx.time.now().toISOString(),
    });
    return reply
      .header('content-disposition', `attachment; filename="cin-census-${year}.xml"`)
      .type('application/xml; charset=utf-8')
      .send(checked.xml);
  });
}
