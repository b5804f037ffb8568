import type { Config } from '../core/config.js';
import { type Database, openDatabase, runMigrations } from '../core/db/database.js';

/** The configured database, migrated: PostgreSQL at DATABASE_URL, or PGlite in DATA_DIR. */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir });
  await runMigrations(database);
  return database;
}

/** A one-line progress bar on standard error, for long commands in a terminal. */
export function progressBar(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY;
  let last = -1;
  return (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((100 * done) / total);
    if (pct === last) return;
    last = pct;
    const width = 30;
    const filled = Math.round((width * pct) / 100);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% (${done}/${total})`;
    if (tty) process.stderr.write(`\r${line}${done >= total ? '\n' : ''}`);
    else if (done >= total || pct % 25 === 0) process.stderr.write(`${line}\n`);
  };
}
