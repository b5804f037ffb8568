import { createServer, type AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/core/config.js';
import type { Database } from '../../src/core/db/database.js';
import type { TimeSource } from '../../src/core/time.js';
import { buildServer } from '../../src/server.js';

export interface RunningService {
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * The real service on a real port, over a test database. `env` adds settings (single
 * sign-on, for one); `port` is for a service whose own address is in its settings.
 */
export async function startService(
  database: Database,
  time?: TimeSource,
  opts: { env?: Record<string, string>; port?: number } = {},
): Promise<RunningService> {
  const config = loadConfig({
    NODE_ENV: 'test',
    SESSION_SECRET: 'test-secret-that-is-long-enough-for-the-cookie',
    DATA_DIR: './tmp/test',
    ...opts.env,
  });
  const { app } = await buildServer(config, database, { migrate: false, ...(time ? { time } : {}) });
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, app, close: () => app.close() };
}

/** A clock a test moves on, to see sessions and locks run out without waiting. */
export class TestClock implements TimeSource {
  private at: number;
  constructor(start: string | Date = new Date()) {
    this.at = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

/** A user agent over real HTTP: keeps the session cookie and sends each form's CSRF token. */
export class Agent {
  cookie = '';
  csrf = '';
  constructor(private readonly base: string) {}

  async get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; location: string | null; headers: Headers }> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie, ...headers }, redirect: 'manual' });
    this.keep(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: res.status, text, location: res.headers.get('location'), headers: res.headers };
  }

  async post(
    path: string,
    form: Record<string, string | string[]>,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; location: string | null }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...form })) {
      for (const one of [v].flat()) body.append(k, one);
    }
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  /** A JSON body, as an API client sends it (the CSRF token goes in a header). */
  async postJson(
    path: string,
    json: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; headers: Headers }> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(json),
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), headers: res.headers };
  }

  /** A multipart form, with the CSRF token as its first field as the upload page sends it (unless `fields` gives one). */
  async postFiles(
    path: string,
    fields: Record<string, string>,
    files: { field: string; name: string; content: string | Uint8Array | Blob }[],
  ) {
    const form = new FormData();
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...fields })) form.append(k, v);
    for (const f of files) form.append(f.field, f.content instanceof Blob ? f.content : new Blob([f.content]), f.name);
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookie },
      body: form,
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  /** The same signed-in user (cookie and CSRF token) talking to another instance of the service. */
  at(base: string): Agent {
    const other = new Agent(base);
    other.cookie = this.cookie;
    other.csrf = this.csrf;
    return other;
  }

  /** The session cookie and the last form's CSRF token, for a request built by hand. */
  credentials(): { cookie: string; csrf: string } {
    return { cookie: this.cookie, csrf: this.csrf };
  }

  async signIn(username: string, password: string): Promise<void> {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { username, password });
    if (res.status !== 303) throw new Error(`sign-in failed for ${username}: ${res.status}`);
  }

  private keep(res: Response): void {
    const set = res.headers.getSetCookie();
    for (const c of set) {
      const pair = c.split(';')[0]!;
      if (pair.startsWith('opencsc-session=')) this.cookie = pair;
    }
  }
}

/** A port nobody is listening on, for a service that must know its address before it starts. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
