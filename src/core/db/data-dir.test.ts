import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../config.js';
import { checkDataDir, DATA_DIR_LOCK, openDatabase, runMigrations } from './database.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function scratch(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'opencsc-data-'));
  chmodSync(dir, 0o755); // readable by others, as a shared machine's folders often are
  return dir;
}

/** Every path under dir whose permissions let anyone but the owner in. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (p: string) => {
    const st = statSync(p);
    if ((st.mode & 0o077) !== 0) found.push(`${(st.mode & 0o777).toString(8)} ${path.relative(dir, p) || '.'}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) visit(path.join(p, name));
  };
  visit(dir);
  return found;
}

describe('the embedded database folder', () => {
  it('is private to the service user, and so is every file PGlite makes in it', async () => {
    const dataDir = path.join(scratch(), 'data');
    const database = await openDatabase({ dataDir });
    await runMigrations(database);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(openToOthers(dataDir)).toEqual([]);
    await database.close();
    expect(openToOthers(dataDir)).toEqual([]);
  });

  it('an existing folder open to others is made private when the database opens', async () => {
    const dataDir = path.join(scratch(), 'data');
    mkdirSync(dataDir, { mode: 0o777 });
    chmodSync(dataDir, 0o777);
    const database = await openDatabase({ dataDir });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    await database.close();
  });

  it('a file where the folder should be is named as the problem', () => {
    const file = path.join(scratch(), 'data');
    writeFileSync(file, 'not a folder');
    expect(() => checkDataDir(file)).toThrow(ConfigError);
    expect(() => checkDataDir(file)).toThrow(`DATA_DIR: ${file} is not a folder`);
    expect(() => checkDataDir(path.join(file, 'inside'))).toThrow(
      `DATA_DIR: ${path.join(file, 'inside')} does not exist and cannot be created (a part of the path is a file, not a folder)`,
    );
  });

  it('a folder the service cannot write stops the start with a message naming it, not "PGlite failed to initialize"', () => {
    const dataDir = path.join(scratch(), 'read-only');
    mkdirSync(dataDir);
    // root can write anywhere, so as root the service is started as an unprivileged user
    const asRoot = process.getuid?.() === 0;
    chmodSync(dataDir, asRoot ? 0o755 : 0o500);
    const result = spawnSync(process.execPath, ['bin/opencsc.js', 'migrate'], {
      cwd: repo,
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), NODE_ENV: 'development', DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 60_000,
      ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    expect(result.stderr).toContain(`DATA_DIR: ${dataDir} cannot be written (permission denied)`);
    expect(result.stderr).not.toContain('PGlite');
    expect(result.status).toBe(78);
  });

  it('is opened by one process at a time: a command run beside a live holder is refused, a crashed holder’s lock is taken', async () => {
    const dataDir = path.join(scratch(), 'data');
    const lock = path.join(dataDir, DATA_DIR_LOCK);
    await (await openDatabase({ dataDir })).close();
    expect(existsSync(lock)).toBe(false);

    // another Node process holds the folder, as the running service would
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      writeFileSync(lock, `${holder.pid}\n`);
      await expect(openDatabase({ dataDir })).rejects.toThrow(ConfigError);
      await expect(openDatabase({ dataDir })).rejects.toThrow(
        `DATA_DIR: ${dataDir} is in use by another OpenCSC process (pid ${holder.pid})`,
      );
      const command = spawnSync(process.execPath, ['bin/opencsc.js', 'audit', 'verify'], {
        cwd: repo,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(command.stderr).toContain('is in use by another OpenCSC process');
      expect(command.status).toBe(78);
    } finally {
      holder.kill();
    }

    // a holder that has gone (killed, crashed) leaves a lock the next process takes over
    const gone = spawnSync(process.execPath, ['-e', 'console.log(process.pid)'], { encoding: 'utf8' });
    writeFileSync(lock, gone.stdout);
    const database = await openDatabase({ dataDir });
    expect(statSync(lock).isFile()).toBe(true);
    await database.close();
    expect(existsSync(lock)).toBe(false);
  });
});
