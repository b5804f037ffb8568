import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { users } from '../core/auth/schema.js';
import { ConfigError, loadConfig } from '../core/config.js';
import { openDatabase, runMigrations } from '../core/db/database.js';
import { refuseDemoDataInProduction } from './service-commands.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const secret = 'a-session-secret-that-is-long-enough-for-production';

async function databaseWith(opts: { demo: boolean; dataDir?: string }) {
  const database = await openDatabase(opts.dataDir ? { dataDir: opts.dataDir } : {});
  await runMigrations(database);
  await database.db
    .insert(users)
    .values({ username: 'demo-admin', displayName: 'Demo Admin', passwordHash: 'not-a-hash', role: 'administrator', demo: opts.demo });
  return database;
}

describe('production mode and the demo authority', () => {
  it('refuses to serve a database holding demo data when NODE_ENV=production, saying how to resolve it', async () => {
    const database = await databaseWith({ demo: true });
    const production = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, AUTHORITY_NAME: 'Example Council' });
    await expect(refuseDemoDataInProduction(production, database)).rejects.toThrow(ConfigError);
    await expect(refuseDemoDataInProduction(production, database)).rejects.toThrow(
      /NODE_ENV=production, but the database \(pglite, memory\) holds the synthetic demo authority.*ALLOW_DEMO_DATA_IN_PRODUCTION=true/,
    );
    // an explicit override, and any other mode, serve it
    await refuseDemoDataInProduction(
      loadConfig({
        NODE_ENV: 'production',
        SESSION_SECRET: secret,
        AUTHORITY_NAME: 'Example Council',
        ALLOW_DEMO_DATA_IN_PRODUCTION: 'true',
      }),
      database,
    );
    await refuseDemoDataInProduction(loadConfig({ NODE_ENV: 'development' }), database);
    await database.close();
  });

  it('serves an authority without demo accounts in production', async () => {
    const database = await databaseWith({ demo: false });
    await refuseDemoDataInProduction(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: secret, AUTHORITY_NAME: 'Example Council' }),
      database,
    );
    await database.close();
  });

  it('`opencsc serve` stops at start with the message and exit code 78', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'opencsc-demo-')), 'data');
    await (await databaseWith({ demo: true, dataDir })).close();
    const result = spawnSync(process.execPath, ['bin/opencsc.js', 'serve'], {
      cwd: repo,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        SESSION_SECRET: secret,
        AUTHORITY_NAME: 'Example Council',
        DATA_DIR: dataDir,
        PORT: '39471',
      },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toContain('holds the synthetic demo authority');
    expect(result.status).toBe(78);
  });
});
