import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySecureSession from '@fastify/secure-session';
import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { Config } from '../config.js';

declare module '@fastify/secure-session' {
  interface SessionData {
    /** The random session id; the sessions table holds its hash, the user and the session's life. */
    sid: string;
    flash: string;
    /** Why the session named by the cookie ended, for the sign-in page to say. */
    ended: string;
  }
}

/**
 * A signed, encrypted cookie carries the session id, a message for the next page and the CSRF
 * secret; who is signed in, and until when, is in the database (src/core/auth/sessions.ts),
 * so any instance behind a load balancer can read a session, and end it.
 */
export async function setUpSession(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifySecureSession, {
    key: sessionKey(config),
    cookieName: 'opencsc-session',
    expiry: config.sessions.lifetimeMs / 1000,
    cookie: {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: config.secureCookies,
    },
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/secure-session',
    // From the form or a header, never the query string: a token in a URL leaks through
    // history, logs and Referer. A multipart form sends it as its first field (returns/upload.ts).
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const fromBody = body && typeof body === 'object' ? body._csrf : undefined;
      const token = fromBody ?? req.headers['csrf-token'];
      return typeof token === 'string' ? token : undefined;
    },
  });
}

/**
 * 32 bytes for the cookie cipher, from SESSION_SECRET; without one (outside production) a
 * random secret is kept in the data folder so sessions survive a restart.
 */
function sessionKey(config: Config): Buffer {
  let secret = config.sessionSecret;
  if (!secret) {
    const file = path.join(config.dataDir, '.session-secret');
    if (existsSync(file)) {
      secret = readFileSync(file, 'utf8').trim();
    } else {
      secret = randomBytes(32).toString('hex');
      mkdirSync(config.dataDir, { recursive: true });
      writeFileSync(file, secret, { mode: 0o600 });
    }
  }
  return createHash('sha256').update(secret).digest();
}

/**
 * CSRF protection for a POST, except one authenticated by an API token: a browser cannot send a
 * cross-site request with an Authorization header (no CORS is allowed), and there is no cookie.
 */
export function csrfUnlessApiToken(app: FastifyInstance): preHandlerHookHandler {
  return function csrfCheck(this: FastifyInstance, req, reply, done) {
    if (req.viaApiToken) return done();
    return app.csrfProtection.call(this, req, reply, done);
  };
}
