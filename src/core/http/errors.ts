import { randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FieldError } from './forms.js';

// No 0/O, 1/I/L: a reference is read out over the phone to whoever supports the service.
const referenceAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A short reference that ties what a person saw to one line of the log. */
export function errorReference(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += referenceAlphabet[randomInt(referenceAlphabet.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** Input refused before any route read it (a query string parameter given twice): a 400 naming each field. */
export class InputError extends Error {
  readonly statusCode = 400;
  constructor(readonly errors: FieldError[]) {
    super('The input is not valid');
    this.name = 'InputError';
  }
}

type ServiceError = Error & { statusCode?: number; code?: unknown; cause?: unknown };

/**
 * What may be logged about an error: its kind and its code (a database's SQLSTATE, a
 * Fastify code), never its message, which can quote SQL and the values in it.
 */
export function errorKind(error: ServiceError): { kind: string; code?: string } {
  const cause = error.cause as { code?: unknown } | undefined;
  const code = [error.code, cause?.code].find((c): c is string => typeof c === 'string' && /^[A-Za-z0-9_]{1,60}$/.test(c));
  // some libraries' errors keep the name 'Error'; their class says what they are
  const named = error.name && error.name !== 'Error' ? error.name : error.constructor?.name;
  const kind = named && /^[A-Za-z0-9_]{1,60}$/.test(named) ? named : 'Error';
  return code ? { kind, code } : { kind };
}

/** What a person is told, on a page and in the API, for each kind of failure. */
const answers = {
  csrf: {
    title: 'This form has expired',
    paragraphs: [
      'This form has expired or was sent from somewhere else: nothing has been saved.',
      'Go back to the form, reload the page and try again.',
    ],
    api: 'The csrf-token header is missing or not valid: get a token from GET /api/session',
  },
  failed: {
    title: 'Sorry, there is a problem with the service',
    paragraphs: ['Try again later.'],
    api: 'Sorry, there is a problem with the service. Try again later.',
  },
  refused: {
    title: 'There is a problem',
    paragraphs: ['The request could not be understood.'],
    api: 'The request could not be understood.',
  },
};

/**
 * One error handler for the whole service: a page gets the GOV.UK error page, an API call
 * JSON, both with a reference that is in the log beside the error's kind and route pattern.
 *
 * It must be set before any route is added. Fastify gives each route the error handler in
 * force when the route is added (lib/route.js copies `this[kErrorHandler]` into the route's
 * context as its plugin finishes loading), so a handler set after the routes reaches none of
 * them and Fastify's default answers instead, with the error's message (SQL and its values).
 */
export function setUpErrorPages(app: FastifyInstance): void {
  app.setErrorHandler((error: ServiceError, req, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const reference = errorReference();
    const logged = { reference, method: req.method, route: req.routeOptions.url ?? 'unmatched', status, ...errorKind(error) };
    if (status === 500) req.log.error(logged, 'request failed');
    else req.log.warn(logged, 'request refused');

    reply.code(status);
    const api = req.url.startsWith('/api/');
    try {
      if (error instanceof InputError) {
        if (api) return reply.send({ error: 'The input is not valid', errors: error.errors });
        return reply.page('message.njk', {
          title: 'There is a problem',
          errorList: error.errors.map((e) => ({ text: e.message })),
          paragraphs: ['The address of this page is not valid. Go back and try again.'],
          link: { href: '/', text: 'Go to your home page' },
        });
      }
      const csrf = typeof error.code === 'string' && error.code.startsWith('FST_CSRF');
      const answer = csrf ? answers.csrf : status === 500 ? answers.failed : answers.refused;
      if (api) return reply.send({ error: answer.api, reference });
      return reply.page('message.njk', {
        title: answer.title,
        paragraphs: [...answer.paragraphs, `If you contact support about this, give the reference ${reference}.`],
        link: csrf ? { href: wayBack(req), text: 'Go back to the form' } : { href: '/', text: 'Go to your home page' },
      });
    } catch {
      // the page itself failed (a template, the session): still no detail, still the reference
      return reply.type('text/plain; charset=utf-8').send(`${answers.failed.api} Reference ${reference}.`);
    }
  });
}

export function notFound(req: FastifyRequest, reply: FastifyReply): FastifyReply {
  reply.code(404);
  if (req.url.startsWith('/api/')) return reply.send({ error: 'Not found' });
  return reply.page('message.njk', {
    title: 'Page not found',
    paragraphs: ['If you typed the web address, check it is correct.'],
    link: { href: '/', text: 'Go to your home page' },
  });
}

/** The page the form came from, when it is one of the service's own; otherwise the home page. */
function wayBack(req: FastifyRequest): string {
  const referer = req.headers.referer;
  if (!referer) return '/';
  try {
    const from = new URL(referer);
    if (from.host !== req.headers.host) return '/';
    return from.pathname;
  } catch {
    return '/';
  }
}
