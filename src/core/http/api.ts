import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiTokenPrincipal } from '../auth/api-tokens.js';
import { html } from '../views/html.js';
import type { AppContext } from './context.js';
import { type FieldError, parse } from './forms.js';
import { route, type RequestState, type RouteSpec } from './route.js';

/**
 * JSON API routes, described from the same zod schemas that validate them: the OpenAPI
 * document at /api/openapi.json is never written by hand.
 */
interface ApiOperation {
  method: 'GET' | 'POST';
  url: string;
  summary: string;
  body?: z.ZodType;
  responses: Record<string, string>;
}

const registry = new WeakMap<FastifyInstance, ApiOperation[]>();

function operationsOf(app: FastifyInstance): ApiOperation[] {
  let list = registry.get(app);
  if (!list) registry.set(app, (list = []));
  return list;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when an API request authenticated with `Authorization: Bearer`: no cookie, so no CSRF token. */
    viaApiToken: boolean;
  }
}

/** The token an API request carries in `Authorization: Bearer`, if it carries one. */
export function bearerToken(req: FastifyRequest): string | undefined {
  if (!req.url.startsWith('/api/')) return undefined;
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : header !== undefined ? '' : undefined;
}

/**
 * An integration's request: the token's principal becomes the request's user, and the route
 * wrapper then applies roles, access to the child and the audit as for a person. An unknown or
 * revoked token is refused here, with no fall back to a session cookie.
 */
export async function signInWithApiToken(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
): Promise<FastifyReply | undefined> {
  req.viaApiToken = true;
  req.user = token ? await apiTokenPrincipal(ctx.db, token, ctx.time.now()) : null;
  if (req.user) return undefined;
  // returned, so the hook chain stops here
  return reply
    .code(401)
    .header('www-authenticate', 'Bearer')
    .send({ error: 'The API token is not valid: it is unknown or has been revoked' });
}

export type ApiSpec<B extends z.ZodType | undefined> = Omit<RouteSpec, 'api'> & {
  summary: string;
  body?: B;
  responses?: Record<string, string>;
};

export function apiRoute<B extends z.ZodType | undefined = undefined>(
  app: FastifyInstance,
  ctx: AppContext,
  spec: ApiSpec<B>,
  handler: (
    req: FastifyRequest,
    reply: FastifyReply,
    state: RequestState & { body: B extends z.ZodType ? z.output<B> : undefined },
  ) => Promise<unknown>,
): void {
  operationsOf(app).push({
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    ...(spec.body ? { body: spec.body } : {}),
    responses: {
      ...(spec.method === 'POST' ? { '400': 'The input is not valid: `errors` lists each field and the reason' } : {}),
      '401': 'Not signed in, or the API token is unknown or revoked',
      '403': 'No access',
      ...(spec.responses ?? { '200': 'OK' }),
    },
  });
  route(app, ctx, { ...spec, api: true }, async (req, reply, state) => {
    let body: unknown;
    if (spec.body) {
      const parsed = parse(spec.body, req.body);
      if (!parsed.ok) return reply.code(400).send(validationFailure(parsed.errors));
      body = parsed.value;
    }
    // the same state object route() keeps, so what the handler records (recordId, childId, ...) reaches the audit row
    return handler(req, reply, Object.assign(state, { body }) as never);
  });
}

export function validationFailure(errors: FieldError[]) {
  return { error: 'The input is not valid', errors };
}

function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

export function openApiDocument(operations: ApiOperation[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const path = openApiPath(op.url);
    const params = [...op.url.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    paths[path] ??= {};
    paths[path][op.method.toLowerCase()] = {
      summary: op.summary,
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }) } },
            },
          }
        : {}),
      responses: Object.fromEntries(Object.entries(op.responses).map(([code, description]) => [code, { description }])),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'OpenCSC API',
      version: '0.1.0',
      description:
        'The same use cases as the pages. An integration sends an API token, created by an administrator at /admin/api-tokens, as `Authorization: Bearer <token>`, and needs no CSRF token. In a browser, sign in through /sign-in; the session cookie authenticates, and every POST sends the CSRF token from GET /api/session in a `csrf-token` header.',
    },
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token created by an administrator at /admin/api-tokens' },
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: 'opencsc-session',
          description: 'A signed-in browser; POSTs also send the `csrf-token` header',
        },
      },
    },
    security: [{ apiToken: [] }, { session: [] }],
    paths,
  };
}

export function apiDocsRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/api/openapi.json', async () => openApiDocument(operationsOf(app)));
  route(app, ctx, { method: 'GET', url: '/api/session', api: true }, async (_req, reply, { user }) =>
    reply.send({ user: { username: user.username, role: user.role }, csrfToken: reply.generateCsrf() }),
  );
  app.get('/api/docs', async (_req, reply) =>
    reply.page('api-docs.njk', {
      title: 'API',
      rows: operationsOf(app).map((o) => [
        { html: html`<code>${o.method}</code>` },
        { html: html`<code>${o.url}</code>` },
        { text: o.summary },
      ]),
    }),
  );
}
