import { type Database, openDatabase, runMigrations } from '../src/core/db/database.js';
import { openScratchPostgres } from '../src/core/db/scratch-database.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A throw-away PostgreSQL database for one benchmark run, dropped on close. */
export function benchPostgres(poolSize = 20): Promise<Database & { url: string }> {
  return openScratchPostgres(adminUrl, { prefix: 'opencsc_bench', poolSize });
}

export async function benchPglite(): Promise<Database> {
  const database = await openDatabase({});
  await runMigrations(database);
  return database;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function ms(n: number): string {
  return `${n.toFixed(n < 10 ? 2 : 0)} ms`;
}
