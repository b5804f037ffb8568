import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../http/context.js';
import { errorView, parse } from '../http/forms.js';
import { route, writeUnlessRefused } from '../http/route.js';
import { apiTokenNameTaken, createApiToken, listApiTokens, newApiTokenSchema, principalName, revokeApiToken } from './api-tokens.js';
import { apiTokenRoles } from './schema.js';
import { listTeams } from '../organisation/teams.js';
import { roles } from './roles.js';
import { authPaths } from './paths.js';
import { apiTokenChoices, apiTokenRows } from './presenters.js';

const VIEW = 'core/auth/views/api-tokens.njk';

/** Administrators create and revoke the tokens integrations use; a new token is shown once, here. */
export function apiTokenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const page = async (extra: { values?: Record<string, unknown>; [key: string]: unknown } = {}) => ({
    title: 'API tokens',
    tokens: apiTokenRows(await listApiTokens(ctx.db)),
    ...apiTokenChoices(apiTokenRoles, await listTeams(ctx.db), extra.values ?? {}),
    action: authPaths.apiTokens(),
    values: {},
    ...extra,
  });

  route(app, ctx, { method: 'GET', url: authPaths.apiTokens(), roles: roles.administrators }, async (_req, reply) =>
    reply.page(VIEW, await page()),
  );

  route(
    app,
    ctx,
    { method: 'POST', url: authPaths.apiTokens(), roles: roles.administrators, audit: 'CREATE_API_TOKEN' },
    async (req, reply, state) => {
      const body = req.body as Record<string, unknown>;
      const parsed = parse(newApiTokenSchema, body);
      const errors = parsed.ok ? [] : [...parsed.errors];
      if (parsed.ok && (await apiTokenNameTaken(ctx.db, parsed.value.name)))
        errors.push({ field: 'name', message: 'Name is already used by another token' });
      if (!parsed.ok || errors.length) return reply.code(400).page(VIEW, await page({ values: body, ...errorView(errors) }));
      const created = await state.write(async (tx) => {
        const token = await createApiToken(tx, parsed.value, { userId: state.user.id, now: ctx.time.now() });
        state.recordId = token.id;
        return token;
      });
      // shown once, on this response only (never cached: no page is): never in a redirect, a flash message or a log
      return reply
        .code(201)
        .page(
          VIEW,
          await page({ created: { name: parsed.value.name, principal: principalName(parsed.value.name), token: created.token } }),
        );
    },
  );

  route(
    app,
    ctx,
    { method: 'POST', url: authPaths.revokeApiToken(':tokenId'), roles: roles.administrators, audit: 'REVOKE_API_TOKEN' },
    async (req, reply, state) => {
      const { tokenId } = req.params as { tokenId: string };
      state.recordId = tokenId;
      if (
        !(await writeUnlessRefused(
          state,
          (tx) => revokeApiToken(tx, tokenId, { userId: state.user.id, now: ctx.time.now() }),
          (revoked) => revoked,
        ))
      ) {
        return reply.code(404).page('message.njk', {
          title: 'Page not found',
          paragraphs: ['There is no such token, or it has already been revoked.'],
          link: { href: authPaths.apiTokens(), text: 'Back to API tokens' },
        });
      }
      reply.flash('Token revoked: integrations using it are refused from now on');
      return reply.redirect(authPaths.apiTokens(), 303);
    },
  );
}
