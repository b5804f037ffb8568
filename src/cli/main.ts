import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../core/config.js';
import { registerServiceCommands } from './service-commands.js';
import { registerUserCommands } from './user-commands.js';
import { registerObligationCommands } from './obligation-commands.js';
import { registerReturnCommands } from './return-commands.js';
import { registerAuditCommands } from './audit-commands.js';

const program = new Command()
  .name('opencsc')
  .description("OpenCSC: case management and oversight for children's social care")
  .showHelpAfterError()
  .exitOverride();

const config = () => loadConfig();
registerServiceCommands(program, config);
registerUserCommands(program, config);
registerObligationCommands(program, config);
registerReturnCommands(program);
registerAuditCommands(program, config);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  // 1 is taken by `validate` (the return has findings): anything unexpected is 70 (EX_SOFTWARE)
  console.error(error instanceof Error ? `opencsc: ${error.message}` : error);
  process.exit(70);
}
