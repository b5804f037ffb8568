/**
 * A change an area of casework makes, declared once: its schema, its use case and where it
 * goes next. `changeRoutes` makes both the page route and the `/api/` route from it, so the
 * two take the same input, apply the same rules and write the same audit row.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { StaleRecordError } from '../core/db/versions.js';
import type { AccessRole } from '../core/auth/schema.js';
import type { SignedInUser } from '../core/auth/users.js';
import type { Db } from '../core/db/database.js';
import { apiRoute, validationFailure } from '../core/http/api.js';
import type { AppContext } from '../core/http/context.js';
import { type FieldError, parse } from '../core/http/forms.js';
import { type RequestState, route } from '../core/http/route.js';
import { type Actor, CaseworkNotFound, CaseworkRuleError } from './errors.js';
import type { FormValues } from './form.js';

/** A use case's result: the record's id, or its id with what else it made (a plan, say). */
export type ChangeResult = string | ({ id: string } & Record<string, unknown>);
export const idOf = (r: ChangeResult) => (typeof r === 'string' ? r : r.id);

export interface Change<S extends z.ZodType, P> {
  summary: string;
  audit: string;
  roles: readonly AccessRole[];
  page: string;
  api: string;
  schema: S;
  /** The posted form as the schema's input (dates joined, repeating rows gathered). */
  fromForm: (body: FormValues) => FormValues;
  run: (tx: Db, p: P, input: z.output<S>, by: Actor) => Promise<ChangeResult>;
  /** 201 for a new record, 200 for a change to one. */
  creates: boolean;
  /** The page the form is on again, with the values posted and the errors. */
  again: (reply: FastifyReply, p: P, user: SignedInUser, values: FormValues, errors: FieldError[]) => Promise<unknown>;
  /** The field a "someone else saved first" message is shown against. */
  staleField: string;
  done: (p: P, r: ChangeResult) => { flash: string; to: string };
}

type Outcome = { ok: true; result: ChangeResult } | { ok: false; code: number; errors: FieldError[] };

/** Runs a change as the request's one unit of work, and says how it went. */
async function attempt(state: RequestState, change: (tx: Db) => Promise<ChangeResult>): Promise<Outcome> {
  try {
    const result = await state.write(async (tx) => {
      const r = await change(tx);
      state.recordId = idOf(r);
      return r;
    });
    return { ok: true, result };
  } catch (e) {
    if (e instanceof CaseworkRuleError) return { ok: false, code: 400, errors: [{ field: e.field, message: e.message }] };
    if (e instanceof StaleRecordError) {
      return {
        ok: false,
        code: 409,
        errors: [{ field: 'version', message: `${e.message}. Nothing has been saved: check it and save again.` }],
      };
    }
    if (e instanceof CaseworkNotFound) return { ok: false, code: 404, errors: [{ field: 'form', message: e.message }] };
    throw e;
  }
}

/** The register for an area's changes: each change becomes a page route and an API route. */
export function changeRoutes<P>(app: FastifyInstance, ctx: AppContext) {
  const actor = (state: RequestState): Actor => ({ userId: state.user.id, workerId: state.user.workerId, now: ctx.time.now() });
  const notFound = (reply: FastifyReply) => reply.code(404).page('message.njk', { title: 'Page not found' });

  return function register<S extends z.ZodType>(c: Change<S, P>): void {
    const params = (req: FastifyRequest) => req.params as P;
    route(app, ctx, { method: 'POST', url: c.page, roles: c.roles, audit: c.audit }, async (req, reply, state) => {
      const p = params(req);
      const body = (req.body ?? {}) as FormValues;
      // "add more rows" only shows the form again, longer; nothing is saved
      if (body.action === 'more') return c.again(reply, p, state.user, body, []);
      const parsed = parse(c.schema, c.fromForm(body));
      if (!parsed.ok) return c.again(reply.code(400), p, state.user, body, parsed.errors);
      const outcome = await attempt(state, (tx) => c.run(tx, p, parsed.value, actor(state)));
      if (!outcome.ok) {
        if (outcome.code === 404) return notFound(reply);
        const errors = outcome.errors.map((e) => (e.field === 'version' ? { ...e, field: c.staleField } : e));
        // a stale save shows the form again against the version now saved
        const { version: _stale, ...values } = body;
        return c.again(reply.code(outcome.code), p, state.user, outcome.code === 409 ? values : body, errors);
      }
      const next = c.done(p, outcome.result);
      reply.flash(next.flash);
      return reply.redirect(next.to, 303);
    });

    apiRoute(
      app,
      ctx,
      {
        method: 'POST',
        url: c.api,
        roles: c.roles,
        audit: c.audit,
        summary: c.summary,
        body: c.schema,
        responses: {
          [c.creates ? '201' : '200']: c.creates ? 'Recorded: the new record’s id' : 'Saved',
          '404': 'Not one of this child’s records',
          ...(c.creates ? {} : { '409': 'Someone else saved first: nothing saved; read it again and resend with its version' }),
        },
      },
      async (req, reply, state) => {
        const outcome = await attempt(state, (tx) => c.run(tx, params(req), state.body as z.output<S>, actor(state)));
        if (!outcome.ok) {
          if (outcome.code === 404) return reply.code(404).send({ error: outcome.errors[0]!.message });
          return reply.code(outcome.code).send(validationFailure(outcome.errors));
        }
        const r = outcome.result;
        return reply.code(c.creates ? 201 : 200).send(typeof r === 'string' ? { id: r } : r);
      },
    );
  };
}
