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

  it('requires a session secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'short' })).toThrowError(
      /SESSION_SECRET: must be at least 32 characters/,
    );
    const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) });
    expect(config.secureCookies).toBe(true);
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
