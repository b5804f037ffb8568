import { describe, expect, it } from 'vitest';
import { BUSY, PasswordCheckLimit } from './password-checks.js';

describe('the bound on password checks', () => {
  it('runs at most the bound at once, queues a few and turns the rest away', async () => {
    const limit = new PasswordCheckLimit(2, 3);
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const check = () =>
      new Promise<string>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve('checked');
        });
      });
    const all = Array.from({ length: 8 }, () => limit.run(check));
    const settled = await Promise.all(
      all.map(async (p, i) => {
        // release each check as it starts, in turn
        while (releases.length === 0 && i < 5) await new Promise((r) => setTimeout(r, 1));
        releases.shift()?.();
        return p;
      }),
    );
    expect(settled.filter((r) => r === BUSY)).toHaveLength(3);
    expect(settled.filter((r) => r === 'checked')).toHaveLength(5);
    expect(most).toBe(2);
    expect(limit.peak).toBe(2);
    expect(limit.refused).toBe(3);
  });
});
