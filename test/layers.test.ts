import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

// The lint rules that keep the layers of docs/ARCHITECTURE.md, run through ESLint's own API
// on fixture files placed where a real module would be.
const root = fileURLToPath(new URL('..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function problems(code: string, file: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.map((m) => ({ rule: m.ruleId, message: m.message }));
}

const boundary = (found: { rule: string | null }[]) => found.filter((p) => p.rule === 'import-x/no-restricted-paths');

describe('the layers, as the lint step checks them', () => {
  it('refuses a core module that imports an area', async () => {
    const found = await problems(
      `import { childAccess } from '../../children/access.js';\nexport const rule = childAccess;\n`,
      'src/core/http/fixture-layers.ts',
    );
    expect(boundary(found)).toEqual([
      expect.objectContaining({ message: expect.stringContaining('src/core may not import src/children') }),
    ]);
  });

  it('refuses a core module that imports the composition root, and a lower area that imports a higher one', async () => {
    expect(
      boundary(await problems(`import { areas } from '../areas.js';\nexport const all = areas;\n`, 'src/core/fixture-layers.ts')),
    ).toHaveLength(1);
    expect(
      boundary(
        await problems(
          `import { childRecord } from '../children/queries.js';\nexport const r = childRecord;\n`,
          'src/workforce/fixture-layers.ts',
        ),
      ),
    ).toHaveLength(1);
    expect(
      boundary(
        await problems(
          `import { oversightRoutes } from '../oversight/routes.js';\nexport const r = oversightRoutes;\n`,
          'src/assessment/fixture-layers.ts',
        ),
      ),
    ).toHaveLength(1);
  });

  it('refuses an area that reaches past the clock’s index, and lets it use the index', async () => {
    const past = await problems(
      `import { contactDecision } from '../clock/rules/front-door.js';\nexport const id = contactDecision.id;\n`,
      'src/front-door/fixture-layers.ts',
    );
    expect(boundary(past)).toEqual([expect.objectContaining({ message: expect.stringContaining('src/clock/index.ts') })]);
    const through = await problems(
      `import { contactDecision } from '../clock/index.js';\nexport const id = contactDecision.id;\n`,
      'src/front-door/fixture-layers.ts',
    );
    expect(through).toEqual([]);
  });

  it('lets an area import the layers below it, and link to any area’s pages through its paths', async () => {
    const code = `import { childSummary } from '../core/record/summary.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { currentAllocations } from '../workforce/queries.js';
import { childAccess } from '../children/access.js';
import { oversightPaths } from '../oversight/paths.js';
export const used = [childSummary, recomputeObligations, currentAllocations, childAccess, oversightPaths];
`;
    expect(await problems(code, 'src/front-door/fixture-layers.ts')).toEqual([]);
  });

  describe('and a cycle', () => {
    const dir = path.join(root, 'test', `.fixture-cycle-${process.pid}`);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is refused, in each module of it', async () => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, 'a.ts'), `import { b } from './b.js';\nexport const a = (): unknown => b;\n`);
      writeFileSync(path.join(dir, 'b.ts'), `import { a } from './a.js';\nexport const b = (): unknown => a;\n`);
      const results = await eslint.lintFiles([path.join(dir, 'a.ts'), path.join(dir, 'b.ts')]);
      expect(results.map((r) => r.messages.map((m) => m.ruleId))).toEqual([['import-x/no-cycle'], ['import-x/no-cycle']]);
    });
  });
});
