import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person with an account at the identity provider: a made-up login, password and claims. */
export interface ProviderAccount {
  login: string;
  password: string;
  /** The provider's stable identifier for the person. */
  sub: string;
  claims: Record<string, unknown>;
}

export interface TestClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
}

export interface RunningProvider {
  issuer: string;
  /** Accounts can change while the provider runs (a renamed person, a new one). */
  accounts: ProviderAccount[];
  close(): Promise<void>;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`;
}

async function formBody(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * A real OpenID Connect provider (oidc-provider) on a random 127.0.0.1 port, with its own
 * sign-in and consent pages: the person types a login and password, then allows the client.
 * PKCE is required of every client, as a council's provider may.
 */
export async function startIdentityProvider(opts: { clients: TestClient[]; accounts: ProviderAccount[] }): Promise<RunningProvider> {
  const accounts = structuredClone(opts.accounts);
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.writeHead(503).end();
  const server = createServer((req, res) => handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: opts.clients.map((c) => ({ ...c, token_endpoint_auth_method: 'client_secret_basic' })),
    jwks: { keys: [{ ...signingKey, kid: 'test-signing-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600, Interaction: 600, AuthorizationCode: 60 },
    async findAccount(_ctx, sub) {
      const account = accounts.find((a) => a.sub === sub);
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account.claims }) };
    },
  });

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (req.method === 'GET') {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      if (details.prompt.name === 'login') {
        res.end(loginPage(uid));
      } else {
        res.end(
          page(
            'Allow access',
            `<p>OpenCSC asks for your name and username.</p><form method="post" action="/interaction/${uid}/confirm"><button type="submit">Continue</button></form>`,
          ),
        );
      }
      return;
    }
    const form = await formBody(req);
    if (action === 'login') {
      const account = accounts.find((a) => a.login === form.get('login') && a.password === form.get('password'));
      if (!account) {
        res.statusCode = 401;
        res.setHeader('content-type', 'text/html; charset=utf-8');
        res.end(loginPage(uid, 'Wrong login or password'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false });
      return;
    }
    if (action === 'confirm') {
      const { prompt, params, session, grantId } = details;
      const grant = grantId
        ? (await provider.Grant.find(grantId))!
        : new provider.Grant({ accountId: session!.accountId, clientId: params.client_id as string });
      const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
      return;
    }
    res.writeHead(404).end();
  }

  function loginPage(uid: string, error?: string): string {
    return page(
      'Sign in to the council',
      `${error ? `<p role="alert">${escape(error)}</p>` : ''}<form method="post" action="/interaction/${uid}/login">
<label for="login">Login</label> <input id="login" name="login" autocomplete="username">
<label for="password">Password</label> <input id="password" name="password" type="password">
<button type="submit">Sign in to the council</button></form>`,
    );
  }

  const callback = provider.callback();
  handle = (req, res) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(\w+))?$/.exec(req.url ?? '');
    if (!match) return callback(req, res);
    interaction(req, res, match[1]!, match[2]).catch(() => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('interaction failed');
    });
  };

  return {
    issuer,
    accounts,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A user agent that goes where a browser would: follows redirects between the service and
 * the provider, keeps every cookie for 127.0.0.1 (as a browser does, cookies do not depend
 * on the port), and posts forms.
 */
export class BrowsingAgent {
  readonly cookies = new Map<string, string>();

  /** `stopAt`: do not follow a redirect to an address that starts with this, return it instead. */
  async go(
    url: string,
    init: { method?: string; form?: Record<string, string>; stopAt?: string } = {},
  ): Promise<{ url: string; status: number; text: string }> {
    let current = url;
    let method = init.method ?? 'GET';
    let body: URLSearchParams | undefined = init.form ? new URLSearchParams(init.form) : undefined;
    for (let hops = 0; hops < 20; hops++) {
      const headers: Record<string, string> = { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      const res = await fetch(current, { method, headers, body, redirect: 'manual' });
      for (const set of res.headers.getSetCookie()) {
        const [pair, ...attributes] = set.split(';');
        const eq = pair!.indexOf('=');
        const name = pair!.slice(0, eq).trim();
        const gone = attributes.some(
          (a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()),
        );
        if (gone) this.cookies.delete(name);
        else this.cookies.set(name, pair!.slice(eq + 1));
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.arrayBuffer();
        current = new URL(location, current).href;
        if (init.stopAt && current.startsWith(init.stopAt)) return { url: current, status: res.status, text: '' };
        if (res.status !== 307 && res.status !== 308) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return { url: current, status: res.status, text: await res.text() };
    }
    throw new Error('too many redirects');
  }

  /** Posts the form on a page that the page's own action names. */
  async submit(pageUrl: string, html: string, fields: Record<string, string>, opts: { formIndex?: number; stopAt?: string } = {}) {
    const forms = [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms[opts.formIndex ?? 0];
    if (!form) throw new Error(`no form on ${pageUrl}`);
    const hidden = Object.fromEntries(
      [...form[2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    return this.go(new URL(form[1]!.replace(/&amp;/g, '&'), pageUrl).href, {
      method: 'POST',
      form: { ...hidden, ...fields },
      stopAt: opts.stopAt,
    });
  }
}
