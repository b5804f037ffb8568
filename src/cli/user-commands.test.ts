import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, rows, runMigrations } from '../core/db/database.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));

function opencsc(dataDir: string, args: string[], input = '') {
  return spawnSync(process.execPath, ['bin/opencsc.js', 'users', ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

async function trail(dataDir: string) {
  const database = await openDatabase({ dataDir });
  try {
    return await rows<{ action: string; username: string; route: string; recordId: string; userId: string | null }>(
      database.db,
      sql`select a.action, a.username, a.route, a.record_id as "recordId", a.user_id as "userId"
            from audit_events a where a.route like 'opencsc users%' order by a.id`,
    );
  } finally {
    await database.close();
  }
}

describe('opencsc users', () => {
  it('audits each change it makes, naming the command line as the actor, and writes nothing when refused', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'opencsc-users-')), 'data');
    const database = await openDatabase({ dataDir });
    await runMigrations(database);
    await database.close();

    const refused = opencsc(dataDir, ['add', '--username', 'rosa', '--name', 'Rosa Example', '--role', 'wizard'], 'a-long-enough-password');
    expect(refused.status).toBe(70);
    expect(refused.stderr).toMatch(/--role: /);
    expect(await trail(dataDir)).toEqual([]);

    const added = opencsc(
      dataDir,
      ['add', '--username', 'rosa', '--name', 'Rosa Example', '--role', 'practitioner'],
      'a-long-enough-password',
    );
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added rosa (practitioner)');
    expect(opencsc(dataDir, ['reset-password', '--username', 'rosa'], 'another-long-password').status).toBe(0);
    expect(opencsc(dataDir, ['reset-password', '--username', 'rosa'], 'short').status).toBe(70);
    expect(opencsc(dataDir, ['disable', '--username', 'rosa']).status).toBe(0);
    expect(opencsc(dataDir, ['enable', '--username', 'rosa']).status).toBe(0);

    const rowsWritten = await trail(dataDir);
    expect(rowsWritten.map((r) => [r.action, r.route])).toEqual([
      ['ADD_USER', 'opencsc users add'],
      ['RESET_PASSWORD', 'opencsc users reset-password'],
      ['DISABLE_USER', 'opencsc users disable'],
      ['ENABLE_USER', 'opencsc users enable'],
    ]);
    expect(new Set(rowsWritten.map((r) => r.recordId)).size).toBe(1);
    for (const r of rowsWritten) {
      expect(r.userId).toBeNull();
      expect(r.username).toMatch(/^command line \(.+\)$/);
    }
  }, 120_000);
});
