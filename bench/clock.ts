import { sql } from 'drizzle-orm';
import { computeObligations } from '../src/clock/index.js';
import { rows } from '../src/core/db/database.js';
import { buildDemoAuthority } from '../src/demo/build.js';
// the areas give the clock their facts as the list of areas loads
import '../src/areas.js';
import { factsForChildren } from '../src/obligations/sources.js';
import { loadClockContext, recomputeObligations } from '../src/obligations/recompute.js';
import { rebuildAllObligations } from '../src/obligations/rebuild.js';
import { benchPglite, benchPostgres, ms, percentile } from './postgres.js';

const SAMPLE = 300;

/**
 * The statutory clock on the demo authority: the pure engine for one child, one child's
 * recompute as a write does it (read facts, compute, replace the stored rows, in a
 * transaction), and the whole authority's rebuild; on PGlite and on PostgreSQL.
 */
export async function clockBench(): Promise<void> {
  for (const [name, open] of [
    ['PGlite', benchPglite],
    ['PostgreSQL', benchPostgres],
  ] as const) {
    const database = await open();
    await buildDemoAuthority(database.db, { seed: 2014 });
    const ids = (await rows<{ id: string }>(database.db, sql`select id from children order by id`)).map((r) => r.id);
    const step = Math.max(1, Math.floor(ids.length / SAMPLE));
    const sample = ids.filter((_, i) => i % step === 0).slice(0, SAMPLE);
    const context = await loadClockContext(database.db);

    const records = await factsForChildren(database.db, sample);
    const pure: number[] = [];
    for (const record of records) {
      const t = performance.now();
      computeObligations(record, context);
      pure.push(performance.now() - t);
    }
    pure.sort((a, b) => a - b);

    const timings: number[] = [];
    for (const id of sample) {
      const t = performance.now();
      await database.db.transaction((tx) => recomputeObligations(tx, [id]));
      timings.push(performance.now() - t);
    }
    timings.sort((a, b) => a - b);
    const facts = records.map((r) => r.facts.length).sort((a, b) => a - b);
    console.log(`${name}: ${ids.length} children; facts per sampled child median ${percentile(facts, 50)}, max ${facts.at(-1)}`);
    console.log(`  engine only, one child: median ${ms(percentile(pure, 50))}, p95 ${ms(percentile(pure, 95))}`);
    console.log(
      `  one child's recompute in a transaction: median ${ms(percentile(timings, 50))}, p95 ${ms(percentile(timings, 95))} (${sample.length} children)`,
    );

    const started = performance.now();
    const result = await rebuildAllObligations(database.db);
    console.log(
      `  whole authority rebuild: ${ms(performance.now() - started)} (${result.children} children, ${result.obligations} obligations)`,
    );
    await database.close();
  }
}
