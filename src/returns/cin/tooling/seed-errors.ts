/**
 * Seeding errors into a valid generated return: for each DfE rule, a change to one
 * child (or to the return) that makes the rule fail. Used by tests, by the comparison
 * with the reference validator and by the benchmarks.
 *
 * A change starts from a known-good shape (a child born eight years before the end of
 * the census with one episode of a given kind, dated early in the census year) and
 * breaks one thing; other rules may fail too when the DfE rules overlap.
 */
import { upnCheckLetter } from '../../../core/record/identifiers.js';
import type { CinChild, CinDetails, CinReturn } from '../model.js';
import { emptyCinDetails } from '../model.js';
import { type GenerationContext, syntheticUpn, weekdayOnOrAfter } from './synthetic.js';
import { addYears, dateText as d, day, workingDays } from '../dates.js';

export interface SeededError {
  rule: string;
  /** 1-based child row, or null for a change to the return as a whole. */
  row: number | null;
}

function saturdayOnOrAfter(n: number): number {
  let x = n;
  while (new Date(x * 86400000).getUTCDay() !== 6) x++;
  return x;
}

/** A born child of eight with a UPN and nothing unusual. */
function plainChild(c: CinChild, g: GenerationContext): void {
  const id = c.identifiers;
  id.PersonBirthDate = d(addYears(g.end, -8) - 40);
  id.ExpectedPersonBirthDate = null;
  id.PersonDeathDate = null;
  id.Sex = g.codes.sexBorn[0]!;
  if (id.UPN === null) id.UPN = syntheticUpn(g.la, g.nextUpn++);
  id.UPNunknown = null;
}

function base(g: GenerationContext, referral: number): CinDetails {
  const e = emptyCinDetails();
  e.CINreferralDate = d(referral);
  e.ReferralSource = '1A';
  e.PrimaryNeedCode = 'N1';
  e.ReferralNFA = '0';
  return e;
}

function close(e: CinDetails, on: number, reason = 'RC7'): void {
  e.CINclosureDate = d(on);
  e.ReasonForClosure = reason;
}

/** Referral at start + 30; assessment from start + 31, authorised at start + 50. */
function assessed(g: GenerationContext, closed: boolean): CinDetails {
  const S = g.start;
  const e = base(g, S + 30);
  e.Assessments.push({
    AssessmentActualStartDate: d(S + 31),
    AssessmentInternalReviewDate: null,
    AssessmentAuthorisationDate: d(S + 50),
    AssessmentFactors: ['2B'],
  });
  if (closed) close(e, S + 55);
  return e;
}

/** Assessed, then a CIN plan from start + 51 (ending start + 150 when closed). */
function onPlan(g: GenerationContext, closed: boolean): CinDetails {
  const S = g.start;
  const e = assessed(g, false);
  e.CINPlanDates.push({ CINPlanStartDate: d(S + 51), CINPlanEndDate: closed ? d(S + 150) : null });
  if (closed) close(e, S + 160);
  return e;
}

/** Assessed, a section 47 from start + 32, conference on a weekday around start + 45 and a plan from it. */
function protection(g: GenerationContext, closed: boolean): CinDetails {
  const S = g.start;
  const e = assessed(g, false);
  const s47 = S + 32;
  const icpc = weekdayOnOrAfter(S + 45);
  e.Section47.push({
    S47ActualStartDate: d(s47),
    InitialCPCtarget: workingDays().addWorkingDays(d(s47), 15),
    DateOfInitialCPC: d(icpc),
    ICPCnotRequired: '0',
  });
  e.ChildProtectionPlans.push({
    CPPstartDate: d(icpc),
    CPPendDate: closed ? d(icpc + 100) : null,
    InitialCategoryOfAbuse: 'NEG',
    LatestCategoryOfAbuse: 'NEG',
    NumberOfPreviousCPP: '0',
    CPPreviewDate: [d(weekdayOnOrAfter(icpc + 60))],
  });
  if (closed) close(e, icpc + 110);
  return e;
}

function nfa(g: GenerationContext): CinDetails {
  const e = base(g, g.start + 30);
  e.ReferralNFA = '1';
  e.PrimaryNeedCode = null;
  close(e, g.start + 30);
  return e;
}

/** An assessment under way at the end of the year, started 19 days before it. */
function openAssessment(g: GenerationContext): CinDetails {
  const e = base(g, g.end - 20);
  e.Assessments.push({
    AssessmentActualStartDate: d(g.end - 19),
    AssessmentInternalReviewDate: null,
    AssessmentAuthorisationDate: null,
    AssessmentFactors: [],
  });
  return e;
}

function only(c: CinChild, g: GenerationContext, e: CinDetails): CinDetails {
  plainChild(c, g);
  c.cinDetails = [e];
  return e;
}

type Breaker = (c: CinChild, g: GenerationContext) => void;

/** Changes to the return as a whole. */
type ReturnBreaker = (
  ret: CinReturn,
  g: GenerationContext,
  untouched: (c: CinChild) => boolean,
  seededFor: (c: CinChild, rules: string[]) => boolean,
) => void;

function upnWith(la: string, middle: string, last: string): string {
  const tail = `${la}${middle}${last}`;
  return `${upnCheckLetter(tail) ?? 'A'}${tail}`;
}

const BREAKERS: Record<string, Breaker> = {
  '1103': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.Assessments[0]!.AssessmentActualStartDate = d(g.start + 28);
  },
  '1104': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.Section47[0]!.DateOfInitialCPC = d(weekdayOnOrAfter(g.start + 20));
  },
  '1105': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.CPPstartDate = d(g.start + 25);
  },
  '1510': (c, g) => {
    plainChild(c, g);
    const u = c.identifiers.UPN!;
    c.identifiers.UPN = (u[0] === 'A' ? 'B' : 'A') + u.slice(1);
  },
  '1530': (c, g) => {
    plainChild(c, g);
    c.identifiers.UPN = upnWith('100', '99', String(g.nextUpn++).padStart(7, '0'));
  },
  '1540': (c, g) => {
    plainChild(c, g);
    c.identifiers.UPN = upnWith(g.la, '9A', String(g.nextUpn++).padStart(7, '0'));
  },
  '1550': (c, g) => {
    plainChild(c, g);
    c.identifiers.UPN = upnWith(g.la, '99', `${String(g.nextUpn++).padStart(6, '0')}I`);
  },
  '1560Q': (c, g) => {
    plainChild(c, g);
    c.identifiers.FormerUPN = 'X1234';
  },
  '1570': (c) => {
    c.identifiers.LAchildID = `${c.identifiers.LAchildID}000000000000000`;
  },
  '1580': (c) => {
    c.identifiers.LAchildID = `${c.identifiers.LAchildID}-A`;
  },
  '4008': (c, g) => {
    only(c, g, onPlan(g, false));
    c.identifiers.PersonDeathDate = d(g.start + 50);
  },
  '4009Q': (c, g) => {
    only(c, g, onPlan(g, true));
    c.identifiers.PersonDeathDate = d(g.start + 100);
  },
  '4180': (c) => {
    c.identifiers.Sex = 'X';
  },
  '8500': (c) => {
    c.identifiers.LAchildID = null;
  },
  '8520': (c, g) => {
    const e = only(c, g, openAssessment(g));
    c.identifiers.PersonBirthDate = d(g.end + 10);
    c.identifiers.UPN = null;
    c.identifiers.UPNunknown = 'UN1';
    void e;
  },
  '8525Q': (c, g) => {
    plainChild(c, g);
    c.identifiers.ExpectedPersonBirthDate = d(g.end + 30);
  },
  '8530Q': (c, g) => {
    const e = only(c, g, nfa(g));
    c.identifiers.PersonBirthDate = null;
    c.identifiers.UPN = null;
    c.identifiers.UPNunknown = 'UN1';
    c.identifiers.Sex = g.codes.unbornSex;
    c.identifiers.ExpectedPersonBirthDate = d(day(`${g.year}-02-20`));
    c.characteristics.Disabilities = [];
    e.CINreferralDate = d(g.end - 100);
    e.CINclosureDate = e.CINreferralDate;
  },
  '8535Q': (c, g) => {
    only(c, g, nfa(g));
    c.identifiers.PersonBirthDate = d(g.start + 20);
    c.identifiers.PersonDeathDate = d(g.start + 10);
    c.identifiers.UPN = null;
    c.identifiers.UPNunknown = 'UN1';
  },
  '8545Q': (c, g) => {
    only(c, g, nfa(g));
    c.identifiers.PersonDeathDate = d(g.end + 5);
  },
  '8590': (c) => {
    c.cinDetails = [];
  },
  '8750': (c, g) => {
    const e = only(c, g, nfa(g));
    c.identifiers.PersonBirthDate = null;
    c.identifiers.UPN = null;
    c.identifiers.UPNunknown = 'UN1';
    c.identifiers.ExpectedPersonBirthDate = d(day(`${g.year}-04-20`));
    c.identifiers.Sex = g.codes.sexBorn[0]!;
    c.characteristics.Disabilities = [];
    e.CINreferralDate = d(g.end - 100);
    e.CINclosureDate = e.CINreferralDate;
  },
  '8770Q': (c, g) => {
    only(c, g, assessed(g, true));
    c.identifiers.UPN = null;
    c.identifiers.FormerUPN = null;
    c.identifiers.UPNunknown = 'UN1';
  },
  '8772': (c, g) => {
    only(c, g, assessed(g, true));
    c.identifiers.UPN = null;
    c.identifiers.UPNunknown = 'UN7';
  },
  '8775Q': (c, g) => {
    plainChild(c, g);
    c.identifiers.PersonBirthDate = d(addYears(g.end, -27));
  },
  '4220': (c) => {
    c.characteristics.Ethnicity = 'XXXX';
  },
  '8540': (c, g) => {
    only(c, g, assessed(g, true));
    c.characteristics.Disabilities = ['XYZ'];
  },
  '8790': (c) => {
    c.characteristics.Disabilities = ['NONE', 'MOB'];
  },
  '8794': (c) => {
    c.characteristics.Disabilities = ['MOB', 'MOB'];
  },
  '2990': (c, g) => {
    const e = only(c, g, onPlan(g, true));
    e.ReasonForClosure = 'RC8';
  },
  '2991Q': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.Assessments = [];
  },
  '8555Q': (c, g) => {
    only(c, g, nfa(g));
    c.identifiers.PersonDeathDate = d(g.start + 20);
  },
  '8568': (c) => {
    c.cinDetails[0]!.ReferralNFA = 'X';
  },
  '8569Q': (c, g) => {
    const e = only(c, g, nfa(g));
    e.CINreferralDate = d(g.start - 10);
    e.CINclosureDate = d(g.start + 1);
  },
  '8585Q': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.ReasonForClosure = 'RC2';
  },
  '8600': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.CINreferralDate = null;
  },
  '8606': (c, g) => {
    const e = only(c, g, assessed(g, true));
    c.identifiers.PersonBirthDate = d(g.start + 340);
    c.identifiers.UPN = null;
    c.identifiers.UPNunknown = 'UN1';
    void e;
  },
  '8610': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.PrimaryNeedCode = null;
  },
  '8620': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.CINclosureDate = d(g.end + 5);
  },
  '8630': (c, g) => {
    const e = only(c, g, nfa(g));
    e.CINclosureDate = d(g.start + 29);
  },
  '8640': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.ReasonForClosure = 'RC0';
  },
  '8650': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.PrimaryNeedCode = 'N99';
  },
  '8805': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.ReasonForClosure = null;
  },
  '8810': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.ReasonForClosure = 'RC7';
  },
  '8815': (c, g) => {
    const first = only(c, g, assessed(g, false));
    const second = base(g, g.start + 200);
    second.Assessments.push({
      AssessmentActualStartDate: d(g.start + 201),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: d(g.start + 230),
      AssessmentFactors: ['4B'],
    });
    c.cinDetails = [first, second];
  },
  '8816': (c, g) => {
    const first = only(c, g, assessed(g, false));
    const second = base(g, g.start + 200);
    second.Assessments.push({
      AssessmentActualStartDate: d(g.start + 201),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: d(g.start + 230),
      AssessmentFactors: ['4B'],
    });
    close(second, g.start + 240);
    c.cinDetails = [first, second];
  },
  '8820': (c, g) => {
    const first = only(c, g, assessed(g, true));
    const second = base(g, g.start + 40);
    second.Assessments.push({
      AssessmentActualStartDate: d(g.start + 60),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: d(g.start + 70),
      AssessmentFactors: ['4B'],
    });
    close(second, g.start + 80);
    c.cinDetails = [first, second];
  },
  '8825Q': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.Assessments = [];
    e.ReasonForClosure = 'RC8';
  },
  '8831': (c, g) => {
    const e = only(c, g, nfa(g));
    e.Assessments.push({
      AssessmentActualStartDate: d(g.start + 30),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: d(g.start + 30),
      AssessmentFactors: ['1A'],
    });
  },
  '8866': (c) => {
    c.cinDetails[0]!.ReferralSource = 'ZZ';
  },
  '8867': (c, g) => {
    const e = only(c, g, assessed(g, true));
    const a = e.Assessments[0]!;
    a.AssessmentAuthorisationDate = null;
    a.AssessmentFactors = [];
  },
  '8868': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.Section47.push({ S47ActualStartDate: d(g.start + 32), InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: '0' });
  },
  '8890': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.Section47.push({ S47ActualStartDate: d(g.start + 35), InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: '1' });
  },
  '8608': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.Assessments[0]!.AssessmentAuthorisationDate = d(g.start + 31);
    e.Assessments[0]!.AssessmentActualStartDate = d(g.start + 40);
  },
  '8614': (c, g) => {
    const e = only(c, g, openAssessment(g));
    e.Assessments[0]!.AssessmentFactors = ['1A'];
  },
  '8670Q': (c, g) => {
    const e = only(c, g, openAssessment(g));
    e.CINreferralDate = d(g.end - 120);
    e.Assessments[0]!.AssessmentActualStartDate = d(g.end - 119);
  },
  '8696': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments[0]!.AssessmentAuthorisationDate = d(g.end + 3);
  },
  '8736': (c, g) => {
    const e = only(c, g, openAssessment(g));
    e.CINreferralDate = d(g.start - 40);
    e.Assessments[0]!.AssessmentActualStartDate = d(g.start - 30);
  },
  '8863Q': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments.push({
      AssessmentActualStartDate: d(g.start + 40),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: d(g.start + 60),
      AssessmentFactors: ['1A'],
    });
  },
  '8869': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments[0]!.AssessmentFactors = ['21', '1A'];
  },
  '8873Q': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.Assessments[0]!.AssessmentFactors = ['21'];
    e.ReasonForClosure = 'RC7';
  },
  '8896': (c, g) => {
    const e = only(c, g, openAssessment(g));
    e.Assessments.push({
      AssessmentActualStartDate: d(g.end - 18),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: null,
      AssessmentFactors: [],
    });
  },
  '8897Q': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments[0]!.AssessmentFactors = [];
  },
  '8898': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments[0]!.AssessmentFactors = ['1A', '1A'];
  },
  '8945Q': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments[0]!.AssessmentFactors = ['18A'];
  },
  '8950Q': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.Assessments[0]!.AssessmentFactors = ['19A'];
  },
  '4000': (c, g) => {
    const e = only(c, g, nfa(g));
    e.CINPlanDates.push({ CINPlanStartDate: d(g.start + 30), CINPlanEndDate: d(g.start + 31) });
  },
  '4001': (c, g) => {
    const e = only(c, g, protection(g, false));
    const s = day(e.ChildProtectionPlans[0]!.CPPstartDate);
    e.CINPlanDates.push({ CINPlanStartDate: d(s - 5), CINPlanEndDate: null });
  },
  '4003': (c, g) => {
    const e = only(c, g, protection(g, true));
    const cpp = e.ChildProtectionPlans[0]!;
    const end = day(cpp.CPPendDate);
    // A plan that follows the protection plan, and a review recorded in its time.
    e.CINPlanDates.push({ CINPlanStartDate: d(end + 1), CINPlanEndDate: d(end + 30) });
    cpp.CPPreviewDate = [d(end + 3)];
    e.CINclosureDate = null;
    e.ReasonForClosure = null;
  },
  '4004': (c, g) => {
    const e = only(c, g, onPlan(g, false));
    e.CINPlanDates.push({ CINPlanStartDate: d(g.start + 60), CINPlanEndDate: null });
  },
  '4010': (c, g) => {
    const e = only(c, g, onPlan(g, false));
    e.CINPlanDates[0]!.CINPlanStartDate = null;
  },
  '4011': (c, g) => {
    const e = only(c, g, onPlan(g, false));
    e.CINPlanDates[0]!.CINPlanEndDate = d(g.start + 45);
  },
  '4012Q': (c, g) => {
    const e = only(c, g, onPlan(g, false));
    e.CINPlanDates[0]!.CINPlanEndDate = e.CINPlanDates[0]!.CINPlanStartDate;
  },
  '4013': (c, g) => {
    const e = only(c, g, onPlan(g, false));
    e.CINPlanDates[0]!.CINPlanEndDate = d(g.end + 10);
  },
  '4014': (c, g) => {
    const e = only(c, g, onPlan(g, true));
    e.CINPlanDates.push({ CINPlanStartDate: d(g.start + 100), CINPlanEndDate: d(g.start + 140) });
  },
  '4015': (c, g) => {
    const e = only(c, g, onPlan(g, false));
    e.CINPlanDates[0]!.CINPlanStartDate = d(g.start + 20);
  },
  '4016': (c, g) => {
    const e = only(c, g, protection(g, true));
    const s = day(e.ChildProtectionPlans[0]!.CPPstartDate);
    e.CINPlanDates.push({ CINPlanStartDate: d(s + 10), CINPlanEndDate: d(s + 90) });
  },
  '4017': (c, g) => {
    const e = only(c, g, protection(g, true));
    const s = day(e.ChildProtectionPlans[0]!.CPPstartDate);
    e.CINPlanDates.push({ CINPlanStartDate: d(s - 10), CINPlanEndDate: d(s + 5) });
  },
  '2884': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.DateOfInitialCPC = e.Section47[0]!.DateOfInitialCPC;
  },
  '2889': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.Section47[0]!.S47ActualStartDate = d(g.start + 25);
  },
  '8615': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.Section47[0]!.S47ActualStartDate = null;
  },
  '8675Q': (c, g) => {
    const e = only(c, g, openAssessment(g));
    e.CINreferralDate = d(g.end - 90);
    e.Assessments[0]!.AssessmentActualStartDate = d(g.end - 89);
    e.Assessments[0]!.AssessmentAuthorisationDate = d(g.end - 60);
    e.Assessments[0]!.AssessmentFactors = ['1A'];
    e.Section47.push({ S47ActualStartDate: d(g.end - 60), InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: '0' });
  },
  '8715': (c, g) => {
    const e = only(c, g, openAssessment(g));
    const icpc = weekdayOnOrAfter(g.end + 3);
    e.Section47.push({ S47ActualStartDate: d(g.end - 10), InitialCPCtarget: null, DateOfInitialCPC: d(icpc), ICPCnotRequired: '0' });
  },
  '8740': (c, g) => {
    const e = only(c, g, assessed(g, false));
    e.CINreferralDate = d(g.start - 40);
    e.Section47.push({ S47ActualStartDate: d(g.start - 20), InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: '0' });
  },
  '8839': (c, g) => {
    const e = only(c, g, openAssessment(g));
    e.Section47.push({ S47ActualStartDate: d(g.end - 5), InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: '0' });
    e.Section47.push({ S47ActualStartDate: d(g.end - 3), InitialCPCtarget: null, DateOfInitialCPC: null, ICPCnotRequired: '0' });
  },
  '8870Q': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.Section47[0]!.InitialCPCtarget = d(saturdayOnOrAfter(g.start + 45));
  },
  '8875': (c, g) => {
    const e = only(c, g, protection(g, false));
    const sat = d(saturdayOnOrAfter(g.start + 45));
    e.Section47[0]!.DateOfInitialCPC = sat;
    e.ChildProtectionPlans[0]!.CPPstartDate = sat;
  },
  '2885': (c, g) => {
    const e = only(c, g, protection(g, false));
    const p = e.ChildProtectionPlans[0]!;
    p.CPPstartDate = d(day(p.CPPstartDate) + 1);
  },
  '8565': (c, g) => {
    const e = only(c, g, assessed(g, true));
    e.Assessments[0]!.AssessmentAuthorisationDate = d(g.start + 60);
  },
  '8720': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.CPPstartDate = null;
  },
  '8730': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.NumberOfPreviousCPP = null;
  },
  '8832': (c, g) => {
    const e = only(c, g, nfa(g));
    e.ChildProtectionPlans.push({
      CPPstartDate: d(g.start + 30),
      CPPendDate: null,
      InitialCategoryOfAbuse: 'NEG',
      LatestCategoryOfAbuse: 'NEG',
      NumberOfPreviousCPP: '0',
      CPPreviewDate: [],
    });
  },
  '8840': (c, g) => {
    const e = only(c, g, protection(g, false));
    const p = e.ChildProtectionPlans[0]!;
    p.CPPendDate = p.CPPstartDate;
    p.CPPreviewDate = [];
  },
  '8841': (c, g) => {
    const e = only(c, g, protection(g, false));
    const p = e.ChildProtectionPlans[0]!;
    p.CPPreviewDate = [p.CPPstartDate];
  },
  '8842Q': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.CPPreviewDate = [null];
  },
  '8905': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.InitialCategoryOfAbuse = 'XXX';
  },
  '8910': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.LatestCategoryOfAbuse = 'XXX';
  },
  '8915': (c, g) => {
    only(c, g, protection(g, false));
    c.identifiers.PersonDeathDate = d(g.start + 40);
  },
  '8920': (c, g) => {
    const e = only(c, g, protection(g, true));
    c.identifiers.PersonDeathDate = d(day(e.ChildProtectionPlans[0]!.CPPendDate) - 1);
  },
  '8925': (c, g) => {
    const e = only(c, g, protection(g, true));
    const p = e.ChildProtectionPlans[0]!;
    p.CPPendDate = d(day(p.CPPstartDate) - 2);
    p.CPPreviewDate = [];
  },
  '8930': (c, g) => {
    const e = only(c, g, protection(g, false));
    e.ChildProtectionPlans[0]!.CPPendDate = d(g.end + 3);
  },
  '8935': (c, g) => {
    const e = only(c, g, protection(g, false));
    const first = e.ChildProtectionPlans[0]!;
    e.ChildProtectionPlans.push({ ...first, CPPstartDate: d(day(first.CPPstartDate) + 20), CPPreviewDate: [] });
  },
  '8940': (c, g) => {
    const e = only(c, g, protection(g, true));
    const p = e.ChildProtectionPlans[0]!;
    e.ChildProtectionPlans.push({
      ...p,
      CPPstartDate: d(day(p.CPPstartDate) + 10),
      CPPendDate: d(day(p.CPPendDate) + 5),
      CPPreviewDate: [],
    });
  },
};

/** Rules broken by a change to two children at once (a value they share). */
const PAIR_BREAKERS: Record<string, (a: CinChild, b: CinChild) => void> = {
  '1520': (a, b) => {
    if (a.identifiers.UPN === null) a.identifiers.UPN = b.identifiers.UPN ?? syntheticUpn('936', 9_999_999);
    b.identifiers.UPN = a.identifiers.UPN;
  },
  '8510': (a, b) => {
    b.identifiers.LAchildID = a.identifiers.LAchildID;
  },
};

/** Protection plans and initial conferences in the census period, across the return (2883). */
function plansAndConferences(ret: CinReturn, g: GenerationContext): { plans: number; conferences: number } {
  const inPeriod = (t: string | null) => {
    const n = day(t);
    return n >= g.start && n <= g.end;
  };
  let plans = 0;
  let conferences = 0;
  for (const c of ret.children) {
    for (const e of c.cinDetails) {
      if (inPeriod(e.DateOfInitialCPC)) conferences++;
      for (const s of e.Section47) if (inPeriod(s.DateOfInitialCPC)) conferences++;
      for (const p of e.ChildProtectionPlans) if (inPeriod(p.CPPstartDate)) plans++;
    }
  }
  return { plans, conferences };
}

const RETURN_BREAKERS: Record<string, ReturnBreaker> = {
  '2883': (ret, g, untouched) => {
    // Protection plans whose initial conference is not recorded, until plans outnumber conferences.
    for (const c of ret.children) {
      const { plans, conferences } = plansAndConferences(ret, g);
      if (plans > conferences) return;
      if (!untouched(c)) continue;
      const e = only(c, g, protection(g, false));
      const s = e.Section47[0]!;
      s.DateOfInitialCPC = null;
      s.ICPCnotRequired = '1';
    }
  },
  '100': (ret, g) => {
    ret.header!.CollectionDetails!.ReferenceDate = `${g.year - 1}-03-31`;
  },
  '2886Q': (ret, g, untouched) => {
    // Sex not recorded for a little over 2% of the children already born.
    const born = ret.children.filter((c) => c.identifiers.PersonBirthDate !== null && untouched(c));
    const n = Math.max(1, Math.floor(ret.children.length * 0.03) + 1);
    for (const c of born.slice(0, n)) c.identifiers.Sex = g.codes.unbornSex;
  },
  '2887Q': (ret, _g, _untouched, seededFor) => {
    // Only three codes in use (the children seeded for other disability rules keep theirs).
    const few = ['MOB', 'HAND', 'PC'];
    for (const c of ret.children) {
      if (seededFor(c, ['8540', '8790', '8794'])) continue;
      const own = c.characteristics.Disabilities.filter((x) => x !== 'NONE').slice(0, few.length);
      if (own.length) c.characteristics.Disabilities = own.map((_, i) => few[i]!);
    }
  },
  '2888Q': (ret, _g, untouched) => {
    for (const c of ret.children)
      if (c.characteristics.Disabilities.length > 1 && untouched(c)) c.characteristics.Disabilities = [c.characteristics.Disabilities[0]!];
  },
};

/** Rule codes the seeding knows how to break. */
export const SEEDABLE_RULES: readonly string[] = [...Object.keys(BREAKERS), ...Object.keys(PAIR_BREAKERS), ...Object.keys(RETURN_BREAKERS)];

/**
 * Breaks the asked-for rules in a generated return, each in `count` children not
 * already changed (chosen with the generator's seeded sequence).
 */
export function seedErrors(ret: CinReturn, g: GenerationContext, errors: { rule: string; count?: number }[]): SeededError[] {
  const seeded: SeededError[] = [];
  const free = ret.children.map((_, i) => i);
  const take = (): number | null => {
    if (free.length === 0) return null;
    const k = g.rng.int(0, free.length - 1);
    const [i] = free.splice(k, 1);
    return i!;
  };
  // Changes to the return as a whole go last, so that no child's change undoes them.
  const ordered = [...errors.filter((e) => !RETURN_BREAKERS[e.rule]), ...errors.filter((e) => RETURN_BREAKERS[e.rule])];
  for (const { rule, count = 1 } of ordered) {
    const whole = RETURN_BREAKERS[rule];
    if (whole) {
      const touched = new Map<CinChild, string[]>();
      for (const x of seeded) {
        if (x.row === null) continue;
        const c = ret.children[x.row - 1]!;
        touched.set(c, [...(touched.get(c) ?? []), x.rule]);
      }
      whole(
        ret,
        g,
        (c) => !touched.has(c),
        (c, rules) => (touched.get(c) ?? []).some((r) => rules.includes(r)),
      );
      seeded.push({ rule, row: null });
      continue;
    }
    const pair = PAIR_BREAKERS[rule];
    const single = BREAKERS[rule];
    if (!pair && !single) throw new RangeError(`No way to seed an error for CIN rule ${rule}`);
    for (let k = 0; k < count; k++) {
      if (pair) {
        const a = take();
        const b = take();
        if (a === null || b === null) break;
        pair(ret.children[a]!, ret.children[b]!);
        seeded.push({ rule, row: a + 1 }, { rule, row: b + 1 });
      } else {
        const i = take();
        if (i === null) break;
        single!(ret.children[i]!, g);
        seeded.push({ rule, row: i + 1 });
      }
    }
  }
  return seeded;
}
