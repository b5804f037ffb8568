#!/usr/bin/env node
// Runs the compiled JavaScript in dist/, built from src/ by `npm ci` (the prepare script) or
// `npm run build`: nothing is compiled when a command runs.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('OpenCSC is not built: run `npm ci` (or `npm run build` after changing the sources).');
  process.exit(70);
}
await import(main.href);
