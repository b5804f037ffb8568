import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase, runMigrations } from './database.js';

/**
 * A new, migrated PostgreSQL database on the server at adminUrl, dropped when closed: for
 * tests and benchmarks that need a real server and must not touch anyone's data.
 */
export async function openScratchPostgres(
  adminUrl: string,
  opts: { prefix: string; poolSize: number },
): Promise<Database & { /** Its address, for another process to open it. */ url: string }> {
  const name = `${opts.prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: opts.poolSize });
  await runMigrations(database);
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
