import { describe, expect, it } from 'vitest';
import { sessionState, type StoredSession } from './sessions.js';

const policy = { lifetimeMs: 12 * 3_600_000, idleMs: 60 * 60_000 };
const signedIn = new Date('2026-03-02T09:00:00Z');
const session = (over: Partial<StoredSession> = {}): StoredSession => ({
  id: 's',
  lastSeenAt: signedIn,
  expiresAt: new Date(signedIn.getTime() + policy.lifetimeMs),
  endedAt: null,
  endedReason: null,
  userDisabled: false,
  ...over,
});
const after = (ms: number, from = signedIn) => new Date(from.getTime() + ms);

describe('whether a session still lets its holder in', () => {
  it('touches last seen only when it is a minute old', () => {
    expect(sessionState(session(), after(59_000), policy)).toEqual({ live: true, touch: false });
    expect(sessionState(session(), after(60_000), policy)).toEqual({ live: true, touch: true });
  });

  it('ends after the idle timeout, and at the absolute expiry however recently seen', () => {
    expect(sessionState(session(), after(60 * 60_000), policy)).toEqual({ live: false, reason: 'idle', end: true });
    const busy = session({ lastSeenAt: after(12 * 3_600_000 - 1000) });
    expect(sessionState(busy, after(12 * 3_600_000), policy)).toEqual({ live: false, reason: 'expired', end: true });
  });

  it('stays ended, for the reason it ended, and ends for a disabled user', () => {
    expect(sessionState(session({ endedAt: signedIn, endedReason: 'signed_out' }), signedIn, policy)).toEqual({
      live: false,
      reason: 'signed_out',
      end: false,
    });
    expect(sessionState(session({ userDisabled: true }), signedIn, policy)).toEqual({ live: false, reason: 'disabled', end: true });
  });
});
