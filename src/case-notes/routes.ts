/** Case notes' pages and JSON API; each change declared once for both (src/casework/changes.ts). */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeRoutes } from '../casework/changes.js';
import { type FormValues, formInput } from '../casework/form.js';
import { childSummary } from '../core/record/summary.js';
import type { AccessRole } from '../core/auth/schema.js';
import { apiRoute } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import type { FieldError } from '../core/http/forms.js';
import { route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { loadClockContext } from '../obligations/recompute.js';
import * as to from './paths.js';
import { apiPaths, paths } from './paths.js';
import { caseNotePage, caseNotesPage, type LateAfter, lateness, newCaseNotePage } from './presenters.js';
import { caseNoteOf, caseNotesOf } from './queries.js';
import { lateAfterWorkingDays } from './settings.js';
import { caseNoteSchema, correctCaseNote, correctCaseNoteSchema, recordCaseNote } from './use-cases.js';

const practice = ['practitioner', 'team_manager', 'service_manager'] as const satisfies readonly AccessRole[];

interface Params {
  childId: string;
  id: string;
}

export function caseNoteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const register = changeRoutes<Params>(app, ctx);
  const lateAfter = async (): Promise<LateAfter> => {
    const clock = await loadClockContext(ctx.db);
    return (recordedDate) => lateAfterWorkingDays(clock, recordedDate);
  };

  async function newPage(reply: FastifyReply, p: Params, values: FormValues, errors: FieldError[]) {
    const child = await childSummary(ctx.db, p.childId);
    if (!child) return notFound(reply);
    return reply.page('case-notes/views/new.njk', newCaseNotePage(child, { values: { eventDate: today(), ...values }, errors }));
  }

  async function notePage(reply: FastifyReply, p: Params, values?: FormValues, errors?: FieldError[]) {
    const [child, note, late] = await Promise.all([childSummary(ctx.db, p.childId), caseNoteOf(ctx.db, p.childId, p.id), lateAfter()]);
    if (!child || !note) return notFound(reply);
    return reply.page(
      'case-notes/views/note.njk',
      caseNotePage(child, note, late, { ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  const view = { method: 'GET', roles: practice, audit: 'VIEW_CHILD' } as const;

  route(app, ctx, { ...view, url: paths.list }, async (req, reply) => {
    const p = params(req);
    const [child, notes, late] = await Promise.all([childSummary(ctx.db, p.childId), caseNotesOf(ctx.db, p.childId), lateAfter()]);
    if (!child) return notFound(reply);
    return reply.page('case-notes/views/list.njk', caseNotesPage(child, notes, late, today()));
  });
  route(app, ctx, { ...view, url: paths.newNote }, async (req, reply) => newPage(reply, params(req), {}, []));
  route(app, ctx, { ...view, url: paths.note }, async (req, reply) => notePage(reply, params(req)));

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.notes,
      roles: practice,
      audit: 'VIEW_CHILD',
      summary: 'The child’s case notes, each with whether it was recorded late',
    },
    async (req, reply) => {
      const [notes, late] = await Promise.all([caseNotesOf(ctx.db, params(req).childId), lateAfter()]);
      return reply.send({
        lateAfterWorkingDays: late(today()),
        notes: notes.map((n) => ({ ...n, recordedLate: lateness(n, late).late })),
      });
    },
  );

  const fromForm = (body: FormValues) => formInput(body, { dates: ['eventDate'] });

  register({
    summary: 'Record a case note: a visit, telephone call, management oversight, supervision discussion or multi-agency meeting',
    audit: 'RECORD_CASE_NOTE',
    roles: practice,
    page: paths.newNote,
    api: apiPaths.notes,
    schema: caseNoteSchema(today),
    fromForm,
    creates: true,
    run: (tx, p, input, by) => recordCaseNote(tx, p.childId, input, by),
    again: (reply, p, _user, values, errors) => newPage(reply, p, values, errors),
    staleField: 'summary',
    done: (p) => ({ flash: 'Case note saved', to: to.caseNotesPath(p.childId) }),
  });

  register({
    summary: 'Correct a case note (it keeps the day it was first recorded)',
    audit: 'CORRECT_CASE_NOTE',
    roles: practice,
    page: paths.note,
    api: apiPaths.note,
    schema: correctCaseNoteSchema(today),
    fromForm,
    creates: false,
    run: (tx, p, input, by) => correctCaseNote(tx, p.childId, p.id, input, by),
    again: (reply, p, _user, values, errors) => notePage(reply, p, values, errors),
    staleField: 'summary',
    done: (p) => ({ flash: 'Case note corrected', to: to.caseNotePath(p.childId, p.id) }),
  });
}
