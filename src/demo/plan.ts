/**
 * The demo authority as rows, before any of it touches a database: a pure function of the
 * seed, the day, the instant and the scale. Dates run back from `today`, the first day of
 * the inspection, over about five years of contacts, referrals, assessments, visits and
 * allocations, so that on `today` the record shows what the 2014 report found.
 */
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { type IsoDate, type WorkingDayCalendar, addCalendarYears, londonLocal } from '../core/calendar/index.js';
import { sixMonthsBefore } from '../oversight/queries.js';
import type {
  addresses,
  allocations,
  assessments,
  childDisabilities,
  children,
  contacts,
  people,
  referrals,
  relationships,
  restrictedRecordAccess,
  teams,
  users,
  visits,
  workers,
} from '../schema.js';
import { type Locality, manchester2014 } from './authority.js';
import { type CaseworkRows, type PlannedCinPlan, type PlannedStrategy, createCasework, emptyCaseworkRows } from './casework.js';
import { type CareAndHealthRows, emptyCareAndHealthRows, planCareAndHealth } from './care-and-health.js';
import { type AdoptionRows, emptyAdoptionRows, planAdoption } from './adoption.js';
import { type CareLeaverRows, emptyCareLeaverRows, planCareLeavers } from './care-leavers.js';
import { type AllegationRows, emptyAllegationRows, planAllegations } from './allegations.js';
import { type DeprivationOfLibertyRows, emptyDeprivationOfLibertyRows, planDeprivationOfLiberty } from './deprivation-of-liberty.js';
import { planFormerLookedAfter } from './former-care.js';
import { type PrivateFosteringRows, emptyPrivateFosteringRows, planPrivateFostering } from './private-fostering.js';
import { emptyFollowUpRows, type FollowUpRows, planFollowUp } from './follow-up.js';
import { createDays } from './days.js';
import { planPreBirth } from './pre-birth.js';
import type { ChangeReason } from '../workforce/change-reasons.js';
import { type CareChild, type LookedAfterRows, createLookedAfter, emptyLookedAfterRows } from './looked-after.js';
import { ethnicityWeights, languageWeights, syntheticAddress, syntheticNhsNumber, syntheticPhone, syntheticUpn } from './identity.js';
import { type Random, randomStreams } from './random.js';
import {
  type ContactOutcome,
  type SourceCode,
  aboutBySource,
  closureReasons,
  consentNotSoughtReasons,
  consentRefusedReasons,
  consentWeights,
  contactSourceWeights,
  decisionReasons,
  domesticAbuseAbout,
  factorWeights,
  lateReasons,
  primaryNeedWeights,
  referralSourceWeights,
  referrerOrganisation,
  thresholdFor,
} from './vocabulary.js';
import { DEMO_PRACTITIONER_CASELOAD, type PlannedTeam, type PlannedWorker, type Workforce, planWorkforce } from './workforce.js';

export interface DemoRows
  extends
    CaseworkRows,
    LookedAfterRows,
    FollowUpRows,
    CareAndHealthRows,
    CareLeaverRows,
    AdoptionRows,
    PrivateFosteringRows,
    AllegationRows,
    DeprivationOfLibertyRows {
  teams: (typeof teams.$inferInsert)[];
  workers: (typeof workers.$inferInsert)[];
  users: (typeof users.$inferInsert)[];
  children: (typeof children.$inferInsert)[];
  childDisabilities: (typeof childDisabilities.$inferInsert)[];
  addresses: (typeof addresses.$inferInsert)[];
  people: (typeof people.$inferInsert)[];
  relationships: (typeof relationships.$inferInsert)[];
  restrictedRecordAccess: (typeof restrictedRecordAccess.$inferInsert)[];
  contacts: (typeof contacts.$inferInsert)[];
  referrals: (typeof referrals.$inferInsert)[];
  assessments: (typeof assessments.$inferInsert)[];
  visits: (typeof visits.$inferInsert)[];
  allocations: (typeof allocations.$inferInsert)[];
}

export type DemoRole = 'practitioner' | 'team_manager' | 'service_manager' | 'designated_officer' | 'administrator';

export interface DemoUser {
  id: string;
  username: string;
  displayName: string;
  role: DemoRole;
  workerId: string | null;
  teamId: string | null;
  teamName: string | null;
}

/** What the plan was built to show on `today`: the build checks the database agrees. */
export interface DemoTargets {
  openChildren: number;
  overdueAssessments: number;
  childrenNotSeen: number;
  childrenNotSeenSixMonths: number;
  contactsAwaitingDecision: number;
  /** Children on a child protection plan today (920 at 31 March 2014). */
  childProtectionPlans: number;
  /** Children on a plan a year before today (736 at 31 March 2013). */
  childProtectionPlansYearBefore: number;
  /** Children looked after today (1,373 at 31 March 2014). */
  lookedAfter: number;
  /** Children looked after a year before today (1,302 at 31 March 2013). */
  lookedAfterYearBefore: number;
}

export interface DemoPlan {
  rows: DemoRows;
  workforce: Workforce;
  users: DemoUser[];
  targets: DemoTargets;
}

export interface PlanInput {
  seed: number;
  today: IsoDate;
  now: Date;
  /** 1 for an authority the size of Manchester; smaller for tests. */
  scale: number;
  calendar: WorkingDayCalendar;
  /** One hash of the demo password, shared by every demo user. */
  passwordHash: string;
}

type OpenState = 'overdue_seen' | 'overdue_not_seen' | 'overdue_not_seen_six' | 'in_time' | 'authorised_recent' | 'ongoing';
type Service = 'none' | 'no_further_action' | 'child_in_need' | 'child_protection' | 'looked_after';

interface Segment {
  worker: PlannedWorker;
  team: PlannedTeam;
  from: number;
  to: number | null;
}

interface PlannedVisit {
  date: IsoDate;
  seen: boolean;
  purpose: string;
  recordedLateDays: number;
}

/** One referral (a children in need episode), shared by the siblings it concerns. */
interface Episode {
  referralDate: IsoDate;
  receivedAt: number;
  decidedAt: number;
  decidedBy: PlannedWorker;
  source: SourceCode;
  domesticAbuse: boolean;
  strategyDiscussion: boolean;
  primaryNeed: string | null;
  service: Service;
  assessment: {
    start: IsoDate;
    submitted: IsoDate | null;
    authorised: IsoDate | null;
    outcome: string | null;
    factors: string[];
    lateReason: string | null;
  } | null;
  closed: { date: IsoDate; reason: string } | null;
  segments: Segment[];
  visits: PlannedVisit[];
  /** Concerns of significant harm, in order, and what followed each (src/demo/casework.ts). */
  strategies: PlannedStrategy[];
  cinPlan: PlannedCinPlan | null;
  /** The period of care within the episode, if the child was looked after (src/demo/looked-after.ts). */
  lookedAfter: { start: IsoDate; end: { date: IsoDate; reason: string } | null } | null;
}

/** A contact that did not become a referral, or one still awaiting a decision. */
interface OtherContact {
  receivedAt: number;
  decidedAt: number | null;
  decidedBy: PlannedWorker | null;
  source: SourceCode;
  domesticAbuse: boolean;
  outcome: ContactOutcome | null;
}

interface PlannedChild {
  id: string;
  firstName: string;
  lastName: string;
  otherNames: string | null;
  dateOfBirth: IsoDate;
  sex: 'M' | 'F';
  disabilities: string[];
}

// ── Proportions ─────────────────────────────────────────────────────────────
/** How many assessment factors an assessment records. */
const FACTORS_RECORDED = { 1: 35, 2: 35, 3: 20, 4: 10 } as const;
/** What followed a referral now closed. */
const PAST_SERVICE = { no_further_action: 55, child_in_need: 30, child_protection: 7, looked_after: 3, none: 5 } as const;
/** Visits during an assessment. */
const ASSESSMENT_VISITS = { 1: 70, 2: 25, 3: 5 } as const;
/** Changes of social worker during a long episode (para 73). */
const WORKER_CHANGES_LONG = { 0: 45, 1: 30, 2: 15, 3: 7, 4: 3 } as const;
/** Changes of social worker while an assessment is open. */
const WORKER_CHANGES_SHORT = { 0: 80, 1: 20 } as const;
/** Ages of children in need. */
const AGE_BANDS = { under5: 30, primary: 35, secondary: 27, older: 8 } as const;
/** Children of school age whose UPN the school has not sent: planted for the census's rule 8770Q. */
const UPN_NOT_SENT = 0.006;
/** DfE disability codes. */
const DISABILITY = { LD: 30, AUT: 25, COMM: 15, BEH: 10, MOB: 8, HEAR: 4, VIS: 3, PC: 3, DDA: 2 } as const;
/** Decisions on police domestic abuse notifications. */
const DOMESTIC_ABUSE_OUTCOME = { no_further_action: 50, advice: 30, early_help: 20 } as const;
/** Decisions on other contacts that did not become referrals. */
const OTHER_CONTACT_OUTCOME = { no_further_action: 35, advice: 30, early_help: 35 } as const;
/** Contacts about a known family that did not become referrals. */
const OTHER_CONTACTS = { 0: 25, 1: 30, 2: 25, 3: 12, 4: 8 } as const;
/** Children in need in one family. */
const OPEN_FAMILY_SIZE = { 1: 62, 2: 26, 3: 9, 4: 3 } as const;
/** Children in a family known in the past. */
const PAST_FAMILY_SIZE = { 1: 65, 2: 25, 3: 8, 4: 2 } as const;
/** Children in a family known only through contacts. */
const CONTACT_ONLY_FAMILY_SIZE = { 1: 70, 2: 22, 3: 8 } as const;
/** Contacts about a family known only through contacts. */
const CONTACT_ONLY_CONTACTS = { 1: 60, 2: 28, 3: 12 } as const;
/** Working days a contact awaiting a decision has waited. */
const WAITING_DAYS = { 0: 45, 1: 35, 2: 12, 3: 8 } as const;
/** How long overdue assessments have waited, in bands. */
const OVERDUE_AGE = { a: 50, b: 25, c: 15, d: 10 } as const;

const MS_HOUR = 3_600_000;
const MS_DAY = 24 * MS_HOUR;

export function planDemoAuthority(input: PlanInput): DemoPlan {
  const { today: T, scale } = input;
  const nowMs = input.now.getTime();
  // Dates from the oldest child's birth to a year ahead, with the working days laid out.
  const cal = createDays(input.calendar, addCalendarYears(T, -19), addCalendarYears(T, 1));
  const { addDays, addMonths, num: dayNumber, at } = cal;
  const addYears = (date: IsoDate, years: number) => addMonths(date, 12 * years);
  const todayStart = at(T, 0);
  const streams = randomStreams(input.seed);
  const rng = streams('plan');
  const ids = streams('ids');
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(streams('faker').seed());

  const windowStart = addYears(T, -5);
  const lastYearStart = addMonths(T, -12);
  const sixMonthsAgo = sixMonthsBefore(T);
  const yesterday = addDays(T, -1);
  /**
   * Help and protection casework (discussions, enquiries, conferences, plans, meetings) is on
   * the record for episodes open in the last two years, which the CIN census and the year
   * before it read; older episodes keep their referral, assessment and visits only.
   */
  const caseworkFrom = addYears(T, -2);

  const targets: DemoTargets = {
    openChildren: Math.round(manchester2014.childrenInNeed.value * scale),
    overdueAssessments: Math.round(manchester2014.overdueAssessments.value * scale),
    childrenNotSeen: Math.round(manchester2014.childrenNotSeen.value * scale),
    childrenNotSeenSixMonths: Math.round(manchester2014.childrenNotSeenSixMonths.value * scale),
    contactsAwaitingDecision: Math.max(6, Math.round(36 * scale)),
    childProtectionPlans: Math.round(manchester2014.childProtectionPlans.value * scale),
    childProtectionPlansYearBefore: Math.round(manchester2014.childProtectionPlansYearBefore.value * scale),
    lookedAfter: Math.round(manchester2014.lookedAfter.value * scale),
    lookedAfterYearBefore: Math.round(manchester2014.lookedAfterYearBefore.value * scale),
  };
  if (targets.overdueAssessments < 8) throw new RangeError('The demo scale is too small to show the backlog');

  const workforce = planWorkforce(streams('workforce'), faker, scale, targets.openChildren);
  const { teams: plannedTeams, frontDoor, managerOf, caseHolders } = workforce;
  const frontDoorWorkers = workforce.workers.filter((w) => w.teamId === frontDoor.id && w.role === 'social_worker');
  const teamById = new Map(plannedTeams.map((t) => [t.id, t]));
  const localityTeams = plannedTeams.filter((t) => t.kind === 'locality');
  const teamOfKind = (kind: PlannedTeam['kind']) => plannedTeams.filter((t) => t.kind === kind);

  // Every qualified social worker is registered with Social Work England: numbers drawn in a
  // stream of their own, unique, so that the other streams draw as they did before.
  const registration = streams('social-work-england');
  const registered = new Set<string>();
  const registrationNumber = (): string => {
    for (;;) {
      const n = `SW${registration.int(10_000, 999_999)}`;
      if (!registered.has(n)) {
        registered.add(n);
        return n;
      }
    }
  };
  /** The workers who had left when the demo begins: a child moved from one had a new worker because they left (SW_REASON). */
  const formerIds = new Set(workforce.former.map((w) => w.id));
  const rows: DemoRows = {
    teams: plannedTeams.map((t) => ({ id: t.id, name: t.name, kind: t.kind, active: true })),
    workers: [...workforce.workers, ...workforce.former].map((w) => ({
      id: w.id,
      name: w.name,
      role: w.role,
      teamId: w.teamId,
      qualified: w.qualified,
      newlyQualified: w.newlyQualified,
      agency: w.agency,
      active: w.active,
      socialWorkEnglandNumber: w.qualified ? registrationNumber() : null,
    })),
    users: [],
    children: [],
    childDisabilities: [],
    addresses: [],
    people: [],
    relationships: [],
    restrictedRecordAccess: [],
    contacts: [],
    referrals: [],
    assessments: [],
    visits: [],
    allocations: [],
    ...emptyCaseworkRows(),
    ...emptyFollowUpRows(),
    ...emptyCareAndHealthRows(),
    ...emptyLookedAfterRows(),
    ...emptyCareLeaverRows(),
    ...emptyAdoptionRows(),
    ...emptyPrivateFosteringRows(),
    ...emptyAllegationRows(),
    ...emptyDeprivationOfLibertyRows(),
  };
  const caseworkFaker = new Faker({ locale: [en_GB, en, base] });
  caseworkFaker.seed(streams('casework-faker').seed());
  /** The assessments that come with an enquiry (below), in a stream of their own so that the others' draws are unchanged. */
  const enquiryAssessments = streams('enquiry-assessments');
  const casework = createCasework({
    cal,
    today: T,
    nowMs,
    rng: streams('casework'),
    ids: streams('casework-ids'),
    faker: caseworkFaker,
  });
  // Looked after children in streams of their own, so the rest of the authority draws as before where it can.
  const lookedAfterFaker = new Faker({ locale: [en_GB, en, base] });
  lookedAfterFaker.seed(streams('looked-after-faker').seed());
  const lookedAfter = createLookedAfter({
    cal,
    today: T,
    nowMs,
    rng: streams('looked-after'),
    ids: streams('looked-after-ids'),
    faker: lookedAfterFaker,
    returns: streams('looked-after-903'),
  });
  const lac = lookedAfter.random;
  /** Every child's period of care, written once all the children are planned. */
  const careChildren: CareChild[] = [];
  /** Where each child lives now: the home their placements are measured from. */
  const homePostcodes = new Map<string, string>();

  // ── Time helpers ─────────────────────────────────────────────────────────────
  const wdBefore = (k: number) => cal.addWorkingDays(T, -k);
  const workingDayOnOrBefore = (d: IsoDate) => (cal.isWorkingDay(d) ? d : cal.addWorkingDays(d, -1));
  const randomDate = (from: IsoDate, to: IsoDate): IsoDate => cal.iso(rng.int(dayNumber(from), dayNumber(to)));
  const randomWorkingDate = (from: IsoDate, to: IsoDate): IsoDate => {
    const d = workingDayOnOrBefore(randomDate(from, to));
    return d < from ? cal.workingDayOnOrAfter(from) : d;
  };
  const dateOf = (ms: number) => londonLocal(ms).date;
  const officeTime = (date: IsoDate) => at(date, rng.int(9, 16), rng.int(0, 59));
  /** When a contact arrived: mostly office hours, some in the evening or night (police). */
  const receivedTime = (date: IsoDate, source: SourceCode) => {
    const outOfHours = rng.chance(source === '6' ? 0.35 : 0.05);
    const hour = outOfHours ? rng.pick([0, 1, 2, 6, 7, 18, 19, 20, 21, 22, 23]) : rng.int(8, 17);
    return at(date, hour, rng.int(0, 59));
  };
  /**
   * When a contact was decided: most within the working day allowed (para 57 found some
   * were not), and never after `latest`.
   */
  const decisionTime = (received: number, latest: number): number => {
    const day = dateOf(received);
    let decided: number;
    const late = rng.chance(0.08);
    if (late) decided = officeTime(cal.addWorkingDays(day, rng.int(2, 4)));
    else if (cal.isWorkingDay(day) && londonLocal(received).hour < 15 && rng.chance(0.7)) {
      decided = received + rng.int(30, 300) * 60_000;
    } else {
      const next = cal.nextWorkingDay(day);
      const local = londonLocal(received);
      const by = at(next, local.hour, local.minute);
      decided = Math.min(by - 10 * 60_000, at(next, rng.int(9, 15), rng.int(0, 59)));
      if (decided <= received) decided = received + 60 * 60_000;
    }
    if (decided >= latest) decided = Math.max(received + 5 * 60_000, Math.min(latest - 60_000, received + 2 * MS_HOUR));
    return decided;
  };

  // ── Repeat referrals, held near 32% of the year's referrals (para 58) ───────
  const repeatTarget = manchester2014.repeatReferralRate.value;
  let lastYearReferrals = 0;
  let lastYearRepeats = 0;
  /**
   * The referrals before one dated `r`, newest first. Each referral gets a previous one
   * within 12 months with a probability steered so that the year's rate stays on target.
   */
  function earlierReferrals(r: IsoDate, floor: IsoDate, siblings: number): IsoDate[] {
    const found: IsoDate[] = [];
    let current = r;
    for (;;) {
      const inLastYear = current > lastYearStart && current <= T;
      let p = 0.3;
      if (inLastYear) p = Math.min(1, Math.max(0, repeatTarget + (repeatTarget * lastYearReferrals - lastYearRepeats) / 20));
      const repeat = rng.chance(p);
      const yearBefore = addMonths(current, -12);
      let prior: IsoDate | null = null;
      if (repeat) prior = randomWorkingDate(addDays(yearBefore, 1), addDays(current, -28));
      else if (rng.chance(0.3)) prior = randomWorkingDate(addDays(yearBefore, -900), yearBefore);
      if (prior !== null && prior < floor) prior = null;
      if (inLastYear) {
        lastYearReferrals += siblings;
        if (prior !== null && prior > yearBefore) lastYearRepeats += siblings;
      }
      if (prior === null) return found;
      found.push(prior);
      current = prior;
    }
  }

  // ── Episodes ─────────────────────────────────────────────────────────────────
  function referralContact(referralDate: IsoDate) {
    const source = rng.weighted(referralSourceWeights);
    const receivedAt = receivedTime(referralDate, source);
    return {
      source,
      receivedAt,
      domesticAbuse: source === '6' && rng.chance(0.4),
      strategyDiscussion: rng.chance(0.15),
      decidedAt: decisionTime(receivedAt, Math.min(todayStart, nowMs)),
      decidedBy: rng.pick(frontDoorWorkers),
      primaryNeed: rng.weighted(primaryNeedWeights),
    };
  }

  function factors(from: Random = rng): string[] {
    const n = from.weighted(FACTORS_RECORDED);
    const chosen = new Set<string>();
    while (chosen.size < Number(n)) chosen.add(from.weighted(factorWeights));
    return [...chosen].sort();
  }

  /** Visits from `from` to `to`, every `minDays` to `maxDays`. */
  function regularVisits(
    from: IsoDate,
    to: IsoDate,
    minDays: number,
    maxDays: number,
    purpose: string,
    seenP: number,
    limit = 40,
  ): PlannedVisit[] {
    const out: PlannedVisit[] = [];
    let d = addDays(from, rng.int(minDays, maxDays));
    while (d <= to && out.length < limit) {
      out.push({ date: d, seen: rng.chance(seenP), purpose, recordedLateDays: recordingDelay() });
      d = addDays(d, rng.int(minDays, maxDays));
    }
    return out;
  }
  /** Days between a visit and its recording: mostly within a few days, some weeks late (para 90). */
  const recordingDelay = () => (rng.chance(0.1) ? rng.int(10, 60) : rng.int(0, 3));

  /** A closed episode starting on `r`, closed no later than `limit`. */
  /**
   * `protectedBefore`: the child is on a plan today, so more likely to have been on one
   * before. `planEndsOnLimit`: a plan ended on `limit`, the episode's close.
   */
  function closedEpisode(
    r: IsoDate,
    limit: IsoDate,
    team: PlannedTeam,
    worker: PlannedWorker,
    protectedBefore = false,
    planEndsOnLimit = false,
    lookedAfterEndsOnLimit = false,
  ): Episode {
    const contact = referralContact(r);
    const room = dayNumber(limit) - dayNumber(r);
    let service: Service = rng.weighted(PAST_SERVICE);
    // a child on a plan today was on one before more often than most (second or later plans)
    if (protectedBefore && casework.random.chance(0.35)) service = 'child_protection';
    if (planEndsOnLimit) service = 'child_protection';
    if (lookedAfterEndsOnLimit) service = 'looked_after';
    if (service !== 'none' && service !== 'no_further_action' && room < 90) service = 'no_further_action';
    if (room < 14) service = 'none';
    const segments: Segment[] = [];
    const allocatedAt = Math.min(contact.decidedAt + rng.int(1, 30) * MS_HOUR, at(limit, 9));
    const ep: Episode = {
      referralDate: r,
      ...contact,
      service,
      assessment: null,
      closed: null,
      segments,
      visits: [],
      strategies: [],
      cinPlan: null,
      lookedAfter: null,
    };
    if (service === 'none') {
      const close = addDays(r, rng.int(2, Math.min(20, room)));
      if (ep.strategyDiscussion && close >= caseworkFrom) ep.strategies.push(casework.discussionOnly(ep.receivedAt));
      ep.closed = { date: close, reason: rng.weighted(closureReasons.withoutAssessment) };
      segments.push({ worker, team, from: allocatedAt, to: Math.max(allocatedAt + MS_HOUR, at(close, 16)) });
      return ep;
    }
    const late = rng.chance(0.12);
    let authorised = cal.addWorkingDays(r, late ? rng.int(46, 90) : rng.int(8, 45));
    const latestAuthorisation = workingDayOnOrBefore(addDays(limit, service === 'no_further_action' ? 0 : -60));
    if (authorised > latestAuthorisation) authorised = maxDate(latestAuthorisation, r);
    const start = minDate(cal.addWorkingDays(r, rng.int(0, 3)), authorised);
    const submitted = maxDate(start, minDate(authorised, cal.addWorkingDays(authorised, -rng.int(0, 5))));
    const outcome =
      service === 'no_further_action'
        ? rng.chance(0.7)
          ? 'no_further_action'
          : 'early_help'
        : service === 'child_in_need'
          ? 'child_in_need_plan'
          : service === 'child_protection'
            ? 'section_47'
            : 'looked_after';
    ep.assessment = {
      start,
      submitted,
      authorised,
      outcome,
      factors: factors(),
      lateReason: authorised > cal.addWorkingDays(r, 45) ? rng.pick(lateReasons) : null,
    };
    let close: IsoDate;
    let reason: string;
    if (service === 'no_further_action') {
      close = minDate(limit, addDays(authorised, rng.int(0, 7)));
      reason = outcome === 'early_help' ? closureReasons.afterAssessmentEarlyHelp : closureReasons.afterAssessmentNoAction;
    } else {
      const length = service === 'looked_after' ? rng.int(180, 1000) : rng.int(60, 540);
      close = planEndsOnLimit || lookedAfterEndsOnLimit ? limit : minDate(limit, addDays(authorised, length));
      reason = service === 'looked_after' ? rng.weighted(closureReasons.lookedAfter) : rng.weighted(closureReasons.childInNeed);
    }
    ep.closed = { date: close, reason };
    segments.push({ worker, team, from: allocatedAt, to: Math.max(allocatedAt + MS_HOUR, at(close, 16)) });
    ep.visits.push(...assessmentVisits(r, authorised, 0.92));
    const recorded = close >= caseworkFrom;
    if (recorded && service === 'child_protection') ep.strategyDiscussion = true;
    else if (recorded && ep.strategyDiscussion) ep.strategies.push(casework.discussionOnly(ep.receivedAt));
    // an episode with a section 47 enquiry was not closed after assessment (RC8, RC9; rule 2990)
    if (
      ep.strategies.some((s) => s.s47 !== null) &&
      (reason === closureReasons.afterAssessmentNoAction || reason === closureReasons.afterAssessmentEarlyHelp)
    )
      ep.closed.reason = closureReasons.afterEnquiry;
    if (!recorded) {
      if (service !== 'no_further_action') ep.visits.push(...regularVisits(authorised, close, 30, 70, service, 0.9, 6));
    } else if (service === 'child_protection') {
      const s = casework.protection(ep.receivedAt, true, close);
      ep.strategies.push(s);
      if (s.plan) ep.visits.push(...casework.protectionVisits(s.plan).map((v) => planVisit(v, 'child_protection')));
    } else if (service === 'child_in_need') {
      const plan = casework.cinPlan(minDate(close, addDays(authorised, rng.int(0, 10))), close);
      ep.cinPlan = plan;
      ep.visits.push(...regularVisits(plan.start, close, 25, 45, service, 0.9, 20));
    } else if (service === 'looked_after') {
      // a period of care from soon after the referral to the episode's close; its visits come with it
      const start = lac.chance(0.5) ? r : minDate(addDays(r, lac.int(1, 40)), addDays(close, -30));
      const { reason, closure } = lookedAfter.ceased();
      ep.lookedAfter = { start, end: { date: close, reason } };
      ep.closed.reason = closure;
    } else if (service !== 'no_further_action') {
      ep.visits.push(...regularVisits(authorised, close, 30, 70, service, 0.9, 6));
    }
    return ep;
  }

  /**
   * Why the child's social worker changed to a segment's (SW_REASON): the first of an episode
   * is the child's first contact with the service this time; after a worker who has since left,
   * because they left; otherwise a manager moved the case within the team.
   */
  function segmentChangeReason(segments: readonly Segment[], k: number): ChangeReason {
    if (k === 0) return 'FCONTA';
    return formerIds.has(segments[k - 1]!.worker.id) ? 'LEFTRL' : 'MANAGE';
  }

  function planVisit(v: { date: IsoDate; seen: boolean }, purpose: string): PlannedVisit {
    return { date: v.date, seen: v.seen, purpose, recordedLateDays: recordingDelay() };
  }

  function assessmentVisits(r: IsoDate, until: IsoDate, seenP: number): PlannedVisit[] {
    const lastDay = maxDate(r, until);
    const n = rng.weighted(ASSESSMENT_VISITS);
    const out: PlannedVisit[] = [];
    for (let i = 0; i < Number(n); i++) {
      out.push({ date: randomDate(r, lastDay), seen: rng.chance(seenP), purpose: 'assessment', recordedLateDays: recordingDelay() });
    }
    return out.sort((a, b) => (a.date < b.date ? -1 : 1));
  }

  /** The open episode of a child in need today, shaped by what today should show. */
  function openEpisode(
    state: OpenState,
    team: PlannedTeam,
    worker: PlannedWorker,
    r: IsoDate,
    onPlan: boolean,
    care: { start: IsoDate; afterPlan: boolean } | null = null,
  ): Episode {
    const contact = referralContact(r);
    const segments = openSegments(state, team, worker, contact.decidedAt);
    const ep: Episode = {
      referralDate: r,
      ...contact,
      service: 'none',
      assessment: null,
      closed: null,
      segments,
      visits: [],
      strategies: [],
      cinPlan: null,
      lookedAfter: null,
    };
    // a child on a plan today whose plan began with the referral came in through a strategy discussion
    // a child looked after today came into care from a plan for some, the plan ending the day care began
    const protection = onPlan
      ? casework.openProtection(contact.receivedAt, r)
      : care?.afterPlan
        ? casework.protection(contact.receivedAt, true, care.start, 'became_looked_after')
        : null;
    if (protection?.fromContact) ep.strategyDiscussion = true;
    if (ep.strategyDiscussion && !protection?.fromContact) ep.strategies.push(casework.discussionOnly(ep.receivedAt));
    if (protection) ep.strategies.push(protection);
    const start = minDate(cal.addWorkingDays(r, rng.int(0, 4)), yesterday);
    switch (state) {
      case 'overdue_seen':
      case 'overdue_not_seen':
      case 'overdue_not_seen_six': {
        const submitted = rng.chance(0.15) ? randomWorkingDate(maxDate(start, wdBefore(15)), yesterday) : null;
        ep.assessment = {
          start,
          submitted,
          authorised: null,
          outcome: submitted ? rng.pick(['child_in_need_plan', 'no_further_action', 'section_47']) : null,
          factors: submitted || rng.chance(0.5) ? factors() : [],
          lateReason: rng.chance(0.2) ? rng.pick(lateReasons) : null,
        };
        if (state === 'overdue_seen') {
          const visits = assessmentVisits(r, yesterday, 0.7);
          visits[0]!.seen = true;
          ep.visits.push(...visits);
        } else if (rng.chance(0.4)) {
          // Visits where no one answered the door: the child was not seen.
          ep.visits.push(...assessmentVisits(r, yesterday, 0).map((v) => ({ ...v, seen: false })));
        }
        return ep;
      }
      case 'in_time': {
        const age = cal.workingDaysBetween(r, T);
        const submitted =
          age >= 10 && rng.chance(0.25) ? randomWorkingDate(maxDate(start, wdBefore(Math.min(age - 1, 10))), yesterday) : null;
        ep.assessment = {
          start,
          submitted,
          authorised: null,
          outcome: submitted ? rng.pick(['child_in_need_plan', 'no_further_action', 'early_help']) : null,
          factors: submitted || rng.chance(0.4) ? factors() : [],
          lateReason: null,
        };
        if (age > 3 && rng.chance(0.7)) ep.visits.push(...assessmentVisits(r, yesterday, 0.85));
        return ep;
      }
      case 'authorised_recent':
      case 'ongoing': {
        const service: Service = care ? 'looked_after' : onPlan ? 'child_protection' : 'child_in_need';
        ep.service = service;
        let authorised: IsoDate;
        if (state === 'authorised_recent') authorised = randomWorkingDate(cal.addWorkingDays(r, 5), yesterday);
        else {
          const late = rng.chance(0.15);
          authorised = minDate(yesterday, cal.addWorkingDays(r, late ? rng.int(46, 120) : rng.int(10, 45)));
        }
        const startDate = minDate(start, authorised);
        ep.assessment = {
          start: startDate,
          submitted: maxDate(startDate, minDate(authorised, cal.addWorkingDays(authorised, -rng.int(0, 4)))),
          authorised,
          outcome: service === 'looked_after' ? 'looked_after' : service === 'child_protection' ? 'section_47' : 'child_in_need_plan',
          factors: factors(),
          lateReason: authorised > cal.addWorkingDays(r, 45) ? rng.pick(lateReasons) : null,
        };
        ep.visits.push(...assessmentVisits(r, authorised, 0.92));
        if (protection?.plan) {
          ep.visits.push(...casework.protectionVisits(protection.plan).map((v) => planVisit(v, 'child_protection')));
        }
        // a child looked after is visited as the period of care's placements ask (src/demo/looked-after.ts)
        if (care) ep.lookedAfter = { start: care.start, end: null };
        else if (service === 'child_in_need') {
          const plan = casework.cinPlan(minDate(yesterday, addDays(authorised, rng.int(0, 10))), null);
          ep.cinPlan = plan;
          ep.visits.push(...regularVisits(plan.start, yesterday, 25, 45, service, 0.88, 60));
        }
        return ep;
      }
    }
  }

  /** Who held the case: the worker today, and before them some who moved on (para 73). */
  function openSegments(state: OpenState, team: PlannedTeam, current: PlannedWorker, decidedAt: number): Segment[] {
    const start = Math.min(decidedAt + rng.int(1, 48) * MS_HOUR, Math.max(decidedAt + 60_000, todayStart - MS_HOUR));
    const changes = state === 'ongoing' ? Number(rng.weighted(WORKER_CHANGES_LONG)) : Number(rng.weighted(WORKER_CHANGES_SHORT));
    const lastChange = todayStart - 7 * MS_DAY;
    const room = lastChange - start;
    const points =
      room > 2 * MS_DAY ? Array.from({ length: changes }, () => start + Math.floor(rng.next() * room)).sort((a, b) => a - b) : [];
    const teamMates = (caseHolders.get(team.id) ?? []).filter((w) => w.id !== current.id);
    const segments: Segment[] = [];
    let from = start;
    for (const point of points) {
      const worker = rng.chance(0.35) || teamMates.length === 0 ? rng.pick(workforce.former) : rng.pick(teamMates);
      // a worker who would have held the case less than a day (two changes the same day) is
      // left out, as an allocation corrected the same day is (DfE rule SW09)
      if (dateOf(point) === dateOf(from)) continue;
      segments.push({ worker, team, from, to: point });
      from = point;
    }
    segments.push({ worker: current, team, from, to: null });
    return segments;
  }

  // ── Families and children ────────────────────────────────────────────────────
  const nhsTaken = new Set<string>();
  const upnTaken = new Set<string>();
  /**
   * UPNs for the children the plan stream did not give one, in a stream of their own so that
   * the plan stream, and with it the rest of the authority, draws as it did before.
   */
  const upnRng = streams('upns');
  // Four by the census date is school age to rule 8770Q (2025 on): the record has a UPN from
  // the child's school or nursery, but for a planted few whose school has not sent it.
  const upnAgeBornBy = addYears(T, -4);
  const placeName = () => `${faker.person.lastName()} Park`;

  function childAgeYears(kind: PlannedTeam['kind'] | 'history'): number {
    if (kind === 'leaving_care') return rng.int(16, 17);
    if (kind === 'disabled_children') return rng.int(2, 17);
    const band = rng.weighted(AGE_BANDS);
    return band === 'under5'
      ? rng.int(0, 4)
      : band === 'primary'
        ? rng.int(5, 10)
        : band === 'secondary'
          ? rng.int(11, 15)
          : rng.int(16, 17);
  }

  /** A date of birth giving this age today, on or before `bornBy`. */
  function dateOfBirth(age: number, bornBy: IsoDate): IsoDate {
    const latest = addDays(addYears(T, -age), -1);
    const earliest = addDays(addYears(T, -age - 1), 1);
    const upper = minDate(latest, bornBy);
    if (upper < earliest) return randomDate(addDays(addYears(T, -18), 1), bornBy);
    return randomDate(earliest, upper);
  }

  const upnYear = (dateOfBirth: IsoDate) => Number(addYears(dateOfBirth, 4).slice(0, 4));
  function upnFor(dateOfBirth: IsoDate, drawn: string | null): string | null {
    if (drawn !== null || dateOfBirth > upnAgeBornBy) return drawn;
    // numbers from nursery schools' range, which the plan stream's never draw from: its draws stay as they were
    return upnRng.chance(UPN_NOT_SENT) ? null : syntheticUpn(upnRng, upnTaken, upnYear(dateOfBirth), [1000, 1099]);
  }

  interface Family {
    children: PlannedChild[];
    locality: Locality;
  }

  function makeFamily(size: number, kind: PlannedTeam['kind'] | 'history', bornBy: IsoDate, locality: Locality): Family {
    const surname = faker.person.lastName();
    const ethnicity = rng.weighted(ethnicityWeights);
    const language = ethnicity === 'WBRI' ? 'English' : rng.weighted(languageWeights);
    const kids: PlannedChild[] = [];
    for (let i = 0; i < size; i++) {
      const sex = rng.chance(0.5) ? 'M' : 'F';
      const dob = dateOfBirth(childAgeYears(kind), bornBy);
      const disabled = kind === 'disabled_children' || rng.chance(0.05);
      const disabilities = disabled
        ? [...new Set([rng.weighted(DISABILITY), ...(rng.chance(0.3) ? [rng.pick(['LD', 'COMM', 'MOB', 'INC'])] : [])])].sort()
        : [];
      kids.push({
        id: ids.uuid(),
        firstName: faker.person.firstName(sex === 'M' ? 'male' : 'female'),
        lastName: rng.chance(0.85) ? surname : faker.person.lastName(),
        otherNames: rng.chance(0.3) ? faker.person.middleName(sex === 'M' ? 'male' : 'female') : null,
        dateOfBirth: dob,
        sex,
        disabilities,
      });
    }
    kids.sort((a, b) => (a.dateOfBirth < b.dateOfBirth ? -1 : 1));
    const eldest = kids[0]!.dateOfBirth;
    for (const child of kids) {
      const schoolAge = dayNumber(child.dateOfBirth) <= dayNumber(addYears(T, -5));
      rows.children.push({
        id: child.id,
        firstName: child.firstName,
        lastName: child.lastName,
        otherNames: child.otherNames,
        dateOfBirth: child.dateOfBirth,
        sex: child.sex,
        ethnicity,
        language,
        nhsNumber: rng.chance(0.92) ? syntheticNhsNumber(rng, nhsTaken) : null,
        upn: upnFor(child.dateOfBirth, schoolAge && rng.chance(0.75) ? syntheticUpn(rng, upnTaken, upnYear(child.dateOfBirth)) : null),
        restricted: false,
        version: 1,
      });
      // a child with no disability has that recorded (DfE's NONE), as the census asks (rule 8540)
      for (const code of child.disabilities.length > 0 ? child.disabilities : ['NONE'])
        rows.childDisabilities.push({ childId: child.id, code });
    }
    // Where the family lives, and for some where they lived before.
    const movedIn = rng.chance(0.3) ? randomDate(eldest, addDays(T, -30)) : eldest;
    const current = syntheticAddress(rng, faker, locality);
    for (const child of kids) homePostcodes.set(child.id, current.postcode);
    const previous = movedIn > eldest ? syntheticAddress(rng, faker, locality) : null;
    for (const child of kids) {
      if (previous && child.dateOfBirth < movedIn) {
        rows.addresses.push({ id: ids.uuid(), childId: child.id, ...previous, fromDate: child.dateOfBirth, toDate: addDays(movedIn, -1) });
      }
      rows.addresses.push({ id: ids.uuid(), childId: child.id, ...current, fromDate: maxDate(movedIn, child.dateOfBirth), toDate: null });
    }
    // Parents and carers, and the children's relationships to each other.
    const inCare = kind === 'looked_after' || kind === 'leaving_care';
    const mother = person(surname, eldest, 'female');
    const father = rng.chance(0.7) ? person(rng.chance(0.6) ? surname : faker.person.lastName(), eldest, 'male') : null;
    const fatherAtHome = father !== null && rng.chance(0.45);
    const carer = inCare ? person(faker.person.lastName(), eldest, 'female') : null;
    for (const child of kids) {
      relate(child.id, mother, 'mother', true, !inCare);
      if (father) relate(child.id, father, 'father', rng.chance(0.6), fatherAtHome && !inCare);
      if (carer) relate(child.id, carer, 'carer', false, true);
      for (const other of kids) {
        if (other === child) continue;
        rows.relationships.push({
          id: ids.uuid(),
          childId: child.id,
          personId: null,
          relatedChildId: other.id,
          relationship: other.lastName === child.lastName ? 'sibling' : 'half_sibling',
          parentalResponsibility: false,
          livesWithChild: !inCare,
        });
      }
    }
    return { children: kids, locality };
  }

  function person(lastName: string, eldestChild: IsoDate, sex: 'female' | 'male') {
    const id = ids.uuid();
    rows.people.push({
      id,
      firstName: faker.person.firstName(sex),
      lastName,
      dateOfBirth: randomDate(addYears(eldestChild, -40), addYears(eldestChild, -17)),
      phone: rng.chance(0.8) ? syntheticPhone(rng) : null,
    });
    return id;
  }

  function relate(childId: string, personId: string, relationship: string, pr: boolean, lives: boolean) {
    rows.relationships.push({
      id: ids.uuid(),
      childId,
      personId,
      relatedChildId: null,
      relationship,
      parentalResponsibility: pr,
      livesWithChild: lives,
    });
  }

  // ── Writing a family's episodes and contacts as rows ─────────────────────────
  function writeEpisode(family: Family, ep: Episode) {
    const outcome: ContactOutcome = ep.strategyDiscussion ? 'strategy_discussion' : 'referral';
    for (const child of family.children) {
      const contactId = ids.uuid();
      writeContact(child.id, {
        id: contactId,
        receivedAt: ep.receivedAt,
        decidedAt: ep.decidedAt,
        decidedBy: ep.decidedBy,
        source: ep.source,
        domesticAbuse: ep.domesticAbuse,
        outcome,
      });
      const referralId = ids.uuid();
      rows.referrals.push({
        id: referralId,
        childId: child.id,
        contactId,
        referralDate: ep.referralDate,
        source: ep.source,
        primaryNeed: child.disabilities.length > 0 && rng.chance(0.5) ? 'N2' : ep.primaryNeed,
        repeatReferral: false, // set from the child's referral history once all are written
        closedDate: ep.closed?.date ?? null,
        closureReason: ep.closed?.reason ?? null,
        version: 1,
      });
      const a = ep.assessment;
      // the assessment begins no later than an enquiry the referral led straight to
      const firstEnquiry = ep.strategies.find((s) => s.fromContact && s.s47)?.s47?.start;
      const aStart = a && firstEnquiry && firstEnquiry < a.start ? maxDate(ep.referralDate, firstEnquiry) : a?.start;
      if (a) {
        const worker = workerAt(ep.segments, at(aStart!, 12));
        rows.assessments.push({
          id: ids.uuid(),
          childId: child.id,
          referralId,
          startDate: aStart!,
          workerId: worker.id,
          factors: a.factors,
          outcome: a.outcome,
          submittedAt: a.submitted,
          authorisedAt: a.authorised,
          authorisedBy: a.authorised ? managerOf.get(ep.segments[0]!.team.id)!.id : null,
          lateReason: a.lateReason,
          updatedAt: new Date(at(a.authorised ?? a.submitted ?? a.start, 17)),
          version: 1,
        });
      }
      const refs = {
        childId: child.id,
        dateOfBirth: child.dateOfBirth,
        referralId,
        contactId,
        workerAt: (ms: number) => workerAt(ep.segments, ms).id,
        managerId: managerOf.get(ep.segments[0]!.team.id)!.id,
      };
      for (const s of ep.strategies) {
        casework.writeStrategy(rows, s, refs);
        // An enquiry outside the episode's assessment (in a case open for a while, or where the
        // referral went no further) comes with an assessment of its own, completed with the
        // enquiry: the census queries an enquiry in an episode without one (2991Q).
        const s47 = s.s47;
        if (!s47?.end) continue;
        if (a && aStart! <= s47.start && (a.authorised === null || a.authorised >= s47.start)) continue;
        const done = ep.closed ? maxDate(s47.start, minDate(s47.end, ep.closed.date)) : s47.end;
        rows.assessments.push({
          id: enquiryAssessments.uuid(),
          childId: child.id,
          referralId,
          startDate: s47.start,
          workerId: workerAt(ep.segments, at(s47.start, 12)).id,
          factors: a?.factors ?? factors(enquiryAssessments),
          outcome: a?.outcome ?? 'no_further_action',
          submittedAt: done,
          authorisedAt: done,
          authorisedBy: refs.managerId,
          lateReason: null,
          updatedAt: new Date(at(done, 17)),
          version: 1,
        });
      }
      if (ep.cinPlan) casework.writeCinPlan(rows, ep.cinPlan, refs);
      if (ep.lookedAfter) {
        careChildren.push({
          childId: child.id,
          dateOfBirth: child.dateOfBirth,
          start: maxDate(ep.lookedAfter.start, child.dateOfBirth),
          end: ep.lookedAfter.end,
          homePostcode: homePostcodes.get(child.id)!,
          workerAt: refs.workerAt,
        });
      }
      ep.segments.forEach((s, k) => {
        rows.allocations.push({
          id: ids.uuid(),
          childId: child.id,
          workerId: s.worker.id,
          teamId: s.team.id,
          startedAt: new Date(s.from),
          endedAt: s.to === null ? null : new Date(s.to),
          allocatedBy: null,
          changeReason: segmentChangeReason(ep.segments, k),
        });
      });
      for (const v of ep.visits) {
        if (v.date < child.dateOfBirth) continue;
        const worker = workerAt(ep.segments, at(v.date, 12));
        const old = dayNumber(v.date) - dayNumber(child.dateOfBirth) > 6 * 365;
        rows.visits.push({
          id: ids.uuid(),
          childId: child.id,
          visitDate: v.date,
          workerId: worker.id,
          childSeen: v.seen,
          seenAlone: v.seen && old && rng.chance(0.5),
          purpose: v.purpose,
          notes: null,
          recordedAt: new Date(Math.min(nowMs - MS_HOUR, at(addDays(v.date, v.recordedLateDays), rng.int(10, 18)))),
          recordedBy: null,
        });
      }
    }
  }

  function workerAt(segments: Segment[], ms: number): PlannedWorker {
    for (const s of segments) if (ms >= s.from && (s.to === null || ms < s.to)) return s.worker;
    return ms < segments[0]!.from ? segments[0]!.worker : segments[segments.length - 1]!.worker;
  }

  function writeContact(childId: string, c: OtherContact & { id?: string }) {
    const consent = rng.weighted(consentWeights);
    const about = c.domesticAbuse ? rng.pick(domesticAbuseAbout) : rng.pick(aboutBySource[c.source] ?? aboutBySource.default);
    rows.contacts.push({
      id: c.id ?? ids.uuid(),
      childId,
      teamId: frontDoor.id,
      receivedAt: new Date(c.receivedAt),
      source: c.source,
      referrerName: c.source === '9' ? 'Anonymous' : `${faker.person.firstName()} ${faker.person.lastName()}`,
      referrerOrganisation: referrerOrganisation(c.source, placeName),
      about,
      consent,
      consentReason:
        consent === 'refused' ? rng.pick(consentRefusedReasons) : consent === 'not_sought' ? rng.pick(consentNotSoughtReasons) : null,
      domesticAbuseNotification: c.domesticAbuse,
      decidedAt: c.decidedAt === null ? null : new Date(c.decidedAt),
      decidedBy: c.decidedBy?.id ?? null,
      thresholdLevel: c.outcome ? rng.pick(thresholdFor[c.outcome]) : null,
      outcome: c.outcome,
      decisionReason: c.outcome ? rng.pick(decisionReasons[c.outcome]) : null,
      recordedBy: null,
      version: 1,
    });
  }

  /** Contacts that were decided without a referral: advice, early help, no further action. */
  function otherContacts(family: Family, count: number, from: IsoDate, to: IsoDate) {
    if (from > to) return;
    for (let i = 0; i < count; i++) {
      const date = randomDate(from, to);
      const source = rng.weighted(contactSourceWeights);
      const domesticAbuse = source === '6' && rng.chance(0.6);
      const outcome: ContactOutcome = domesticAbuse ? rng.weighted(DOMESTIC_ABUSE_OUTCOME) : rng.weighted(OTHER_CONTACT_OUTCOME);
      const receivedAt = receivedTime(date, source);
      if (receivedAt >= todayStart) continue;
      const contact: OtherContact = {
        receivedAt,
        decidedAt: decisionTime(receivedAt, todayStart),
        decidedBy: rng.pick(frontDoorWorkers),
        source,
        domesticAbuse,
        outcome,
      };
      for (const child of family.children) if (date >= child.dateOfBirth) writeContact(child.id, contact);
    }
  }

  /** The closed episodes before an open or closed one, newest first, each closing before the next begins. */
  function history(family: Family, before: IsoDate, siblings: number, team: PlannedTeam | null, onPlan = false) {
    const floor = maxDate(windowStart, family.children[family.children.length - 1]!.dateOfBirth);
    const dates = earlierReferrals(before, floor, siblings);
    let next = before;
    for (const r of dates) {
      const historyTeam = team && team.kind === 'locality' ? team : rng.pick(localityTeams.filter((t) => t.locality === family.locality));
      const worker = rng.chance(0.7) ? rng.pick(caseHolders.get(historyTeam.id)!) : rng.pick(workforce.former);
      writeEpisode(family, closedEpisode(r, addDays(next, -1), historyTeam, worker, onPlan));
      next = r;
    }
  }

  // ── Open children today, worker by worker ────────────────────────────────────
  const openFamilies = planOpenFamilies();
  // The children on child protection plans today: families in locality teams with ongoing
  // work, drawn until the children number the 2014 figure scaled.
  const onPlan = new Set<number>();
  let childrenOnPlans = 0;
  for (const i of casework.random.shuffle(openFamilies.map((_, i) => i))) {
    const f = openFamilies[i]!;
    if (f.state !== 'ongoing' || f.team.kind !== 'locality' || childrenOnPlans + f.size > targets.childProtectionPlans) continue;
    onPlan.add(i);
    childrenOnPlans += f.size;
  }
  // The children looked after today: every family in the looked after and leaving care teams,
  // then families with ongoing work in locality teams and not on a plan, until they number the
  // 2014 figure scaled.
  const inCare = new Set<number>();
  let childrenInCare = 0;
  for (const [i, f] of openFamilies.entries()) {
    if (f.state !== 'ongoing' || (f.team.kind !== 'looked_after' && f.team.kind !== 'leaving_care')) continue;
    inCare.add(i);
    childrenInCare += f.size;
  }
  for (const i of lac.shuffle(openFamilies.map((_, i) => i))) {
    const f = openFamilies[i]!;
    if (inCare.has(i) || onPlan.has(i) || f.state !== 'ongoing' || f.team.kind !== 'locality') continue;
    if (childrenInCare + f.size > targets.lookedAfter) continue;
    inCare.add(i);
    childrenInCare += f.size;
  }
  /** When a family's period of care began, and the referral before it: from a plan for some (the plan ending as care began). */
  function careToday(): { care: { start: IsoDate; afterPlan: boolean }; referral: IsoDate } {
    let start = lookedAfter.openStart();
    const afterPlan = start >= addDays(caseworkFrom, 150) && lac.chance(0.45);
    let referral = workingDayOnOrBefore(addDays(start, afterPlan ? -lac.int(90, 300) : -lac.int(0, 120)));
    referral = minDate(maxDate(referral, cal.workingDayOnOrAfter(addDays(windowStart, 10))), wdBefore(46));
    start = maxDate(start, referral);
    return { care: { start, afterPlan: afterPlan && dayNumber(start) - dayNumber(referral) >= 90 }, referral };
  }
  for (const [i, { state, team, worker, size }] of openFamilies.entries()) {
    const care = inCare.has(i) ? careToday() : null;
    const r = care ? care.referral : openReferralDate(state, team);
    const locality = team.locality ?? rng.pick(['North', 'Central', 'South'] as const);
    const kind = care && team.kind === 'locality' ? 'looked_after' : team.kind;
    const family = makeFamily(size, kind, r, locality);
    const ep = openEpisode(state, team, worker, r, onPlan.has(i), care?.care ?? null);
    writeEpisode(family, ep);
    history(family, r, size, team, onPlan.has(i));
    otherContacts(family, Number(rng.weighted(OTHER_CONTACTS)), maxDate(windowStart, family.children[0]!.dateOfBirth), yesterday);
  }

  function openReferralDate(state: OpenState, team: PlannedTeam): IsoDate {
    switch (state) {
      case 'overdue_not_seen_six': {
        // Not seen since a referral six months ago or more; a few drifting almost a year (para 59).
        const drift = rng.chance(0.25) ? addMonths(T, -11) : addMonths(T, -8);
        return randomWorkingDate(drift, workingDayOnOrBefore(sixMonthsAgo));
      }
      case 'overdue_not_seen': {
        const r = randomWorkingDate(addDays(sixMonthsAgo, 1), wdBefore(46));
        return r <= sixMonthsAgo ? wdBefore(46) : r;
      }
      case 'overdue_seen': {
        const band = rng.weighted(OVERDUE_AGE);
        return wdBefore(
          band === 'a' ? rng.int(46, 90) : band === 'b' ? rng.int(91, 130) : band === 'c' ? rng.int(131, 180) : rng.int(181, 235),
        );
      }
      case 'in_time':
        return wdBefore(rng.int(1, 45));
      case 'authorised_recent':
        return wdBefore(rng.int(8, 45));
      case 'ongoing': {
        const mean = team.kind === 'looked_after' ? 700 : team.kind === 'leaving_care' ? 900 : 330;
        const days = 70 + Math.floor(-Math.log(1 - rng.next()) * mean);
        const r = workingDayOnOrBefore(addDays(T, -Math.min(days, 5 * 365 - 30)));
        return r > wdBefore(46) ? wdBefore(46) : r;
      }
    }
  }

  /**
   * Every open child's state today, grouped into families and packed into workers'
   * caseloads exactly: the backlog spread over the locality teams with a visible share
   * in the demo practitioner's team, and the demo practitioner's own 25 set by hand.
   */
  function planOpenFamilies(): { state: OpenState; team: PlannedTeam; worker: PlannedWorker; size: number }[] {
    const demoTeam = workforce.demoTeam;
    const demoWorker = workforce.demoPractitioner;
    const capacity = (t: PlannedTeam) => (caseHolders.get(t.id) ?? []).reduce((s, w) => s + w.caseload, 0);
    const counts = new Map<string, Record<OpenState, number>>();
    for (const t of plannedTeams) {
      if (t.kind !== 'front_door')
        counts.set(t.id, { overdue_seen: 0, overdue_not_seen: 0, overdue_not_seen_six: 0, in_time: 0, authorised_recent: 0, ongoing: 0 });
    }

    // The backlog: the demo team's share, then the other locality teams by weight.
    const B = targets.overdueAssessments;
    const demoShare = Math.max(8, Math.round(B * 0.065));
    const others = localityTeams.filter((t) => t !== demoTeam);
    const weights = others.map((t) => capacity(t) * (0.3 + rng.next() * 1.5));
    const overdueByTeam = new Map<string, number>([
      [demoTeam.id, demoShare],
      ...apportion(B - demoShare, weights).map((n, i) => [others[i]!.id, n] as const),
    ]);
    // Which overdue children have not been seen: two in the demo team (one for six months), the rest anywhere.
    const NS = targets.childrenNotSeen;
    const NS6 = targets.childrenNotSeenSixMonths;
    const pool: string[] = rng.shuffle(others.flatMap((t) => Array<string>(overdueByTeam.get(t.id)!).fill(t.id)));
    const demoNotSeen6 = NS6 > 0 ? 1 : 0;
    const demoNotSeen = NS - NS6 > 0 ? 1 : 0;
    const c = (id: string) => counts.get(id)!;
    c(demoTeam.id).overdue_not_seen_six += demoNotSeen6;
    c(demoTeam.id).overdue_not_seen += demoNotSeen;
    c(demoTeam.id).overdue_seen += demoShare - demoNotSeen6 - demoNotSeen;
    pool.forEach((teamId, i) => {
      if (i < NS6 - demoNotSeen6) c(teamId).overdue_not_seen_six++;
      else if (i < NS - demoNotSeen6 - demoNotSeen) c(teamId).overdue_not_seen++;
      else c(teamId).overdue_seen++;
    });

    // Assessments within time, and some authorised early, mostly in locality teams.
    const disabledTeams = teamOfKind('disabled_children');
    const assessing = [...localityTeams, ...disabledTeams];
    const assessingWeights = assessing.map((t) => capacity(t) * (t.kind === 'locality' ? 1 : 0.5));
    apportion(Math.round(830 * scale), assessingWeights).forEach((n, i) => (c(assessing[i]!.id).in_time += n));
    apportion(Math.round(140 * scale), assessingWeights).forEach((n, i) => (c(assessing[i]!.id).authorised_recent += n));
    // The demo team needs enough within time for the demo practitioner's own.
    c(demoTeam.id).in_time = Math.max(c(demoTeam.id).in_time, 6);

    // The rest of each team's caseload is ongoing work under a plan.
    for (const t of plannedTeams) {
      if (t.kind === 'front_door') continue;
      const x = c(t.id);
      const taken = x.overdue_seen + x.overdue_not_seen + x.overdue_not_seen_six + x.in_time + x.authorised_recent;
      x.ongoing = capacity(t) - taken;
      if (x.ongoing < 0) throw new RangeError(`Team ${t.name} cannot hold its share of the backlog`);
    }

    // The demo practitioner's 25: six overdue (one not seen for six months, one not seen), four within time, one authorised early.
    const demoOwn: Record<OpenState, number> = {
      overdue_not_seen_six: demoNotSeen6,
      overdue_not_seen: demoNotSeen,
      overdue_seen: 6 - demoNotSeen6 - demoNotSeen,
      in_time: 4,
      authorised_recent: Math.min(1, c(demoTeam.id).authorised_recent),
      ongoing: 0,
    };
    demoOwn.ongoing = DEMO_PRACTITIONER_CASELOAD - Object.values(demoOwn).reduce((s, n) => s + n, 0);
    for (const k of Object.keys(demoOwn) as OpenState[]) {
      c(demoTeam.id)[k] -= demoOwn[k];
      if (c(demoTeam.id)[k] < 0) throw new RangeError(`The demo team cannot hold the demo practitioner's ${k} children`);
    }

    const out: { state: OpenState; team: PlannedTeam; worker: PlannedWorker; size: number }[] = [];
    for (const [state, n] of Object.entries(demoOwn) as [OpenState, number][]) {
      for (const size of familySizes(n, demoTeam)) out.push({ state, team: demoTeam, worker: demoWorker, size });
    }
    for (const t of plannedTeams) {
      if (t.kind === 'front_door') continue;
      const holders = (caseHolders.get(t.id) ?? []).filter((w) => w !== demoWorker);
      const room = new Map(holders.map((w) => [w, w.caseload]));
      const families: { state: OpenState; size: number }[] = [];
      for (const [state, n] of Object.entries(c(t.id)) as [OpenState, number][]) {
        for (const size of familySizes(n, t)) families.push({ state, size });
      }
      // Largest families first, each to the worker with the most room: caseloads fill exactly.
      const queue = rng.shuffle(families).sort((a, b) => b.size - a.size);
      while (queue.length > 0) {
        const f = queue.shift()!;
        let best: PlannedWorker | null = null;
        for (const [w, left] of room) if (left > 0 && (best === null || left > room.get(best)!)) best = w;
        if (!best) throw new RangeError(`Team ${t.name}: more children than caseloads`);
        if (room.get(best)! < f.size) {
          for (let i = 0; i < f.size; i++) queue.push({ state: f.state, size: 1 });
          continue;
        }
        room.set(best, room.get(best)! - f.size);
        out.push({ state: f.state, team: t, worker: best, size: f.size });
      }
    }
    return out;
  }

  function familySizes(n: number, team: PlannedTeam): number[] {
    const sizes: number[] = [];
    let left = n;
    while (left > 0) {
      const size = team.kind === 'leaving_care' ? 1 : Number(rng.weighted(OPEN_FAMILY_SIZE));
      sizes.push(Math.min(size, left));
      left -= Math.min(size, left);
    }
    return sizes;
  }

  // ── Children known in the past, now closed ───────────────────────────────────
  const closedFamilies = Math.round(8400 * scale);
  for (let i = 0; i < closedFamilies; i++) {
    const locality = rng.pick(['North', 'Central', 'South'] as const);
    const team = rng.pick(localityTeams.filter((t) => t.locality === locality));
    const size = Number(rng.weighted(PAST_FAMILY_SIZE));
    const r = randomWorkingDate(addDays(windowStart, 30), addDays(T, -21));
    const family = makeFamily(size, 'history', r, locality);
    const worker = rng.chance(0.75) ? rng.pick(caseHolders.get(team.id)!) : rng.pick(workforce.former);
    const limit = minDate(yesterday, addDays(r, rng.int(20, 1100)));
    writeEpisode(family, closedEpisode(r, limit, team, worker));
    history(family, r, size, team);
    otherContacts(family, Number(rng.weighted(OTHER_CONTACTS)), maxDate(windowStart, family.children[0]!.dateOfBirth), yesterday);
  }

  // ── Children whose child protection plan has ended since a year ago ─────────
  // The children on plans rose from 736 to 920 in the year to 31 March 2014: beside the
  // plans still open that began over a year ago, plans open a year ago that have ended since.
  const yearAgo = addMonths(T, -12);
  const openAYearAgo = new Set<string>();
  const countSpanning = (from: number) => {
    for (const p of rows.cpPlans.slice(from))
      if (p.startDate <= yearAgo && (p.endDate == null || p.endDate > yearAgo)) openAYearAgo.add(p.childId);
    return rows.cpPlans.length;
  };
  let counted = countSpanning(0);
  for (let guard = 0; openAYearAgo.size < targets.childProtectionPlansYearBefore && guard < 5000; guard++) {
    const locality = rng.pick(['North', 'Central', 'South'] as const);
    const team = rng.pick(localityTeams.filter((t) => t.locality === locality));
    const r = randomWorkingDate(addDays(yearAgo, -300), addDays(yearAgo, -90));
    const close = randomDate(addDays(yearAgo, 1), addDays(T, -14));
    const family = makeFamily(Number(rng.weighted(PAST_FAMILY_SIZE)), 'history', r, locality);
    const worker = rng.chance(0.75) ? rng.pick(caseHolders.get(team.id)!) : rng.pick(workforce.former);
    writeEpisode(family, closedEpisode(r, close, team, worker, false, true));
    history(family, r, family.children.length, team);
    otherContacts(family, Number(rng.weighted(OTHER_CONTACTS)), maxDate(windowStart, family.children[0]!.dateOfBirth), yesterday);
    counted = countSpanning(counted);
  }

  // ── Children whose period of care has ended since a year ago ─────────────────
  // 1,302 were looked after a year before: beside those still looked after who were then,
  // periods open a year ago that have ended since, each with its children in need episode.
  const inCareAYearAgo = () =>
    new Set(careChildren.filter((c) => c.start <= yearAgo && (c.end === null || c.end.date > yearAgo)).map((c) => c.childId)).size;
  for (let guard = 0, n = inCareAYearAgo(); n < targets.lookedAfterYearBefore && guard < 5000; guard++) {
    const locality = rng.pick(['North', 'Central', 'South'] as const);
    const team = rng.pick(localityTeams.filter((t) => t.locality === locality));
    const r = randomWorkingDate(addDays(yearAgo, -700), addDays(yearAgo, -90));
    const close = randomDate(addDays(yearAgo, 1), addDays(T, -14));
    const size = Math.min(Number(rng.weighted(PAST_FAMILY_SIZE)), targets.lookedAfterYearBefore - n);
    const family = makeFamily(size, 'looked_after', r, locality);
    const worker = rng.chance(0.75) ? rng.pick(caseHolders.get(team.id)!) : rng.pick(workforce.former);
    writeEpisode(family, closedEpisode(r, close, team, worker, false, false, true));
    history(family, r, family.children.length, team);
    otherContacts(family, Number(rng.weighted(OTHER_CONTACTS)), maxDate(windowStart, family.children[0]!.dateOfBirth), yesterday);
    n = inCareAYearAgo();
  }
  // The virtual school keeps every looked after child's UPN: the planted few without one are
  // among the children who were never looked after (the SSDA903 asks for it, rule 442).
  const lookedAfterIds = new Set(careChildren.map((c) => c.childId));
  for (const child of rows.children) {
    const born = child.dateOfBirth;
    if (child.upn || !born || born > upnAgeBornBy || !lookedAfterIds.has(child.id!)) continue;
    child.upn = syntheticUpn(upnRng, upnTaken, upnYear(born), [1000, 1099]);
  }
  lookedAfter.write(rows, rows.visits, careChildren);
  // Their care plans, health and education, in streams of their own so the rest draws as before.
  Object.assign(
    rows,
    planCareAndHealth(rows, { cal, today: T, nowMs, rng: streams('care-and-health'), ids: streams('care-and-health-ids') }),
  );

  // ── Children only ever the subject of contacts ───────────────────────────────
  const contactOnlyFamilies = Math.round(4200 * scale);
  const closedOnly: Family[] = [];
  for (let i = 0; i < contactOnlyFamilies; i++) {
    const locality = rng.pick(['North', 'Central', 'South'] as const);
    const family = makeFamily(Number(rng.weighted(CONTACT_ONLY_FAMILY_SIZE)), 'history', yesterday, locality);
    otherContacts(
      family,
      Number(rng.weighted(CONTACT_ONLY_CONTACTS)),
      maxDate(windowStart, family.children[family.children.length - 1]!.dateOfBirth),
      yesterday,
    );
    closedOnly.push(family);
  }

  // ── Contacts awaiting a decision today, at the front door ────────────────────
  // Most arrived in the last working day; some are past their deadline, one by about five days (para 57).
  const waiting = new Set<Family>();
  for (let i = 0; i < targets.contactsAwaitingDecision; i++) {
    const back = i === 0 ? 5 : Number(rng.weighted(WAITING_DAYS));
    let receivedAt: number;
    if (i === 0) receivedAt = at(workingDayOnOrBefore(addDays(T, -5)), 10, 12);
    else receivedAt = at(back === 0 ? T : wdBefore(back), rng.int(8, 17), rng.int(0, 59));
    if (receivedAt >= nowMs - 10 * 60_000) receivedAt = at(wdBefore(1), rng.int(12, 17), rng.int(0, 59));
    // One in four is about a child known before.
    const known = i % 4 === 3 ? closedOnly[(i * 7) % Math.max(1, closedOnly.length)] : undefined;
    const existing = known && !waiting.has(known) && known.children[0]!.dateOfBirth < dateOf(receivedAt) ? known : null;
    if (existing) waiting.add(existing);
    const family = existing ?? makeFamily(1, 'history', dateOf(receivedAt), rng.pick(['North', 'Central', 'South'] as const));
    const child = family.children[0]!;
    const source = rng.weighted(contactSourceWeights);
    writeContact(child.id, {
      receivedAt,
      decidedAt: null,
      decidedBy: null,
      source,
      domesticAbuse: source === '6' && rng.chance(0.5),
      outcome: null,
    });
    rows.allocations.push({
      id: ids.uuid(),
      childId: child.id,
      workerId: null,
      teamId: frontDoor.id,
      startedAt: new Date(receivedAt),
      endedAt: null,
      allocatedBy: null,
    });
  }

  // ── Demo users ───────────────────────────────────────────────────────────────
  const demoUsers: DemoUser[] = [];
  const userFor = (username: string, role: DemoRole, worker: PlannedWorker | null, displayName?: string, idFrom = ids) => {
    const team = worker?.teamId ? teamById.get(worker.teamId)! : null;
    const u: DemoUser = {
      id: idFrom.uuid(),
      username,
      displayName: displayName ?? worker!.name,
      role,
      workerId: worker?.id ?? null,
      teamId: team?.id ?? null,
      teamName: team?.name ?? null,
    };
    demoUsers.push(u);
    rows.users.push({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      passwordHash: input.passwordHash,
      role,
      workerId: u.workerId,
      teamId: u.teamId,
      demo: true,
      disabled: false,
      createdAt: new Date(todayStart),
    });
    return u;
  };
  const practitionerUser = userFor('demo-practitioner', 'practitioner', workforce.demoPractitioner);
  userFor('demo-practitioner-2', 'practitioner', workforce.demoPractitioner2);
  const managerUser = userFor('demo-team-manager', 'team_manager', workforce.demoTeamManager);
  const serviceUser = userFor('demo-service-manager', 'service_manager', workforce.demoServiceManager);
  userFor('demo-admin', 'administrator', null, 'Demo administrator');
  // an id from a stream of its own: added later than the others, it moves no other record's
  userFor('demo-lado', 'designated_officer', null, 'Demo designated officer', streams('designated officer'));

  // ── Restricted records: a few, each naming the one user who may open it ─────
  const currentWorker = new Map<string, string>();
  for (const a of rows.allocations) if (a.endedAt === null && a.workerId) currentWorker.set(a.childId, a.workerId);
  const demoTeamWorkers = new Set((caseHolders.get(workforce.demoTeam.id) ?? []).map((w) => w.id));
  const restrict = (child: (typeof rows.children)[number], userId: string) => {
    if (child.restricted) return;
    child.restricted = true;
    rows.restrictedRecordAccess.push({ childId: child.id!, userId });
  };
  const ownChild = rows.children.find((x) => currentWorker.get(x.id!) === workforce.demoPractitioner.id);
  const teamChild = rows.children.find((x) => {
    const w = currentWorker.get(x.id!);
    return w !== undefined && w !== workforce.demoPractitioner.id && demoTeamWorkers.has(w);
  });
  if (ownChild) restrict(ownChild, practitionerUser.id);
  if (teamChild) restrict(teamChild, managerUser.id);
  const restrictedCount = Math.max(3, Math.round(rows.children.length * 0.004));
  const restrictRng = streams('restricted');
  for (let i = 0; i < restrictedCount; i++) restrict(restrictRng.pick(rows.children), serviceUser.id);

  // ── Repeat referral flags, from each child's own referral history ────────────
  const byChild = new Map<string, (typeof rows.referrals)[number][]>();
  for (const r of rows.referrals) {
    const list = byChild.get(r.childId);
    if (list) list.push(r);
    else byChild.set(r.childId, [r]);
  }
  for (const list of byChild.values()) {
    list.sort((a, b) => (a.referralDate < b.referralDate ? -1 : 1));
    for (let i = 1; i < list.length; i++) {
      const yearBefore = addMonths(list[i]!.referralDate, -12);
      list[i]!.repeatReferral = list.slice(0, i).some((p) => p.referralDate > yearBefore);
    }
  }

  // ── When each child first became known ───────────────────────────────────────
  const firstContact = new Map<string, number>();
  for (const ct of rows.contacts) {
    const t = (ct.receivedAt as Date).getTime();
    const seen = firstContact.get(ct.childId);
    if (seen === undefined || t < seen) firstContact.set(ct.childId, t);
  }
  for (const child of rows.children) {
    const t = new Date(firstContact.get(child.id!) ?? todayStart);
    child.createdAt = t;
    child.updatedAt = t;
  }

  // ── What followed the episodes: closures, transition planning, case notes, disputes ──
  const followUpFaker = new Faker({ locale: [en_GB, en, base] });
  followUpFaker.seed(streams('follow-up-faker').seed());
  Object.assign(
    rows,
    planFollowUp(rows, {
      cal,
      today: T,
      rng: streams('follow-up'),
      ids: streams('follow-up-ids'),
      name: () => `${followUpFaker.person.firstName()} ${followUpFaker.person.lastName()}`,
    }),
  );

  // ── Unborn children on plans made at pre-birth conferences, in streams of their own ──
  const preBirthFaker = new Faker({ locale: [en_GB, en, base] });
  preBirthFaker.seed(streams('pre-birth-faker').seed());
  planPreBirth(rows, {
    cal,
    today: T,
    nowMs,
    rng: streams('pre-birth'),
    ids: streams('pre-birth-ids'),
    faker: preBirthFaker,
    casework: createCasework({
      cal,
      today: T,
      nowMs,
      rng: streams('pre-birth-casework'),
      ids: streams('pre-birth-casework-ids'),
      faker: preBirthFaker,
    }),
    childProtectionPlans: targets.childProtectionPlans,
    localityTeams,
    caseHolders,
    managerOf,
    frontDoorTeamId: frontDoor.id,
    frontDoorWorkers,
    keepCaseload: new Set([workforce.demoPractitioner.id, workforce.demoPractitioner2.id]),
  });
  // ── Care leavers: the looked after children who left care at 16 to 18 (src/demo/care-leavers.ts) ──
  const careLeaverFaker = new Faker({ locale: [en_GB, en, base] });
  careLeaverFaker.seed(streams('care-leavers-faker').seed());
  Object.assign(
    rows,
    planCareLeavers(rows, {
      today: T,
      rng: streams('care-leavers'),
      ids: streams('care-leavers-ids'),
      name: () => `${careLeaverFaker.person.firstName()} ${careLeaverFaker.person.lastName()}`,
    }),
  );
  // ── Adoptions: the journeys behind the placements for adoption and adoptions (src/demo/adoption.ts) ──
  const adoptionFaker = new Faker({ locale: [en_GB, en, base] });
  adoptionFaker.seed(streams('adoption-faker').seed());
  Object.assign(
    rows,
    planAdoption(rows, {
      today: T,
      rng: streams('adoption'),
      ids: streams('adoption-ids'),
      firstName: (sex) => adoptionFaker.person.firstName(sex === 'M' ? 'male' : 'female'),
      lastName: () => adoptionFaker.person.lastName(),
    }),
  );

  // ── Care leavers who left care before the demo's returns' years (src/demo/former-care.ts) ──
  const formerFaker = new Faker({ locale: [en_GB, en, base] });
  formerFaker.seed(streams('former-care-faker').seed());
  // their births go back further than the rest's: days laid out from the eldest's
  const formerCal = createDays(input.calendar, addCalendarYears(T, -23), addCalendarYears(T, 1));
  const formerFrom = { children: rows.children.length, carePeriods: rows.carePeriods.length };
  const lookedAfterTeams = new Set(plannedTeams.filter((t) => t.kind === 'looked_after' || t.kind === 'leaving_care').map((t) => t.id));
  planFormerLookedAfter(rows, {
    cal: formerCal,
    today: T,
    scale,
    rng: streams('former-care'),
    ids: streams('former-care-ids'),
    faker: formerFaker,
    lookedAfter: createLookedAfter({
      cal: formerCal,
      today: T,
      nowMs,
      rng: streams('former-care-looked-after'),
      ids: streams('former-care-looked-after-ids'),
      faker: formerFaker,
      returns: streams('former-care-903'),
    }),
    careAndHealth: (source) =>
      planCareAndHealth(source, {
        cal: formerCal,
        today: T,
        nowMs,
        rng: streams('former-care-health'),
        ids: streams('former-care-health-ids'),
      }),
    workers: [...workforce.former, ...workforce.workers.filter((w) => w.teamId !== null && lookedAfterTeams.has(w.teamId))]
      .filter((w) => w.role === 'social_worker' && w.teamId !== null)
      .map((w) => ({ id: w.id, teamId: w.teamId! })),
  });
  const formerLeavers = planCareLeavers(
    { children: rows.children.slice(formerFrom.children), carePeriods: rows.carePeriods.slice(formerFrom.carePeriods) },
    {
      today: T,
      rng: streams('former-care-leavers'),
      ids: streams('former-care-leavers-ids'),
      name: () => `${formerFaker.person.firstName()} ${formerFaker.person.lastName()}`,
    },
  );
  for (const key of Object.keys(formerLeavers) as (keyof CareLeaverRows)[]) {
    (rows[key] as unknown[]).push(...(formerLeavers[key] as unknown[]));
  }

  // ── Private fostering (src/demo/private-fostering.ts) and allegations (src/demo/allegations.ts) ──
  const otherFaker = new Faker({ locale: [en_GB, en, base] });
  otherFaker.seed(streams('private-fostering-faker').seed());
  const keep = new Set([workforce.demoPractitioner.id, workforce.demoPractitioner2.id]);
  const visitorsIn = (locality: Locality) =>
    localityTeams
      .filter((t) => t.locality === locality)
      .flatMap((t) => (caseHolders.get(t.id) ?? []).filter((w) => !keep.has(w.id)).map((w) => w.id));
  planPrivateFostering(rows, {
    cal,
    today: T,
    nowMs,
    scale,
    rng: streams('private-fostering'),
    ids: streams('private-fostering-ids'),
    faker: otherFaker,
    visitors: { North: visitorsIn('North'), Central: visitorsIn('Central'), South: visitorsIn('South') },
    recordedBy: serviceUser.id,
  });
  const allegationFaker = new Faker({ locale: [en_GB, en, base] });
  allegationFaker.seed(streams('allegations-faker').seed());
  Object.assign(
    rows,
    planAllegations(rows, {
      cal,
      today: T,
      nowMs,
      scale,
      rng: streams('allegations'),
      ids: streams('allegations-ids'),
      faker: allegationFaker,
      recordedBy: serviceUser.id,
    }),
  );

  // ── Deprivation of liberty orders on periods of care (src/demo/deprivation-of-liberty.ts) ──
  Object.assign(
    rows,
    planDeprivationOfLiberty(rows, {
      cal,
      today: T,
      nowMs,
      scale,
      rng: streams('deprivation-of-liberty'),
      ids: streams('deprivation-of-liberty-ids'),
    }),
  );

  return { rows, workforce, users: demoUsers, targets };
}

function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Whole numbers in proportion to the weights, adding up to `total` (largest remainders). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  if (weights.length === 0 || sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}
