/**
 * The CIN census from the record: which children and episodes a collection year holds, and
 * each item of DfE's message from what the record says. Pure: the rows are read by
 * queries.ts, and the message is written and checked by census.ts.
 *
 * The census is as at its reference date (31 March): anything the record dates after it
 * (a closure, an authorisation, a conference) is not yet known to that year's census, so an
 * episode closed in April is sent as open, as DfE's guidance asks.
 */
import { createWorkingDayCalendar } from '../core/calendar/index.js';
import {
  type Assessment,
  type ChildProtectionPlan,
  type CinChild,
  type CinDetails,
  type CinPlanDates,
  type CinReturn,
  type CinYear,
  type Section47,
  censusPeriod,
  cinYearSchema,
  emptyChild,
  emptyCinDetails,
} from '../returns/cin/index.js';

/** A child on the record, with what the census identifies and describes them by. */
export interface CensusChildRow {
  id: string;
  /** The record's reference number: the census's LAchildID. */
  reference: number;
  dateOfBirth: string | null;
  expectedDateOfBirth: string | null;
  /** M, F or U. */
  sex: string;
  ethnicity: string;
  upn: string | null;
  disabilities: string[];
}

/** A referral: a children in need episode (CINdetails). */
export interface ReferralRow {
  id: string;
  childId: string;
  contactId: string | null;
  referralDate: string;
  source: string;
  primaryNeed: string | null;
  closedDate: string | null;
  closureReason: string | null;
}

export interface AssessmentRow {
  id: string;
  childId: string;
  referralId: string;
  startDate: string;
  authorisedAt: string | null;
  factors: string[];
}

export interface CinPlanRow {
  id: string;
  childId: string;
  referralId: string;
  startDate: string;
  endDate: string | null;
}

export interface Section47Row {
  id: string;
  childId: string;
  referralId: string | null;
  startDate: string;
  /** The day of the strategy discussion that started it, from which the conference is due. */
  strategyDate: string | null;
  /** Recorded when the enquiry is completed; false means no initial conference is needed. */
  conferenceRequired: boolean | null;
  endDate: string | null;
  /** The initial (or pre-birth) conference the enquiry led to. */
  conferenceDate: string | null;
}

export interface CpPlanRow {
  id: string;
  childId: string;
  /** The referral of the enquiry whose conference made the plan, when it has one. */
  referralId: string | null;
  startDate: string;
  endDate: string | null;
  initialCategory: string;
  latestCategory: string;
  /** The dates of its review conferences. */
  reviewDates: string[];
}

/** Everything on the record the census of one year is made from. */
export interface CensusRecord {
  children: CensusChildRow[];
  referrals: ReferralRow[];
  assessments: AssessmentRow[];
  cinPlans: CinPlanRow[];
  section47s: Section47Row[];
  cpPlans: CpPlanRow[];
}

/** Where each part of a child's census came from on the record, to link a finding to the page that puts it right. */
export interface CensusSources {
  childId: string;
  /** In message order, one per CINdetails. */
  episodes: {
    referralId: string;
    contactId: string | null;
    assessmentIds: string[];
    cinPlanIds: string[];
    section47Ids: string[];
    cpPlanIds: string[];
  }[];
}

export interface BuiltCensus {
  census: CinReturn;
  /** By position: sources[i] is census.children[i]'s. */
  sources: CensusSources[];
}

export interface HeaderOptions {
  /** The authority's three-digit DfE LA number; without it the header has no Source. */
  laNumber?: string | undefined;
  /** When the message was made (xs:dateTime); with laNumber. */
  madeAt?: string | undefined;
  /** OpenCSC's version, for Release. */
  release?: string | undefined;
}

const calendar = createWorkingDayCalendar();

/** Working Together 2023: the initial conference within 15 working days of the strategy discussion that started the enquiry. */
export const INITIAL_CONFERENCE_WORKING_DAYS = 15;

/** A date on or before the reference date, else null: the census does not know what happens after it. */
const known = (date: string | null, end: string): string | null => (date !== null && date <= end ? date : null);

/** Open at some time in [start, end]: begun by the end, not finished before the start. */
const openIn = (from: string, to: string | null, start: string, end: string): boolean => from <= end && (to === null || to >= start);

const byDate =
  <T>(key: (t: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

function groupBy<T extends { childId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.childId);
    if (list) list.push(r);
    else out.set(r.childId, [r]);
  }
  return out;
}

/** The referrals of a child that are episodes of the year: open at some time in it. */
export function episodesInYear(referrals: readonly ReferralRow[], year: number): ReferralRow[] {
  const { start, end } = censusPeriod(year);
  return referrals.filter((r) => openIn(r.referralDate, known(r.closedDate, end), start, end)).sort(byDate((r) => r.referralDate));
}

/**
 * The episode an item belongs to: its own referral when it names one the year holds, else
 * the latest episode begun on or before the item's date and not closed before it.
 */
export function episodeFor(episodes: readonly ReferralRow[], referralId: string | null, date: string): ReferralRow | null {
  if (referralId) {
    const own = episodes.find((e) => e.id === referralId);
    if (own) return own;
  }
  let found: ReferralRow | null = null;
  for (const e of episodes) if (e.referralDate <= date && (e.closedDate === null || e.closedDate >= date)) found = e;
  return found;
}

/** The child's identifiers and characteristics, in the year's codes. */
export function censusChild(child: CensusChildRow, year: CinYear): CinChild {
  const c = emptyChild();
  c.identifiers.LAchildID = String(child.reference);
  c.identifiers.UPN = child.upn;
  c.identifiers.PersonBirthDate = child.dateOfBirth;
  c.identifiers.ExpectedPersonBirthDate = child.dateOfBirth ? null : child.expectedDateOfBirth;
  c.identifiers.Sex = sexCode(child.sex, year);
  c.characteristics.Ethnicity = child.ethnicity;
  // none recorded is sent as none given (rule 8540 then asks), never as NONE, which is a recorded answer
  c.characteristics.Disabilities = [...child.disabilities].sort();
  return c;
}

/** The record keeps DfE's 2025-on codes (M, F, U); the 2023 and 2024 schemas' GenderCurrent is 1, 2, 0. */
export function sexCode(sex: string, year: CinYear): string {
  if (cinYearSchema(year).sexElement === 'Sex') return sex;
  return sex === 'M' ? '1' : sex === 'F' ? '2' : '0';
}

export function censusAssessment(a: AssessmentRow, end: string): Assessment {
  const authorised = known(a.authorisedAt, end);
  return {
    AssessmentActualStartDate: a.startDate,
    AssessmentInternalReviewDate: null,
    AssessmentAuthorisationDate: authorised,
    // factors are identified at the end of the assessment (rule 8614)
    AssessmentFactors: authorised ? [...a.factors] : [],
  };
}

export function censusCinPlan(p: CinPlanRow, end: string): CinPlanDates {
  return { CINPlanStartDate: p.startDate, CINPlanEndDate: known(p.endDate, end) };
}

export function censusSection47(s: Section47Row, end: string): Section47 {
  const conference = known(s.conferenceDate, end);
  const notRequired = s.conferenceRequired === false && known(s.endDate, end) !== null;
  return {
    S47ActualStartDate: s.startDate,
    InitialCPCtarget: s.strategyDate ? calendar.addWorkingDays(s.strategyDate, INITIAL_CONFERENCE_WORKING_DAYS) : null,
    DateOfInitialCPC: conference,
    ICPCnotRequired: notRequired ? '1' : '0',
  };
}

export function censusCpPlan(p: CpPlanRow, previousPlans: number, start: string, end: string): ChildProtectionPlan {
  return {
    CPPstartDate: p.startDate,
    CPPendDate: known(p.endDate, end),
    InitialCategoryOfAbuse: p.initialCategory,
    LatestCategoryOfAbuse: p.latestCategory,
    NumberOfPreviousCPP: String(previousPlans),
    CPPreviewDate: p.reviewDates.filter((d) => d >= start && d <= end).sort(),
  };
}

/** A section 47 enquiry the year reports: begun by its end, and not finished (conference held, or none needed) before its start. */
function s47InYear(s: Section47Row, start: string, end: string): boolean {
  const finished = s.conferenceDate ?? (s.conferenceRequired === false ? s.endDate : null);
  return openIn(s.startDate, finished, start, end);
}

/** The census of one collection year from the record, with where each part came from. */
export function buildCensus(record: CensusRecord, year: CinYear, header: HeaderOptions = {}): BuiltCensus {
  const { start, end } = censusPeriod(year);
  const referrals = groupBy(record.referrals);
  const assessments = groupBy(record.assessments);
  const cinPlans = groupBy(record.cinPlans);
  const section47s = groupBy(record.section47s);
  const cpPlans = groupBy(record.cpPlans);

  const children: CinChild[] = [];
  const sources: CensusSources[] = [];
  const ordered = [...record.children].sort((a, b) => a.reference - b.reference);
  for (const child of ordered) {
    const all = referrals.get(child.id) ?? [];
    const episodes = episodesInYear(all, year);
    if (episodes.length === 0) continue;
    const details = new Map<string, CinDetails>();
    const source = new Map<string, CensusSources['episodes'][number]>();
    for (const e of episodes) {
      const d = emptyCinDetails();
      const closed = known(e.closedDate, end);
      d.CINreferralDate = e.referralDate;
      d.ReferralSource = e.source;
      d.PrimaryNeedCode = e.primaryNeed;
      d.CINclosureDate = closed;
      d.ReasonForClosure = closed ? e.closureReason : null;
      details.set(e.id, d);
      source.set(e.id, { referralId: e.id, contactId: e.contactId, assessmentIds: [], cinPlanIds: [], section47Ids: [], cpPlanIds: [] });
    }
    // whether each referral led to anything, over the whole record (an assessment begun after 31 March still means further action)
    const actedOn = new Set<string>();

    for (const a of [...(assessments.get(child.id) ?? [])].sort(byDate((x) => x.startDate))) {
      actedOn.add(a.referralId);
      if (!details.has(a.referralId) || !openIn(a.startDate, a.authorisedAt, start, end)) continue;
      details.get(a.referralId)!.Assessments.push(censusAssessment(a, end));
      source.get(a.referralId)!.assessmentIds.push(a.id);
    }
    for (const p of [...(cinPlans.get(child.id) ?? [])].sort(byDate((x) => x.startDate))) {
      actedOn.add(p.referralId);
      if (!details.has(p.referralId) || !openIn(p.startDate, p.endDate, start, end)) continue;
      details.get(p.referralId)!.CINPlanDates.push(censusCinPlan(p, end));
      source.get(p.referralId)!.cinPlanIds.push(p.id);
    }
    for (const s of [...(section47s.get(child.id) ?? [])].sort(byDate((x) => x.startDate))) {
      const episode = episodeFor(episodes, s.referralId, s.startDate);
      if (s.referralId) actedOn.add(s.referralId);
      if (!episode) continue;
      actedOn.add(episode.id);
      if (!s47InYear(s, start, end)) continue;
      details.get(episode.id)!.Section47.push(censusSection47(s, end));
      source.get(episode.id)!.section47Ids.push(s.id);
    }
    const plans = [...(cpPlans.get(child.id) ?? [])].sort(byDate((x) => x.startDate));
    plans.forEach((p, previous) => {
      const episode = episodeFor(episodes, p.referralId, p.startDate);
      if (p.referralId) actedOn.add(p.referralId);
      if (!episode) return;
      actedOn.add(episode.id);
      if (!openIn(p.startDate, p.endDate, start, end)) return;
      details.get(episode.id)!.ChildProtectionPlans.push(censusCpPlan(p, previous, start, end));
      source.get(episode.id)!.cpPlanIds.push(p.id);
    });
    for (const e of episodes) {
      const d = details.get(e.id)!;
      // a referral closed with nothing done under it led to no further action
      d.ReferralNFA = d.CINclosureDate !== null && !actedOn.has(e.id) ? '1' : '0';
    }

    const c = censusChild(child, year);
    c.cinDetails = episodes.map((e) => details.get(e.id)!);
    children.push(c);
    sources.push({ childId: child.id, episodes: episodes.map((e) => source.get(e.id)!) });
  }

  const census: CinReturn = {
    year,
    header: {
      CollectionDetails: { Collection: 'CIN', Year: String(year), ReferenceDate: end },
      Source: header.laNumber
        ? [
            {
              SourceLevel: 'L',
              LEA: header.laNumber,
              SoftwareCode: 'OpenCSC',
              Release: header.release ?? null,
              SerialNo: null,
              DateTime: header.madeAt ?? null,
            },
          ]
        : [],
    },
    children,
  };
  return { census, sources };
}
