/**
 * Checks for the identifiers a child's record carries. Each returns null when the value is
 * valid, or the reason it is not, in words a worker can act on.
 */

/** NHS number: 10 digits, the last a modulus 11 check digit (NHS Data Dictionary). */
export function nhsNumberProblem(value: string): string | null {
  const digits = value.replace(/\s/g, '');
  if (!/^\d{10}$/.test(digits)) return 'must be 10 digits';
  const check = nhsCheckDigit(digits.slice(0, 9));
  if (check === null || check !== Number(digits[9])) {
    return 'is not a valid NHS number (the check digit does not match)';
  }
  return null;
}

/** The modulus 11 check digit for the first nine digits, or null when none exists (remainder 10). */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function normaliseNhsNumber(value: string): string {
  return value.replace(/\s/g, '');
}

/** Letters the UPN check letter can take: A-Z without I, O and S, worth 0 to 22. */
const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique Pupil Number: a check letter then 12 characters (LA number, establishment number,
 * year of allocation, serial); a temporary UPN ends in a letter. DfE "Unique pupil numbers
 * (UPNs)" guidance: characters 2 to 13 weighted 2 to 13, sum modulo 23 gives the check letter.
 */
export function upnProblem(value: string): string | null {
  const upn = value.trim().toUpperCase();
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn)) {
    return 'must be 13 characters: a letter, 11 digits, then a digit or a letter';
  }
  const expected = upnCheckLetter(upn.slice(1));
  if (expected === null) return 'is not a valid UPN (it contains a letter UPNs never use)';
  if (expected !== upn[0]) return 'is not a valid UPN (the check letter does not match)';
  return null;
}

export function upnCheckLetter(lastTwelve: string): string | null {
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = lastTwelve[i]!;
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    if (value < 0) return null;
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23]!;
}

const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ](\d{1,2}|[A-HK-Y]\d([0-9ABEHMNPRV-Y])?|\d[A-HJKPS-UW]) ?\d[ABD-HJLNP-UW-Z]{2})$/;

/** UK postcode format (not whether the postcode exists). */
export function postcodeProblem(value: string): string | null {
  return POSTCODE.test(value.trim().toUpperCase()) ? null : 'is not a UK postcode (for example M60 2LA)';
}

/** Upper case with one space before the inward code: "m602la" becomes "M60 2LA". */
export function normalisePostcode(value: string): string {
  const compact = value.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}
