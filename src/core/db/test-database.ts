import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase, runMigrations } from './database.js';

/**
 * The databases the integration tests run against: PGlite always, and a real PostgreSQL
 * server when one answers at TEST_POSTGRES_URL. With REQUIRE_POSTGRES=1 (as in CI) an
 * absent server fails the run instead of leaving those tests out.
 */
export interface TestDatabaseKind {
  name: 'pglite' | 'postgres';
  /** A fresh, migrated, empty database. */
  open(): Promise<Database>;
}

const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const postgresRequired = ['1', 'true', 'yes'].includes(process.env.REQUIRE_POSTGRES ?? '');

let probe: Promise<boolean> | undefined;

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freshPostgres(): Promise<Database> {
  const name = `opencsc_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await runMigrations(database);
  return {
    ...database,
    async close() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function freshPglite(): Promise<Database> {
  const database = await openDatabase({});
  await runMigrations(database);
  return database;
}

export async function testDatabases(): Promise<TestDatabaseKind[]> {
  probe ??= postgresAnswers();
  const kinds: TestDatabaseKind[] = [{ name: 'pglite', open: freshPglite }];
  if (await probe) {
    kinds.push({ name: 'postgres', open: freshPostgres });
  } else if (postgresRequired) {
    throw new Error(`REQUIRE_POSTGRES is set but no PostgreSQL server answers at ${adminUrl}`);
  } else {
    console.warn(`PostgreSQL not reachable at ${adminUrl}: database tests run on PGlite only`);
  }
  return kinds;
}
