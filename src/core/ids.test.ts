import { describe, expect, it } from 'vitest';
import { isUuid } from './ids.js';

describe('ids from a URL or a form', () => {
  it('takes a uuid in either case', () => {
    expect(isUuid('7cb09d82-7c63-41a4-9bc6-0bbd1b9ca40d')).toBe(true);
    expect(isUuid('7CB09D82-7C63-41A4-9BC6-0BBD1B9CA40D')).toBe(true);
  });
  it('refuses 36 characters that PostgreSQL would not read as a uuid', () => {
    for (const id of ['-'.repeat(36), 'a'.repeat(36), '7cb09d827c6341a49bc60bbd1b9ca40d----', '', null, undefined])
      expect(isUuid(id)).toBe(false);
  });
});
