/**
 * Allegations' pages and JSON API, open to the designated officer's role only (service
 * managers: see "Access" in docs/ARCHITECTURE.md). An allegation is not a child's record, so
 * its addresses carry no child: each change is declared once here, with its schema, use case
 * and next page, and becomes a page route and an `/api/` route with the same refusals. The
 * audit row names the children linked to the allegation.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError } from '../casework/errors.js';
import { type FormValues, formInput, withDates } from '../casework/form.js';
import { roles } from '../core/auth/roles.js';
import { rows, type Db } from '../core/db/database.js';
import { StaleRecordError } from '../core/db/versions.js';
import { apiRoute, validationFailure } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { type FieldError, parse } from '../core/http/forms.js';
import { type RequestState, route } from '../core/http/route.js';
import { todayIn } from '../core/time.js';
import { sql } from 'drizzle-orm';
import * as to from './paths.js';
import { type AllegationList, allegationLists, apiPaths, paths } from './paths.js';
import { type AllegationForm, allegationPage, listPage, meetingPage, newAllegationPage, outcomePage, standing } from './presenters.js';
import { allegationFigures, allegationOf, allegationsOn, quarterOf } from './queries.js';
import {
  linkChildSchema,
  linkChildren,
  meetingSchema,
  outcomeSchema,
  recordAllegation,
  recordAllegationSchema,
  recordMeeting,
  recordOutcome,
} from './use-cases.js';

/** Who may list and open allegations: the designated officer, and service managers. */
const lado = roles.lado;

type Params = { id?: string };
type By = Actor & { user: RequestState['user'] };

interface Change<S extends z.ZodType> {
  summary: string;
  audit: string;
  page: string;
  api: string;
  schema: S;
  fromForm: (body: FormValues) => FormValues;
  creates: boolean;
  run: (tx: Db, p: Params, input: z.output<S>, by: By) => Promise<string>;
  again: (reply: FastifyReply, state: RequestState, p: Params, values: FormValues, errors: FieldError[]) => Promise<unknown>;
  /** The field a "someone else saved first" message is shown against. */
  staleField: string;
  flash: string;
}

type Outcome = { ok: true; id: string } | { ok: false; code: number; errors: FieldError[] };

/** The children linked to an allegation, for the audit row of a change to it. */
async function linkedChildIds(tx: Db, id: string): Promise<string[]> {
  const found = await rows<{ child_id: string }>(tx, sql`select child_id from allegation_children where allegation_id = ${id}`);
  return found.map((f) => f.child_id);
}

async function attempt(state: RequestState, change: (tx: Db) => Promise<string>): Promise<Outcome> {
  try {
    const id = await state.write(async (tx) => {
      const made = await change(tx);
      state.recordId = made;
      state.revealedChildIds = await linkedChildIds(tx, made);
      return made;
    });
    return { ok: true, id };
  } catch (e) {
    if (e instanceof CaseworkRuleError) return { ok: false, code: 400, errors: [{ field: e.field, message: e.message }] };
    if (e instanceof StaleRecordError) {
      return {
        ok: false,
        code: 409,
        errors: [{ field: 'version', message: `${e.message}. Nothing has been saved: check it and save again.` }],
      };
    }
    if (e instanceof CaseworkNotFound)
      return { ok: false, code: 404, errors: [{ field: 'form', message: 'The allegation was not found' }] };
    throw e;
  }
}

export function allegationRoutes(app: FastifyInstance, ctx: AppContext): void {
  const today = () => todayIn(ctx.time);
  const params = (req: FastifyRequest) => req.params as Params;
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });
  const by = (state: RequestState): By => ({ userId: state.user.id, workerId: state.user.workerId, now: ctx.time.now(), user: state.user });

  function listOf(req: FastifyRequest): AllegationList | null {
    const asked = (req.query as Record<string, string | undefined>).list;
    if (asked === undefined || asked === '') return 'open';
    return (allegationLists as readonly string[]).includes(asked) ? (asked as AllegationList) : null;
  }

  /** The allegation for a page, with the children it names put on the audit row. */
  async function load(state: RequestState, id: string | undefined) {
    const a = id ? await allegationOf(ctx.db, state.user, id) : null;
    if (a) state.revealedChildIds = a.children.flatMap((c) => (c.id ? [c.id] : []));
    return a;
  }

  async function page(
    reply: FastifyReply,
    state: RequestState,
    p: Params,
    form?: AllegationForm,
    values?: FormValues,
    errors?: FieldError[],
  ) {
    const a = await load(state, p.id);
    if (!a) return notFound(reply);
    return reply.page(
      'allegations/views/allegation.njk',
      allegationPage(a, { ...(form ? { form } : {}), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }

  const view = { method: 'GET', roles: lado } as const;

  route(app, ctx, { ...view, url: paths.list, audit: 'VIEW_ALLEGATIONS' }, async (req, reply) => {
    const list = listOf(req);
    if (!list) return notFound(reply);
    const [figures, found] = await Promise.all([allegationFigures(ctx.db, today()), allegationsOn(ctx.db, list, today())]);
    return reply.page('allegations/views/list.njk', listPage(figures, list, found, quarterOf(today())));
  });
  route(app, ctx, { ...view, url: paths.newAllegation, audit: 'VIEW_ALLEGATIONS' }, async (_req, reply) =>
    reply.page('allegations/views/new.njk', newAllegationPage({ values: { otherChildrenCount: '0' } })),
  );
  route(app, ctx, { ...view, url: paths.allegation, audit: 'VIEW_ALLEGATION' }, async (req, reply, state) =>
    page(reply, state, params(req)),
  );

  async function meetingForm(reply: FastifyReply, state: RequestState, p: Params, values?: FormValues, errors?: FieldError[]) {
    const a = await load(state, p.id);
    if (!a || a.concludedDate) return notFound(reply);
    return reply.page(
      'allegations/views/meeting.njk',
      meetingPage(a, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }
  async function outcomeForm(reply: FastifyReply, state: RequestState, p: Params, values?: FormValues, errors?: FieldError[]) {
    const a = await load(state, p.id);
    if (!a) return notFound(reply);
    return reply.page(
      'allegations/views/outcome.njk',
      outcomePage(a, { today: today(), ...(values ? { values } : {}), ...(errors ? { errors } : {}) }),
    );
  }
  route(app, ctx, { ...view, url: paths.newMeeting, audit: 'VIEW_ALLEGATION' }, async (req, reply, state) =>
    meetingForm(reply, state, params(req)),
  );
  route(app, ctx, { ...view, url: paths.outcome, audit: 'VIEW_ALLEGATION' }, async (req, reply, state) => {
    const a = await load(state, params(req).id);
    if (!a || a.concludedDate) return notFound(reply);
    return outcomeForm(reply, state, params(req));
  });

  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.allegations,
      roles: lado,
      audit: 'VIEW_ALLEGATIONS',
      summary: 'The designated officer’s figures and a list of allegations (?list=open, this-quarter, ...)',
    },
    async (req, reply) => {
      const list = listOf(req);
      if (!list)
        return reply.code(400).send(validationFailure([{ field: 'list', message: `list must be one of: ${allegationLists.join(', ')}` }]));
      const [figures, found] = await Promise.all([allegationFigures(ctx.db, today()), allegationsOn(ctx.db, list, today())]);
      return reply.send({
        quarter: quarterOf(today()),
        figures,
        list,
        allegations: found.map((a) => ({ ...a, standing: standing(a).text })),
      });
    },
  );
  apiRoute(
    app,
    ctx,
    {
      method: 'GET',
      url: apiPaths.allegation,
      roles: lado,
      audit: 'VIEW_ALLEGATION',
      summary: 'An allegation, its children, meetings and outcome',
    },
    async (req, reply, state) => {
      const a = await load(state, params(req).id);
      if (!a) return reply.code(404).send({ error: 'The allegation was not found' });
      return reply.send(a);
    },
  );

  function register<S extends z.ZodType>(c: Change<S>): void {
    route(app, ctx, { method: 'POST', url: c.page, roles: lado, audit: c.audit }, async (req, reply, state) => {
      const p = params(req);
      const body = (req.body ?? {}) as FormValues;
      // "add more rows" only shows the form again, longer; nothing is saved
      if (body.action === 'more') return c.again(reply, state, p, body, []);
      const parsed = parse(c.schema, c.fromForm(body));
      if (!parsed.ok) return c.again(reply.code(400), state, p, body, parsed.errors);
      const outcome = await attempt(state, (tx) => c.run(tx, p, parsed.value, by(state)));
      if (!outcome.ok) {
        if (outcome.code === 404) return notFound(reply);
        const errors = outcome.errors.map((e) => (e.field === 'version' ? { ...e, field: c.staleField } : e));
        // a stale save shows the form again against the version now saved
        const { version: _stale, ...values } = body;
        return c.again(reply.code(outcome.code), state, p, outcome.code === 409 ? values : body, errors);
      }
      reply.flash(c.flash);
      return reply.redirect(to.allegationPath(outcome.id), 303);
    });
    apiRoute(
      app,
      ctx,
      {
        method: 'POST',
        url: c.api,
        roles: lado,
        audit: c.audit,
        summary: c.summary,
        body: c.schema,
        responses: {
          [c.creates ? '201' : '200']: c.creates ? 'Recorded: the new allegation’s id' : 'Saved',
          ...(c.creates
            ? {}
            : { '404': 'No such allegation', '409': 'Someone else saved first: nothing saved; read it again and resend with its version' }),
        },
      },
      async (req, reply, state) => {
        const outcome = await attempt(state, (tx) => c.run(tx, params(req), state.body as z.output<S>, by(state)));
        if (!outcome.ok) {
          if (outcome.code === 404) return reply.code(404).send({ error: outcome.errors[0]!.message });
          return reply.code(outcome.code).send(validationFailure(outcome.errors));
        }
        return reply.code(c.creates ? 201 : 200).send({ id: outcome.id });
      },
    );
  }

  register({
    summary: 'Record an allegation against an adult who works with children, with the children it concerns',
    audit: 'RECORD_ALLEGATION',
    page: paths.newAllegation,
    api: apiPaths.allegations,
    schema: recordAllegationSchema(today),
    fromForm: withDates('madeDate', 'ladoInformedDate'),
    creates: true,
    run: (tx, _p, input, who) => recordAllegation(tx, input, who),
    again: async (reply, _state, _p, values, errors) => reply.page('allegations/views/new.njk', newAllegationPage({ values, errors })),
    staleField: 'adultName',
    flash: 'Allegation recorded',
  });

  register({
    summary: 'Link children on the record to the allegation, by their reference numbers',
    audit: 'LINK_ALLEGATION_CHILDREN',
    page: paths.children,
    api: apiPaths.children,
    schema: linkChildSchema,
    fromForm: (body) => body,
    creates: false,
    run: (tx, p, input, who) => linkChildren(tx, p.id ?? '', input, who),
    again: (reply, state, p, values, errors) => page(reply, state, p, 'children', values, errors),
    staleField: 'childReferences',
    flash: 'Children linked',
  });

  register({
    summary: 'Record a strategy or evaluation meeting about the allegation',
    audit: 'RECORD_ALLEGATION_MEETING',
    page: paths.newMeeting,
    api: apiPaths.meetings,
    schema: meetingSchema(today),
    fromForm: (body) => formInput(body, { dates: ['meetingDate'], lists: { attendance: ['agency', 'name', 'attended'] } }),
    creates: false,
    run: (tx, p, input) => recordMeeting(tx, p.id ?? '', input),
    again: (reply, state, p, values, errors) => meetingForm(reply, state, p, values, errors),
    staleField: 'decisions',
    flash: 'Meeting recorded',
  });

  register({
    summary: 'Record the outcome of the allegation, the date it concluded and the actions taken',
    audit: 'RECORD_ALLEGATION_OUTCOME',
    page: paths.outcome,
    api: apiPaths.outcome,
    schema: outcomeSchema(today),
    fromForm: withDates('concludedDate'),
    creates: false,
    run: (tx, p, input) => recordOutcome(tx, p.id ?? '', input),
    again: (reply, state, p, values, errors) => outcomeForm(reply, state, p, values, errors),
    staleField: 'outcome',
    flash: 'Outcome recorded',
  });
}
