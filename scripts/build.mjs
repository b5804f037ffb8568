// Compiles src/ to JavaScript in dist/, which bin/opencsc.js runs: `npm ci` runs this (the
// package's `prepare` script), and so does `npm test` first. Type checking is `npm run
// typecheck`'s job, so the install needs no type declarations and stays quick.
// dist/ mirrors src/ folder for folder, with every file that is not TypeScript (templates,
// DfE's rule tables, schemas, the upload worker's starter) copied beside the code that
// reads it, so a path found from `import.meta.url` means the same in both.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Built beside dist/ and swapped in at the end, so a failed build leaves the last good one.
const next = join(root, `dist.building-${process.pid}`);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

rmSync(next, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', next], { stdio: 'inherit' });
  cpSync(join(root, 'src'), next, { recursive: true, filter: (from) => !from.endsWith('.ts') });
  if (existsSync(dist)) rmSync(dist, { recursive: true, force: true });
  renameSync(next, dist);
} catch (error) {
  rmSync(next, { recursive: true, force: true });
  console.error(`The build failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
