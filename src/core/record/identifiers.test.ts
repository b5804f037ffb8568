import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nhsCheckDigit, nhsNumberProblem, normalisePostcode, postcodeProblem, upnCheckLetter, upnProblem } from './identifiers.js';

describe('NHS number', () => {
  it('accepts a number whose modulus 11 check digit matches', () => {
    // 943 476 5919 is the NHS Data Dictionary's worked example
    expect(nhsNumberProblem('9434765919')).toBeNull();
    expect(nhsNumberProblem('943 476 5919')).toBeNull();
  });

  it('refuses a wrong check digit, and numbers that can have none', () => {
    expect(nhsNumberProblem('9434765918')).toMatch(/check digit/);
    // remainder 10: no valid check digit exists for these nine digits
    expect(nhsCheckDigit('000000040')).toBeNull();
    expect(nhsNumberProblem('123')).toBe('must be 10 digits');
  });

  it('finds a single mistyped digit', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), fc.integer({ min: 0, max: 8 }), (nine, pos) => {
        const check = nhsCheckDigit(nine);
        fc.pre(check !== null);
        const valid = `${nine}${check}`;
        expect(nhsNumberProblem(valid)).toBeNull();
        const wrong = valid.slice(0, pos) + ((Number(valid[pos]) + 1) % 10) + valid.slice(pos + 1);
        expect(nhsNumberProblem(wrong)).not.toBeNull();
      }),
    );
  });
});

describe('UPN', () => {
  it('computes the check letter from characters 2 to 13', () => {
    const body = '201000114001';
    const letter = upnCheckLetter(body);
    expect(letter).toMatch(/^[A-HJ-NP-RT-Z]$/);
    expect(upnProblem(`${letter}${body}`)).toBeNull();
  });

  it('accepts a temporary UPN ending in a letter', () => {
    const body = '20100011400A';
    expect(upnProblem(`${upnCheckLetter(body)}${body}`)).toBeNull();
  });

  it('refuses a wrong check letter and a wrong shape', () => {
    const body = '201000114001';
    const right = upnCheckLetter(body)!;
    const wrong = right === 'A' ? 'B' : 'A';
    expect(upnProblem(`${wrong}${body}`)).toMatch(/check letter/);
    expect(upnProblem('A12')).toMatch(/13 characters/);
  });
});

describe('postcode', () => {
  it('accepts the UK shapes and normalises spacing and case', () => {
    for (const p of ['M60 2LA', 'm602la', 'SW1A 1AA', 'B1 1AA', 'EC1A 1BB', 'W1A 0AX', 'CR2 6XH', 'DN55 1PT']) {
      expect(postcodeProblem(p)).toBeNull();
    }
    expect(normalisePostcode('m602la')).toBe('M60 2LA');
  });

  it('refuses what is not a postcode', () => {
    for (const p of ['M60', '12345', 'QQ1 1AA', 'M60 2LAA']) expect(postcodeProblem(p)).toMatch(/not a UK postcode/);
  });
});
