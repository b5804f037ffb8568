import { describe, expect, it } from 'vitest';
import { BUSY, PasswordCheckLimit } from './password-checks.js';

describe('the bound on password checks', () => {
  it('runs at most the bound at once, queues a few and turns the rest away', async () => {
    const limit = new PasswordCheckLimit(2, 3);
    let running = 0;
    let most = 0;
    const finish: (() => void)[] = [];
    // a check that runs until the test lets it finish
    const check = () =>
      new Promise<string>((resolve) => {
        running++;
        most = Math.max(most, running);
        finish.push(() => {
          running--;
          resolve('checked');
        });
      });
    const results = Array.from({ length: 8 }, () => limit.run(check));
    // two running and three waiting: the other three are turned away at once
    expect(await Promise.all(results.slice(5))).toEqual([BUSY, BUSY, BUSY]);
    expect(running).toBe(2);
    while (finish.length > 0) {
      finish.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(await Promise.all(results.slice(0, 5))).toEqual(Array(5).fill('checked'));
    expect(most).toBe(2);
    expect(limit.peak).toBe(2);
    expect(limit.refused).toBe(3);
  });

  it('frees its place when a check fails', async () => {
    const limit = new PasswordCheckLimit(1, 0);
    await expect(limit.run(() => Promise.reject(new Error('broken hash')))).rejects.toThrow('broken hash');
    expect(await limit.run(async () => 'checked')).toBe('checked');
  });
});
