/**
 * The `opencsc` command line: every command, its options and its help, in one place.
 *
 * Each command's code is loaded only when that command runs (the `import()` in its
 * action), so the help, and every command, starts without loading the others: the web
 * stack, the database drivers or DfE's rules. Keep this file's own imports to commander.
 */
import { Command, CommanderError, Option } from 'commander';

const program = new Command()
  .name('opencsc')
  .description("OpenCSC: case management and oversight for children's social care")
  .showHelpAfterError()
  .exitOverride();

// ---------------------------------------------------------------------------
// The service

program
  .command('serve')
  .description('Start the service on the configured database')
  .action(async () => (await import('./service-commands.js')).serveCommand());

program
  .command('demo')
  .description('Create the synthetic demo authority in an empty database, then start the service')
  .option('--seed <n>', 'seed for the synthetic data', '2014')
  .option('--no-serve', 'build the demo authority and exit')
  .action(async (opts: { seed: string; serve: boolean }) => (await import('./service-commands.js')).demoCommand(opts));

program
  .command('start')
  .description('What `npm start` runs: the demo on an empty database, otherwise serve')
  .action(async () => (await import('./service-commands.js')).startCommand());

program
  .command('migrate')
  .description('Bring the database schema up to date, then exit')
  .action(async () => (await import('./service-commands.js')).migrateCommand());

// ---------------------------------------------------------------------------
// Users

const users = program.command('users').description('Manage who can sign in');
users
  .command('add')
  .description('Add a user; the password is read from standard input')
  .requiredOption('--username <name>', 'sign-in name')
  .requiredOption('--name <full name>', 'full name shown in the service')
  .requiredOption('--role <role>', 'practitioner, team_manager, service_manager or administrator')
  .option('--team <team name>', 'team the user belongs to')
  .action(async (opts: { username: string; name: string; role: string; team?: string }) =>
    (await import('./user-commands.js')).addUserCommand(opts),
  );
users
  .command('reset-password')
  .description('Set a new password, read from standard input, and sign the user out everywhere')
  .requiredOption('--username <name>', 'sign-in name')
  .action(async (opts: { username: string }) => (await import('./user-commands.js')).resetPasswordCommand(opts));
for (const [name, disabled] of [
  ['disable', true],
  ['enable', false],
] as const) {
  users
    .command(name)
    .description(disabled ? 'Stop a user signing in, and sign them out everywhere' : 'Let a disabled user sign in again')
    .requiredOption('--username <name>', 'sign-in name')
    .action(async (opts: { username: string }) => (await import('./user-commands.js')).setDisabledCommand(opts, disabled));
}

// ---------------------------------------------------------------------------
// The statutory clock

const obligations = program.command('obligations').description("The statutory clock's stored obligations");
obligations
  .command('rebuild')
  .description('Recompute every child’s obligations from the record, taking over any recompute left unfinished')
  .action(async () => (await import('./obligation-commands.js')).rebuildCommand());
obligations
  .command('check')
  .description('Report children whose stored obligations differ from a fresh computation (exit 1 if any)')
  .action(async () => (await import('./obligation-commands.js')).checkCommand());

// ---------------------------------------------------------------------------
// Statutory returns

const validate = program
  .command('validate')
  .description('Validate a statutory return with every DfE rule for its collection year (exit 0 valid, 1 findings, 2 unreadable)');
const out = () => new Option('--out <file>', 'write every finding to this file (.csv or .json)');
const format = () => new Option('--format <csv|json>', 'format of --out (default from its extension)');

validate
  .command('903')
  .description('SSDA903 (children looked after): a folder of CSV files, or the files')
  .argument('<paths...>', 'this year’s CSV files or folders')
  .option('--previous <paths...>', 'last year’s CSV files or folders, for the rules that compare years')
  .option('--year <YYYY>', 'the year the collection ends (2026 for 2025/26); read from the files when not given')
  .option('--la <code>', 'ONS code of the authority making the return, e.g. E08000003')
  .option('--postcodes <file>', 'postcode directory CSV (ONS Postcode Directory, or postcode,la_code,easting,northing)')
  .option(
    '--providers <file>',
    "Ofsted's combined providers list (.xlsx, or saved as CSV), or a CSV of urn,place_types,provider_codes,postcode,la_code,registered,closed",
  )
  .option('--rules <codes...>', 'only these rule codes')
  .addOption(out())
  .addOption(format())
  .action(async (paths: string[], opts) => (await import('./return-commands.js')).validate903Command(paths, opts));

validate
  .command('cin')
  .description('Children in need census: the XML message')
  .argument('<file>', 'the CIN census XML file')
  .option('--year <YYYY>', 'the year the collection ends (2026 for 2025/26); read from the header when not given')
  .option('--rules <codes...>', 'only these rule codes')
  .addOption(out())
  .addOption(format())
  .action(async (file: string, opts) => (await import('./return-commands.js')).validateCinCommand(file, opts));

const returns = program.command('returns').description('Statutory returns made from the record');
const build = returns
  .command('build')
  .description('Build a statutory return from the record on the configured database (DATA_DIR or DATABASE_URL)');
build
  .command('cin')
  .description(
    'Children in need census: write the XML for a collection year, check it against DfE’s schema for the year, validate it with every CIN rule and print the findings by rule (exit 0 written and within the schema, findings or not; 1 outside the schema, still written; 2 bad arguments)',
  )
  .option('--year <YYYY>', 'required: the year the collection ends (2026 for 2025/26)')
  .option('--out <file>', 'required: the XML file to write')
  .option('--la <nnn>', 'the authority’s three-digit DfE LA number, for the header’s Source')
  .action(async (opts: { year?: string; out?: string; la?: string }) => (await import('./return-commands.js')).buildCinCommand(opts));
build
  .command('903')
  .description(
    'SSDA903 (children looked after): write DfE’s CSV files for a collection year into a folder, and the year before’s from the same record, validate the year with every SSDA903 rule and print the findings by rule, and the tables not built from the record yet (exit 0 written and within the year’s columns, findings or not; 1 a cell outside the year’s columns, still written; 2 bad arguments)',
  )
  .option('--year <YYYY>', 'required: the year the collection ends (2026 for 2025/26)')
  .option('--out <dir>', 'required: the folder to write the CSV files into')
  .option('--previous-out <dir>', 'a folder for the year before’s CSV files, built from the same record')
  .option(
    '--la <code>',
    'ONS code of the authority making the return, e.g. E08000003, for the rules that need it (AUTHORITY_CODE when not given)',
  )
  .option('--postcodes <file>', 'postcode directory CSV, for the rules on where placements are')
  .option('--providers <file>', "Ofsted's providers list, for the rules on URNs")
  .action(async (opts) => (await import('./return-commands.js')).build903Command(opts));

// ---------------------------------------------------------------------------
// The audit trail

program
  .command('audit')
  .description('The audit trail')
  .command('verify')
  .description('Check that no audit row has been changed or removed since it was written (exit 1 if one has)')
  .action(async () => (await import('./audit-commands.js')).verifyCommand());

// ---------------------------------------------------------------------------

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof Error && error.name === 'ConfigError') {
    console.error(error.message);
    process.exit(78);
  }
  // 1 is taken by `validate` (the return has findings): anything unexpected is 70 (EX_SOFTWARE)
  console.error(error instanceof Error ? `opencsc: ${error.message}` : error);
  process.exit(70);
}
