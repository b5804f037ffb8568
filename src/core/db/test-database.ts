import pg from 'pg';
import { type Database, openDatabase, runMigrations } from './database.js';
import { openScratchPostgres } from './scratch-database.js';

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

function freshPostgres(): Promise<Database> {
  return openScratchPostgres(adminUrl, { prefix: 'opencsc_test', poolSize: 4 });
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
