/**
 * One valid child in a 2025/26 census message, for the tests of rules on damaged values:
 * a test changes the child, or gives its episodes, and asks whether a rule reports it.
 */
import { upnCheckLetter } from '../../../core/record/identifiers.js';
import { type CinChild, type CinDetails, type CinReturn, emptyChild, emptyCinDetails } from '../model.js';
import { validateCin } from '../validate.js';

export const YEAR = 2026;

/** An open episode going on to further action, referred on `CINreferralDate` (default 3 June 2025). */
export function episode(fields: Partial<CinDetails> = {}): CinDetails {
  return { ...emptyCinDetails(), CINreferralDate: '2025-06-03', ReferralSource: '1A', PrimaryNeedCode: 'N1', ReferralNFA: '0', ...fields };
}

/** A child with a valid UPN, date of birth, sex, ethnicity and no disability, with these episodes (or one). */
export function child(...episodes: CinDetails[]): CinChild {
  const c = emptyChild();
  c.identifiers.LAchildID = 'C1';
  const tail = '936990000001';
  c.identifiers.UPN = `${upnCheckLetter(tail)}${tail}`;
  c.identifiers.PersonBirthDate = '2016-05-05';
  c.identifiers.Sex = 'M';
  c.characteristics.Ethnicity = 'WBRI';
  c.characteristics.Disabilities = ['NONE'];
  c.cinDetails.push(...(episodes.length ? episodes : [episode()]));
  return c;
}

export function returnOf(c: CinChild): CinReturn {
  return {
    year: YEAR,
    header: {
      CollectionDetails: { Collection: 'CIN', Year: String(YEAR), ReferenceDate: `${YEAR}-03-31` },
      Source: [{ SourceLevel: 'L', LEA: '936', SoftwareCode: 'x', Release: '1', SerialNo: '001', DateTime: null }],
    },
    children: [c],
  };
}

/** Whether the rule reports the child. */
export function reports(code: string, c: CinChild): boolean {
  return validateCin(returnOf(c), { rules: [code] }).some((f) => f.rule === code && f.row === 1);
}
