import type { Command } from 'commander';
// the areas give the clock their facts as the list of areas loads
import '../areas.js';
import type { Config } from '../core/config.js';
import { rebuildNow } from '../obligations/rebuild-jobs.js';
import { checkObligations } from '../obligations/rebuild.js';
import { openConfiguredDatabase, progressBar } from './open.js';

export function registerObligationCommands(program: Command, config: () => Config): void {
  const obligations = program.command('obligations').description("The statutory clock's stored obligations");
  obligations
    .command('rebuild')
    .description('Recompute every child’s obligations from the record, taking over any recompute left unfinished')
    .action(async () => {
      const database = await openConfiguredDatabase(config());
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
    });
  obligations
    .command('check')
    .description('Report children whose stored obligations differ from a fresh computation (exit 1 if any)')
    .action(async () => {
      const database = await openConfiguredDatabase(config());
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
    });
}
