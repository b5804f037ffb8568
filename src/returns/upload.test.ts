import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareUploadsFolder, uploadsFolder } from './upload.js';

describe('the uploads folder', () => {
  it('is private, and loses what stopped processes left, keeping running ones’ uploads', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'opencsc-uploads-'));
    const root = uploadsFolder(dataDir);
    mkdirSync(root, { mode: 0o755 });
    // Above any pid the system hands out: a process that is not running.
    for (const name of ['99999999-left', `${process.ppid}-running`, 'stray']) {
      mkdirSync(join(root, name));
      writeFileSync(join(root, name, '1'), 'Episodes');
    }
    await prepareUploadsFolder(dataDir);
    expect(readdirSync(root)).toEqual([`${process.ppid}-running`]);
    expect(statSync(root).mode & 0o777).toBe(0o700);
  });
});
