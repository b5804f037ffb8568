import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const require = createRequire(import.meta.url);
const govuk = path.join(path.dirname(require.resolve('govuk-frontend/package.json')), 'dist/govuk');
const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

/** govuk-frontend's own CSS, fonts, images and JavaScript, served by the app: nothing comes from the internet. */
export async function setUpStaticResources(app: FastifyInstance): Promise<void> {
  const cache = { maxAge: '1h' };
  await app.register(fastifyStatic, { root: path.join(govuk, 'assets'), prefix: '/assets/', ...cache });
  await app.register(fastifyStatic, { root: publicDir, prefix: '/', decorateReply: false, index: false, wildcard: true, ...cache });
  app.get('/stylesheets/govuk-frontend.min.css', (_req, reply) =>
    reply.sendFile('govuk-frontend.min.css', govuk),
  );
  app.get('/javascripts/govuk-frontend.min.js', (_req, reply) =>
    reply.sendFile('govuk-frontend.min.js', govuk),
  );
}
