import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Config } from '../core/config.js';
import { addUser, usernameTaken } from '../core/auth/users.js';
import { type Db, rows } from '../core/db/database.js';
import { parse } from '../core/http/forms.js';
import { newUserSchema, passwordResetSchema, resetPassword, setUserDisabled } from '../workforce/use-cases.js';
import { userDetails, type UserDetails } from '../workforce/queries.js';
import { openConfiguredDatabase } from './open.js';
import type { AdminResult } from '../workforce/use-cases.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export function registerUserCommands(program: Command, config: () => Config): void {
  const users = program.command('users').description('Manage who can sign in');
  users
    .command('add')
    .description('Add a user; the password is read from standard input')
    .requiredOption('--username <name>', 'sign-in name')
    .requiredOption('--name <full name>', 'full name shown in the service')
    .requiredOption('--role <role>', 'practitioner, team_manager, service_manager or administrator')
    .option('--team <team name>', 'team the user belongs to')
    .action(async (opts: { username: string; name: string; role: string; team?: string }) => {
      const password = process.stdin.isTTY ? '' : await readStdin();
      const database = await openConfiguredDatabase(config());
      try {
        let teamId: string | undefined;
        if (opts.team) {
          const [team] = await rows<{ id: string }>(database.db, sql`select id from teams where lower(name) = ${opts.team.toLowerCase()}`);
          if (!team) throw new Error(`--team: no team called "${opts.team}"`);
          teamId = team.id;
        }
        const parsed = parse(newUserSchema, { username: opts.username, displayName: opts.name, role: opts.role, teamId, password });
        if (!parsed.ok) {
          throw new Error(parsed.errors.map((e) => `${e.field === 'password' ? 'password (standard input)' : `--${e.field}`}: ${e.message}`).join('; '));
        }
        if (await usernameTaken(database.db, parsed.value.username)) throw new Error(`--username: ${parsed.value.username} is already taken`);
        await addUser(database.db, { ...parsed.value, teamId: parsed.value.teamId ?? null });
        console.log(`Added ${parsed.value.username} (${parsed.value.role})`);
      } finally {
        await database.close();
      }
    });

  users
    .command('reset-password')
    .description('Set a new password, read from standard input, and sign the user out everywhere')
    .requiredOption('--username <name>', 'sign-in name')
    .action(async (opts: { username: string }) => {
      const password = process.stdin.isTTY ? '' : await readStdin();
      await withUser(config(), opts.username, async (db, user) => {
        const parsed = parse(passwordResetSchema, { password, version: user.version });
        if (!parsed.ok) throw new Error(parsed.errors.map((e) => `password (standard input): ${e.message}`).join('; '));
        report(await resetPassword(db, user.id, parsed.value.password, user.version, new Date()), `New password set for ${user.username}; signed out everywhere`);
      });
    });
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    users
      .command(name)
      .description(disabled ? 'Stop a user signing in, and sign them out everywhere' : 'Let a disabled user sign in again')
      .requiredOption('--username <name>', 'sign-in name')
      .action(async (opts: { username: string }) => {
        await withUser(config(), opts.username, async (db, user) => {
          // no administrator is signed in here: nobody is "themselves", but the last administrator stays
          const result = await setUserDisabled(db, user.id, disabled, user.version, { userId: '00000000-0000-0000-0000-000000000000', now: new Date() });
          report(result, `${user.username} ${disabled ? 'disabled and signed out everywhere' : 'enabled'}`);
        });
      });
  }
}

async function withUser(config: Config, username: string, act: (db: Db, user: UserDetails) => Promise<void>): Promise<void> {
  const database = await openConfiguredDatabase(config);
  try {
    const [found] = await rows<{ id: string }>(database.db, sql`select id from users where lower(username) = ${username.trim().toLowerCase()}`);
    const user = found ? await userDetails(database.db, found.id) : null;
    if (!user) throw new Error(`--username: no user called "${username}"`);
    await act(database.db, user);
  } finally {
    await database.close();
  }
}

function report(result: AdminResult | null, done: string): void {
  if (result === null) throw new Error('--username: the user no longer exists');
  if (!result.ok) throw new Error(result.stale ? 'the user was changed at the same moment: run the command again' : result.error.message);
  console.log(done);
}
