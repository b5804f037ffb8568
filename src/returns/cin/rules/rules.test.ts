/**
 * Every CIN rule with a child (or return) that passes it and one that fails it, near the
 * edge the DfE text draws where there is one. The base child is valid for 2025: born
 * 5 May 2015, referred 3 June 2024, assessed 4 June to 1 July 2024, episode still open.
 */
import { describe, expect, it } from 'vitest';
import { upnCheckLetter } from '../../../core/record/identifiers.js';
import {
  type ChildProtectionPlan,
  type CinChild,
  type CinDetails,
  type CinReturn,
  type CinYear,
  type Section47,
  emptyChild,
  emptyCinDetails,
} from '../model.js';
import { rulesCin } from './index.js';
import { validateCin } from '../validate.js';

const YEAR: CinYear = 2025;

function upn(la: string, serial: number): string {
  const tail = `${la}99${String(serial).padStart(7, '0')}`;
  return `${upnCheckLetter(tail)}${tail}`;
}

let serial = 0;
function child(year: CinYear = YEAR): CinChild {
  const c = emptyChild();
  serial++;
  c.identifiers.LAchildID = `C${serial}`;
  c.identifiers.UPN = upn('936', serial);
  c.identifiers.PersonBirthDate = `${year - 10}-05-05`;
  c.identifiers.Sex = year >= 2025 ? 'M' : '1';
  c.characteristics.Ethnicity = 'WBRI';
  c.characteristics.Disabilities = ['NONE'];
  const e = emptyCinDetails();
  e.CINreferralDate = `${year - 1}-06-03`;
  e.ReferralSource = '1A';
  e.PrimaryNeedCode = 'N1';
  e.ReferralNFA = '0';
  e.Assessments.push({
    AssessmentActualStartDate: `${year - 1}-06-04`,
    AssessmentInternalReviewDate: null,
    AssessmentAuthorisationDate: `${year - 1}-07-01`,
    AssessmentFactors: ['1A'],
  });
  c.cinDetails.push(e);
  return c;
}

function returnOf(children: CinChild[], year: CinYear = YEAR): CinReturn {
  return {
    year,
    header: {
      CollectionDetails: { Collection: 'CIN', Year: String(year), ReferenceDate: `${year}-03-31` },
      Source: [{ SourceLevel: 'L', LEA: '936', SoftwareCode: 'x', Release: '1', SerialNo: '001', DateTime: null }],
    },
    children,
  };
}

const ep = (c: CinChild): CinDetails => c.cinDetails[0]!;
const ass = (c: CinChild) => ep(c).Assessments[0]!;

function s47(fields: Partial<Section47> = {}): Section47 {
  return {
    S47ActualStartDate: '2024-06-05',
    InitialCPCtarget: '2024-06-26',
    DateOfInitialCPC: '2024-06-19',
    ICPCnotRequired: '0',
    ...fields,
  };
}

function cpp(fields: Partial<ChildProtectionPlan> = {}): ChildProtectionPlan {
  return {
    CPPstartDate: '2024-06-19',
    CPPendDate: null,
    InitialCategoryOfAbuse: 'NEG',
    LatestCategoryOfAbuse: 'NEG',
    NumberOfPreviousCPP: '0',
    CPPreviewDate: [],
    ...fields,
  };
}

/** The base child on a protection plan: section 47 from 5 June, conference and plan 19 June 2024. */
function onProtection(c: CinChild, plan: Partial<ChildProtectionPlan> = {}): CinDetails {
  const e = ep(c);
  e.Section47.push(s47());
  e.ChildProtectionPlans.push(cpp(plan));
  return e;
}

function close(c: CinChild, on = '2024-09-01', reason = 'RC7'): CinDetails {
  const e = ep(c);
  e.CINclosureDate = on;
  e.ReasonForClosure = reason;
  return e;
}

function nfa(c: CinChild): CinDetails {
  const e = ep(c);
  e.ReferralNFA = '1';
  e.Assessments = [];
  e.PrimaryNeedCode = null;
  e.CINclosureDate = e.CINreferralDate;
  e.ReasonForClosure = 'RC7';
  return e;
}

function unborn(c: CinChild, expected = '2025-05-01'): void {
  c.identifiers.PersonBirthDate = null;
  c.identifiers.ExpectedPersonBirthDate = expected;
  c.identifiers.Sex = 'U';
  c.identifiers.UPN = null;
  c.identifiers.UPNunknown = 'UN1';
  c.characteristics.Disabilities = [];
}

type Change = (c: CinChild) => void;

/** Does the rule fail for a child changed so? (Only that rule runs.) */
function fails(code: string, change: Change, year: CinYear = YEAR): boolean {
  const c = child(year);
  change(c);
  return validateCin(returnOf([c], year), { rules: [code] }).some((f) => f.rule === code && f.row === 1);
}

/** Child rules: [code, a change that passes, a change that fails]. */
const CHILD_CASES: [string, Change, Change][] = [
  [
    '1103',
    (c) => {
      ass(c).AssessmentActualStartDate = '2024-06-03';
    },
    (c) => {
      ass(c).AssessmentActualStartDate = '2024-06-02';
    },
  ],
  [
    '1104',
    (c) => {
      onProtection(c).Section47[0]!.DateOfInitialCPC = '2024-06-03';
    },
    (c) => {
      onProtection(c).Section47[0]!.DateOfInitialCPC = '2024-05-31';
    },
  ],
  [
    '1105',
    (c) => {
      onProtection(c, { CPPstartDate: '2024-06-03' });
    },
    (c) => {
      onProtection(c, { CPPstartDate: '2024-06-02' });
    },
  ],
  [
    '1510',
    () => {},
    (c) => {
      const u = c.identifiers.UPN!;
      c.identifiers.UPN = (u[0] === 'A' ? 'B' : 'A') + u.slice(1);
    },
  ],
  [
    '1530',
    (c) => {
      c.identifiers.UPN = upn('201', 1);
    },
    (c) => {
      c.identifiers.UPN = upn('100', 1);
    },
  ],
  [
    '1540',
    () => {},
    (c) => {
      c.identifiers.UPN = `A9369A${'0'.repeat(7)}`;
    },
  ],
  [
    '1550',
    (c) => {
      const t = '93699000000A';
      c.identifiers.UPN = `${upnCheckLetter(t)}${t}`;
    },
    (c) => {
      c.identifiers.UPN = 'A93699000000I';
    },
  ],
  [
    '1560Q',
    (c) => {
      c.identifiers.FormerUPN = upn('201', 7);
    },
    (c) => {
      c.identifiers.FormerUPN = 'A12345';
    },
  ],
  [
    '1570',
    (c) => {
      c.identifiers.LAchildID = 'A'.repeat(20);
    },
    (c) => {
      c.identifiers.LAchildID = 'A'.repeat(21);
    },
  ],
  [
    '1580',
    (c) => {
      c.identifiers.LAchildID = 'Abc123';
    },
    (c) => {
      c.identifiers.LAchildID = 'Abc-123';
    },
  ],
  [
    '4008',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: null });
      c.identifiers.PersonDeathDate = '2024-07-02';
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: null });
      c.identifiers.PersonDeathDate = '2024-07-01';
    },
  ],
  [
    '4009Q',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-08-01' });
      c.identifiers.PersonDeathDate = '2024-08-01';
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-08-01' });
      c.identifiers.PersonDeathDate = '2024-07-31';
    },
  ],
  [
    '4180',
    (c) => {
      c.identifiers.Sex = 'F';
    },
    (c) => {
      c.identifiers.Sex = '1';
    },
  ],
  [
    '4220',
    (c) => {
      c.characteristics.Ethnicity = 'NOBT';
    },
    (c) => {
      c.characteristics.Ethnicity = 'WBR';
    },
  ],
  [
    '8500',
    () => {},
    (c) => {
      c.identifiers.LAchildID = null;
    },
  ],
  [
    '8520',
    (c) => {
      c.identifiers.PersonBirthDate = '2025-03-31';
    },
    (c) => {
      c.identifiers.PersonBirthDate = '2025-04-01';
    },
  ],
  [
    '8525Q',
    (c) => unborn(c),
    (c) => {
      c.identifiers.ExpectedPersonBirthDate = '2025-05-01';
    },
  ],
  ['8530Q', (c) => unborn(c, '2025-03-01'), (c) => unborn(c, '2025-02-28')],
  [
    '8535Q',
    (c) => {
      c.identifiers.PersonDeathDate = c.identifiers.PersonBirthDate;
    },
    (c) => {
      c.identifiers.PersonDeathDate = '2015-05-04';
    },
  ],
  [
    '8540',
    (c) => {
      c.characteristics.Disabilities = ['MOB', 'HAND'];
    },
    (c) => {
      c.characteristics.Disabilities = [];
    },
  ],
  [
    '8545Q',
    (c) => {
      c.identifiers.PersonDeathDate = '2024-04-01';
    },
    (c) => {
      c.identifiers.PersonDeathDate = '2024-03-31';
    },
  ],
  [
    '8590',
    () => {},
    (c) => {
      c.cinDetails = [];
    },
  ],
  [
    '8750',
    (c) => unborn(c),
    (c) => {
      unborn(c);
      c.identifiers.Sex = 'F';
    },
  ],
  [
    '8770Q',
    (c) => {
      c.identifiers.UPN = null;
      c.identifiers.UPNunknown = 'UN2';
    },
    (c) => {
      c.identifiers.UPN = null;
      c.identifiers.UPNunknown = 'UN1';
    },
  ],
  [
    '8772',
    (c) => {
      nfa(c);
      c.identifiers.UPN = null;
      c.identifiers.UPNunknown = 'UN7';
    },
    (c) => {
      c.identifiers.UPN = null;
      c.identifiers.UPNunknown = 'UN7';
    },
  ],
  [
    '8775Q',
    (c) => {
      c.identifiers.PersonBirthDate = '2000-03-31';
    },
    (c) => {
      c.identifiers.PersonBirthDate = '1999-03-30';
    },
  ],
  [
    '8790',
    (c) => {
      c.characteristics.Disabilities = ['NONE'];
    },
    (c) => {
      c.characteristics.Disabilities = ['NONE', 'LD'];
    },
  ],
  [
    '8794',
    (c) => {
      c.characteristics.Disabilities = ['LD', 'AUT'];
    },
    (c) => {
      c.characteristics.Disabilities = ['LD', 'LD'];
    },
  ],
  [
    '2990',
    (c) => {
      close(c, '2024-07-05', 'RC8');
    },
    (c) => {
      close(c, '2024-09-01', 'RC8').CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-08-01' });
    },
  ],
  [
    '2991Q',
    (c) => {
      onProtection(c);
    },
    (c) => {
      onProtection(c).Assessments = [];
    },
  ],
  [
    '8555Q',
    (c) => {
      c.identifiers.PersonDeathDate = '2024-06-03';
    },
    (c) => {
      c.identifiers.PersonDeathDate = '2024-06-02';
    },
  ],
  [
    '8568',
    (c) => {
      ep(c).ReferralNFA = 'false';
    },
    (c) => {
      ep(c).ReferralNFA = 'N';
    },
  ],
  [
    '8569Q',
    (c) => {
      const e = nfa(c);
      e.CINreferralDate = '2024-03-28';
      e.CINclosureDate = '2024-04-01';
    },
    (c) => {
      const e = nfa(c);
      e.CINreferralDate = '2024-03-27';
      e.CINclosureDate = '2024-04-01';
    },
  ],
  [
    '8585Q',
    (c) => {
      close(c, '2024-09-01', 'RC2');
      c.identifiers.PersonDeathDate = '2024-09-01';
    },
    (c) => {
      close(c, '2024-09-01', 'RC2');
    },
  ],
  [
    '8600',
    (c) => {
      ep(c).CINreferralDate = '2025-03-31';
      ep(c).Assessments = [];
    },
    (c) => {
      ep(c).CINreferralDate = null;
    },
  ],
  [
    '8606',
    (c) => {
      c.identifiers.PersonBirthDate = '2025-03-10';
    },
    (c) => {
      c.identifiers.PersonBirthDate = '2025-03-11';
    },
  ],
  [
    '8610',
    (c) => {
      nfa(c);
    },
    (c) => {
      ep(c).PrimaryNeedCode = null;
    },
  ],
  [
    '8620',
    (c) => {
      close(c, '2025-03-31');
    },
    (c) => {
      close(c, '2025-04-01');
    },
  ],
  [
    '8630',
    (c) => {
      nfa(c);
    },
    (c) => {
      nfa(c).CINclosureDate = '2024-06-02';
    },
  ],
  [
    '8640',
    (c) => {
      close(c, '2024-09-01', 'RC9');
    },
    (c) => {
      close(c, '2024-09-01', 'RC10');
    },
  ],
  [
    '8650',
    (c) => {
      ep(c).PrimaryNeedCode = 'N0';
    },
    (c) => {
      ep(c).PrimaryNeedCode = 'N10';
    },
  ],
  [
    '8805',
    (c) => {
      close(c);
    },
    (c) => {
      close(c).ReasonForClosure = null;
    },
  ],
  [
    '8810',
    (c) => {
      close(c);
    },
    (c) => {
      close(c).CINclosureDate = null;
    },
  ],
  [
    '8815',
    (c) => {
      const e = close(c, '2024-07-05');
      c.cinDetails.push({ ...e, CINreferralDate: '2024-08-01', CINclosureDate: null, ReasonForClosure: null, Assessments: [] });
    },
    (c) => {
      c.cinDetails.push({ ...ep(c), CINreferralDate: '2024-08-01', Assessments: [] });
    },
  ],
  [
    '8816',
    (c) => {
      const e = close(c, '2024-07-05');
      c.cinDetails.push({ ...e, CINreferralDate: '2024-08-01', CINclosureDate: null, ReasonForClosure: null, Assessments: [] });
    },
    (c) => {
      const open = ep(c);
      c.cinDetails = [
        open,
        {
          ...emptyCinDetails(),
          CINreferralDate: '2024-08-01',
          ReferralSource: '1A',
          PrimaryNeedCode: 'N1',
          ReferralNFA: '0',
          CINclosureDate: '2024-08-10',
          ReasonForClosure: 'RC7',
        },
      ];
    },
  ],
  // DfE's note: one referral may end on the day the next begins.
  [
    '8820',
    (c) => {
      const e = close(c, '2024-07-05');
      c.cinDetails.push({ ...e, CINreferralDate: '2024-07-05', Assessments: [], CINclosureDate: '2024-08-01' });
    },
    (c) => {
      const e = close(c, '2024-07-05');
      c.cinDetails.push({ ...e, CINreferralDate: '2024-07-04', Assessments: [], CINclosureDate: '2024-08-01' });
    },
  ],
  [
    '8825Q',
    (c) => {
      close(c, '2024-07-05', 'RC8');
    },
    (c) => {
      close(c, '2024-07-05', 'RC8').Assessments = [];
    },
  ],
  [
    '8831',
    (c) => {
      nfa(c);
    },
    (c) => {
      nfa(c).Section47.push(s47({ DateOfInitialCPC: null, ICPCnotRequired: '1' }));
    },
  ],
  [
    '8866',
    (c) => {
      ep(c).ReferralSource = '10';
    },
    (c) => {
      ep(c).ReferralSource = '11';
    },
  ],
  [
    '8867',
    (c) => {
      close(c);
    },
    (c) => {
      close(c);
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
    },
  ],
  [
    '8868',
    (c) => {
      onProtection(c, { CPPendDate: '2024-08-01' });
      close(c);
    },
    (c) => {
      ep(c).Section47.push(s47({ DateOfInitialCPC: null }));
      close(c);
    },
  ],
  [
    '8890',
    (c) => {
      const e = onProtection(c);
      e.Section47.push(s47({ S47ActualStartDate: '2024-06-20', DateOfInitialCPC: '2024-07-03' }));
    },
    (c) => {
      const e = onProtection(c);
      e.Section47.push(s47({ S47ActualStartDate: '2024-06-19', DateOfInitialCPC: '2024-07-03' }));
    },
  ],
  [
    '8608',
    (c) => {
      ass(c).AssessmentAuthorisationDate = '2024-06-04';
    },
    (c) => {
      ass(c).AssessmentAuthorisationDate = '2024-06-03';
      ass(c).AssessmentActualStartDate = '2024-06-04';
    },
  ],
  [
    '8614',
    (c) => {
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
      ass(c).AssessmentActualStartDate = '2025-03-20';
    },
    (c) => {
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentActualStartDate = '2025-03-20';
    },
  ],
  // 31 March 2025 minus 45 working days, counting the day itself as the first: 28 January.
  [
    '8670Q',
    (c) => {
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
      ass(c).AssessmentActualStartDate = '2025-01-28';
    },
    (c) => {
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
      ass(c).AssessmentActualStartDate = '2025-01-27';
    },
  ],
  [
    '8696',
    (c) => {
      ass(c).AssessmentAuthorisationDate = '2025-03-31';
    },
    (c) => {
      ass(c).AssessmentAuthorisationDate = '2025-04-01';
    },
  ],
  [
    '8736',
    (c) => {
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
      ass(c).AssessmentActualStartDate = '2025-03-30';
    },
    (c) => {
      ep(c).CINreferralDate = '2024-03-01';
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
      ass(c).AssessmentActualStartDate = '2024-03-31';
    },
  ],
  [
    '8863Q',
    (c) => {
      ep(c).Assessments.push({ ...ass(c), AssessmentActualStartDate: '2024-07-02', AssessmentAuthorisationDate: '2024-07-20' });
    },
    (c) => {
      ep(c).Assessments.push({ ...ass(c), AssessmentActualStartDate: '2024-07-01', AssessmentAuthorisationDate: '2024-07-20' });
    },
  ],
  [
    '8869',
    (c) => {
      ass(c).AssessmentFactors = ['21'];
    },
    (c) => {
      ass(c).AssessmentFactors = ['21', '2A'];
    },
  ],
  [
    '8873Q',
    (c) => {
      ass(c).AssessmentFactors = ['21'];
      close(c, '2024-07-05', 'RC9');
    },
    (c) => {
      ass(c).AssessmentFactors = ['21'];
      close(c, '2024-07-05', 'RC7');
    },
  ],
  [
    '8896',
    (c) => {
      ep(c).Assessments.push({
        ...ass(c),
        AssessmentActualStartDate: '2025-03-20',
        AssessmentAuthorisationDate: null,
        AssessmentFactors: [],
      });
    },
    (c) => {
      ass(c).AssessmentAuthorisationDate = null;
      ass(c).AssessmentFactors = [];
      ep(c).Assessments.push({ ...ass(c), AssessmentActualStartDate: '2025-03-20' });
    },
  ],
  [
    '8897Q',
    (c) => {
      ass(c).AssessmentAuthorisationDate = '2024-03-31';
      ass(c).AssessmentActualStartDate = '2024-03-01';
      ass(c).AssessmentFactors = [];
    },
    (c) => {
      ass(c).AssessmentFactors = [];
    },
  ],
  [
    '8898',
    (c) => {
      ass(c).AssessmentFactors = ['1A', '1B'];
    },
    (c) => {
      ass(c).AssessmentFactors = ['1A', '1A'];
    },
  ],
  [
    '8945Q',
    (c) => {
      ass(c).AssessmentFactors = ['18B'];
    },
    (c) => {
      ass(c).AssessmentFactors = ['18A'];
    },
  ],
  [
    '8950Q',
    (c) => {
      ass(c).AssessmentFactors = ['19C'];
    },
    (c) => {
      ass(c).AssessmentFactors = ['19A'];
    },
  ],
  [
    '4000',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: null });
    },
    (c) => {
      nfa(c).CINPlanDates.push({ CINPlanStartDate: '2024-06-03', CINPlanEndDate: '2024-06-04' });
    },
  ],
  [
    '4001',
    (c) => {
      onProtection(c, { CPPendDate: '2024-09-01' });
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-09-01', CINPlanEndDate: null });
    },
    (c) => {
      onProtection(c);
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-06-10', CINPlanEndDate: null });
    },
  ],
  [
    '4003',
    (c) => {
      onProtection(c, { CPPendDate: '2024-09-01', CPPreviewDate: ['2024-10-01'] });
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-09-02', CINPlanEndDate: '2024-10-01' });
    },
    (c) => {
      onProtection(c, { CPPendDate: '2024-09-01', CPPreviewDate: ['2024-09-30'] });
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-09-02', CINPlanEndDate: '2024-10-01' });
    },
  ],
  [
    '4004',
    (c) => {
      ep(c).CINPlanDates.push(
        { CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-08-01' },
        { CINPlanStartDate: '2024-08-02', CINPlanEndDate: null },
      );
    },
    (c) => {
      ep(c).CINPlanDates.push(
        { CINPlanStartDate: '2024-07-02', CINPlanEndDate: null },
        { CINPlanStartDate: '2024-08-02', CINPlanEndDate: null },
      );
    },
  ],
  [
    '4010',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2025-03-31', CINPlanEndDate: null });
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2025-04-01', CINPlanEndDate: null });
    },
  ],
  [
    '4011',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-07-03' });
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-07-01' });
    },
  ],
  [
    '4012Q',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-07-03' });
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-07-02' });
    },
  ],
  [
    '4013',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2025-03-31' });
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2025-04-01' });
    },
  ],
  [
    '4014',
    (c) => {
      ep(c).CINPlanDates.push(
        { CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-08-01' },
        { CINPlanStartDate: '2024-08-02', CINPlanEndDate: null },
      );
    },
    (c) => {
      ep(c).CINPlanDates.push(
        { CINPlanStartDate: '2024-07-02', CINPlanEndDate: '2024-08-01' },
        { CINPlanStartDate: '2024-08-01', CINPlanEndDate: null },
      );
    },
  ],
  [
    '4015',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-06-03', CINPlanEndDate: null });
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-06-02', CINPlanEndDate: null });
    },
  ],
  [
    '4016',
    (c) => {
      onProtection(c, { CPPendDate: '2024-09-01' });
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-09-01', CINPlanEndDate: null });
    },
    (c) => {
      onProtection(c, { CPPendDate: '2024-09-01' });
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-08-31', CINPlanEndDate: null });
    },
  ],
  [
    '4017',
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-06-10', CINPlanEndDate: '2024-06-19' });
      onProtection(c);
    },
    (c) => {
      ep(c).CINPlanDates.push({ CINPlanStartDate: '2024-06-10', CINPlanEndDate: '2024-06-20' });
      onProtection(c);
    },
  ],
  [
    '2884',
    (c) => {
      onProtection(c);
    },
    (c) => {
      onProtection(c).DateOfInitialCPC = '2024-06-19';
    },
  ],
  [
    '2885',
    (c) => {
      onProtection(c);
    },
    (c) => {
      onProtection(c, { CPPstartDate: '2024-06-20' });
    },
  ],
  [
    '2889',
    (c) => {
      onProtection(c).Section47[0]!.S47ActualStartDate = '2024-06-03';
    },
    (c) => {
      onProtection(c).Section47[0]!.S47ActualStartDate = '2024-06-02';
    },
  ],
  [
    '8615',
    (c) => {
      onProtection(c).Section47[0]!.S47ActualStartDate = '2024-06-19';
    },
    (c) => {
      onProtection(c).Section47[0]!.S47ActualStartDate = '2024-06-20';
    },
  ],
  // 31 March 2025 minus 15 working days, counting the day itself as the first: 11 March.
  [
    '8675Q',
    (c) => {
      ep(c).Section47.push(s47({ S47ActualStartDate: '2025-03-11', DateOfInitialCPC: null, InitialCPCtarget: null }));
    },
    (c) => {
      ep(c).Section47.push(s47({ S47ActualStartDate: '2025-03-10', DateOfInitialCPC: null, InitialCPCtarget: null }));
    },
  ],
  [
    '8715',
    (c) => {
      ep(c).Section47.push(s47({ S47ActualStartDate: '2025-03-20', DateOfInitialCPC: '2025-03-31' }));
    },
    (c) => {
      ep(c).Section47.push(s47({ S47ActualStartDate: '2025-03-20', DateOfInitialCPC: '2025-04-01' }));
    },
  ],
  [
    '8740',
    (c) => {
      ep(c).Section47.push(s47({ S47ActualStartDate: '2024-06-05', DateOfInitialCPC: null, ICPCnotRequired: '1' }));
    },
    (c) => {
      ep(c).CINreferralDate = '2024-03-01';
      ep(c).Section47.push(s47({ S47ActualStartDate: '2024-03-29', DateOfInitialCPC: null }));
    },
  ],
  [
    '8839',
    (c) => {
      ep(c).Section47.push(
        s47({ DateOfInitialCPC: null, ICPCnotRequired: '1' }),
        s47({ S47ActualStartDate: '2025-03-25', DateOfInitialCPC: null }),
      );
    },
    (c) => {
      ep(c).Section47.push(
        s47({ S47ActualStartDate: '2025-03-24', DateOfInitialCPC: null }),
        s47({ S47ActualStartDate: '2025-03-25', DateOfInitialCPC: null }),
      );
    },
  ],
  [
    '8870Q',
    (c) => {
      ep(c).Section47.push(s47({ InitialCPCtarget: '2024-06-24' }));
    },
    (c) => {
      ep(c).Section47.push(s47({ InitialCPCtarget: '2024-06-23' }));
    },
  ],
  [
    '8875',
    (c) => {
      ep(c).Section47.push(s47({ DateOfInitialCPC: '2024-06-21' }));
    },
    (c) => {
      ep(c).Section47.push(s47({ DateOfInitialCPC: '2024-06-22' }));
    },
  ],
  [
    '8565',
    (c) => {
      close(c, '2024-07-01');
    },
    (c) => {
      close(c, '2024-06-30');
    },
  ],
  [
    '8720',
    (c) => {
      ep(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2025-03-31' }));
    },
    (c) => {
      ep(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2025-04-01' }));
    },
  ],
  [
    '8730',
    (c) => {
      onProtection(c, { NumberOfPreviousCPP: '0' });
    },
    (c) => {
      onProtection(c, { NumberOfPreviousCPP: null });
    },
  ],
  [
    '8832',
    (c) => {
      onProtection(c);
    },
    (c) => {
      nfa(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2024-06-03' }));
    },
  ],
  [
    '8840',
    (c) => {
      onProtection(c, { CPPendDate: '2024-06-20' });
    },
    (c) => {
      onProtection(c, { CPPendDate: '2024-06-19' });
    },
  ],
  [
    '8841',
    (c) => {
      onProtection(c, { CPPreviewDate: ['2024-06-20'] });
    },
    (c) => {
      onProtection(c, { CPPreviewDate: ['2024-06-19'] });
    },
  ],
  [
    '8842Q',
    (c) => {
      onProtection(c, { CPPreviewDate: ['2024-09-01'] });
    },
    (c) => {
      onProtection(c, { CPPreviewDate: ['2024-09-01', null] });
    },
  ],
  [
    '8905',
    (c) => {
      onProtection(c, { InitialCategoryOfAbuse: 'MUL' });
    },
    (c) => {
      onProtection(c, { InitialCategoryOfAbuse: 'NEGLECT' });
    },
  ],
  [
    '8910',
    (c) => {
      onProtection(c, { LatestCategoryOfAbuse: 'EMO' });
    },
    (c) => {
      onProtection(c, { LatestCategoryOfAbuse: null });
    },
  ],
  [
    '8915',
    (c) => {
      onProtection(c);
      c.identifiers.PersonDeathDate = '2024-06-19';
    },
    (c) => {
      onProtection(c);
      c.identifiers.PersonDeathDate = '2024-06-18';
    },
  ],
  [
    '8920',
    (c) => {
      onProtection(c, { CPPendDate: '2024-08-01' });
      c.identifiers.PersonDeathDate = '2024-08-01';
    },
    (c) => {
      onProtection(c, { CPPendDate: '2024-08-01' });
      c.identifiers.PersonDeathDate = '2024-07-31';
    },
  ],
  [
    '8925',
    (c) => {
      onProtection(c, { CPPendDate: '2024-06-20' });
    },
    (c) => {
      onProtection(c, { CPPendDate: '2024-06-18' });
    },
  ],
  [
    '8930',
    (c) => {
      onProtection(c, { CPPendDate: '2025-03-31' });
    },
    (c) => {
      onProtection(c, { CPPendDate: '2025-04-01' });
    },
  ],
  [
    '8935',
    (c) => {
      onProtection(c, { CPPendDate: '2024-08-01' });
      ep(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2024-09-02' }));
    },
    (c) => {
      onProtection(c);
      ep(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2024-09-02' }));
    },
  ],
  [
    '8940',
    (c) => {
      onProtection(c, { CPPendDate: '2024-08-01' });
      ep(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2024-08-02' }));
    },
    (c) => {
      onProtection(c, { CPPendDate: '2024-08-01' });
      ep(c).ChildProtectionPlans.push(cpp({ CPPstartDate: '2024-08-01' }));
    },
  ],
];

describe('each child-level CIN rule', () => {
  it.each(CHILD_CASES)('%s passes the near miss and fails the breach', (code, pass, fail) => {
    expect(fails(code, () => {})).toBe(false);
    expect(fails(code, pass)).toBe(false);
    expect(fails(code, fail)).toBe(true);
  });
});

describe('1530: characters 2 to 4 of the UPN', () => {
  it("accepts DfE's recognised pseudo LA codes 001 to 005 and 701 to 708, and no others near them", () => {
    for (const la of ['001', '005', '701', '708'])
      expect(
        fails('1530', (c) => {
          c.identifiers.UPN = upn(la, 1);
        }),
        la,
      ).toBe(false);
    for (const la of ['000', '006', '700', '709'])
      expect(
        fails('1530', (c) => {
          c.identifiers.UPN = upn(la, 1);
        }),
        la,
      ).toBe(true);
  });
});

describe('rules about several children or the return', () => {
  const run = (code: string, children: CinChild[], year: CinYear = YEAR) => validateCin(returnOf(children, year), { rules: [code] });

  it('100: the reference date must be 31 March of the collection year', () => {
    const ret = returnOf([child()]);
    expect(validateCin(ret, { rules: ['100'] })).toEqual([]);
    ret.header!.CollectionDetails!.ReferenceDate = '2024-03-31';
    expect(validateCin(ret, { rules: ['100'] })).toMatchObject([{ rule: '100', table: 'Header', row: null }]);
  });

  it('1520 and 8510: every child sharing a UPN or an LAchildID is reported', () => {
    const [a, b, c] = [child(), child(), child()];
    expect(run('1520', [a, b, c])).toEqual([]);
    c.identifiers.UPN = a.identifiers.UPN;
    c.identifiers.LAchildID = a.identifiers.LAchildID;
    expect(run('1520', [a, b, c]).map((f) => f.row)).toEqual([1, 3]);
    expect(run('8510', [a, b, c]).map((f) => f.row)).toEqual([1, 3]);
  });

  it('2883: more protection plans starting in the year than initial conferences, across the return', () => {
    const [a, b] = [child(), child()];
    onProtection(a);
    onProtection(b);
    expect(run('2883', [a, b])).toEqual([]);
    b.cinDetails[0]!.Section47[0]!.DateOfInitialCPC = null;
    b.cinDetails[0]!.Section47[0]!.ICPCnotRequired = '1';
    expect(run('2883', [a, b])).toMatchObject([{ rule: '2883', row: null }]);
  });

  it('2886Q: more than 2% of children with no sex recorded, unborn children aside', () => {
    const children = Array.from({ length: 50 }, () => child());
    children[0]!.identifiers.Sex = 'U';
    expect(run('2886Q', children)).toEqual([]); // 1 in 50 is 2%
    unborn(children[1]!);
    expect(run('2886Q', children)).toEqual([]);
    children[2]!.identifiers.Sex = null;
    expect(run('2886Q', children)).toMatchObject([{ rule: '2886Q', row: null }]);
  });

  it('2887Q: fewer than 8 different disability codes across the return, NONE aside', () => {
    const codes = ['MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS'];
    const children = codes.map((d) => {
      const c = child();
      c.characteristics.Disabilities = [d];
      return c;
    });
    expect(run('2887Q', children)).toEqual([]);
    children[7]!.characteristics.Disabilities = ['NONE'];
    expect(run('2887Q', children)).toMatchObject([{ rule: '2887Q', row: null }]);
  });

  it('2888Q: nobody with more than one disability recorded', () => {
    const [a, b] = [child(), child()];
    a.characteristics.Disabilities = ['MOB', 'HAND'];
    expect(run('2888Q', [a, b])).toEqual([]);
    a.characteristics.Disabilities = ['NONE', 'HAND'];
    expect(run('2888Q', [a, b])).toMatchObject([{ rule: '2888Q', row: null }]);
  });
});

describe('the rules by year', () => {
  it("implements every rule in DfE's list, once", () => {
    const codes = rulesCin.map((r) => r.code);
    expect(new Set(codes).size).toBe(109);
    const tested = new Set([...CHILD_CASES.map(([c]) => c), '100', '1520', '8510', '2883', '2886Q', '2887Q', '2888Q']);
    expect(codes.filter((c) => !tested.has(c))).toEqual([]);
  });

  it('reads GenderCurrent codes in 2023 and 2024 (0 for an unborn child)', () => {
    expect(
      fails(
        '4180',
        (c) => {
          c.identifiers.Sex = '9';
        },
        2024,
      ),
    ).toBe(false);
    expect(
      fails(
        '4180',
        (c) => {
          c.identifiers.Sex = 'M';
        },
        2024,
      ),
    ).toBe(true);
    expect(
      fails(
        '8750',
        (c) => {
          unborn(c, '2024-05-01');
          c.identifiers.Sex = '0';
        },
        2024,
      ),
    ).toBe(false);
    expect(
      fails(
        '8750',
        (c) => {
          unborn(c, '2024-05-01');
          c.identifiers.Sex = '1';
        },
        2024,
      ),
    ).toBe(true);
  });

  it('8770Q looks for a UPN from age 6 to 2024 and from age 4 from 2025', () => {
    const noUpn = (dob: string) => (c: CinChild) => {
      c.identifiers.PersonBirthDate = dob;
      c.identifiers.UPN = null;
      c.identifiers.UPNunknown = null;
    };
    expect(fails('8770Q', noUpn('2018-03-31'), 2024)).toBe(true);
    expect(fails('8770Q', noUpn('2018-04-01'), 2024)).toBe(false);
    expect(fails('8770Q', noUpn('2021-03-31'), 2025)).toBe(true);
    expect(fails('8770Q', noUpn('2021-04-01'), 2025)).toBe(false);
  });
});
