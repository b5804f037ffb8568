/**
 * The Children in Need census message, as DfE's schema defines it (CIN_schema_<year>.xsd).
 *
 * Property names are DfE's element names, so a rule reads like its DfE text. Values are
 * the text of the element as sent (trimmed), or null when the element is absent or
 * empty: a date is 'YYYY-MM-DD' when well formed, a code is the code as sent. Keeping
 * the text rather than a parsed value means a return with a wrong code or a broken date
 * can still be read, shown and validated; the validator decides what is wrong with it.
 */
import type { CinYear } from './schema/index.js';

export { CIN_YEARS, type CinYear, isCinYear } from './schema/index.js';

/** Element text: null when the element is absent or empty. */
export type Text = string | null;
/** xs:date text, 'YYYY-MM-DD' when well formed. */
export type DateText = string | null;

export interface CinReturn {
  /** Collection year: the year the census ends (2026 = 1 April 2025 to 31 March 2026). */
  year: CinYear;
  /** <Header>: optional in the schema. */
  header: CinHeader | null;
  /** <Children>/<Child>, in message order: a child's row in findings is its index + 1. */
  children: CinChild[];
  /** Set by the reader: where the return came from. Not part of the message. */
  source?: CinSourceInfo;
}

export interface CinHeader {
  CollectionDetails: CollectionDetails | null;
  Source: CinSource[];
}

export interface CollectionDetails {
  /** 'CIN'. */
  Collection: Text;
  /** xs:gYear. */
  Year: Text;
  /** 31 March of the collection year. */
  ReferenceDate: DateText;
}

export interface CinSource {
  /** 'L' (local authority). */
  SourceLevel: Text;
  /** The authority's three-digit DfE LA number. */
  LEA: Text;
  SoftwareCode: Text;
  Release: Text;
  SerialNo: Text;
  /** xs:dateTime. */
  DateTime: Text;
}

export interface CinChild {
  /** <ChildIdentifiers> */
  identifiers: ChildIdentifiers;
  /** <ChildCharacteristics> */
  characteristics: ChildCharacteristics;
  /** <CINdetails>: one per episode of need. */
  cinDetails: CinDetails[];
}

export interface ChildIdentifiers {
  LAchildID: Text;
  UPN: Text;
  FormerUPN: Text;
  /** UN1 to UN7: why there is no UPN. */
  UPNunknown: Text;
  PersonBirthDate: DateText;
  ExpectedPersonBirthDate: DateText;
  /**
   * The child's sex. The 2023 and 2024 schemas call it GenderCurrent (1 male, 2 female,
   * 0 not recorded or unborn, 9 indeterminate); from 2025 it is Sex (M, F, U).
   */
  Sex: Text;
  PersonDeathDate: DateText;
}

export interface ChildCharacteristics {
  Ethnicity: Text;
  /** <Disabilities>/<Disability> codes; empty when none are sent. */
  Disabilities: Text[];
}

export interface CinDetails {
  CINreferralDate: DateText;
  ReferralSource: Text;
  PrimaryNeedCode: Text;
  CINclosureDate: DateText;
  ReasonForClosure: Text;
  /** An initial conference recorded at episode level (outside a Section 47 module). */
  DateOfInitialCPC: DateText;
  Assessments: Assessment[];
  CINPlanDates: CinPlanDates[];
  Section47: Section47[];
  /** '1' when the referral led to no further action, '0' otherwise. */
  ReferralNFA: Text;
  ChildProtectionPlans: ChildProtectionPlan[];
}

export interface Assessment {
  AssessmentActualStartDate: DateText;
  AssessmentInternalReviewDate: DateText;
  AssessmentAuthorisationDate: DateText;
  /** <FactorsIdentifiedAtAssessment>/<AssessmentFactors> codes. */
  AssessmentFactors: Text[];
}

export interface CinPlanDates {
  CINPlanStartDate: DateText;
  CINPlanEndDate: DateText;
}

export interface Section47 {
  S47ActualStartDate: DateText;
  InitialCPCtarget: DateText;
  DateOfInitialCPC: DateText;
  /** '1' when an initial conference was not required, '0' otherwise. */
  ICPCnotRequired: Text;
}

export interface ChildProtectionPlan {
  CPPstartDate: DateText;
  CPPendDate: DateText;
  InitialCategoryOfAbuse: Text;
  LatestCategoryOfAbuse: Text;
  /** A whole number, 0 or more. */
  NumberOfPreviousCPP: Text;
  /** <Reviews>/<CPPreviewDate>; a review with an empty date is kept as null. */
  CPPreviewDate: DateText[];
}

/** What the reader learnt about the file beyond the message itself. */
export interface CinSourceInfo {
  file: string;
  /** Line of each child's <Child> tag, by position; empty when it could not be told. */
  childLines: number[];
  /** Where the message departs from the year's schema (unknown elements, values of the wrong type or outside the code list). */
  issues: CinSchemaIssue[];
}

export interface CinSchemaIssue {
  /** 1-based child position, or null for the header or the message. */
  child: number | null;
  /** Line of the child (or of the element when known). */
  line: number | null;
  /** Element path below the child, e.g. 'CINdetails[2]/Assessments[1]/AssessmentActualStartDate'. */
  element: string;
  /** What is wrong, in plain words. */
  problem: string;
  /** The full message: file, line, element, problem. */
  message: string;
}

/** A child with nothing in it: the starting point for builders and tests. */
export function emptyChild(): CinChild {
  return {
    identifiers: {
      LAchildID: null,
      UPN: null,
      FormerUPN: null,
      UPNunknown: null,
      PersonBirthDate: null,
      ExpectedPersonBirthDate: null,
      Sex: null,
      PersonDeathDate: null,
    },
    characteristics: { Ethnicity: null, Disabilities: [] },
    cinDetails: [],
  };
}

export function emptyCinDetails(): CinDetails {
  return {
    CINreferralDate: null,
    ReferralSource: null,
    PrimaryNeedCode: null,
    CINclosureDate: null,
    ReasonForClosure: null,
    DateOfInitialCPC: null,
    Assessments: [],
    CINPlanDates: [],
    Section47: [],
    ReferralNFA: null,
    ChildProtectionPlans: [],
  };
}

/** The census period of a collection year: 1 April of the year before to 31 March. */
export function censusPeriod(year: number): { start: string; end: string } {
  return { start: `${year - 1}-04-01`, end: `${year}-03-31` };
}
