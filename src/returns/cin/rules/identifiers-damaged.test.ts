/**
 * Child identifier and disability rules on children whose values are damaged: UPNs of the
 * wrong length, dates that are not real dates, a death date with no date of birth, NONE
 * recorded twice, and a UN7 child with no CIN details.
 */
import { describe, expect, it } from 'vitest';
import type { CinChild } from '../model.js';
import { child, reports } from './damaged.test-kit.js';

function fails(code: string, change: (c: CinChild) => void): boolean {
  const c = child();
  change(c);
  return reports(code, c);
}

describe('UPN position rules on a UPN of the wrong length', () => {
  it('1530 and 1550 look at 13-character UPNs only', () => {
    for (const upn of ['X', 'ZZ', '99', 'A93699000000']) {
      expect(
        fails('1530', (c) => {
          c.identifiers.UPN = upn;
        }),
      ).toBe(false);
      expect(
        fails('1550', (c) => {
          c.identifiers.UPN = upn;
        }),
      ).toBe(false);
    }
    // The short UPN is still reported: characters 5 to 12 are not all digits.
    expect(
      fails('1540', (c) => {
        c.identifiers.UPN = 'ZZ';
      }),
    ).toBe(true);
    expect(
      fails('1530', (c) => {
        c.identifiers.UPN = 'A10099000000A';
      }),
    ).toBe(true);
    expect(
      fails('1550', (c) => {
        c.identifiers.UPN = 'A93699000000I';
      }),
    ).toBe(true);
  });
});

describe('8525Q with dates that are not real dates', () => {
  it('an unreadable expected date of birth beside a date of birth is not a second date', () => {
    expect(
      fails('8525Q', (c) => {
        c.identifiers.ExpectedPersonBirthDate = '99';
      }),
    ).toBe(false);
    expect(
      fails('8525Q', (c) => {
        c.identifiers.ExpectedPersonBirthDate = '2026-05-01';
      }),
    ).toBe(true);
  });

  it('an unreadable date of birth alone is no date', () => {
    expect(
      fails('8525Q', (c) => {
        c.identifiers.PersonBirthDate = '2014-11-31';
      }),
    ).toBe(true);
  });

  it('a date written with slashes is a date given, in the wrong form', () => {
    expect(
      fails('8525Q', (c) => {
        c.identifiers.PersonBirthDate = '2024/07/12';
      }),
    ).toBe(false);
    expect(
      fails('8525Q', (c) => {
        c.identifiers.ExpectedPersonBirthDate = '2026/05/01';
      }),
    ).toBe(true);
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonBirthDate = '2016/05/05';
        c.identifiers.PersonDeathDate = '2025/04/21';
      }),
    ).toBe(false);
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonDeathDate = '2016/05/04';
      }),
    ).toBe(true);
  });
});

describe('8535Q with no date of birth', () => {
  it('queries a death date when there is no date of birth to be on or after', () => {
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonBirthDate = null;
        c.identifiers.PersonDeathDate = '2025-04-11';
      }),
    ).toBe(true);
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonBirthDate = null;
        c.identifiers.ExpectedPersonBirthDate = '2026-03-14';
        c.identifiers.PersonDeathDate = '2026-04-05';
      }),
    ).toBe(true);
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonBirthDate = '2018-02-31';
        c.identifiers.PersonDeathDate = '2025-04-21';
      }),
    ).toBe(true);
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonBirthDate = null;
      }),
    ).toBe(false);
    expect(
      fails('8535Q', (c) => {
        c.identifiers.PersonDeathDate = '2025-04-21';
      }),
    ).toBe(false);
  });
});

describe('8790 with NONE recorded twice', () => {
  it("is 8794's duplicate, not another value", () => {
    expect(
      fails('8790', (c) => {
        c.characteristics.Disabilities = ['NONE', 'NONE'];
      }),
    ).toBe(false);
    expect(
      fails('8794', (c) => {
        c.characteristics.Disabilities = ['NONE', 'NONE'];
      }),
    ).toBe(true);
    expect(
      fails('8790', (c) => {
        c.characteristics.Disabilities = ['NONE', 'NONE', 'HAND'];
      }),
    ).toBe(true);
    expect(
      fails('8790', (c) => {
        c.characteristics.Disabilities = ['NONE', null];
      }),
    ).toBe(true);
  });
});

describe('8772 for a child with no CIN details', () => {
  it("has no CIN details going on to further action (the missing episode is 8590's)", () => {
    expect(
      fails('8772', (c) => {
        c.identifiers.UPN = null;
        c.identifiers.UPNunknown = 'UN7';
        c.cinDetails = [];
      }),
    ).toBe(false);
    expect(
      fails('8590', (c) => {
        c.cinDetails = [];
      }),
    ).toBe(true);
    expect(
      fails('8772', (c) => {
        c.identifiers.UPN = null;
        c.identifiers.UPNunknown = 'UN7';
      }),
    ).toBe(true);
  });
});

describe('2885 with a section 47 marked "conference not required"', () => {
  const plan = (c: CinChild, s47Flag: string, s47Date: string | null) => {
    const e = c.cinDetails[0]!;
    e.Section47.push({
      S47ActualStartDate: '2025-08-29',
      InitialCPCtarget: '2025-09-19',
      DateOfInitialCPC: s47Date,
      ICPCnotRequired: s47Flag,
    });
    e.ChildProtectionPlans.push({
      CPPstartDate: '2025-09-15',
      CPPendDate: null,
      InitialCategoryOfAbuse: 'NEG',
      LatestCategoryOfAbuse: 'NEG',
      NumberOfPreviousCPP: '0',
      CPPreviewDate: [],
    });
  };
  it('still takes the section 47 conference date DfE names', () => {
    expect(fails('2885', (c) => plan(c, '1', '2025-09-15'))).toBe(false);
    expect(fails('2885', (c) => plan(c, '0', '2025-09-16'))).toBe(true);
  });
});
