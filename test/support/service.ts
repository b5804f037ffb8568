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

/** The real service on a real port, over a test database; `env` sets configuration beyond the defaults. */
export async function startService(database: Database, time?: TimeSource, env: Record<string, string> = {}): Promise<RunningService> {
  const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'test-secret-that-is-long-enough-for-the-cookie', DATA_DIR: './tmp/test', ...env });
  const { app } = await buildServer(config, database, { migrate: false, ...(time ? { time } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
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

  async get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookie, ...headers }, redirect: 'manual' });
    this.keep(res);
    const text = await res.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text);
    if (token) this.csrf = token[1]!;
    return { status: res.status, text, location: res.headers.get('location') };
  }

  async post(path: string, form: Record<string, string | string[]>): Promise<{ status: number; text: string; location: string | null }> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries({ _csrf: this.csrf, ...form })) {
      for (const one of [v].flat()) body.append(k, one);
    }
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body,
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  /** A multipart form, with the CSRF token in the query string as the upload page sends it. */
  async postFiles(path: string, fields: Record<string, string>, files: { field: string; name: string; content: string | Uint8Array }[]) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.field, new Blob([f.content]), f.name);
    const res = await fetch(`${this.base}${path}?_csrf=${encodeURIComponent(this.csrf)}`, {
      method: 'POST',
      headers: { cookie: this.cookie },
      body: form,
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
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
