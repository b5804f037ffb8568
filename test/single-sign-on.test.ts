import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Database } from '../src/core/db/database.js';
import { testDatabases } from '../src/core/db/test-database.js';
import { fixedTime } from '../src/core/time.js';
import { PASSWORD, smallAuthority } from './support/fixture.js';
import { BrowsingAgent, startIdentityProvider, type ProviderAccount, type RunningProvider } from './support/identity-provider.js';
import { Agent, freePort, startService, type RunningService } from './support/service.js';

// Monday 2 March 2026, 10:00 in England
const NOW = '2026-03-02T10:00:00Z';

// made-up people at a made-up council's identity provider
const accounts: ProviderAccount[] = [
  { login: 'ana.fictional', password: 'provider-pass-1', sub: 'c0ffee01', claims: { name: 'Ana Fictional', preferred_username: 'ana' } },
  { login: 'mina.manager', password: 'provider-pass-2', sub: 'c0ffee02', claims: { name: 'Mina Manager', preferred_username: 'mina' } },
  { login: 'cleo.otherteam', password: 'provider-pass-3', sub: 'c0ffee03', claims: { name: 'Cleo Otherteam', preferred_username: 'cleo' } },
  { login: 'nia.nobody', password: 'provider-pass-4', sub: 'c0ffee04', claims: { name: 'Nia Nobody', preferred_username: 'nia' } },
  {
    login: 'sam.servicemanager',
    password: 'provider-pass-5',
    sub: 'c0ffee05',
    claims: { name: 'Sam Servicemanager', preferred_username: 'sam' },
  },
  { login: 'ben.madeup', password: 'provider-pass-6', sub: 'c0ffee06', claims: { name: 'Ben Madeup', preferred_username: 'ben' } },
];

interface AuditRow {
  user_id: string | null;
  username: string | null;
  action: string;
  route: string;
}

for (const kind of await testDatabases()) {
  describe(`signing in through the council's identity provider, on ${kind.name}`, () => {
    let database: Database;
    let provider: RunningProvider;
    let service: RunningService;
    let publicUrl: string;
    let callback: string;
    let authority: Awaited<ReturnType<typeof smallAuthority>>;
    const started: RunningService[] = [];
    const account = (login: string) => provider.accounts.find((a) => a.login === login)!;

    const ssoEnv = () => ({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: 'opencsc',
      OIDC_CLIENT_SECRET: 'a-test-client-secret',
      PUBLIC_URL: publicUrl,
      OIDC_PROVIDER_NAME: 'Northtown Council',
    });

    beforeAll(async () => {
      database = await kind.open();
      authority = await smallAuthority(database.db);
      await database.db.execute(sql`update users set disabled = true where username = 'cleo'`);
      const port = await freePort();
      publicUrl = `http://127.0.0.1:${port}`;
      callback = `${publicUrl}/sign-in/oidc/callback`;
      provider = await startIdentityProvider({
        clients: [{ client_id: 'opencsc', client_secret: 'a-test-client-secret', redirect_uris: [callback] }],
        accounts,
      });
      service = await startService(database, fixedTime(NOW), { port, env: ssoEnv() });
      started.push(service);
    });
    afterAll(async () => {
      for (const s of started) await s.close();
      await provider?.close();
      await database?.close();
    });

    async function auditFor(username: string): Promise<AuditRow[]> {
      return rows<AuditRow>(
        database.db,
        sql`select user_id, username, action, route from audit_events where username = ${username} and action like 'SIGN_IN%' order by id`,
      );
    }

    /** From the service's sign-in page through the provider's pages, as far as the provider's answer. */
    async function throughProvider(agent: BrowsingAgent, login: string, opts: { from?: string; stopAtCallback?: boolean } = {}) {
      const who = account(login);
      const signInPage = await agent.go(`${service.url}/sign-in`);
      const button = /href="(\/sign-in\/oidc[^"]*)"[^>]*>\s*Sign in with Northtown Council/.exec(signInPage.text);
      expect(button, 'the sign-in page offers the provider').not.toBeNull();
      const atProvider = await agent.go(service.url + (opts.from ?? button![1]!));
      expect(atProvider.url.startsWith(provider.issuer)).toBe(true);
      expect(atProvider.text).toContain('Sign in to the council');
      const consent = await agent.submit(atProvider.url, atProvider.text, { login: who.login, password: who.password });
      expect(consent.text).toContain('Allow access');
      return agent.submit(consent.url, consent.text, {}, { stopAt: opts.stopAtCallback ? callback : undefined });
    }

    it('offers the provider on the sign-in page, beside the local password', async () => {
      const page = await new BrowsingAgent().go(`${service.url}/sign-in`);
      expect(page.text).toContain('Sign in with Northtown Council');
      expect(page.text).toContain('name="password"');
    });

    it('asks the provider for a code with PKCE (S256), state and nonce', async () => {
      const res = await fetch(`${service.url}/sign-in/oidc`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      const to = new URL(res.headers.get('location')!);
      expect(to.origin).toBe(provider.issuer);
      expect(to.searchParams.get('response_type')).toBe('code');
      expect(to.searchParams.get('client_id')).toBe('opencsc');
      expect(to.searchParams.get('redirect_uri')).toBe(callback);
      expect(to.searchParams.get('scope')).toBe('openid profile email');
      expect(to.searchParams.get('code_challenge_method')).toBe('S256');
      expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(to.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
      expect(to.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    });

    it('signs a person in as the OpenCSC user their username claim names, links their account, and audits it', async () => {
      const agent = new BrowsingAgent();
      const home = await throughProvider(agent, 'ana.fictional');
      expect(home.status).toBe(200);
      expect(new URL(home.url).pathname).toBe('/my-work');
      // role and team come from the OpenCSC user record
      expect(home.text).toContain('Signed in as Ana Fictional (practitioner), North 1.');

      const [linked] = await rows<{ issuer: string; subject: string }>(
        database.db,
        sql`select issuer, subject from user_identities where user_id = ${authority.users.practitioner}`,
      );
      expect(linked).toEqual({ issuer: provider.issuer, subject: 'c0ffee01' });
      expect(await auditFor('ana')).toEqual([
        { user_id: authority.users.practitioner, username: 'ana', action: 'SIGN_IN_ACCOUNT_LINKED', route: 'GET /sign-in/oidc/callback' },
        { user_id: authority.users.practitioner, username: 'ana', action: 'SIGN_IN', route: 'GET /sign-in/oidc/callback' },
      ]);
    });

    it('takes the person to the page they asked for', async () => {
      const agent = new BrowsingAgent();
      const page = await throughProvider(agent, 'sam.servicemanager', { from: '/sign-in/oidc?next=%2Fchildren' });
      expect(new URL(page.url).pathname).toBe('/children');
      expect(page.text).toContain('Signed in as Sam Servicemanager');
    });

    it('finds a linked person by their provider account, even when their username there changes', async () => {
      await throughProvider(new BrowsingAgent(), 'mina.manager');
      account('mina.manager').claims.preferred_username = 'mina.renamed';
      try {
        const again = await throughProvider(new BrowsingAgent(), 'mina.manager');
        expect(new URL(again.url).pathname).toBe('/my-team');
        expect(again.text).toContain('Signed in as Mina Manager (team manager)');
      } finally {
        account('mina.manager').claims.preferred_username = 'mina';
      }
    });

    it('refuses someone else whose username claim names a user already linked to another account', async () => {
      await throughProvider(new BrowsingAgent(), 'mina.manager');
      provider.accounts.push({
        login: 'mina.lookalike',
        password: 'provider-pass-7',
        sub: 'c0ffee07',
        claims: { preferred_username: 'mina' },
      });
      const agent = new BrowsingAgent();
      const refused = await throughProvider(agent, 'mina.lookalike');
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('You do not have an OpenCSC account');
      expect((await auditFor('mina')).at(-1)).toEqual({
        user_id: null,
        username: 'mina',
        action: 'SIGN_IN_REFUSED',
        route: 'GET /sign-in/oidc/callback',
      });
      expect(new URL((await agent.go(`${service.url}/my-team`)).url).pathname).toBe('/sign-in');
    });

    it('refuses a person with no OpenCSC user, with a clear page and an audit row, and no session', async () => {
      const agent = new BrowsingAgent();
      const refused = await throughProvider(agent, 'nia.nobody');
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('You do not have an OpenCSC account');
      expect(refused.text).toContain('Ask your OpenCSC administrator to add you as a user');
      expect(await auditFor('nia')).toEqual([
        { user_id: null, username: 'nia', action: 'SIGN_IN_REFUSED', route: 'GET /sign-in/oidc/callback' },
      ]);
      const [links] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from user_identities where subject = 'c0ffee04'`,
      );
      expect(links!.n).toBe(0);
      expect(new URL((await agent.go(`${service.url}/my-work`)).url).pathname).toBe('/sign-in');
    });

    it('refuses a user who is turned off, with a clear page and an audit row, and links nothing', async () => {
      const agent = new BrowsingAgent();
      const refused = await throughProvider(agent, 'cleo.otherteam');
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Your OpenCSC account is turned off');
      expect(await auditFor('cleo')).toEqual([
        { user_id: authority.users.otherTeam, username: 'cleo', action: 'SIGN_IN_REFUSED', route: 'GET /sign-in/oidc/callback' },
      ]);
      const [links] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from user_identities where user_id = ${authority.users.otherTeam}`,
      );
      expect(links!.n).toBe(0);
      expect(new URL((await agent.go(`${service.url}/my-work`)).url).pathname).toBe('/sign-in');
    });

    it('refuses an answer whose state was tampered with, one used twice, and one that arrives in another browser', async () => {
      const countRefusals = async () =>
        (
          await rows<{ n: number }>(
            database.db,
            sql`select count(*)::int as n from audit_events where action = 'SIGN_IN_REFUSED' and username is null`,
          )
        )[0]!.n;
      const before = await countRefusals();

      const agent = new BrowsingAgent();
      const answer = await throughProvider(agent, 'ben.madeup', { stopAtCallback: true });
      const tampered = new URL(answer.url);
      expect(tampered.searchParams.get('code')).toBeTruthy();
      tampered.searchParams.set('state', `${tampered.searchParams.get('state')}x`);
      const refused = await agent.go(tampered.href);
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Signing in could not be finished');
      expect(new URL((await agent.go(`${service.url}/my-work`)).url).pathname).toBe('/sign-in');

      // the same answer, untampered, a second time: the sign-in it belonged to is over
      const replayed = await agent.go(answer.url);
      expect(replayed.status).toBe(400);

      // a fresh answer taken to a browser that did not start the sign-in
      const fresh = await throughProvider(new BrowsingAgent(), 'ben.madeup', { stopAtCallback: true });
      const elsewhere = await new BrowsingAgent().go(fresh.url);
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.text).toContain('Signing in could not be finished');

      expect(await countRefusals()).toBe(before + 3);
      expect(await auditFor('ben')).toEqual([]);
    });

    it('says so when the provider does not sign the person in', async () => {
      const agent = new BrowsingAgent();
      const atProvider = await agent.go(`${service.url}/sign-in/oidc`, { stopAt: provider.issuer });
      const state = new URL(atProvider.url).searchParams.get('state')!;
      const answer = new URL(callback);
      answer.search = new URLSearchParams({ error: 'access_denied', state, iss: provider.issuer }).toString();
      const page = await agent.go(answer.href);
      expect(page.status).toBe(401);
      expect(page.text).toContain('Northtown Council did not sign you in');
      expect(new URL((await agent.go(`${service.url}/my-work`)).url).pathname).toBe('/sign-in');
    });

    it('lets a sign-in started on one instance finish on another', async () => {
      const other = await startService(database, fixedTime(NOW), { env: ssoEnv() });
      started.push(other);
      const agent = new BrowsingAgent();
      const answer = await throughProvider(agent, 'sam.servicemanager', { stopAtCallback: true });
      const atOther = new URL(answer.url);
      atOther.port = new URL(other.url).port;
      const home = await agent.go(atOther.href);
      expect(home.url.startsWith(other.url)).toBe(true);
      expect(new URL(home.url).pathname).toBe('/authority');
      expect(home.text).toContain('Signed in as Sam Servicemanager');
    });

    it('signs in a user an administrator added under their email address, when the email claim names users', async () => {
      const byEmail = await startService(database, fixedTime(NOW), { env: { ...ssoEnv(), OIDC_USERNAME_CLAIM: 'email' } });
      started.push(byEmail);
      provider.accounts.push({
        login: 'dee.newstarter',
        password: 'provider-pass-8',
        sub: 'c0ffee08',
        claims: { name: 'Dee Newstarter', email: 'Dee.Newstarter@northtown.example', email_verified: true },
      });
      const admin = new Agent(byEmail.url);
      await admin.signIn('ada', PASSWORD);
      await admin.get('/admin/users');
      const added = await admin.post('/admin/users', {
        username: 'dee.newstarter@northtown.example',
        displayName: 'Dee Newstarter',
        role: 'practitioner',
        teamId: authority.teams.south,
        password: 'a long unused password',
      });
      expect(added.status).toBe(303);

      const agent = new BrowsingAgent();
      await agent.go(`${byEmail.url}/sign-in`);
      const atProvider = await agent.go(`${byEmail.url}/sign-in/oidc`);
      const consent = await agent.submit(atProvider.url, atProvider.text, { login: 'dee.newstarter', password: 'provider-pass-8' });
      // the provider sends every browser to PUBLIC_URL, the first instance: take this answer to the instance that asked
      const answer = new URL((await agent.submit(consent.url, consent.text, {}, { stopAt: callback })).url);
      answer.port = new URL(byEmail.url).port;
      const home = await agent.go(answer.href);
      expect(home.url).toBe(`${byEmail.url}/my-work`);
      expect(home.text).toContain('Signed in as Dee Newstarter (practitioner), South 1.');
    });

    it('says so, with a page, when the provider cannot be reached', async () => {
      const nowhere = `http://127.0.0.1:${await freePort()}`;
      const cutOff = await startService(database, fixedTime(NOW), { env: { ...ssoEnv(), OIDC_ISSUER: nowhere } });
      started.push(cutOff);
      const page = await new BrowsingAgent().go(`${cutOff.url}/sign-in/oidc`);
      expect(page.url).toBe(`${cutOff.url}/sign-in/oidc`);
      expect(page.status).toBe(503);
      expect(page.text).toContain('Northtown Council cannot be reached');
    });

    it('says so, with a page, when the provider stops answering between sending the person back and the code exchange', async () => {
      const flaky = await startIdentityProvider({
        clients: [{ client_id: 'opencsc', client_secret: 'a-test-client-secret', redirect_uris: [callback] }],
        accounts,
      });
      const instance = await startService(database, fixedTime(NOW), { env: { ...ssoEnv(), OIDC_ISSUER: flaky.issuer } });
      started.push(instance);
      const agent = new BrowsingAgent();
      const atProvider = await agent.go(`${instance.url}/sign-in/oidc`);
      const consent = await agent.submit(atProvider.url, atProvider.text, { login: 'ben.madeup', password: 'provider-pass-6' });
      const answer = new URL((await agent.submit(consent.url, consent.text, {}, { stopAt: callback })).url);
      await flaky.close();
      answer.port = new URL(instance.url).port;
      const page = await agent.go(answer.href);
      expect(page.status).toBe(503);
      expect(page.text).toContain('Northtown Council cannot be reached');
    });

    it('keeps local passwords working, and can turn them off', async () => {
      const withPasswords = new Agent(service.url);
      await withPasswords.signIn('ana', PASSWORD);

      const ssoOnly = await startService(database, fixedTime(NOW), { env: { ...ssoEnv(), PASSWORD_SIGN_IN: 'false' } });
      started.push(ssoOnly);
      const agent = new BrowsingAgent();
      const page = await agent.go(`${ssoOnly.url}/sign-in`);
      expect(page.text).toContain('Sign in with Northtown Council');
      expect(page.text).not.toContain('name="password"');
      // a valid form token from another instance (they share the session secret), so only the password rule can refuse
      const form = await agent.go(`${service.url}/sign-in`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      const refused = await agent.go(`${ssoOnly.url}/sign-in`, {
        method: 'POST',
        form: { _csrf: csrf, username: 'ana', password: PASSWORD },
      });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('This service does not accept usernames and passwords');
      expect(new URL((await agent.go(`${ssoOnly.url}/my-work`)).url).pathname).toBe('/sign-in');
    });
  });
}
