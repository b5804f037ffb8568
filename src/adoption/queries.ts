/**
 * Reads for adoption's pages and the API, and the scorecard: every measure is worked out
 * here from the journeys, the periods of care and the households, never typed in. Dates are
 * 'YYYY-MM-DD'.
 */
import { sql } from 'drizzle-orm';
import { childInScopeOf } from '../children/access.js';
import { restrictedAmong } from '../children/queries.js';
import { type ClockContext, clockRules, computeObligations, type Fact, type Obligation, obligationStatus } from '../clock/index.js';
import { addCalendarYears, daysBetween } from '../core/calendar/index.js';
import type { SignedInUser } from '../core/auth/users.js';
import { rows, type Db } from '../core/db/database.js';
import { isUuid } from '../core/ids.js';
import type { ObligationView } from '../obligations/queries.js';
import type { EthnicGroup } from './schema.js';

export interface JourneyView {
  id: string;
  childId: string;
  decidedOn: string;
  earlyPermanence: string | null;
  siblingsToPlaceWith: number;
  authorityOn: string | null;
  authorityBasis: string | null;
  matchPanelOn: string | null;
  matchedOn: string | null;
  adopterId: string | null;
  adopterName: string | null;
  movedInOn: string | null;
  placedOn: string | null;
  fosterCarerAdoption: boolean;
  adoptionOrderOn: string | null;
  planChangedOn: string | null;
  planChangeReason: string | null;
  planChangeDetail: string | null;
  /** REC of the period of care that ended on the day of the adoption order, if one did. */
  careEndedReason: string | null;
  version: number;
}

const journeyColumns = sql`j.id, j.child_id as "childId", j.decided_on::text as "decidedOn", j.early_permanence as "earlyPermanence",
  j.siblings_to_place_with as "siblingsToPlaceWith", j.authority_on::text as "authorityOn", j.authority_basis as "authorityBasis",
  j.match_panel_on::text as "matchPanelOn", j.matched_on::text as "matchedOn", j.adopter_id as "adopterId", h.name as "adopterName",
  j.moved_in_on::text as "movedInOn", j.placed_on::text as "placedOn", j.foster_carer_adoption as "fosterCarerAdoption",
  j.adoption_order_on::text as "adoptionOrderOn", j.plan_changed_on::text as "planChangedOn", j.plan_change_reason as "planChangeReason",
  j.plan_change_detail as "planChangeDetail", j.version,
  (select p.reason_ceased from care_periods p where p.child_id = j.child_id and p.end_date = j.adoption_order_on limit 1) as "careEndedReason"`;

/** The child's journeys, newest first. */
export function journeysOf(db: Db, childId: string): Promise<JourneyView[]> {
  return rows<JourneyView>(
    db,
    sql`select ${journeyColumns} from adoption_journeys j left join adopter_households h on h.id = j.adopter_id
         where j.child_id = ${childId} order by j.decided_on desc, j.created_at desc`,
  );
}

export async function journeyOf(db: Db, childId: string, id: string): Promise<JourneyView | null> {
  if (!isUuid(id)) return null;
  const [j] = await rows<JourneyView>(
    db,
    sql`select ${journeyColumns} from adoption_journeys j left join adopter_households h on h.id = j.adopter_id
         where j.child_id = ${childId} and j.id = ${id}`,
  );
  return j ?? null;
}

/** An adoptive placement that ended without an adoption order. */
export interface PlacementEndingView {
  id: string;
  journeyId: string;
  adopterId: string;
  adopterName: string;
  matchedOn: string;
  placedOn: string;
  endedOn: string;
  reason: string;
  detail: string | null;
}

export function placementEndingsOf(db: Db, childId: string): Promise<PlacementEndingView[]> {
  return rows<PlacementEndingView>(
    db,
    sql`select e.id, e.journey_id as "journeyId", e.adopter_id as "adopterId", h.name as "adopterName", e.matched_on::text as "matchedOn",
               e.placed_on::text as "placedOn", e.ended_on::text as "endedOn", e.reason, e.detail
          from adoptive_placement_endings e join adopter_households h on h.id = e.adopter_id
         where e.child_id = ${childId} order by e.ended_on, e.created_at`,
  );
}

/** The child's latest period of care, which the adoption order ends: its start, and its end if it has one. */
export interface LatestCarePeriod {
  startDate: string;
  endDate: string | null;
  reasonCeased: string | null;
}

export async function latestCarePeriodOf(db: Db, childId: string): Promise<LatestCarePeriod | null> {
  const [p] = await rows<LatestCarePeriod>(
    db,
    sql`select start_date::text as "startDate", end_date::text as "endDate", reason_ceased as "reasonCeased"
          from care_periods where child_id = ${childId} order by start_date desc limit 1`,
  );
  return p ?? null;
}

export interface ReviewView {
  id: string;
  journeyId: string;
  heldOn: string;
  visitIntervalWeeks: number | null;
}

export function reviewsOf(db: Db, childId: string): Promise<ReviewView[]> {
  return rows<ReviewView>(
    db,
    sql`select id, journey_id as "journeyId", held_on::text as "heldOn", visit_interval_weeks as "visitIntervalWeeks"
          from adoption_reviews where child_id = ${childId} order by held_on, created_at`,
  );
}

const adoptionRuleIds = new Set(clockRules.filter((r) => r.area === 'adoption').map((r) => r.id));

/** The child's obligations under the adoption rules. */
export function onlyAdoption(obligations: readonly ObligationView[]): ObligationView[] {
  return obligations.filter((o) => adoptionRuleIds.has(o.ruleId));
}

// ── adopters ─────────────────────────────────────────────────────────────────

export interface HouseholdView {
  id: string;
  name: string;
  enquiryOn: string;
  registrationAcceptedOn: string | null;
  stageOneCompletedOn: string | null;
  stageTwoStartedOn: string | null;
  approvedOn: string | null;
  endedOn: string | null;
  endReason: string | null;
  numberOfAdopters: number;
  sexes: string;
  legalStatus: string;
  ethnicGroup: EthnicGroup;
  maxChildren: number;
  ageFrom: number;
  ageTo: number;
  version: number;
  /** The child matched with the household on a journey not ended by a change of plan, if any. */
  matchedChildId: string | null;
}

const householdColumns = sql`h.id, h.name, h.enquiry_on::text as "enquiryOn", h.registration_accepted_on::text as "registrationAcceptedOn",
  h.stage_one_completed_on::text as "stageOneCompletedOn", h.stage_two_started_on::text as "stageTwoStartedOn",
  h.approved_on::text as "approvedOn", h.ended_on::text as "endedOn", h.end_reason as "endReason",
  h.number_of_adopters as "numberOfAdopters", h.sexes, h.legal_status as "legalStatus", h.ethnic_group as "ethnicGroup",
  h.max_children as "maxChildren", h.age_from as "ageFrom", h.age_to as "ageTo", h.version,
  (select j.child_id from adoption_journeys j where j.adopter_id = h.id and j.plan_changed_on is null order by j.matched_on desc limit 1) as "matchedChildId"`;

/** Every household, those still in the process or waiting first. */
export function households(db: Db): Promise<HouseholdView[]> {
  return rows<HouseholdView>(
    db,
    sql`select ${householdColumns} from adopter_households h order by h.ended_on is not null, h.enquiry_on desc, h.name`,
  );
}

export async function householdOf(db: Db, id: string): Promise<HouseholdView | null> {
  if (!isUuid(id)) return null;
  const [h] = await rows<HouseholdView>(db, sql`select ${householdColumns} from adopter_households h where h.id = ${id}`);
  return h ?? null;
}

/** Approved, not ended, and not matched with a child: the adopters waiting. */
export const isWaitingAdopter = (h: Pick<HouseholdView, 'approvedOn' | 'endedOn' | 'matchedChildId'>) =>
  h.approvedOn !== null && h.endedOn === null && h.matchedChildId === null;

/**
 * The two approval stages' deadlines for a household, from the clock's own rules: a
 * household is not a child, so these are worked out here for its page, not stored.
 */
export function adopterStages(
  h: HouseholdView,
  clock: ClockContext,
  today: string,
): Array<Obligation & { status: ReturnType<typeof obligationStatus> }> {
  const facts: Fact[] = [];
  const add = (kind: Fact['kind'], at: string | null) => {
    if (at) facts.push({ id: `${kind}:${h.id}`, kind, at, episode: h.id });
  };
  add('adopter_registration_accepted', h.registrationAcceptedOn);
  add('adopter_stage_one_completed', h.stageOneCompletedOn);
  add('adopter_stage_two_started', h.stageTwoStartedOn);
  add('adopter_approved', h.approvedOn);
  if (h.endedOn && !h.approvedOn) add('adopter_process_ended', h.endedOn);
  const stages = clockRules.filter((r) => r.id === 'adopter-stage-one' || r.id === 'adopter-stage-two');
  return computeObligations({ childId: h.id, dateOfBirth: null, facts }, clock, stages).map((o) => ({
    ...o,
    status: obligationStatus(o, today),
  }));
}

/** A stage deadline of a household still in the approval process, not yet met. */
export interface AdopterStageDue {
  household: Pick<HouseholdView, 'id' | 'name'>;
  ruleId: string;
  dueOn: string;
  status: 'due' | 'overdue';
}

/**
 * Every household's stage deadlines still owed (due or overdue), soonest first: the managers'
 * list of what the approval process owes, since a household's deadlines are on no child's work list.
 */
export function adopterStagesDue(all: readonly HouseholdView[], clock: ClockContext, today: string): AdopterStageDue[] {
  return all
    .flatMap((h) =>
      adopterStages(h, clock, today).flatMap((o) =>
        o.status === 'due' || o.status === 'overdue'
          ? [{ household: { id: h.id, name: h.name }, ruleId: o.ruleId, dueOn: o.dueAt.slice(0, 10), status: o.status }]
          : [],
      ),
    )
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.household.name.localeCompare(b.household.name));
}

// ── the scorecard ────────────────────────────────────────────────────────────

/** A journey in the scorecard, with the child and the period of care it belongs to. */
export interface ScoreRow extends Omit<JourneyView, 'version' | 'adopterName' | 'planChangeDetail' | 'careEndedReason'> {
  childName: string;
  dateOfBirth: string | null;
  ethnicity: string;
  /** The start of the latest period of care begun by the placement (or today, while waiting); null if none is recorded. */
  enteredCareOn: string | null;
}

export function scoreRows(db: Db, user: SignedInUser, today: string): Promise<ScoreRow[]> {
  return rows<ScoreRow>(
    db,
    sql`select j.id, j.child_id as "childId", j.decided_on::text as "decidedOn", j.early_permanence as "earlyPermanence",
               j.siblings_to_place_with as "siblingsToPlaceWith", j.authority_on::text as "authorityOn", j.authority_basis as "authorityBasis",
               j.match_panel_on::text as "matchPanelOn", j.matched_on::text as "matchedOn", j.adopter_id as "adopterId",
               j.moved_in_on::text as "movedInOn", j.placed_on::text as "placedOn", j.foster_carer_adoption as "fosterCarerAdoption",
               j.adoption_order_on::text as "adoptionOrderOn", j.plan_changed_on::text as "planChangedOn", j.plan_change_reason as "planChangeReason",
               c.first_name || ' ' || c.last_name as "childName", c.date_of_birth::text as "dateOfBirth", c.ethnicity,
               (select p.start_date::text from care_periods p where p.child_id = j.child_id and p.start_date <= coalesce(j.placed_on, ${today}::date)
                 order by p.start_date desc limit 1) as "enteredCareOn"
          from adoption_journeys j join children c on c.id = j.child_id
         where ${childInScopeOf(user)}
         order by j.decided_on, c.id`,
  );
}

/** A period of care that ended in a special guardianship or child arrangements order. */
export interface ExitRow {
  childId: string;
  childName: string;
  endDate: string;
  reasonCeased: string;
}

/** SSDA903 REC codes: child arrangements (residence) orders, and special guardianship orders. */
export const CHILD_ARRANGEMENTS_CODES = ['E41', 'E43', 'E44'] as const;
export const SPECIAL_GUARDIANSHIP_CODES = ['E45', 'E46', 'E47', 'E48'] as const;

export function exitRows(db: Db, user: SignedInUser, from: string, to: string): Promise<ExitRow[]> {
  const codes = [...CHILD_ARRANGEMENTS_CODES, ...SPECIAL_GUARDIANSHIP_CODES];
  return rows<ExitRow>(
    db,
    sql`select c.id as "childId", c.first_name || ' ' || c.last_name as "childName", p.end_date::text as "endDate", p.reason_ceased as "reasonCeased"
          from care_periods p join children c on c.id = p.child_id
         where p.end_date > ${from} and p.end_date <= ${to} and p.reason_ceased in (${sql.join(
           codes.map((c) => sql`${c}`),
           sql`, `,
         )}) and ${childInScopeOf(user)}
         order by p.end_date desc, c.id`,
  );
}

/** DfE's main ethnic group of a child's ethnicity code; null when it is not known or refused. */
export function ethnicGroupOf(code: string): EthnicGroup | null {
  if (code === 'NOBT' || code === 'REFU') return null;
  switch (code.charAt(0)) {
    case 'W':
      return 'white';
    case 'M':
      return 'mixed';
    case 'A':
      return 'asian';
    case 'B':
      return 'black';
    default:
      return 'other';
  }
}

/** Age bands the scorecard compares children waiting and adopters by. */
export const ageBands = [
  { key: 'under_1', from: 0, to: 0 },
  { key: '1_to_4', from: 1, to: 4 },
  { key: '5_and_over', from: 5, to: 17 },
] as const;
export type AgeBand = (typeof ageBands)[number]['key'];

const yearsOld = (dob: string | null, on: string) => {
  if (!dob) return null;
  let years = Number(on.slice(0, 4)) - Number(dob.slice(0, 4));
  if (on.slice(5) < dob.slice(5)) years -= 1;
  return years;
};

export interface ScoreChild extends ScoreRow {
  /** Named only when the user may open the record. */
  restricted: boolean;
  /** A1: entering care to moving in with the adoptive family (the placement), in days. */
  a1: number | null;
  /** A10: as A1, counted to the day the child moved in with the carers who adopted them. */
  a10: number | null;
  /** A2: authority to place to the match, in days; 0 when matched first. */
  a2: number | null;
  /** Waiting: days since entering care (or since the decision, when no period of care is recorded). */
  waitingDays: number | null;
  ethnicGroup: EthnicGroup | null;
  ageBand: AgeBand | null;
}

export interface ExitChild extends ExitRow {
  restricted: boolean;
}

/** The names of the scorecard's lists of children. */
export const scoreLists = [
  'adopted',
  'waiting',
  'waiting_for_order',
  'plan_changed',
  'decided',
  'special_guardianship',
  'child_arrangements',
] as const;
export type ScoreList = (typeof scoreLists)[number];
/** A list of children waiting with one characteristic: waiting.ethnicity.black, waiting.age.under_1, waiting.siblings. */
export type ListKey = ScoreList | `waiting.ethnicity.${EthnicGroup | 'not_known'}` | `waiting.age.${AgeBand}` | 'waiting.siblings';

export interface Scorecard {
  today: string;
  /** The 3 years to today: DfE's scorecard averages over 3 years. */
  threeYearsFrom: string;
  yearFrom: string;
  lists: Record<string, ScoreChild[]>;
  exits: { special_guardianship: ExitChild[]; child_arrangements: ExitChild[] };
  /** Averages over the children adopted in the 3 years, each with how many children it is of. */
  a1: { days: number | null; of: number; notCounted: number };
  a10: { days: number | null; of: number; notCounted: number };
  a2: { days: number | null; of: number };
  adopters: HouseholdView[];
  waitingAdopters: HouseholdView[];
  /** Of the journeys whose plan was decided in the last 12 months, the share that changed away from adoption. */
  planChangedShare: number | null;
}

const mean = (values: readonly number[]) => (values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : null);
const days = (from: string | null, to: string | null) => (from && to ? daysBetween(from, to) : null);

/** The scorecard from the record: pure, so its sums are tested without a database. */
export function scorecard(
  found: readonly ScoreRow[],
  exitsFound: readonly ExitRow[],
  households: readonly HouseholdView[],
  today: string,
  restricted: ReadonlySet<string>,
): Scorecard {
  const threeYearsFrom = addCalendarYears(today, -3);
  const yearFrom = addCalendarYears(today, -1);
  const all: ScoreChild[] = found.map((r) => {
    const moved = r.movedInOn ?? r.placedOn;
    const a2 = r.authorityOn && r.matchedOn ? Math.max(0, daysBetween(r.authorityOn, r.matchedOn)) : null;
    const open = !r.adoptionOrderOn && !r.planChangedOn;
    return {
      ...r,
      restricted: restricted.has(r.childId),
      a1: days(r.enteredCareOn, r.placedOn),
      a10: days(r.enteredCareOn, moved && r.enteredCareOn && moved < r.enteredCareOn ? r.enteredCareOn : moved),
      a2,
      waitingDays: open ? days(r.enteredCareOn ?? r.decidedOn, today) : null,
      ethnicGroup: ethnicGroupOf(r.ethnicity),
      ageBand: (() => {
        const age = yearsOld(r.dateOfBirth, today);
        return age === null ? null : (ageBands.find((b) => age >= b.from && age <= b.to)?.key ?? null);
      })(),
    };
  });
  const adopted = all.filter((r) => r.adoptionOrderOn && r.adoptionOrderOn > threeYearsFrom && r.adoptionOrderOn <= today);
  const open = all.filter((r) => !r.adoptionOrderOn && !r.planChangedOn);
  // waiting: the agency has authority to place and the child is not yet placed (DfE's children waiting)
  const waiting = open.filter((r) => r.authorityOn && !r.placedOn).sort((a, b) => (b.waitingDays ?? 0) - (a.waitingDays ?? 0));
  const decided = all.filter((r) => r.decidedOn > yearFrom && r.decidedOn <= today);
  const lists: Record<string, ScoreChild[]> = {
    adopted,
    waiting,
    waiting_for_order: open.filter((r) => !r.authorityOn),
    plan_changed: all.filter((r) => r.planChangedOn && r.planChangedOn > yearFrom && r.planChangedOn <= today),
    decided,
    'waiting.siblings': waiting.filter((r) => r.siblingsToPlaceWith > 0),
  };
  for (const g of ['white', 'mixed', 'asian', 'black', 'other', 'not_known'] as const)
    lists[`waiting.ethnicity.${g}`] = waiting.filter((r) => (r.ethnicGroup ?? 'not_known') === g);
  for (const b of ageBands) lists[`waiting.age.${b.key}`] = waiting.filter((r) => r.ageBand === b.key);
  const a1s = adopted.flatMap((r) => (r.a1 === null ? [] : [r.a1]));
  const a10s = adopted.flatMap((r) => (r.a10 === null ? [] : [r.a10]));
  const a2s = adopted.flatMap((r) => (r.a2 === null ? [] : [r.a2]));
  const exit = (codes: readonly string[]) =>
    exitsFound.filter((e) => codes.includes(e.reasonCeased)).map((e) => ({ ...e, restricted: restricted.has(e.childId) }));
  const planChangedOfDecided = decided.filter((r) => r.planChangedOn).length;
  return {
    today,
    threeYearsFrom,
    yearFrom,
    lists,
    exits: { special_guardianship: exit(SPECIAL_GUARDIANSHIP_CODES), child_arrangements: exit(CHILD_ARRANGEMENTS_CODES) },
    a1: { days: mean(a1s), of: a1s.length, notCounted: adopted.length - a1s.length },
    a10: { days: mean(a10s), of: a10s.length, notCounted: adopted.length - a10s.length },
    a2: { days: mean(a2s), of: a2s.length },
    adopters: [...households],
    waitingAdopters: households.filter(isWaitingAdopter),
    planChangedShare: decided.length ? Math.round((100 * planChangedOfDecided) / decided.length) : null,
  };
}

/** The scorecard for a user: the children in their scope, restricted records counted and not named. */
export async function scorecardFor(db: Db, user: SignedInUser, today: string): Promise<Scorecard> {
  const [found, exitsFound, all] = await Promise.all([
    scoreRows(db, user, today),
    exitRows(db, user, addCalendarYears(today, -1), today),
    households(db),
  ]);
  const restricted = await restrictedAmong(db, user, [...new Set([...found.map((r) => r.childId), ...exitsFound.map((e) => e.childId)])]);
  return scorecard(found, exitsFound, all, today, new Set(restricted.keys()));
}

// ── the SSDA903's AD1 and PlacedAdoption tables ─────────────────────────────

/** A journey as the SSDA903 builder reads it: the decision, the match and the adopters, the order or the change of plan. */
export interface Adoption903Row {
  childId: string;
  journeyId: string;
  decidedOn: string;
  matchedOn: string | null;
  adoptionOrderOn: string | null;
  fosterCarerAdoption: boolean;
  planChangedOn: string | null;
  planChangeReason: string | null;
  numberOfAdopters: number | null;
  sexes: string | null;
  legalStatus: string | null;
}

/**
 * The journeys under way at some time up to `end` and not closed before `start` (the
 * builder keeps those of children in the return), for every child or one.
 */
export function adoption903Rows(db: Db, range: { start: string; end: string }, childId?: string): Promise<Adoption903Row[]> {
  return rows<Adoption903Row>(
    db,
    sql`select j.child_id as "childId", j.id as "journeyId", j.decided_on::text as "decidedOn", j.matched_on::text as "matchedOn",
               j.adoption_order_on::text as "adoptionOrderOn", j.foster_carer_adoption as "fosterCarerAdoption",
               j.plan_changed_on::text as "planChangedOn", j.plan_change_reason as "planChangeReason",
               h.number_of_adopters as "numberOfAdopters", h.sexes, h.legal_status as "legalStatus"
          from adoption_journeys j left join adopter_households h on h.id = j.adopter_id
         where j.decided_on <= ${range.end} and coalesce(j.adoption_order_on, j.plan_changed_on, ${range.end}::date) >= ${range.start}
               ${childId ? sql`and j.child_id = ${childId}` : sql``}
         order by j.decided_on, j.id`,
  );
}

export interface PreviousPermanenceView {
  id: string;
  childId: string;
  code: string;
  arrangedBy: string | null;
  madeOn: string | null;
  version: number;
}

const ppColumns = sql`id, child_id as "childId", code, arranged_by as "arrangedBy", made_on::text as "madeOn", version`;

export async function previousPermanenceOf(db: Db, childId: string): Promise<PreviousPermanenceView | null> {
  const [p] = await rows<PreviousPermanenceView>(db, sql`select ${ppColumns} from previous_permanence where child_id = ${childId}`);
  return p ?? null;
}

/** Every child's previous permanence as recorded (the builder keeps the children who started a period of care in the year). */
export function previousPermanence903Rows(db: Db, childId?: string): Promise<PreviousPermanenceView[]> {
  return rows<PreviousPermanenceView>(
    db,
    sql`select ${ppColumns} from previous_permanence ${childId ? sql`where child_id = ${childId}` : sql``} order by child_id`,
  );
}

// ── reports to the adoption and permanence panel ─────────────────────────────

export interface AmendmentView {
  id: string;
  reportId: string;
  description: string;
  doneOn: string | null;
  version: number;
}

export interface PanelReportView {
  id: string;
  subject: string;
  childId: string | null;
  childName: string | null;
  adopterId: string | null;
  adopterName: string | null;
  panelOn: string;
  recommendation: string;
  feedback: string | null;
  amendments: AmendmentView[];
  /** A restricted child the user may not open: counted, not named. */
  restricted: boolean;
}

const reportSelect = sql`select r.id, r.subject, r.child_id as "childId", c.first_name || ' ' || c.last_name as "childName",
    r.adopter_id as "adopterId", h.name as "adopterName", r.panel_on::text as "panelOn", r.recommendation, r.feedback,
    coalesce((select json_agg(json_build_object('id', a.id, 'reportId', a.report_id, 'description', a.description,
               'doneOn', a.done_on::text, 'version', a.version) order by a.created_at, a.description, a.id)
              from adoption_panel_amendments a where a.report_id = r.id), '[]') as amendments
    from adoption_panel_reports r left join children c on c.id = r.child_id left join adopter_households h on h.id = r.adopter_id`;

async function withRestriction(db: Db, user: SignedInUser, found: Omit<PanelReportView, 'restricted'>[]): Promise<PanelReportView[]> {
  const restricted = await restrictedAmong(
    db,
    user,
    found.flatMap((r) => (r.childId ? [r.childId] : [])),
  );
  return found.map((r) => ({ ...r, restricted: r.childId !== null && restricted.has(r.childId) }));
}

/** The panel's reports, newest first: those with amendments outstanding first. */
export async function panelReports(db: Db, user: SignedInUser): Promise<PanelReportView[]> {
  const found = await rows<Omit<PanelReportView, 'restricted'>>(db, sql`${reportSelect} order by r.panel_on desc, r.created_at desc`);
  const all = await withRestriction(db, user, found);
  const outstanding = (r: PanelReportView) => r.amendments.some((a) => a.doneOn === null);
  return [...all.filter(outstanding), ...all.filter((r) => !outstanding(r))];
}

export async function panelReportOf(db: Db, user: SignedInUser, id: string): Promise<PanelReportView | null> {
  if (!isUuid(id)) return null;
  const found = await rows<Omit<PanelReportView, 'restricted'>>(db, sql`${reportSelect} where r.id = ${id}`);
  return (await withRestriction(db, user, found))[0] ?? null;
}
