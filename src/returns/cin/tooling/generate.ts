/**
 * A synthetic CIN census return: seeded and deterministic, valid against every DfE rule
 * for its year unless errors are asked for. For tests, the comparison with the sector's
 * reference validator and the benchmarks.
 *
 * Everything is synthetic: LAchildIDs are 'SYN' and a number, and every UPN has '99' as
 * its establishment digits after the LA number, which no school uses, with a correct
 * check letter. The CIN census carries no names.
 */
import {
  type Assessment,
  type ChildProtectionPlan,
  type CinChild,
  type CinDetails,
  type CinReturn,
  type CinYear,
  censusPeriod,
  emptyCinDetails,
  emptyChild,
} from '../model.js';
import { dateText, day, workingDays } from '../dates.js';
import { type SeededError, seedErrors } from './seed-errors.js';
import { type GenerationContext, generationContext, Random, syntheticChildId, syntheticUpn, weekdayOnOrAfter } from './synthetic.js';

export interface GenerateOptions {
  /** How many children. */
  children: number;
  year: CinYear;
  /** Seed for the pseudo-random sequence; the same seed gives the same return. */
  seed?: number;
  /** The authority's three-digit DfE LA number (header LEA and UPN characters 2-4). Default 936. */
  la?: string;
  /**
   * Rules to break: for each, `count` children (default 1) are changed so that the rule
   * fails for them. Rules about the whole return (100, 2886Q, 2887Q, 2888Q) break the return.
   */
  errors?: { rule: string; count?: number }[];
}

export interface GeneratedCin {
  ret: CinReturn;
  /** Which children (1-based rows; null for the return as a whole) were changed for which rule. */
  seeded: SeededError[];
}

const d = dateText;

/** What kind of involvement a generated child has had this year. */
export type Journey = 'nfa' | 'assessed' | 'cinPlan' | 'protection' | 'longRunning';

function completedAssessment(g: GenerationContext, start: number, latest: number, noFactors: boolean): Assessment {
  const { rng } = g;
  const auth = Math.min(latest, start + rng.int(5, 60));
  const factors = noFactors ? ['21'] : rng.some(g.codes.factors, rng.int(1, 3));
  return {
    AssessmentActualStartDate: d(start),
    AssessmentInternalReviewDate: auth - start > 10 && rng.chance(0.2) ? d(start + 7) : null,
    AssessmentAuthorisationDate: d(auth),
    AssessmentFactors: factors,
  };
}

function protectionPlan(g: GenerationContext, start: number, end: number | null): ChildProtectionPlan {
  const { rng } = g;
  const category = rng.pick(g.codes.categoryOfAbuse);
  const last = end ?? g.end;
  const reviews: string[] = [];
  for (let r = start + 90; r <= last; r += 180) reviews.push(d(weekdayOnOrAfter(r) > last ? r : weekdayOnOrAfter(r)));
  return {
    CPPstartDate: d(start),
    CPPendDate: end === null ? null : d(end),
    InitialCategoryOfAbuse: category,
    LatestCategoryOfAbuse: rng.chance(0.9) ? category : rng.pick(g.codes.categoryOfAbuse),
    NumberOfPreviousCPP: String(rng.chance(0.8) ? 0 : rng.int(1, 3)),
    CPPreviewDate: reviews,
  };
}

/** One valid episode from `referral`: open, or closed no later than `latest`. */
export function generateEpisode(g: GenerationContext, journey: Journey, referral: number, open: boolean, latest: number): CinDetails {
  const { rng } = g;
  const e = emptyCinDetails();
  e.CINreferralDate = d(referral);
  e.ReferralSource = rng.pick(g.codes.referralSource);
  e.ReferralNFA = journey === 'nfa' ? '1' : '0';
  if (journey !== 'nfa') e.PrimaryNeedCode = rng.pick(g.codes.primaryNeed);

  if (journey === 'nfa') {
    e.CINclosureDate = d(referral);
    e.ReasonForClosure = 'RC7';
    return e;
  }

  if (journey === 'longRunning') {
    // Referred last year, assessed then (not in this return); a CIN plan this year.
    const planStart = g.start + rng.int(0, 60);
    const planEnd = open || rng.chance(0.3) ? null : Math.min(latest, planStart + rng.int(30, 200));
    e.CINPlanDates.push({ CINPlanStartDate: d(planStart), CINPlanEndDate: planEnd === null ? null : d(planEnd) });
    if (!open) {
      const close = Math.max(planEnd ?? planStart + 1, planStart + 1);
      e.CINclosureDate = d(Math.min(latest, close));
      if (planEnd === null) e.CINPlanDates[0]!.CINPlanEndDate = e.CINclosureDate;
      e.ReasonForClosure = rng.pick(['RC1', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7']);
    }
    return e;
  }

  // An assessment within a few days of the referral.
  const assessStart = Math.min(referral + rng.int(0, 3), latest, g.end);
  const openAssessment = open && journey === 'assessed' && assessStart >= g.openAssessmentFrom && rng.chance(0.5);
  if (openAssessment) {
    e.Assessments.push({
      AssessmentActualStartDate: d(assessStart),
      AssessmentInternalReviewDate: null,
      AssessmentAuthorisationDate: null,
      AssessmentFactors: [],
    });
    return e;
  }
  // "No factors identified" (21) leads to closure with RC8 or RC9 (8873Q).
  const noFactors = journey === 'assessed' && !open && rng.chance(0.3);
  const assessment = completedAssessment(g, assessStart, latest, noFactors);
  e.Assessments.push(assessment);
  const assessed = day(assessment.AssessmentAuthorisationDate);

  if (journey === 'assessed') {
    if (!open) {
      e.CINclosureDate = d(Math.min(latest, assessed + rng.int(0, 10)));
      e.ReasonForClosure = noFactors ? rng.pick(['RC8', 'RC9']) : rng.pick(['RC7', 'RC8', 'RC9']);
    }
    return e;
  }

  if (journey === 'cinPlan') {
    const planStart = Math.min(latest, assessed + rng.int(0, 5));
    let planEnd: number | null = null;
    if (!open || rng.chance(0.4)) {
      const wanted = planStart + rng.int(20, 150);
      planEnd = wanted <= latest ? wanted : null;
    }
    if (planEnd !== null && planEnd <= planStart) planEnd = null;
    if (!open && planEnd === null) {
      // A closed episode needs its plan ended, a day or more after it started.
      if (latest <= planStart) {
        e.CINPlanDates = [];
        e.CINclosureDate = d(latest);
        e.ReasonForClosure = 'RC7';
        return e;
      }
      planEnd = latest;
    }
    e.CINPlanDates.push({ CINPlanStartDate: d(planStart), CINPlanEndDate: planEnd === null ? null : d(planEnd) });
    if (!open) {
      e.CINclosureDate = d(Math.min(latest, planEnd! + rng.int(0, 5)));
      e.ReasonForClosure = rng.pick(['RC1', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7']);
    }
    return e;
  }

  // Protection: a section 47 enquiry started while the assessment was under way, then
  // an initial conference on a working day within 15 working days, and a plan from it.
  const cal = workingDays();
  const s47Start = Math.min(assessStart + rng.int(0, 2), latest, g.end);
  const target = day(cal.addWorkingDays(d(s47Start), 15));
  const icpc = weekdayOnOrAfter(s47Start + rng.int(5, 20));
  if (icpc > g.end || icpc > latest) {
    // Too late in the year for a conference: the enquiry is still open at the end, or
    // found no conference was needed.
    const stillOpen = open && s47Start >= g.openS47From;
    e.Section47.push({
      S47ActualStartDate: d(s47Start),
      InitialCPCtarget: target <= g.end + 30 ? d(target) : null,
      DateOfInitialCPC: null,
      ICPCnotRequired: stillOpen ? '0' : '1',
    });
    if (!open) {
      e.CINclosureDate = d(Math.max(assessed, s47Start));
      e.ReasonForClosure = 'RC7';
    }
    return e;
  }
  e.Section47.push({ S47ActualStartDate: d(s47Start), InitialCPCtarget: d(target), DateOfInitialCPC: d(icpc), ICPCnotRequired: '0' });
  let cppEnd: number | null = null;
  if (!open || rng.chance(0.3)) {
    const wanted = icpc + rng.int(40, 250);
    cppEnd = wanted <= latest ? wanted : null;
    if (!open && cppEnd === null) cppEnd = latest > icpc ? latest : null;
  }
  if (!open && cppEnd === null) {
    // No room for a plan before the episode closes: the conference decided against one.
    e.CINclosureDate = d(Math.max(icpc, assessed));
    e.ReasonForClosure = 'RC7';
    return e;
  }
  e.ChildProtectionPlans.push(protectionPlan(g, icpc, cppEnd));
  if (!open) {
    e.CINclosureDate = d(Math.min(latest, Math.max(cppEnd!, assessed)));
    e.ReasonForClosure = rng.pick(['RC1', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7']);
  }
  return e;
}

function pickJourney(rng: Random): Journey {
  const x = rng.next();
  if (x < 0.22) return 'nfa';
  if (x < 0.55) return 'assessed';
  if (x < 0.78) return 'cinPlan';
  if (x < 0.92) return 'protection';
  return 'longRunning';
}

/** One valid child. `n` is its number in the return (1-based). */
export function generateChild(g: GenerationContext, n: number): CinChild {
  const { rng } = g;
  const c = emptyChild();
  const id = c.identifiers;
  id.LAchildID = syntheticChildId(n);
  let journey = pickJourney(rng);
  // The first child is always born, so that even a one-child return has disability codes (2887Q, 2888Q).
  const unborn = n > 1 && journey !== 'longRunning' && rng.chance(0.02);

  let referral: number;
  if (unborn) {
    // Expected between 1 March and 30 June of the year the census ends; referred within 40 weeks.
    const expected = day(`${g.year}-03-01`) + rng.int(0, 121);
    id.ExpectedPersonBirthDate = d(expected);
    id.Sex = g.codes.unbornSex;
    id.UPNunknown = 'UN1';
    referral = Math.max(g.start + 5, expected - 270) + rng.int(0, 20);
    referral = Math.min(referral, g.end - 1);
  } else {
    const dob = g.end - rng.int(30, 17 * 365);
    // A case open since last year needs a child born before it.
    if (journey === 'longRunning' && dob > g.start - 330) journey = 'cinPlan';
    id.PersonBirthDate = d(dob);
    id.Sex = rng.pick(g.codes.sexBorn);
    const age = (g.end - dob) / 365.25;
    if (age >= 3) id.UPN = syntheticUpn(g.la, g.nextUpn++);
    else id.UPNunknown = journey === 'nfa' && rng.chance(0.5) ? 'UN7' : 'UN1';
    if (id.UPN && rng.chance(0.02)) id.FormerUPN = syntheticUpn(g.la, g.nextUpn++);
    referral = journey === 'longRunning' ? g.start - rng.int(30, 300) : g.start + rng.int(2, 360);
    referral = Math.max(referral, dob);
  }
  c.characteristics.Ethnicity = rng.pick(g.codes.ethnicity);
  if (!unborn) {
    c.characteristics.Disabilities = rng.chance(0.85) ? ['NONE'] : rng.some(g.codes.disability, rng.chance(0.7) ? 1 : 2);
  }

  // Most children have one episode; some had an earlier one closed this year.
  const twoEpisodes = journey !== 'longRunning' && journey !== 'nfa' && !unborn && referral < g.end - 120 && rng.chance(0.08);
  if (twoEpisodes) {
    const firstEnd = referral + rng.int(20, 60);
    c.cinDetails.push(generateEpisode(g, 'assessed', referral, false, firstEnd));
    const closed = day(c.cinDetails[0]!.CINclosureDate);
    const second = closed + rng.int(5, 30);
    c.cinDetails.push(generateEpisode(g, journey, Math.min(second, g.end - 1), rng.chance(0.6), g.end));
  } else {
    const open = journey !== 'nfa' && rng.chance(0.55);
    c.cinDetails.push(generateEpisode(g, journey, referral, open, g.end));
  }
  // NFA-only children may carry UN7; anyone with further action must not.
  if (id.UPNunknown === 'UN7' && c.cinDetails.some((e) => e.ReferralNFA !== '1')) id.UPNunknown = 'UN1';

  // A very few children died during the year: every episode closed by then.
  if (!unborn && journey === 'assessed' && c.cinDetails.length === 1 && rng.chance(0.003)) {
    const e = c.cinDetails[0]!;
    if (e.CINclosureDate && e.Assessments.every((a) => a.AssessmentAuthorisationDate)) {
      id.PersonDeathDate = e.CINclosureDate;
      e.ReasonForClosure = 'RC2';
      for (const a of e.Assessments) if (a.AssessmentFactors.includes('21')) a.AssessmentFactors = [rng.pick(g.codes.factors)];
    }
  }
  return c;
}

/** Makes sure the return as a whole passes the return-level queries (2887Q, 2888Q). */
function balanceDisabilities(g: GenerationContext, children: CinChild[]): void {
  const born = children.filter((c) => c.identifiers.PersonBirthDate !== null);
  if (born.length === 0) return;
  const used = new Set(born.flatMap((c) => c.characteristics.Disabilities).filter((x) => x !== 'NONE'));
  const missing = g.codes.disability.filter((x) => !used.has(x));
  // At least eight different codes, and at least one child with more than one.
  let i = 0;
  while (used.size < 8 && missing.length) {
    const c = born[i % born.length]!;
    const code = missing.shift()!;
    c.characteristics.Disabilities = [...c.characteristics.Disabilities.filter((x) => x !== 'NONE'), code];
    used.add(code);
    i++;
  }
  if (!born.some((c) => c.characteristics.Disabilities.length > 1)) {
    const c = born[0]!;
    const own = c.characteristics.Disabilities.filter((x) => x !== 'NONE');
    const extra = g.codes.disability.filter((x) => !own.includes(x)).slice(0, 2 - Math.min(own.length, 1));
    c.characteristics.Disabilities = [...own, ...extra].slice(0, Math.max(2, own.length));
  }
}

export function generateCin(options: GenerateOptions): GeneratedCin {
  const year = options.year;
  const la = options.la ?? '936';
  const rng = new Random(options.seed ?? 1);
  const g = generationContext(year, la, rng);
  const children: CinChild[] = new Array(options.children);
  for (let i = 0; i < options.children; i++) children[i] = generateChild(g, i + 1);
  balanceDisabilities(g, children);
  const period = censusPeriod(year);
  const ret: CinReturn = {
    year,
    header: {
      CollectionDetails: { Collection: 'CIN', Year: String(year), ReferenceDate: period.end },
      Source: [
        {
          SourceLevel: 'L',
          LEA: la,
          SoftwareCode: 'OpenCSC',
          Release: '1',
          SerialNo: '001',
          DateTime: `${year}-04-15T09:00:00`,
        },
      ],
    },
    children,
  };
  const seeded = options.errors?.length ? seedErrors(ret, g, options.errors) : [];
  return { ret, seeded };
}
