import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const require = createRequire(import.meta.url);
const govuk = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk');
const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A file served as it is: no signed-in user, session or query check is needed for it. */
    staticFile?: boolean;
  }
}

/** govuk-frontend's own CSS, fonts, images and JavaScript, served by the app: nothing comes from the internet. */
export async function setUpStaticResources(app: FastifyInstance): Promise<void> {
  const cache = { maxAge: '1h' };
  await app.register(async (files) => {
    files.addHook('onRoute', (route) => {
      route.config = { ...route.config, staticFile: true };
    });
    await files.register(fastifyStatic, { root: path.join(govuk, 'assets'), prefix: '/assets/', ...cache });
    // one route per file, so an unknown address reaches the service's own not-found page
    await files.register(fastifyStatic, { root: publicDir, prefix: '/', decorateReply: false, index: false, wildcard: false, ...cache });
    files.get('/stylesheets/govuk-frontend.min.css', (_req, reply) => reply.sendFile('govuk-frontend.min.css', govuk));
    files.get('/javascripts/govuk-frontend.min.js', (_req, reply) => reply.sendFile('govuk-frontend.min.js', govuk));
  });
}

export function isStaticFile(req: FastifyRequest): boolean {
  return req.routeOptions.config?.staticFile === true;
}
