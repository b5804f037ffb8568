import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../test/support/service.js';

const repo = fileURLToPath(new URL('..', import.meta.url));

/** CPU seconds a process has used (user and system), from /proc where there is one. */
function cpuSeconds(pid: number): number | null {
  try {
    // the fields after the command's name, which is in parentheses and may hold spaces
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export interface ServiceProcess {
  base: string;
  /** CPU seconds the service has used so far, or null where /proc does not say. */
  cpu(): number | null;
  stop(): Promise<void>;
}

/** `npm start`'s own command, read from package.json, run with this Node. */
function startArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(' ');
  if (node !== 'node') throw new Error(`npm start does not run node: ${scripts.start}`);
  return args;
}

/**
 * The built service as people run it (`npm start`'s command), in a process of its own, on a
 * database that already holds the demo authority: the benchmark's own work (building the
 * demo, generating load) shares neither its event loop nor its heap.
 */
export async function startServiceProcess(databaseUrl: string): Promise<ServiceProcess> {
  if (!existsSync(join(repo, 'dist/cli/main.js'))) throw new Error('the service is not built: run `npm run build` first');
  const dataDir = mkdtempSync(join(tmpdir(), 'opencsc-bench-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, startArguments(), {
    cwd: repo,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(port), DATA_DIR: dataDir, AUTHORITY_NAME: 'Demo Council' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the service did not start in 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      // the request log goes on being read (and dropped) so the service never waits on a full pipe
      if (output.length < 10_000) output += chunk.toString();
      if (output.includes('OpenCSC is running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (output.length < 10_000) output += chunk.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the service stopped (exit ${code}) before it was ready:\n${output}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`,
    cpu: () => cpuSeconds(child.pid!),
    async stop() {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
