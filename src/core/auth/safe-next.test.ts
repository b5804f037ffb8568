import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.js';

describe('where to go after signing in', () => {
  it('keeps a path on this service', () => {
    expect(safeNext('/children/search?name=a')).toBe('/children/search?name=a');
  });
  it('refuses another site, a backslash, a space or a control character', () => {
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example', '/a b', '/a\u0000b', '/a\u001bb', '/a\u007fb', 42]) {
      expect(safeNext(next)).toBeNull();
    }
  });
});
