import {
  accessSync,
  chmodSync,
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { ConfigError } from '../config.js';
import { batchedReads } from './batched-reads.js';
/**
 * A database or a transaction: use cases take either, so they compose inside one transaction.
 * Queries name their tables (each area's schema.ts), so the database needs no schema of its own
 * and core knows no area's tables.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a folder, a server, or memory. */
  location: string;
  /** PGlite's data folder, when it keeps one. */
  dataDir?: string | undefined;
  /** On PostgreSQL, connections that plan each statement once for all values (`readPlannedOnce`). */
  plannedOnce?: Db;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url));

// Plain dates stay 'YYYY-MM-DD' strings on both drivers, so a date never shifts with a time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);
const pgliteParsers = { [DATE_OID]: (value: string) => value };

/**
 * Sends every parameterised statement as a named prepared statement, so PostgreSQL plans each
 * distinct statement once per connection instead of on every call: planning was about a third
 * of a dashboard query's time. The name is a digest of the text, so the same text always
 * reuses its plan and two texts never share a name.
 */
class PreparingClient extends pg.Client {
  /** The name of each statement text this connection has seen, so it is digested once. */
  private readonly names = new Map<string, string>();

  override query(...args: unknown[]): never {
    const [config, values] = args as [unknown, unknown];
    if (config && typeof config === 'object' && !(config as { name?: string }).name && Array.isArray(values) && values.length > 0) {
      const text = (config as { text?: unknown }).text;
      if (typeof text === 'string') {
        let name = this.names.get(text);
        if (name === undefined) {
          name = `s${createHash('sha1').update(text).digest('base64url')}`;
          this.names.set(text, name);
        }
        args[0] = { ...config, name };
      }
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}

export interface OpenOptions {
  /** postgres:// URL; when absent PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data folder; when absent (and no URL) the database lives in memory. */
  dataDir?: string | undefined;
  poolSize?: number;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) {
    // Connections stay open when idle: each one plans each statement once (PreparingClient), and
    // a connection opened afresh after a quiet spell planned the child's record's reads again,
    // which made the first views after it wait the better part of a second.
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      Client: PreparingClient,
      idleTimeoutMillis: 0,
    });
    const generic = new pg.Pool({
      connectionString: options.databaseUrl,
      max: Math.max(2, Math.ceil((options.poolSize ?? 10) / 2)),
      Client: PreparingClient,
      idleTimeoutMillis: 0,
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle client losing its connection must not take the process down.
    pool.on('error', () => undefined);
    generic.on('error', () => undefined);
    const db = drizzlePg(pool) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      location: redactUrl(options.databaseUrl),
      plannedOnce: drizzlePg(generic) as unknown as Db,
      close: async () => {
        await Promise.all([pool.end(), generic.end()]);
      },
    };
  }
  const dataDir = options.dataDir;
  if (dataDir) {
    checkDataDir(dataDir);
    claimDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await privately(() =>
      PGlite.create({
        ...(dataDir ? { dataDir } : {}),
        parsers: pgliteParsers,
      }),
    );
  } catch (e) {
    if (dataDir) releaseDataDir(dataDir);
    throw e;
  }
  if (dataDir) makePrivate(dataDir);
  const db = drizzlePglite(client) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dataDir ?? 'memory',
    dataDir,
    close: async () => {
      await client.close();
      if (dataDir) {
        makePrivate(dataDir);
        releaseDataDir(dataDir);
      }
    },
  };
}

/** The file in a data folder naming the process that has it open. */
export const DATA_DIR_LOCK = 'opencsc.pid';

/** How many times this process has each data folder open (a test may open one twice in turn). */
const claimed = new Map<string, number>();

/**
 * PGlite is one process's database: a second process opening the same folder (a command run
 * while the service is up) can corrupt it. The folder's lock file names the process that has
 * it; a live one stops the second with a message, a dead one's lock (after a crash) is taken.
 */
export function claimDataDir(dir: string): void {
  const where = path.resolve(dir);
  const lock = path.join(where, DATA_DIR_LOCK);
  const held = claimed.get(where) ?? 0;
  if (held > 0) {
    claimed.set(where, held + 1);
    return;
  }
  for (;;) {
    try {
      writeFileSync(lock, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      claimed.set(where, 1);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = Number.parseInt(readFileSync(lock, 'utf8'), 10);
    if (Number.isInteger(holder) && holder !== process.pid && processIsRunning(holder)) {
      throw new ConfigError([
        `DATA_DIR: ${where} is in use by another OpenCSC process (pid ${holder}), and the embedded database allows one process at a time. Stop that process (the service, or a command still running) and try again, or use PostgreSQL (DATABASE_URL) to run commands beside the service.`,
      ]);
    }
    // left by a process that has ended: take it over
    rmSync(lock, { force: true });
  }
}

export function releaseDataDir(dir: string): void {
  const where = path.resolve(dir);
  const held = claimed.get(where) ?? 0;
  if (held > 1) {
    claimed.set(where, held - 1);
    return;
  }
  claimed.delete(where);
  rmSync(path.join(where, DATA_DIR_LOCK), { force: true });
}

/** Whether a process of that id is running Node (so not a stranger that reused the id). */
function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    // no /proc (macOS): a live process of that id is taken to be the holder
    return true;
  }
}

/**
 * The data folder, made (private to the service's user) if it is absent, and checked to be a
 * folder this user can write, so a wrong DATA_DIR stops the service with a message naming
 * the folder and the problem rather than PGlite's "failed to initialize".
 */
export function checkDataDir(dir: string): void {
  const where = path.resolve(dir);
  const refuse = (problem: string) => {
    throw new ConfigError([
      `DATA_DIR: ${where} ${problem}. Set DATA_DIR to a folder the service's user can write, or give that user write access to it.`,
    ]);
  };
  let exists = true;
  try {
    if (!statSync(where).isDirectory()) refuse('is not a folder');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') refuse(`cannot be read (${reason(e)})`);
    exists = false;
  }
  if (!exists) {
    try {
      mkdirSync(where, { recursive: true, mode: 0o700 });
    } catch (e) {
      refuse(`does not exist and cannot be created (${reason(e)})`);
    }
  }
  try {
    accessSync(where, constants.R_OK | constants.W_OK | constants.X_OK);
    // access() can pass where a write still fails (a read-only mount seen by root, a full disk)
    const probe = path.join(where, `.write-check-${process.pid}`);
    writeFileSync(probe, '', { mode: 0o600 });
    rmSync(probe);
  } catch (e) {
    refuse(`cannot be written (${reason(e)})`);
  }
}

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'the file system is read-only',
    ENOSPC: 'the disk is full',
    ENOTDIR: 'a part of the path is a file, not a folder',
    EEXIST: 'a file of that name is in the way',
  };
  return (code && reasons[code]) ?? code ?? 'unknown error';
}

/**
 * PGlite (its Emscripten file system) creates files 0666 and folders as the umask allows,
 * whatever PostgreSQL asks for. The data is children's records: folders are created under
 * umask 077, and after opening, migrating and closing, the folder and PostgreSQL's files in
 * it are made private. Files PostgreSQL adds while running sit inside the private folder.
 */
async function privately<T>(create: () => Promise<T>): Promise<T> {
  // process.umask cannot be changed from a worker thread
  if (!isMainThread) return create();
  const before = process.umask(0o077);
  try {
    return await create();
  } finally {
    process.umask(before);
  }
}

// What PostgreSQL keeps at the top of its data folder; anything else there is left alone.
const postgresEntries = /^(PG_VERSION|base|global|pg_[\w.]+|postgresql[\w.]*\.conf|postmaster\.\w+)$/;

export function makePrivate(dir: string): void {
  const visit = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o077) !== 0) chmodSync(p, st.mode & 0o700);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  const top = lstatSync(dir);
  if ((top.mode & 0o077) !== 0) chmodSync(dir, top.mode & 0o700);
  for (const name of readdirSync(dir)) if (postgresEntries.test(name)) visit(path.join(dir, name));
}

export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'postgres') {
    await migratePg(database.db as never, { migrationsFolder });
  } else {
    await migratePglite(database.db as never, { migrationsFolder });
    // migrations add tables, and so files
    if (database.dataDir) makePrivate(database.dataDir);
  }
}

export async function isReachable(db: Db): Promise<boolean> {
  try {
    await db.execute(sql`select 1`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the database accepts a committed write: a full disk, a read-only database or a
 * standby answers `select 1` but refuses this.
 */
export async function canWrite(db: Db): Promise<boolean> {
  try {
    // one statement commits on its own
    await db.execute(sql`insert into service_health (id, checked_at) values (1, now())
                         on conflict (id) do update set checked_at = excluded.checked_at`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Everything a page reads about one child, on connections whose statements are planned once
 * for all values rather than at every execution. Their plans do not depend on which child;
 * planning the longest of them (the chronology's union of every area) cost more than running
 * it, on every view of a record. Dashboards are not read this way: their counts depend on
 * dates and scopes, and planning for the values pays there. PGlite plans every statement
 * anyway. On both, the reads a page issues together go as one statement (`batchedReads`).
 */
export async function readPlannedOnce<T>(database: Database, read: (db: Db) => Promise<T>): Promise<T> {
  return read(batchedReads(database.plannedOnce ?? database.db));
}

/** Rows of a raw query, whichever driver ran it. */
export async function rows<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres';
  }
}
