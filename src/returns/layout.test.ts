/**
 * The shape of src/returns, checked from its import statements: the validators, readers and
 * the upload page load no generator, seeder, comparison tool or test helper; test helpers
 * are named as such; no module imports itself round a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = normalize(join(dirname(fileURLToPath(import.meta.url)), '..'));
const RETURNS = join(SRC, 'returns');

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? modules(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\('([^']+)'\)|(?:^|\n)\s*import\s+'([^']+)'/g;

/** The modules a module imports: relative ones as paths, packages by name. */
function importsOf(file: string): { local: string[]; packages: string[] } {
  const local: string[] = [];
  const packages: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = (m[1] ?? m[2] ?? m[3])!;
    if (spec.startsWith('.')) local.push(normalize(join(dirname(file), spec.replace(/\.js$/, '.ts'))));
    else packages.push(spec);
  }
  return { local, packages };
}

/** Every module reachable from `entries` by static imports. */
function reachable(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length) {
    const file = todo.pop()!;
    if (seen.has(file) || !file.startsWith(SRC)) continue;
    seen.add(file);
    todo.push(...importsOf(file).local);
  }
  return seen;
}

const isTooling = (file: string) =>
  file.includes(`${join('returns', 'ssda903', 'tooling')}/`) || file.includes(`${join('returns', 'cin', 'tooling')}/`);
const isTest = (file: string) => file.endsWith('.test.ts');
const isTestKit = (file: string) => file.endsWith('.test-kit.ts');
const shown = (files: Iterable<string>) => [...files].map((f) => relative(SRC, f)).sort();

describe('the returns’ layout', () => {
  it('what users run loads no tooling and no test helper', () => {
    const loaded = reachable(
      [
        'returns/ssda903/index.ts',
        'returns/cin/index.ts',
        'returns/validate-upload-thread.ts',
        'returns/routes.ts',
        'cli/return-commands.ts',
      ].map((f) => join(SRC, f)),
    );
    expect(loaded.has(join(RETURNS, 'ssda903', 'validate.ts'))).toBe(true);
    expect(loaded.has(join(RETURNS, 'cin', 'validate.ts'))).toBe(true);
    expect(shown([...loaded].filter((f) => isTooling(f) || isTest(f) || isTestKit(f)))).toEqual([]);
  });

  it('only tooling and tests import the tooling', () => {
    const importers = modules(SRC).filter((f) => !isTooling(f) && !isTest(f) && importsOf(f).local.some(isTooling));
    expect(shown(importers)).toEqual([]);
  });

  it('a helper for tests is named as one', () => {
    const helpers = modules(RETURNS).filter((f) => !isTest(f) && importsOf(f).packages.includes('vitest'));
    expect(shown(helpers.filter((f) => !isTestKit(f)))).toEqual([]);
    expect(shown(helpers)).toContain('returns/ssda903/ssda903.test-kit.ts');
  });

  it('no module imports itself round a cycle', () => {
    const files = modules(RETURNS);
    const graph = new Map(files.map((f) => [f, importsOf(f).local.filter((t) => t.startsWith(RETURNS))]));
    const cycles: string[][] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      path.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push(shown(path.slice(path.indexOf(t))));
        else if (!state.has(t)) visit(t);
      }
      path.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
