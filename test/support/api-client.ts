/** A JSON client of the API over real HTTP: signs in through the page, then sends the session's CSRF token in a header. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  constructor(private readonly base: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const form = await this.request('GET', '/sign-in');
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await this.request('POST', '/sign-in', new URLSearchParams({ _csrf: token, username, password }));
    if (res.status !== 303) throw new Error(`sign-in failed for ${username}: ${res.status}`);
    const session = await this.get('/api/session');
    this.csrf = (session.body as { csrfToken: string }).csrfToken;
  }

  async get(path: string): Promise<{ status: number; body: unknown; text: string }> {
    return this.read(await this.request('GET', path));
  }

  async post(path: string, json: unknown): Promise<{ status: number; body: unknown; text: string }> {
    return this.read(await this.request('POST', path, JSON.stringify(json)));
  }

  private async request(method: string, path: string, body?: string | URLSearchParams): Promise<Response> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (typeof body === 'string') Object.assign(headers, { 'content-type': 'application/json', 'csrf-token': this.csrf });
    const res = await fetch(this.base + path, { method, headers, ...(body !== undefined ? { body } : {}), redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const pair = c.split(';')[0]!;
      if (pair.startsWith('opencsc-session=')) this.cookie = pair;
    }
    return res;
  }

  private async read(res: Response) {
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: the text says why
    }
    return { status: res.status, body, text };
  }
}
