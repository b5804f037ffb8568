/**
 * What a CIN rule sees, and how a rule is declared.
 *
 * The validator turns each child into a prepared view once (dates as day numbers, NaN
 * when missing or not a date; flags as booleans) and runs every child rule on it, so a
 * rule is a small pure predicate in the words of its DfE text.
 */
import type { Assessment, ChildProtectionPlan, CinChild, CinDetails, CinHeader, CinReturn, CinYear, Section47, Text } from '../model.js';
import type { CinYearSchema } from '../schema/index.js';
import { type RuleFacts, factsFor } from './catalogue.js';
import { dayAsGiven } from '../dates.js';

export interface PAssessment {
  raw: Assessment;
  start: number;
  review: number;
  authorised: number;
  factors: Text[];
}

export interface PPlan {
  start: number;
  end: number;
}

export interface PSection47 {
  raw: Section47;
  start: number;
  target: number;
  icpc: number;
  /** ICPCnotRequired is set (1 or true). */
  notRequired: boolean;
}

export interface PProtectionPlan {
  raw: ChildProtectionPlan;
  start: number;
  end: number;
  /** Review dates; NaN for a review whose date is missing or broken. */
  reviews: number[];
}

export interface PEpisode {
  raw: CinDetails;
  referral: number;
  closure: number;
  /** DateOfInitialCPC recorded at episode (CINdetails) level. */
  icpc: number;
  /** ReferralNFA is set (1 or true). */
  nfa: boolean;
  /** ReferralNFA is explicitly 0 or false: the referral went on to further action. */
  furtherAction: boolean;
  assessments: PAssessment[];
  plans: PPlan[];
  s47: PSection47[];
  cpps: PProtectionPlan[];
}

export interface PChild {
  /** 1-based position in the message. */
  row: number;
  id: Text;
  raw: CinChild;
  birth: number;
  expectedBirth: number;
  death: number;
  episodes: PEpisode[];
  /** Every CIN plan and protection plan of the child, across episodes. */
  plans: PPlan[];
  cpps: PProtectionPlan[];
}

export interface RuleContext {
  year: CinYear;
  schema: CinYearSchema;
  header: CinHeader | null;
  /** First and last day of the census period (1 April, 31 March). */
  start: number;
  end: number;
  /** An assessment still open at the end that started before this day started more than 45 working days before the end (8670Q). */
  assessmentOverdueBefore: number;
  /** Likewise for a section 47 enquiry and 15 working days (8675Q). */
  s47OverdueBefore: number;
  /** One working day before the census period starts (8569Q). */
  workingDayBeforeStart: number;
  /** The reference date 4 and 6 years back (8770Q: school age), and 25 years back (8775Q). */
  fourYearsBefore: number;
  sixYearsBefore: number;
  twentyFiveYearsBefore: number;
}

/** Yes/no flags: the schema's 1 and 0; true and false are read the same way. */
export function isYes(value: Text): boolean {
  return value === '1' || (value !== null && value.toLowerCase() === 'true');
}

/** An explicit no (0 or false); a missing or broken flag is neither yes nor no. */
export function isNo(value: Text): boolean {
  return value === '0' || (value !== null && value.toLowerCase() === 'false');
}

export function isYesNo(value: Text): boolean {
  return isYes(value) || isNo(value);
}

// Most episodes have no plans, enquiries or reviews: share one empty list rather than make many.
const NONE: never[] = [];
Object.freeze(NONE);

export function prepareChild(child: CinChild, row: number): PChild {
  const id = child.identifiers;
  const episodes: PEpisode[] = new Array(child.cinDetails.length);
  let allPlans: PPlan[] = NONE;
  let allCpps: PProtectionPlan[] = NONE;
  for (let i = 0; i < child.cinDetails.length; i++) {
    const e = child.cinDetails[i]!;
    let assessments: PAssessment[] = NONE;
    if (e.Assessments.length) {
      assessments = new Array(e.Assessments.length);
      for (let k = 0; k < e.Assessments.length; k++) {
        const a = e.Assessments[k]!;
        assessments[k] = {
          raw: a,
          start: dayAsGiven(a.AssessmentActualStartDate),
          review: dayAsGiven(a.AssessmentInternalReviewDate),
          authorised: dayAsGiven(a.AssessmentAuthorisationDate),
          factors: a.AssessmentFactors,
        };
      }
    }
    let plans: PPlan[] = NONE;
    if (e.CINPlanDates.length) {
      plans = new Array(e.CINPlanDates.length);
      for (let k = 0; k < e.CINPlanDates.length; k++) {
        const p = e.CINPlanDates[k]!;
        plans[k] = { start: dayAsGiven(p.CINPlanStartDate), end: dayAsGiven(p.CINPlanEndDate) };
      }
      allPlans = allPlans === NONE ? plans : allPlans.concat(plans);
    }
    let s47: PSection47[] = NONE;
    if (e.Section47.length) {
      s47 = new Array(e.Section47.length);
      for (let k = 0; k < e.Section47.length; k++) {
        const s = e.Section47[k]!;
        s47[k] = {
          raw: s,
          start: dayAsGiven(s.S47ActualStartDate),
          target: dayAsGiven(s.InitialCPCtarget),
          icpc: dayAsGiven(s.DateOfInitialCPC),
          notRequired: isYes(s.ICPCnotRequired),
        };
      }
    }
    let cpps: PProtectionPlan[] = NONE;
    if (e.ChildProtectionPlans.length) {
      cpps = new Array(e.ChildProtectionPlans.length);
      for (let k = 0; k < e.ChildProtectionPlans.length; k++) {
        const p = e.ChildProtectionPlans[k]!;
        cpps[k] = {
          raw: p,
          start: dayAsGiven(p.CPPstartDate),
          end: dayAsGiven(p.CPPendDate),
          reviews: p.CPPreviewDate.length ? p.CPPreviewDate.map(dayAsGiven) : NONE,
        };
      }
      allCpps = allCpps === NONE ? cpps : allCpps.concat(cpps);
    }
    episodes[i] = {
      raw: e,
      referral: dayAsGiven(e.CINreferralDate),
      closure: dayAsGiven(e.CINclosureDate),
      icpc: dayAsGiven(e.DateOfInitialCPC),
      nfa: isYes(e.ReferralNFA),
      furtherAction: isNo(e.ReferralNFA),
      assessments,
      plans,
      s47,
      cpps,
    };
  }
  return {
    row,
    id: id.LAchildID,
    raw: child,
    birth: dayAsGiven(id.PersonBirthDate),
    expectedBirth: dayAsGiven(id.ExpectedPersonBirthDate),
    death: dayAsGiven(id.PersonDeathDate),
    episodes,
    plans: allPlans,
    cpps: allCpps,
  };
}

/** A rule about one child: true when the child fails it. */
export type ChildCheck = (child: PChild, ctx: RuleContext) => boolean;

/**
 * A rule about the return as a whole: the rows of the children that fail it, or true
 * for a finding about the return itself (row null), false when it passes.
 */
export type ReturnCheck = (ret: CinReturn, children: readonly PChild[] | null, ctx: RuleContext) => number[] | boolean;

export interface CinRule extends RuleFacts {
  /** Collection years the rule applies to. */
  years: CinYear[];
  child?: ChildCheck;
  whole?: ReturnCheck;
  /** A return-level check that needs the prepared children (most do not). */
  needsChildren?: boolean;
}

function yearsOf(facts: RuleFacts): CinYear[] {
  return facts.rulesets
    .map((r) => /^(\d{4})_(\d{2})$/.exec(r))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (Number(m[1]) + 1) as CinYear);
}

/**
 * Whether any item starts on or after another's start and on or before its end (before it,
 * with `endDay: 'excluded'`): the "falls on or between" test several DfE rules apply to a
 * child's episodes, plans, assessments and enquiries. `end` gives NaN for an item nothing
 * can fall within.
 */
export function startsWithinAnother<T>(
  items: readonly T[],
  start: (item: T) => number,
  end: (item: T) => number,
  endDay: 'included' | 'excluded' = 'included',
): boolean {
  if (items.length < 2) return false;
  for (let i = 0; i < items.length; i++) {
    const from = start(items[i]!);
    const until = end(items[i]!);
    for (let j = 0; j < items.length; j++) {
      if (j === i) continue;
      const s = start(items[j]!);
      if (s >= from && (endDay === 'included' ? s <= until : s < until)) return true;
    }
  }
  return false;
}

/** A child-level rule, with DfE's message, fields and table from the rule list. */
export function childRule(code: string, check: ChildCheck): CinRule {
  const facts = factsFor(code);
  return { ...facts, years: yearsOf(facts), child: check };
}

/** A return-level rule. */
export function returnRule(code: string, check: ReturnCheck, needsChildren = false): CinRule {
  const facts = factsFor(code);
  return { ...facts, years: yearsOf(facts), whole: check, needsChildren };
}
