/** `opencsc serve`, `demo`, `start` and `migrate` (declared in main.ts, which loads this file when one runs). */
import { sql } from 'drizzle-orm';
import { type Config, ConfigError, loadConfig } from '../core/config.js';
import { rows, type Database } from '../core/db/database.js';
import { openConfiguredDatabase } from './open.js';

export const demoSignIns = ['demo-practitioner', 'demo-team-manager', 'demo-service-manager', 'demo-lado', 'demo-admin'];

async function isEmpty(database: Database): Promise<boolean> {
  const [row] = await rows<{ n: number }>(database.db, sql`select (select count(*) from users) + (select count(*) from children) as n`);
  return Number(row?.n ?? 0) === 0;
}

async function createDemo(database: Database, seed: number): Promise<void> {
  const { buildDemoAuthority } = await import('../demo/build.js');
  console.log('Building the demo authority (synthetic people only)...');
  const started = Date.now();
  const summary = await buildDemoAuthority(database.db, { seed, progress: (m: string) => console.log(`  ${m}`) });
  console.log(`Demo authority built in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary.backlog ?? summary)}`);
}

async function serve(config: Config, database: Database, opts: { demo: boolean }): Promise<void> {
  // Loaded when a command serves pages, so that commands which do not (validate) start
  // without the web stack: its template engine slows string handling in the whole process.
  const { buildServer } = await import('../server.js');
  if (opts.demo && !config.postcodeDirectory) {
    // the demo's distances from home come from a made-up directory of its own made-up postcodes
    const { writeDemoPostcodeDirectory } = await import('../demo/postcode-directory.js');
    config = { ...config, postcodeDirectory: await writeDemoPostcodeDirectory(database.db, config.dataDir) };
    console.log(`Distances from home use the demo's made-up postcode directory (${config.postcodeDirectory})`);
  }
  if (opts.demo && !config.authorityCode) {
    // the code the demo's own postcodes carry in its directory, so inside or outside is computed
    const { DEMO_AUTHORITY_CODE } = await import('../demo/postcode-directory.js');
    config = { ...config, authorityCode: DEMO_AUTHORITY_CODE };
  }
  const { app } = await buildServer(config, database, { migrate: false });
  const close = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', close);
  process.once('SIGTERM', close);
  await app.listen({ port: config.port, host: config.host });
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  console.log(`OpenCSC is running at ${url} (database: ${database.kind}, ${database.location})`);
  if (opts.demo && !config.production) {
    console.log(`Demo sign-ins (password "demo"): ${demoSignIns.join(', ')}`);
  }
}

async function hasDemoUsers(database: Database): Promise<boolean> {
  const [row] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from users where demo`);
  return (row?.n ?? 0) > 0;
}

/**
 * A production service must not quietly serve the synthetic demo authority as if it were the
 * council's record (a DATA_DIR or DATABASE_URL pointing at the wrong database). Refused at
 * start, unless ALLOW_DEMO_DATA_IN_PRODUCTION says it is meant (a public demonstration).
 */
export async function refuseDemoDataInProduction(config: Config, database: Database): Promise<void> {
  if (!config.production || config.allowDemoDataInProduction) return;
  if (!(await hasDemoUsers(database))) return;
  throw new ConfigError([
    `NODE_ENV=production, but the database (${database.kind}, ${database.location}) holds the synthetic demo authority. ` +
      'Point DATABASE_URL or DATA_DIR at the authority’s own database, or, to run a demonstration in production mode, ' +
      'set ALLOW_DEMO_DATA_IN_PRODUCTION=true (demo accounts still cannot sign in).',
  ]);
}

const closeAndThrow = (database: Database) => async (error: unknown) => {
  await database.close();
  throw error;
};

export async function serveCommand(): Promise<void> {
  const c = loadConfig();
  const database = await openConfiguredDatabase(c);
  await refuseDemoDataInProduction(c, database).catch(closeAndThrow(database));
  await serve(c, database, { demo: await hasDemoUsers(database) });
}

export async function demoCommand(opts: { seed: string; serve: boolean }): Promise<void> {
  const c = loadConfig();
  if (c.production) throw new Error('a demo authority cannot be created when NODE_ENV=production');
  const database = await openConfiguredDatabase(c);
  if (await isEmpty(database)) {
    await createDemo(database, Number(opts.seed));
  } else if (!(await hasDemoUsers(database))) {
    await database.close();
    throw new Error('the database already holds an authority that is not a demo: refusing to add demo data to it');
  } else {
    console.log('The demo authority already exists in this database: starting it as it is.');
  }
  if (opts.serve) await serve(c, database, { demo: true });
  else await database.close();
}

export async function startCommand(): Promise<void> {
  const c = loadConfig();
  const database = await openConfiguredDatabase(c);
  if (await isEmpty(database)) {
    if (c.production) throw new Error('the database is empty: add users with `opencsc users add` (no demo in production)');
    await createDemo(database, 2014);
  }
  await refuseDemoDataInProduction(c, database).catch(closeAndThrow(database));
  await serve(c, database, { demo: await hasDemoUsers(database) });
}

export async function migrateCommand(): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig());
  console.log(`Database schema is up to date (${database.kind}, ${database.location})`);
  await database.close();
}
