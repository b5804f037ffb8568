import type { Command } from 'commander';
import type { Config } from '../core/config.js';
import { verifyAuditChain } from '../core/audit/verify.js';
import { openConfiguredDatabase } from './open.js';

export function registerAuditCommands(program: Command, config: () => Config): void {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description('Check that no audit row has been changed or removed since it was written (exit 1 if one has)')
    .action(async () => {
      const database = await openConfiguredDatabase(config());
      const result = await verifyAuditChain(database.db);
      await database.close();
      if (!result.broken) {
        console.log(`The audit trail is intact: ${result.rows} rows, each chained to the one before`);
        return;
      }
      const b = result.broken;
      console.log(
        `The audit trail is broken at row ${b.id} (${b.action}, ${b.at}): its hash does not follow from the row before it, so this row or the one before it was changed or removed. ${result.rows} rows before it are intact.`,
      );
      process.exitCode = 1;
    });
}
