/**
 * Synthetic identities: names from faker's en_GB locale, NHS numbers in the 999 range the
 * NHS never issues, UPNs under the demo authority's own LA number (Manchester, 352) with
 * random school and serial numbers and a check letter that passes, postcodes in the right
 * format for Manchester districts with made-up streets, and telephone numbers from Ofcom's
 * ranges reserved for drama. A UPN here could by chance have a real pupil's digits, as any
 * made-up UPN under a real LA number could (the census refuses one under a number no authority
 * has, rule 1530); nothing else about the child is theirs.
 */
import type { Faker } from '@faker-js/faker';
import { nhsCheckDigit, upnCheckLetter } from '../core/record/identifiers.js';
import { type Locality, localities } from './authority.js';
import type { Random } from './random.js';

/** NHS numbers from 999 000 0000 to 999 999 9999: never issued to a patient. */
export function syntheticNhsNumber(rng: Random, taken: Set<string>): string {
  for (;;) {
    const firstNine = `999${String(rng.int(0, 999_999)).padStart(6, '0')}`;
    const check = nhsCheckDigit(firstNine);
    if (check === null) continue;
    const nhs = `${firstNine}${check}`;
    if (taken.has(nhs)) continue;
    taken.add(nhs);
    return nhs;
  }
}

/**
 * Manchester's DfE number, as a pupil of the authority would have: a number no authority has
 * fails the census's rule 1530. The school and serial numbers are drawn at random, so a UPN
 * here names no particular pupil.
 */
export const DEMO_LA = '352';

/** Establishment numbers: schools (2000 to 7999) by default; nursery schools are 1000 to 1099. */
export function syntheticUpn(rng: Random, taken: Set<string>, yearOfAllocation: number, schools: [number, number] = [2000, 7999]): string {
  for (;;) {
    const school = String(rng.int(schools[0], schools[1])).padStart(4, '0');
    const year = String(yearOfAllocation % 100).padStart(2, '0');
    const serial = String(rng.int(0, 999)).padStart(3, '0');
    const lastTwelve = `${DEMO_LA}${school}${year}${serial}`;
    const upn = `${upnCheckLetter(lastTwelve)}${lastTwelve}`;
    if (taken.has(upn)) continue;
    taken.add(upn);
    return upn;
  }
}

// Inward code letters: the ones UK postcodes use (no C, I, K, M, O, V).
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';

export function syntheticPostcode(rng: Random, locality: Locality): string {
  const district = rng.pick(localities[locality]);
  return `${district} ${rng.int(1, 9)}${rng.pick([...INWARD_LETTERS])}${rng.pick([...INWARD_LETTERS])}`;
}

export interface SyntheticAddress {
  line1: string;
  line2: string | null;
  town: string;
  postcode: string;
}

export function syntheticAddress(rng: Random, faker: Faker, locality: Locality): SyntheticAddress {
  const flat = rng.chance(0.2);
  return {
    line1: flat ? `Flat ${rng.int(1, 40)}, ${faker.person.lastName()} House` : `${rng.int(1, 180)} ${faker.location.street()}`,
    line2: flat ? faker.location.street() : null,
    town: 'Manchester',
    postcode: syntheticPostcode(rng, locality),
  };
}

/** Ofcom's drama numbers: 0161 496 0000 to 0999 and 07700 900000 to 900999. */
export function syntheticPhone(rng: Random): string {
  return rng.chance(0.7) ? `07700 900${String(rng.int(0, 999)).padStart(3, '0')}` : `0161 496 ${String(rng.int(0, 999)).padStart(4, '0')}`;
}

/** Ethnicity of children in the demo, roughly as Manchester's children in need (DfE codes). */
export const ethnicityWeights = {
  WBRI: 50,
  WIRI: 1,
  WOTH: 4,
  WROM: 1,
  MWBC: 5,
  MWBA: 2,
  MWAS: 2,
  MOTH: 4,
  AIND: 1,
  APKN: 10,
  ABAN: 2,
  AOTH: 3,
  BCRB: 3,
  BAFR: 7,
  BOTH: 1,
  CHNE: 1,
  OOTH: 2,
  NOBT: 1,
} as const;

export const languageWeights = {
  English: 84,
  Urdu: 4,
  Arabic: 3,
  Somali: 2,
  Polish: 2,
  Bengali: 1,
  Punjabi: 1,
  Kurdish: 1,
  Romanian: 1,
  Tigrinya: 1,
} as const;
