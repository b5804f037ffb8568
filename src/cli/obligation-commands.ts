import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import { checkObligations, rebuildAllObligations } from '../obligations/rebuild.js';
import { openConfiguredDatabase, progressBar } from './open.js';

export function registerObligationCommands(program: Command, config: () => Config): void {
  const obligations = program.command('obligations').description("The statutory clock's stored obligations");
  obligations
    .command('rebuild')
    .description('Recompute every child’s obligations from the record')
    .action(async () => {
      const database = await openConfiguredDatabase(config());
      const started = Date.now();
      const result = await rebuildAllObligations(database.db, progressBar('Rebuilding'));
      console.log(`Rebuilt ${result.obligations} obligations for ${result.children} children in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      await database.close();
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
