import { describe, expect, it } from 'vitest';
import { mayUseAccount } from './external-identity.js';
import { claimValue } from './oidc.js';

describe('the claim that names an OpenCSC user', () => {
  it('is the configured claim, trimmed, when it is a non-empty string', () => {
    expect(claimValue({ preferred_username: ' ana ' }, 'preferred_username')).toBe('ana');
    expect(claimValue({ preferred_username: '' }, 'preferred_username')).toBeNull();
    expect(claimValue({ preferred_username: ['ana'] }, 'preferred_username')).toBeNull();
    expect(claimValue({}, 'preferred_username')).toBeNull();
  });

  it('is not an email address the provider says it has not verified', () => {
    expect(claimValue({ email: 'ana@northtown.example', email_verified: false }, 'email')).toBeNull();
    expect(claimValue({ email: 'ana@northtown.example', email_verified: true }, 'email')).toBe('ana@northtown.example');
    // many providers leave email_verified out for the addresses they issue themselves
    expect(claimValue({ email: 'ana@northtown.example' }, 'email')).toBe('ana@northtown.example');
  });
});

describe('whether a user found for a person may sign in', () => {
  it('refuses a turned-off user, and a demo user in production', () => {
    expect(mayUseAccount({ id: 'u', disabled: false, demo: false }, { production: true })).toBe('ok');
    expect(mayUseAccount({ id: 'u', disabled: true, demo: false }, { production: false })).toBe('disabled');
    expect(mayUseAccount({ id: 'u', disabled: false, demo: true }, { production: true })).toBe('demo_refused');
    expect(mayUseAccount({ id: 'u', disabled: false, demo: true }, { production: false })).toBe('ok');
  });
});
