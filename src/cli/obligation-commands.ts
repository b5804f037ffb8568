/** `opencsc obligations rebuild` and `check` (declared in main.ts, which loads this file when one runs). */
// the areas give the clock their facts as the list of areas loads
import '../areas.js';
import { loadConfig } from '../core/config.js';
import { rebuildNow } from '../obligations/rebuild-jobs.js';
import { checkObligations } from '../obligations/rebuild.js';
import { openConfiguredDatabase, progressBar } from './open.js';

export async function rebuildCommand(): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig());
  const started = Date.now();
  const job = await rebuildNow(database.db, { onProgress: progressBar('Rebuilding') });
  await database.close();
  const took = `${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (job.state === 'finished') {
    console.log(`Rebuilt ${job.obligations} obligations for ${job.childrenDone} children in ${took}`);
    return;
  }
  console.log(
    job.state === 'superseded'
      ? `A later change asked for its own recompute, which replaced this one (${took}); the local policy page shows how it went`
      : job.state === 'failed'
        ? `The recompute failed (${job.failure ?? 'unknown error'}) after ${job.childrenDone} children`
        : 'Another running service is recomputing obligations; it was left to finish',
  );
  process.exitCode = 1;
}

export async function checkCommand(): Promise<void> {
  const database = await openConfiguredDatabase(loadConfig());
  const result = await checkObligations(database.db, progressBar('Checking'));
  await database.close();
  if (result.differences.length === 0) {
    console.log(`All ${result.children} children agree with a fresh computation`);
    return;
  }
  for (const d of result.differences) {
    console.log(`${d.childId}: ${d.missing.length} missing, ${d.unexpected.length} unexpected, ${d.changed.length} changed`);
  }
  console.log(`${result.differences.length} of ${result.children} children differ`);
  process.exitCode = 1;
}
