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

  it('takes the upload limit in MB, 500 unless set, and names the variable when it is not a size', () => {
    expect(loadConfig({}).uploadLimitMb).toBe(500);
    expect(loadConfig({ UPLOAD_LIMIT_MB: '800' }).uploadLimitMb).toBe(800);
    expect(() => loadConfig({ UPLOAD_LIMIT_MB: 'lots' })).toThrowError(/UPLOAD_LIMIT_MB: must be a whole number of megabytes/);
    expect(() => loadConfig({ UPLOAD_LIMIT_MB: '0' })).toThrowError(/UPLOAD_LIMIT_MB: must be between 1 and 4000/);
  });
});
