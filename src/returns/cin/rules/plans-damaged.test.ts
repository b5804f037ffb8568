/**
 * Assessment, section 47 and plan rules on children whose values are damaged: dates written
 * with slashes, assessments and episodes recorded twice, and counts or factor codes that
 * are not values of their list.
 */
import { describe, expect, it } from 'vitest';
import type { Assessment, ChildProtectionPlan, CinDetails, Section47 } from '../model.js';
import { child, episode as kitEpisode, reports } from './damaged.test-kit.js';

/** The episodes here were referred on 1 May 2025. */
const episode = (fields: Partial<CinDetails> = {}) => kitEpisode({ CINreferralDate: '2025-05-01', ...fields });

function fails(code: string, ...episodes: CinDetails[]): boolean {
  return reports(code, child(...episodes));
}

function assessment(fields: Partial<Assessment> = {}): Assessment {
  return {
    AssessmentActualStartDate: '2025-05-02',
    AssessmentInternalReviewDate: null,
    AssessmentAuthorisationDate: '2025-05-21',
    AssessmentFactors: ['2B'],
    ...fields,
  };
}

function s47(fields: Partial<Section47> = {}): Section47 {
  return {
    S47ActualStartDate: '2025-05-03',
    InitialCPCtarget: '2025-05-27',
    DateOfInitialCPC: '2025-05-16',
    ICPCnotRequired: '0',
    ...fields,
  };
}

function cpp(fields: Partial<ChildProtectionPlan> = {}): ChildProtectionPlan {
  return {
    CPPstartDate: '2025-05-16',
    CPPendDate: '2025-08-24',
    InitialCategoryOfAbuse: 'NEG',
    LatestCategoryOfAbuse: 'NEG',
    NumberOfPreviousCPP: '0',
    CPPreviewDate: ['2025-07-15'],
    ...fields,
  };
}

describe('a date with the year first and a one-digit month or day is read as that day; a day-first date is not', () => {
  it('8600, 8630, 8867: a referral or closure date with one-digit parts', () => {
    expect(fails('8600', episode({ CINreferralDate: '2025-6-1' }))).toBe(false);
    expect(fails('8630', episode({ CINreferralDate: '2025-6-1', CINclosureDate: '2025-05-01', ReasonForClosure: 'RC1' }))).toBe(true);
    const unauthorised = { Assessments: [assessment({ AssessmentAuthorisationDate: null, AssessmentFactors: [] })] };
    expect(fails('8867', episode({ CINclosureDate: '2025-12-1', ReasonForClosure: 'RC1', ...unauthorised }))).toBe(true);
  });

  it('1103, 8670Q: an assessment start date with one-digit parts', () => {
    expect(fails('1103', episode({ Assessments: [assessment({ AssessmentActualStartDate: '2025-4-9' })] }))).toBe(true);
    const open = { AssessmentAuthorisationDate: null, AssessmentFactors: [] };
    expect(fails('8670Q', episode({ Assessments: [assessment({ ...open, AssessmentActualStartDate: '2025-5-2' })] }))).toBe(true);
  });

  it('a day-first date (31/03/2026) is no date to the rules: the reader notes it as not a date', () => {
    expect(fails('8600', episode({ CINreferralDate: '31/03/2026' }))).toBe(true);
    const open = { AssessmentAuthorisationDate: null, AssessmentFactors: [] };
    expect(fails('8670Q', episode({ Assessments: [assessment({ ...open, AssessmentActualStartDate: '02/05/2025' })] }))).toBe(false);
  });
});

describe('a date written with slashes is a date in the wrong form, not a missing one', () => {
  it('8670Q: an authorisation date with slashes ends the assessment', () => {
    expect(fails('8670Q', episode({ Assessments: [assessment({ AssessmentAuthorisationDate: '2025/05/21' })] }))).toBe(false);
    // Text that is no date, or a day the month does not have, still leaves it open.
    for (const bad of ['ZZ', '2025-05-31x', '2025-09-31', null]) {
      expect(fails('8670Q', episode({ Assessments: [assessment({ AssessmentAuthorisationDate: bad })] }))).toBe(true);
    }
  });

  it('8670Q: a start date with slashes is read as that day', () => {
    const open = { AssessmentAuthorisationDate: null, AssessmentFactors: [] };
    expect(fails('8670Q', episode({ Assessments: [assessment({ ...open, AssessmentActualStartDate: '2025/05/02' })] }))).toBe(true);
    expect(fails('8670Q', episode({ Assessments: [assessment({ ...open, AssessmentActualStartDate: '2026/03/02' })] }))).toBe(false);
  });

  it('8615: a start date with slashes is present and compared as that day', () => {
    expect(fails('8615', episode({ Section47: [s47({ S47ActualStartDate: '2025/05/03' })] }))).toBe(false);
    expect(fails('8615', episode({ Section47: [s47({ S47ActualStartDate: '2025/05/20' })] }))).toBe(true);
    expect(fails('8615', episode({ Section47: [s47({ S47ActualStartDate: 'ZZ' })] }))).toBe(true);
    expect(fails('8615', episode({ Section47: [s47({ S47ActualStartDate: null })] }))).toBe(true);
  });

  it('8615: so is a conference date with slashes', () => {
    expect(fails('8615', episode({ Section47: [s47({ S47ActualStartDate: '2025-05-20', DateOfInitialCPC: '2025/05/16' })] }))).toBe(true);
    expect(fails('8615', episode({ Section47: [s47({ S47ActualStartDate: '2025-05-20', DateOfInitialCPC: 'ZZ' })] }))).toBe(false);
  });

  it('8863Q: an assessment authorised on a date with slashes is not ongoing after it', () => {
    const first = assessment({ AssessmentAuthorisationDate: '2025/05/21' });
    const later = assessment({ AssessmentActualStartDate: '2025-06-10', AssessmentAuthorisationDate: '2025-06-30' });
    expect(fails('8863Q', episode({ Assessments: [first, later] }))).toBe(false);
    expect(fails('8863Q', episode({ Assessments: [assessment({ AssessmentAuthorisationDate: 'ZZ' }), later] }))).toBe(true);
  });

  it('8897Q: an assessment authorised in the year on a date with slashes needs its factors', () => {
    expect(
      fails('8897Q', episode({ Assessments: [assessment({ AssessmentAuthorisationDate: '2025/05/21', AssessmentFactors: [] })] })),
    ).toBe(true);
    expect(fails('8897Q', episode({ Assessments: [assessment({ AssessmentAuthorisationDate: '2025/05/21' })] }))).toBe(false);
    expect(fails('8897Q', episode({ Assessments: [assessment({ AssessmentAuthorisationDate: 'ZZ', AssessmentFactors: [] })] }))).toBe(
      false,
    );
  });
});

describe('modules recorded twice', () => {
  it('8863Q: an assessment recorded twice with the same dates is another assessment starting while it is ongoing', () => {
    expect(fails('8863Q', episode({ Assessments: [assessment(), assessment()] }))).toBe(true);
    expect(fails('8863Q', episode({ Assessments: [assessment(), assessment({ AssessmentFactors: ['ZZ'] })] }))).toBe(true);
    expect(fails('8863Q', episode({ Assessments: [assessment()] }), episode({ Assessments: [assessment()] }))).toBe(false);
  });

  it('4004: open CIN plans are counted for the child, across episodes', () => {
    const open = { CINPlanDates: [{ CINPlanStartDate: '2025-05-22', CINPlanEndDate: null }] };
    expect(fails('4004', episode(open), episode(open))).toBe(true);
    expect(fails('4004', episode(open))).toBe(false);
  });
});

describe('values outside their list', () => {
  it('8730: a number of previous plans that is missing, empty or not a whole number', () => {
    for (const bad of [null, '', 'X', 'ZZ', '-1', '1.5']) {
      expect(fails('8730', episode({ Section47: [s47()], ChildProtectionPlans: [cpp({ NumberOfPreviousCPP: bad })] }))).toBe(true);
    }
    for (const good of ['0', '2']) {
      expect(fails('8730', episode({ Section47: [s47()], ChildProtectionPlans: [cpp({ NumberOfPreviousCPP: good })] }))).toBe(false);
    }
  });

  it('8897Q: a factor code not in the list, alone or beside valid ones', () => {
    for (const factors of [['ZZ'], ['2B', 'ZZ'], [], [null]]) {
      expect(fails('8897Q', episode({ Assessments: [assessment({ AssessmentFactors: factors })] }))).toBe(true);
    }
    expect(fails('8897Q', episode({ Assessments: [assessment({ AssessmentFactors: ['2B', '21'] })] }))).toBe(false);
  });
});
