import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Config } from '../core/config.js';
import { addUser, usernameTaken } from '../core/auth/users.js';
import { rows } from '../core/db/database.js';
import { parse } from '../core/http/forms.js';
import { newUserSchema } from '../workforce/users-admin.js';
import { openConfiguredDatabase } from './open.js';

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
}
