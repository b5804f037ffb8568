import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('uses the embedded database on port 3000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.dataDir).toBe('./data');
  });

  it('names the variable and the reason for a bad port', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrowError(/PORT: must be a whole number/);
    expect(() => loadConfig({ PORT: '70000' })).toThrowError(/PORT: must be between 1 and 65535/);
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrowError(/DATABASE_URL/);
  });

  it('requires a session secret and the authority’s name in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short', AUTHORITY_NAME: 'Example Council' })).toThrowError(
      /SESSION_SECRET: must be at least 32 characters/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })).toThrowError(
      /AUTHORITY_NAME: is required when NODE_ENV=production/,
    );
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), AUTHORITY_NAME: 'Example Council' });
    expect(config.secureCookies).toBe(true);
    expect(config.authorityName).toBe('Example Council');
    // elsewhere the demo's name stands in
    expect(loadConfig({}).authorityName).toBe('Demo Council');
  });

  describe('single sign-on', () => {
    const sso = {
      OIDC_ISSUER: 'https://login.example.gov.uk/tenant',
      OIDC_CLIENT_ID: 'opencsc',
      PUBLIC_URL: 'https://opencsc.example.gov.uk',
    };

    it('is off, and passwords on, when no issuer is set', () => {
      const config = loadConfig({});
      expect(config.oidc).toBeUndefined();
      expect(config.passwordSignIn).toBe(true);
    });

    it('takes the redirect URL from the public URL, with defaults for scopes, claim and provider name', () => {
      const config = loadConfig(sso);
      expect(config.oidc).toEqual({
        issuer: 'https://login.example.gov.uk/tenant',
        clientId: 'opencsc',
        clientSecret: undefined,
        redirectUrl: 'https://opencsc.example.gov.uk/sign-in/oidc/callback',
        scopes: 'openid profile email',
        usernameClaim: 'preferred_username',
        providerName: 'your council account',
      });
      expect(loadConfig({ ...sso, OIDC_REDIRECT_URL: 'https://other.example.gov.uk/cb' }).oidc?.redirectUrl).toBe(
        'https://other.example.gov.uk/cb',
      );
    });

    it('names what is missing or wrong', () => {
      expect(() => loadConfig({ OIDC_ISSUER: sso.OIDC_ISSUER })).toThrowError(
        /OIDC_CLIENT_ID: is required[\s\S]*OIDC_REDIRECT_URL: set it, or PUBLIC_URL/,
      );
      expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'http://login.example.gov.uk' })).toThrowError(
        /OIDC_ISSUER: must be an https:\/\/ URL/,
      );
      expect(() => loadConfig({ ...sso, OIDC_ISSUER: 'not a url' })).toThrowError(/OIDC_ISSUER: must be a URL/);
      expect(() => loadConfig({ ...sso, PUBLIC_URL: 'opencsc.example.gov.uk' })).toThrowError(/PUBLIC_URL: must be a URL/);
      expect(() => loadConfig({ ...sso, OIDC_SCOPES: 'profile email' })).toThrowError(/OIDC_SCOPES: must include openid/);
      expect(() => loadConfig({ ...sso, OIDC_USERNAME_CLAIM: 'a b' })).toThrowError(/OIDC_USERNAME_CLAIM: must be a claim name/);
      expect(() => loadConfig({ OIDC_CLIENT_ID: 'opencsc' })).toThrowError(/OIDC_CLIENT_ID: is set but OIDC_ISSUER is not/);
    });

    it('accepts http only for a provider on this machine', () => {
      expect(loadConfig({ ...sso, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc?.issuer).toBe('http://127.0.0.1:4000');
    });

    it('turns passwords off only when single sign-on is on', () => {
      expect(() => loadConfig({ PASSWORD_SIGN_IN: 'false' })).toThrowError(
        /PASSWORD_SIGN_IN: can be turned off only when single sign-on is set up/,
      );
      expect(loadConfig({ ...sso, PASSWORD_SIGN_IN: 'false' }).passwordSignIn).toBe(false);
    });
  });

  it('takes the upload limit in MB, 500 unless set, and names the variable when it is not a size', () => {
    expect(loadConfig({}).uploadLimitMb).toBe(500);
    expect(loadConfig({ UPLOAD_LIMIT_MB: '800' }).uploadLimitMb).toBe(800);
    expect(() => loadConfig({ UPLOAD_LIMIT_MB: 'lots' })).toThrowError(/UPLOAD_LIMIT_MB: must be a whole number of megabytes/);
    expect(() => loadConfig({ UPLOAD_LIMIT_MB: '0' })).toThrowError(/UPLOAD_LIMIT_MB: must be between 1 and 4000/);
  });

  it('reads a log file and the demo-in-production override', () => {
    expect(loadConfig({})).toMatchObject({ logFile: undefined, allowDemoDataInProduction: false });
    expect(loadConfig({ LOG_FILE: '/var/log/opencsc.log', ALLOW_DEMO_DATA_IN_PRODUCTION: 'true' })).toMatchObject({
      logFile: '/var/log/opencsc.log',
      allowDemoDataInProduction: true,
    });
    expect(() => loadConfig({ ALLOW_DEMO_DATA_IN_PRODUCTION: 'maybe' })).toThrowError(/ALLOW_DEMO_DATA_IN_PRODUCTION/);
  });

  it('names the authority, Demo Council unless set, on one line', () => {
    expect(loadConfig({}).authorityName).toBe('Demo Council');
    expect(loadConfig({ AUTHORITY_NAME: ' Northtown Council ' }).authorityName).toBe('Northtown Council');
    expect(() => loadConfig({ AUTHORITY_NAME: '   ' })).toThrowError(/AUTHORITY_NAME: must not be blank/);
    expect(() => loadConfig({ AUTHORITY_NAME: 'Northtown\nCouncil' })).toThrowError(/AUTHORITY_NAME: must be one line of text/);
    expect(() => loadConfig({ AUTHORITY_NAME: 'x'.repeat(81) })).toThrowError(/AUTHORITY_NAME: must be at most 80 characters/);
  });

  it('takes the authority’s ONS code for a unitary, metropolitan, London or county authority only', () => {
    expect(loadConfig({}).authorityCode).toBeUndefined();
    for (const code of ['E06000021', 'E08000003', 'E09000033', 'E10000017'])
      expect(loadConfig({ AUTHORITY_CODE: code }).authorityCode).toBe(code);
    // a district council (E07) has no children's services; a DfE three-digit number is not an ONS code
    for (const bad of ['E07000123', '352', 'E0800003', 'e08000003', 'E080000031'])
      expect(() => loadConfig({ AUTHORITY_CODE: bad })).toThrowError(/AUTHORITY_CODE: must be the authority’s ONS local authority code/);
  });
});

describe('session and sign-in limits', () => {
  it('defaults to a 12-hour session, ended after 60 idle minutes', () => {
    const config = loadConfig({});
    expect(config.sessions).toEqual({ lifetimeMs: 12 * 3_600_000, idleMs: 60 * 60_000 });
    expect(config.signIn).toMatchObject({ maxFailures: 5, lockoutMs: 15 * 60_000, concurrentChecks: 2 });
  });

  it('names the variable and the range for a limit out of range', () => {
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrowError(/SESSION_IDLE_MINUTES: must be between 5 and 1440/);
    expect(() => loadConfig({ SESSION_LIFETIME_HOURS: 'long' })).toThrowError(/SESSION_LIFETIME_HOURS: must be a whole number/);
    expect(() => loadConfig({ SIGN_IN_CONCURRENT_CHECKS: '0' })).toThrowError(/SIGN_IN_CONCURRENT_CHECKS: must be between 1 and 64/);
  });
});
