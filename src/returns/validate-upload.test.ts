import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Progress, validateUpload } from './validate-upload.js';
import { generate903 } from './ssda903/tooling/generate.js';
import { tableToCsv } from './ssda903/write.js';

describe('validating an uploaded 903 return', () => {
  it("says on the run's page when no Header file was uploaded", () => {
    const dir = mkdtempSync(join(tmpdir(), 'opencsc-upload-'));
    const tables = generate903({ children: 10, year: 2025, seed: 3 }).current;
    const current = Object.values(tables)
      .filter((t) => t.name !== 'Header')
      .map((t) => {
        const path = join(dir, `${t.name}.csv`);
        writeFileSync(path, tableToCsv(t));
        return { name: `${t.name}.csv`, path };
      });
    const reports: Progress[] = [];
    validateUpload({ kind: 'ssda903', current, previous: [], year: 2025 }, (p) => reports.push(p));
    const started = reports.find((p) => p.kind === 'started');
    expect(started?.kind === 'started' && started.messages).toContainEqual(
      expect.stringMatching(/^\(return\): no Header file: none of the files has the Header table's columns/),
    );
  });
});
