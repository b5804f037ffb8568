import { describe, expect, it } from 'vitest';
import { outsideRange } from '../clock/index.js';
import { oversightSettings } from './settings.js';

describe('oversight’s local settings', () => {
  // as the clock's own number settings do (src/clock/policy.test.ts)
  it('gives every number setting a range, with its reason, that holds its default', () => {
    for (const s of oversightSettings.filter((s) => typeof s.default === 'number')) {
      expect(s.range, s.key).toBeDefined();
      expect(s.range!.why.length, s.key).toBeGreaterThan(20);
      expect(outsideRange(s, s.default), s.key).toBeNull();
    }
  });
});
