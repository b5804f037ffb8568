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

  it('reads a log file and the demo-in-production override', () => {
    expect(loadConfig({})).toMatchObject({ logFile: undefined, allowDemoDataInProduction: false });
    expect(loadConfig({ LOG_FILE: '/var/log/opencsc.log', ALLOW_DEMO_DATA_IN_PRODUCTION: 'true' })).toMatchObject({
      logFile: '/var/log/opencsc.log',
      allowDemoDataInProduction: true,
    });
    expect(() => loadConfig({ ALLOW_DEMO_DATA_IN_PRODUCTION: 'maybe' })).toThrowError(/ALLOW_DEMO_DATA_IN_PRODUCTION/);
  });
});
