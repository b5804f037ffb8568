import { describe, expect, it } from 'vitest';
import { lockedUntil, minutesUntil } from './throttle.js';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 2, 9, minute));
const FIFTEEN = 15 * 60_000;

describe('sign-in lockout', () => {
  it('locks for the period after the failure that makes the limit within the period', () => {
    expect(lockedUntil([at(0), at(1), at(2), at(3)], 5, FIFTEEN)).toBeNull();
    expect(lockedUntil([at(0), at(1), at(2), at(3), at(4)], 5, FIFTEEN)).toEqual(at(19));
  });

  it('does not lock for failures spread wider than the period', () => {
    expect(lockedUntil([at(0), at(5), at(10), at(15), at(21)], 5, FIFTEEN)).toBeNull();
  });

  it('says how long is left, rounded up to a whole minute', () => {
    expect(minutesUntil(at(19), new Date(at(4).getTime() + 30_000))).toBe('15 minutes');
    expect(minutesUntil(at(19), new Date(at(18).getTime() + 59_000))).toBe('1 minute');
  });
});
