/** `opencsc users ...` (declared in main.ts, which loads this file when one runs). */
import os from 'node:os';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../core/audit/audit.js';
import { type Config, loadConfig } from '../core/config.js';
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
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * Who ran a command, for the audit trail: no one is signed in at the command line, so the
 * trail names the operating-system account that ran it.
 */
export function commandLineActor(): string {
  let account = process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  try {
    account = os.userInfo().username;
  } catch {
    // no passwd entry for this uid (a container): the environment's name stands
  }
  return `command line (${account})`;
}

/** The trail's row for a change made by `opencsc users <command>`, written in the change's transaction. */
function audit(db: Db, command: string, action: string, userId: string): Promise<void> {
  return recordAudit(db, { userId: null, username: commandLineActor(), action, route: `opencsc users ${command}`, recordId: userId });
}

export async function addUserCommand(opts: { username: string; name: string; role: string; team?: string }): Promise<void> {
  const password = process.stdin.isTTY ? '' : await readStdin();
  const database = await openConfiguredDatabase(loadConfig());
  try {
    let teamId: string | undefined;
    if (opts.team) {
      const [team] = await rows<{ id: string }>(database.db, sql`select id from teams where lower(name) = ${opts.team.toLowerCase()}`);
      if (!team) throw new Error(`--team: no team called "${opts.team}"`);
      teamId = team.id;
    }
    const parsed = parse(newUserSchema, { username: opts.username, displayName: opts.name, role: opts.role, teamId, password });
    if (!parsed.ok) {
      throw new Error(
        parsed.errors.map((e) => `${e.field === 'password' ? 'password (standard input)' : `--${e.field}`}: ${e.message}`).join('; '),
      );
    }
    if (await usernameTaken(database.db, parsed.value.username)) throw new Error(`--username: ${parsed.value.username} is already taken`);
    const value = parsed.value;
    await database.db.transaction(async (tx) => {
      const id = await addUser(tx, { ...value, teamId: value.teamId ?? null });
      await audit(tx, 'add', 'ADD_USER', id);
    });
    console.log(`Added ${parsed.value.username} (${parsed.value.role})`);
  } finally {
    await database.close();
  }
}

export async function resetPasswordCommand(opts: { username: string }): Promise<void> {
  const password = process.stdin.isTTY ? '' : await readStdin();
  await withUser(loadConfig(), opts.username, async (db, user) => {
    const parsed = parse(passwordResetSchema, { password, version: user.version });
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => `password (standard input): ${e.message}`).join('; '));
    const newPassword = parsed.value.password;
    report(
      await db.transaction(async (tx) => {
        const result = await resetPassword(tx, user.id, newPassword, user.version, new Date());
        if (result?.ok) await audit(tx, 'reset-password', 'RESET_PASSWORD', user.id);
        return result;
      }),
      `New password set for ${user.username}; signed out everywhere`,
    );
  });
}

export async function setDisabledCommand(opts: { username: string }, disabled: boolean): Promise<void> {
  await withUser(loadConfig(), opts.username, async (db, user) => {
    // no administrator is signed in here: nobody is "themselves", but the last administrator stays
    const result = await db.transaction(async (tx) => {
      const changed = await setUserDisabled(tx, user.id, disabled, user.version, {
        userId: '00000000-0000-0000-0000-000000000000',
        now: new Date(),
      });
      if (changed?.ok) await audit(tx, disabled ? 'disable' : 'enable', disabled ? 'DISABLE_USER' : 'ENABLE_USER', user.id);
      return changed;
    });
    report(result, `${user.username} ${disabled ? 'disabled and signed out everywhere' : 'enabled'}`);
  });
}

async function withUser(config: Config, username: string, act: (db: Db, user: UserDetails) => Promise<void>): Promise<void> {
  const database = await openConfiguredDatabase(config);
  try {
    const [found] = await rows<{ id: string }>(
      database.db,
      sql`select id from users where lower(username) = ${username.trim().toLowerCase()}`,
    );
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
