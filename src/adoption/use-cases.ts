/**
 * Adoption use cases. Each write takes the transaction, checks the rules (refusing with the
 * field named), writes, and, when a child's journey changed, recomputes the child's
 * obligations, so the reviews and visits the clock asks for follow the record. Each input
 * has one zod schema, the same for the page and the API. A journey moves one step at a time:
 * the decision, the authority to place, the match, the placement, the adoption order; or the
 * plan changes away from adoption, with the reason.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { updateAtVersion } from '../core/db/versions.js';
import {
  choice,
  dateField,
  evenWithOtherErrors,
  optionalChoice,
  optionalDateField,
  optionalText,
  text,
  uuidField,
  version,
  yesNo,
} from '../core/http/forms.js';
import { carePeriods } from '../looked-after/schema.js';
import { ceaseLookedAfter } from '../looked-after/use-cases.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  adopterEndReasons,
  adopterHouseholds as households,
  adopterLegalStatuses,
  adopterSexes,
  adoptionJourneys as journeys,
  adoptionReasonsCeased,
  adoptionReviews,
  adoptivePlacementEndings as endings,
  placementEndReasons,
  authorityBases,
  earlyPermanenceKinds,
  ethnicGroups,
  planChangeReasons,
  previousPermanence,
  previousPermanenceCodes,
  adoptionPanelReports as panelReports,
  adoptionPanelAmendments as amendments,
} from './schema.js';

export type { Actor };

const what = 'This adoption journey';
const whatHousehold = 'This adopter household';

/** A whole number typed in a form, or given as a number in JSON. */
function wholeNumber(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v) : v),
    z
      .number({
        error: (i) =>
          i.input === undefined ? `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}` : `${label} must be a whole number`,
      })
      .int(`${label} must be a whole number`)
      .min(min, `${label} must be ${min} or more`)
      .max(max, `${label} must be ${max} or fewer`),
  );
}

function optionalWholeNumber(label: string, min: number, max: number) {
  return z.preprocess((v) => (v === '' || v === null ? undefined : v), wholeNumber(label, min, max).optional());
}

async function journeyOf(tx: Db, childId: string, id: string) {
  const [j] = await tx
    .select()
    .from(journeys)
    .where(and(eq(journeys.id, id), eq(journeys.childId, childId)));
  if (!j) throw new CaseworkNotFound('The adoption journey');
  return j;
}

type Journey = Awaited<ReturnType<typeof journeyOf>>;

/** A step on a journey already closed, by the adoption order or a change of plan, is refused. */
function open(j: Journey, field: string) {
  if (j.adoptionOrderOn)
    throw new CaseworkRuleError(field, `The child was adopted on ${formatDate(j.adoptionOrderOn)}: the journey is closed`);
  if (j.planChangedOn)
    throw new CaseworkRuleError(field, `The plan changed away from adoption on ${formatDate(j.planChangedOn)}: the journey is closed`);
}

function notBefore(field: string, label: string, date: string, earlier: string | null, what: string) {
  if (earlier && date < earlier) throw new CaseworkRuleError(field, `${label} cannot be before ${what} (${formatDate(earlier)})`);
}

// ── the decision that the child should be placed for adoption ────────────────

export function decisionSchema(today: Today) {
  return z.object({
    decidedOn: dateField('Date of the agency decision maker’s decision', { notInFuture: today }),
    earlyPermanence: optionalChoice('Early permanence', earlyPermanenceKinds),
    siblingsToPlaceWith: wholeNumber('Number of brothers and sisters to be placed with the child', 0, 9),
  });
}
export type Decision = z.output<ReturnType<typeof decisionSchema>>;

/** Starts a journey with the decision that the child should be placed for adoption. */
export async function recordDecision(tx: Db, childId: string, input: Decision, by: Actor): Promise<string> {
  const [current] = await tx
    .select({ decidedOn: journeys.decidedOn })
    .from(journeys)
    .where(and(eq(journeys.childId, childId), isNull(journeys.adoptionOrderOn), isNull(journeys.planChangedOn)));
  if (current)
    throw new CaseworkRuleError(
      'decidedOn',
      `The child already has an adoption plan, decided on ${formatDate(current.decidedOn)}: record its outcome or change the plan first`,
    );
  const [row] = await tx
    .insert(journeys)
    .values({
      childId,
      decidedOn: input.decidedOn,
      earlyPermanence: input.earlyPermanence ?? null,
      siblingsToPlaceWith: input.siblingsToPlaceWith,
      recordedBy: by.userId,
    })
    .returning({ id: journeys.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── the authority to place ───────────────────────────────────────────────────

export function authoritySchema(today: Today) {
  return z.object({
    authorityOn: dateField('Date the agency had authority to place', { notInFuture: today }),
    authorityBasis: choice('How the agency has authority to place', authorityBases),
    version: version(),
  });
}
export type Authority = z.output<ReturnType<typeof authoritySchema>>;

/** The placement order (or consent): the adoption reviews' clock starts here. */
export async function recordAuthority(tx: Db, childId: string, id: string, input: Authority): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  open(j, 'authorityOn');
  if (j.placedOn)
    throw new CaseworkRuleError(
      'authorityOn',
      `The child was placed for adoption on ${formatDate(j.placedOn)}: the authority cannot change now`,
    );
  await updateAtVersion(
    tx,
    journeys,
    id,
    input.version,
    { authorityOn: input.authorityOn, authorityBasis: input.authorityBasis, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the match ────────────────────────────────────────────────────────────────

export function matchSchema(today: Today) {
  return z
    .object({
      matchPanelOn: optionalDateField('Date the panel recommended the match', { notInFuture: today }),
      matchedOn: dateField('Date the agency decision maker decided the match', { notInFuture: today }),
      adopterId: uuidField('The adopters'),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.matchPanelOn && v.matchedOn && v.matchPanelOn > v.matchedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['matchPanelOn'],
          message: 'Date the panel recommended the match cannot be after the decision on it',
        });
    }, evenWithOtherErrors);
}
export type Match = z.output<ReturnType<typeof matchSchema>>;

/** Matches the child with approved adopters, who are then no longer waiting. */
export async function recordMatch(tx: Db, childId: string, id: string, input: Match): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  open(j, 'matchedOn');
  if (j.placedOn)
    throw new CaseworkRuleError('matchedOn', `The child was placed on ${formatDate(j.placedOn)}: the match cannot change now`);
  notBefore(
    'matchedOn',
    'Date the agency decision maker decided the match',
    input.matchedOn,
    j.decidedOn,
    'the decision to place for adoption',
  );
  const [h] = await tx.select().from(households).where(eq(households.id, input.adopterId));
  if (!h) throw new CaseworkRuleError('adopterId', 'Select approved adopters from the list');
  if (!h.approvedOn || h.approvedOn > input.matchedOn)
    throw new CaseworkRuleError('adopterId', `${h.name} were not approved as adopters on ${formatDate(input.matchedOn)}`);
  if (h.endedOn && h.endedOn <= input.matchedOn)
    throw new CaseworkRuleError('adopterId', `${h.name}’s approval ended on ${formatDate(h.endedOn)}`);
  await updateAtVersion(
    tx,
    journeys,
    id,
    input.version,
    { matchPanelOn: input.matchPanelOn ?? null, matchedOn: input.matchedOn, adopterId: input.adopterId, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the placement ────────────────────────────────────────────────────────────

export function placementSchema(today: Today) {
  return z
    .object({
      placedOn: dateField('Date the child was placed for adoption', { notInFuture: today }),
      fosterCarerAdoption: yesNo('The adopters are the child’s foster carers'),
      movedInOn: optionalDateField('Date the child moved in with the adopters', { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.movedInOn && v.placedOn && v.movedInOn > v.placedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['movedInOn'],
          message: 'Date the child moved in with the adopters cannot be after the placement: leave it blank if they moved in that day',
        });
    }, evenWithOtherErrors);
}
export type Placement = z.output<ReturnType<typeof placementSchema>>;

/** Places the child for adoption: the placement reviews and visits begin. */
export async function recordPlacement(tx: Db, childId: string, id: string, input: Placement): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  open(j, 'placedOn');
  if (!j.authorityOn) throw new CaseworkRuleError('placedOn', 'Record the authority to place (the placement order or consent) first');
  if (!j.matchedOn) throw new CaseworkRuleError('placedOn', 'Record the match first');
  notBefore('placedOn', 'Date the child was placed for adoption', input.placedOn, j.matchedOn, 'the match');
  notBefore('placedOn', 'Date the child was placed for adoption', input.placedOn, j.authorityOn, 'the authority to place');
  notBefore(
    'placedOn',
    'Date the child was placed for adoption',
    input.placedOn,
    await lastEnding(tx, id),
    'the end of the last placement',
  );
  await updateAtVersion(
    tx,
    journeys,
    id,
    input.version,
    { placedOn: input.placedOn, fosterCarerAdoption: input.fosterCarerAdoption, movedInOn: input.movedInOn ?? null, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the adoption order ───────────────────────────────────────────────────────

export function orderSchema(today: Today) {
  return z.object({
    adoptionOrderOn: dateField('Date the adoption order was made', { notInFuture: today }),
    reasonCeased: choice('Whether the application was unopposed or the parents’ consent dispensed with', adoptionReasonsCeased),
    version: version(),
  });
}
export type Order = z.output<ReturnType<typeof orderSchema>>;

/**
 * The adoption order: the journey closes, no review or visit is owed under it, and the child
 * ceases to be looked after that day (REC E11 or E12) through the looked after area's own rule,
 * in this transaction. A period already ended that day by adoption is left as it is.
 */
export async function recordAdoptionOrder(tx: Db, childId: string, id: string, input: Order): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  open(j, 'adoptionOrderOn');
  if (!j.placedOn) throw new CaseworkRuleError('adoptionOrderOn', 'Record the placement for adoption first');
  notBefore('adoptionOrderOn', 'Date the adoption order was made', input.adoptionOrderOn, j.placedOn, 'the placement');
  const [period] = await tx
    .select({
      id: carePeriods.id,
      startDate: carePeriods.startDate,
      endDate: carePeriods.endDate,
      reasonCeased: carePeriods.reasonCeased,
      version: carePeriods.version,
    })
    .from(carePeriods)
    .where(eq(carePeriods.childId, childId))
    .orderBy(desc(carePeriods.startDate))
    .limit(1);
  const alreadyEnded =
    period?.endDate === input.adoptionOrderOn && (adoptionReasonsCeased as readonly (string | null)[]).includes(period.reasonCeased);
  if (!period || (period.endDate && !alreadyEnded))
    throw new CaseworkRuleError(
      'adoptionOrderOn',
      period?.endDate
        ? `The child’s period of care ended on ${formatDate(period.endDate)}: the adoption order ends an open period of care, so correct the looked after record first`
        : 'The child has no period of care recorded: the adoption order ends the period of care, so record it on the looked after record first',
    );
  // the stale check comes first, so a page opened before someone else's change writes nothing
  await updateAtVersion(tx, journeys, id, input.version, { adoptionOrderOn: input.adoptionOrderOn, updatedAt: new Date() }, what);
  if (alreadyEnded) {
    await recomputeObligations(tx, [childId]);
    return id;
  }
  try {
    // recomputes the child's obligations, with the order and the end of care both in view
    await ceaseLookedAfter(tx, childId, period.id, {
      endDate: input.adoptionOrderOn,
      reasonCeased: input.reasonCeased,
      version: period.version,
    });
  } catch (e) {
    if (e instanceof CaseworkRuleError && e.field === 'endDate')
      throw new CaseworkRuleError(
        'adoptionOrderOn',
        `The adoption order ends the period of care: ${e.message.charAt(0).toLowerCase()}${e.message.slice(1)}`,
      );
    throw e;
  }
  return id;
}

// ── a placement that ended without an adoption order ───────────────────────

export function placementEndSchema(today: Today) {
  return z
    .object({
      placementEndedOn: dateField('Date the placement ended', { notInFuture: today }),
      placementEndReason: choice('Why the placement ended', placementEndReasons),
      placementEndDetail: optionalText('What happened', { max: 2000, multiline: true }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.placementEndReason === 'other' && !v.placementEndDetail)
        ctx.addIssue({ code: 'custom', path: ['placementEndDetail'], message: 'Say why the placement ended' });
    }, evenWithOtherErrors);
}
export type PlacementEnd = z.output<ReturnType<typeof placementEndSchema>>;

/** The latest day an ended placement of the journey ended, or null: a new placement cannot begin before it. */
async function lastEnding(tx: Db, journeyId: string): Promise<string | null> {
  const [e] = await tx
    .select({ endedOn: endings.endedOn })
    .from(endings)
    .where(eq(endings.journeyId, journeyId))
    .orderBy(desc(endings.endedOn))
    .limit(1);
  return e?.endedOn ?? null;
}

/**
 * The placement ended without an adoption order: it is kept as it was, with its end, and the
 * journey's match and placement are cleared, so the child is waiting again (the plan is still
 * adoption; a change of plan is recorded as such) and can be matched and placed anew.
 */
export async function endPlacement(tx: Db, childId: string, id: string, input: PlacementEnd, by: Actor): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  open(j, 'placementEndedOn');
  if (!j.placedOn || !j.matchedOn || !j.adopterId)
    throw new CaseworkRuleError('placementEndedOn', 'The child is not placed for adoption: there is no placement to end');
  notBefore('placementEndedOn', 'Date the placement ended', input.placementEndedOn, j.placedOn, 'the placement');
  await updateAtVersion(
    tx,
    journeys,
    id,
    input.version,
    {
      matchPanelOn: null,
      matchedOn: null,
      adopterId: null,
      movedInOn: null,
      placedOn: null,
      fosterCarerAdoption: false,
      updatedAt: new Date(),
    },
    what,
  );
  await tx.insert(endings).values({
    childId,
    journeyId: id,
    adopterId: j.adopterId,
    matchPanelOn: j.matchPanelOn,
    matchedOn: j.matchedOn,
    movedInOn: j.movedInOn,
    placedOn: j.placedOn,
    fosterCarerAdoption: j.fosterCarerAdoption,
    endedOn: input.placementEndedOn,
    reason: input.placementEndReason,
    detail: input.placementEndDetail ?? null,
    recordedBy: by.userId,
  });
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the plan changed away from adoption ──────────────────────────────────────

export function planChangeSchema(today: Today) {
  return z
    .object({
      planChangedOn: dateField('Date the decision to place for adoption was reversed', { notInFuture: today }),
      planChangeReason: choice('Why the plan changed', planChangeReasons),
      planChangeDetail: optionalText('What the plan is now', { max: 2000, multiline: true }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.planChangeReason === 'RD4' && !v.planChangeDetail)
        ctx.addIssue({ code: 'custom', path: ['planChangeDetail'], message: 'Say what the other reason is and what the plan is now' });
    }, evenWithOtherErrors);
}
export type PlanChange = z.output<ReturnType<typeof planChangeSchema>>;

/** The decision to place for adoption reversed: authority to place, if any, ends with it. */
export async function changePlan(tx: Db, childId: string, id: string, input: PlanChange): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  open(j, 'planChangedOn');
  notBefore('planChangedOn', 'Date the decision to place for adoption was reversed', input.planChangedOn, j.decidedOn, 'the decision');
  const latest =
    [j.authorityOn, j.matchedOn, j.placedOn, await lastEnding(tx, id)]
      .filter((d): d is string => d !== null)
      .sort()
      .pop() ?? null;
  notBefore('planChangedOn', 'Date the decision to place for adoption was reversed', input.planChangedOn, latest, 'the last step recorded');
  await updateAtVersion(
    tx,
    journeys,
    id,
    input.version,
    {
      planChangedOn: input.planChangedOn,
      planChangeReason: input.planChangeReason,
      planChangeDetail: input.planChangeDetail ?? null,
      updatedAt: new Date(),
    },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── adoption reviews ─────────────────────────────────────────────────────────

export function reviewSchema(today: Today) {
  return z.object({
    heldOn: dateField('Date the review was held', { notInFuture: today }),
    visitIntervalWeeks: optionalWholeNumber('Weeks between visits the review set', 1, 52),
  });
}
export type Review = z.output<ReturnType<typeof reviewSchema>>;

/** An adoption review (reg 36), while the agency has authority to place. */
export async function recordReview(tx: Db, childId: string, id: string, input: Review, by: Actor): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  if (!j.authorityOn)
    throw new CaseworkRuleError('heldOn', 'Adoption reviews are held once the agency has authority to place: record it first');
  notBefore('heldOn', 'Date the review was held', input.heldOn, j.authorityOn, 'the authority to place');
  const closed = j.adoptionOrderOn ?? j.planChangedOn;
  if (closed && input.heldOn > closed)
    throw new CaseworkRuleError('heldOn', `Date the review was held cannot be after the journey closed (${formatDate(closed)})`);
  if (input.visitIntervalWeeks !== undefined && !(j.placedOn && input.heldOn >= j.placedOn))
    throw new CaseworkRuleError('visitIntervalWeeks', 'A review sets how often the child is visited only once the child is placed');
  const [row] = await tx
    .insert(adoptionReviews)
    .values({ childId, journeyId: id, heldOn: input.heldOn, visitIntervalWeeks: input.visitIntervalWeeks ?? null, recordedBy: by.userId })
    .returning({ id: adoptionReviews.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── adopters ─────────────────────────────────────────────────────────────────

function householdFields(today: Today) {
  return {
    name: text('The household’s name', { max: 200 }),
    enquiryOn: dateField('Date of the enquiry', { notInFuture: today }),
    numberOfAdopters: choice('Number of adopters', ['1', '2']),
    sexes: choice('The adopters’ sexes', adopterSexes),
    legalStatus: choice('The adopters’ legal status', adopterLegalStatuses),
    ethnicGroup: choice('The household’s ethnic group', ethnicGroups),
    maxChildren: wholeNumber('Most children the household could care for', 1, 4),
    ageFrom: wholeNumber('Youngest age, in years', 0, 17),
    ageTo: wholeNumber('Oldest age, in years', 0, 17),
  };
}

/** The household as DfE's AD1 codes describe it: one adopter is M1 or F1, two are a couple. */
function householdConsistent(v: { numberOfAdopters?: string; sexes?: string; ageFrom?: number; ageTo?: number }, ctx: z.RefinementCtx) {
  const single = v.sexes === 'M1' || v.sexes === 'F1';
  if (v.numberOfAdopters && v.sexes && (v.numberOfAdopters === '1') !== single)
    ctx.addIssue({
      code: 'custom',
      path: ['sexes'],
      message: v.numberOfAdopters === '1' ? 'One adopter is a man (M1) or a woman (F1)' : 'Two adopters are MM, FF or MF',
    });
  if (v.ageFrom !== undefined && v.ageTo !== undefined && v.ageTo < v.ageFrom)
    ctx.addIssue({ code: 'custom', path: ['ageTo'], message: 'Oldest age cannot be below the youngest' });
}

export function enquirySchema(today: Today) {
  return z.object(householdFields(today)).superRefine(householdConsistent, evenWithOtherErrors);
}
export type Enquiry = z.output<ReturnType<typeof enquirySchema>>;

export async function recordEnquiry(tx: Db, input: Enquiry, by: Actor): Promise<string> {
  const [row] = await tx
    .insert(households)
    .values({ ...input, numberOfAdopters: Number(input.numberOfAdopters), recordedBy: by.userId })
    .returning({ id: households.id });
  return row!.id;
}

const stageOrder = [
  ['registrationAcceptedOn', 'Date the registration of interest was accepted'],
  ['stageOneCompletedOn', 'Date stage one was completed'],
  ['stageTwoStartedOn', 'Date the household asked to start stage two'],
  ['approvedOn', 'Date of the decision to approve'],
] as const;

export function stagesSchema(today: Today) {
  return z
    .object({
      registrationAcceptedOn: optionalDateField(stageOrder[0][1], { notInFuture: today }),
      stageOneCompletedOn: optionalDateField(stageOrder[1][1], { notInFuture: today }),
      stageTwoStartedOn: optionalDateField(stageOrder[2][1], { notInFuture: today }),
      approvedOn: optionalDateField(stageOrder[3][1], { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      // each stage follows the one before it, and needs it recorded
      let previous: { date: string | undefined; label: string } | null = null;
      for (const [key, label] of stageOrder) {
        const date = v[key];
        if (date && previous && !previous.date)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `${label} needs ${previous.label.charAt(0).toLowerCase()}${previous.label.slice(1)}`,
          });
        else if (date && previous?.date && date < previous.date)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `${label} cannot be before ${previous.label.charAt(0).toLowerCase()}${previous.label.slice(1)}`,
          });
        previous = { date, label };
      }
    }, evenWithOtherErrors);
}
export type Stages = z.output<ReturnType<typeof stagesSchema>>;

async function householdOf(tx: Db, id: string) {
  const [h] = await tx.select().from(households).where(eq(households.id, id));
  if (!h) throw new CaseworkNotFound('The adopter household');
  return h;
}

export async function recordStages(tx: Db, id: string, input: Stages): Promise<string> {
  const h = await householdOf(tx, id);
  notBefore('registrationAcceptedOn', stageOrder[0][1], input.registrationAcceptedOn ?? h.enquiryOn, h.enquiryOn, 'the enquiry');
  const last = input.approvedOn ?? input.stageTwoStartedOn ?? input.stageOneCompletedOn ?? input.registrationAcceptedOn;
  if (h.endedOn && last && last > h.endedOn)
    throw new CaseworkRuleError('registrationAcceptedOn', `The process ended on ${formatDate(h.endedOn)}: no stage can follow it`);
  await updateAtVersion(
    tx,
    households,
    id,
    input.version,
    {
      registrationAcceptedOn: input.registrationAcceptedOn ?? null,
      stageOneCompletedOn: input.stageOneCompletedOn ?? null,
      stageTwoStartedOn: input.stageTwoStartedOn ?? null,
      approvedOn: input.approvedOn ?? null,
      updatedAt: new Date(),
    },
    whatHousehold,
  );
  return id;
}

export function adopterEndSchema(today: Today) {
  return z.object({
    endedOn: dateField('Date the process or approval ended', { notInFuture: today }),
    endReason: choice('Why it ended', adopterEndReasons),
    version: version(),
  });
}
export type AdopterEnd = z.output<ReturnType<typeof adopterEndSchema>>;

export async function endAdopterProcess(tx: Db, id: string, input: AdopterEnd): Promise<string> {
  const h = await householdOf(tx, id);
  if (h.endedOn) throw new CaseworkRuleError('endedOn', `It already ended on ${formatDate(h.endedOn)}`);
  const last = h.approvedOn ?? h.stageTwoStartedOn ?? h.stageOneCompletedOn ?? h.registrationAcceptedOn ?? h.enquiryOn;
  notBefore('endedOn', 'Date the process or approval ended', input.endedOn, last, 'the last stage recorded');
  if (input.endReason === 'approval_ended' && !h.approvedOn)
    throw new CaseworkRuleError('endReason', 'The household was never approved: say whether they withdrew or were found not suitable');
  if (input.endReason !== 'approval_ended' && h.approvedOn)
    throw new CaseworkRuleError('endReason', 'The household was approved: its approval ended');
  await updateAtVersion(
    tx,
    households,
    id,
    input.version,
    { endedOn: input.endedOn, endReason: input.endReason, updatedAt: new Date() },
    whatHousehold,
  );
  return id;
}

// ── previous permanence (SSDA903 PrevPerm) ───────────────────────────────────

export function previousPermanenceSchema(today: Today) {
  return z
    .object({
      code: choice('The permanence the child had before coming into care', previousPermanenceCodes),
      arrangedBy: optionalText('The authority that arranged it', { max: 200 }),
      madeOn: optionalDateField('Date the order was made', { notInFuture: today }),
      // absent for the first record of it; the version read for a change
      version: version().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.code === 'Z1' && v.arrangedBy)
        ctx.addIssue({ code: 'custom', path: ['arrangedBy'], message: 'Leave the authority blank: the child had no previous permanence' });
      if (v.code === 'Z1' && v.madeOn)
        ctx.addIssue({ code: 'custom', path: ['madeOn'], message: 'Leave the date blank: the child had no previous permanence' });
    }, evenWithOtherErrors);
}
export type PreviousPermanence = z.output<ReturnType<typeof previousPermanenceSchema>>;

/** Records, or corrects at its version, what permanence the child had before coming into care. */
export async function recordPreviousPermanence(tx: Db, childId: string, input: PreviousPermanence, by: Actor): Promise<string> {
  const values = { code: input.code, arrangedBy: input.arrangedBy ?? null, madeOn: input.madeOn ?? null };
  const [existing] = await tx.select({ id: previousPermanence.id }).from(previousPermanence).where(eq(previousPermanence.childId, childId));
  if (existing) {
    // a page opened before the first record was made has no version: someone else saved first
    await updateAtVersion(
      tx,
      previousPermanence,
      existing.id,
      input.version ?? 0,
      { ...values, updatedAt: new Date() },
      'The previous permanence',
    );
    return existing.id;
  }
  const [row] = await tx
    .insert(previousPermanence)
    .values({ childId, ...values, recordedBy: by.userId })
    .returning({ id: previousPermanence.id });
  return row!.id;
}

// ── reports to the adoption and permanence panel ─────────────────────────────

/** The panel's required amendments, one a line in the form, or a list in JSON. */
const amendmentList = z.preprocess(
  (v) =>
    typeof v === 'string'
      ? v
          .split(/\r?\n/)
          .map((l) => l.trim())
          .filter((l) => l !== '')
      : v === undefined
        ? []
        : v,
  z
    .array(
      z.string().trim().min(1, 'Each amendment must say what is to be done').max(500, 'Each amendment must be 500 characters or fewer'),
    )
    .max(30, 'Enter 30 amendments or fewer'),
);

function panelFields(today: Today) {
  return {
    panelOn: dateField('Date of the panel', { notInFuture: today }),
    recommendation: text('The panel’s recommendation', { max: 2000, multiline: true }),
    feedback: optionalText('The panel’s feedback on the report', { max: 4000, multiline: true }),
    amendments: amendmentList,
  };
}

export function journeyPanelSchema(today: Today) {
  return z.object({ subject: choice('What the report was about', ['match', 'plan']), ...panelFields(today) });
}
export type JourneyPanel = z.output<ReturnType<typeof journeyPanelSchema>>;

export function adopterPanelSchema(today: Today) {
  return z.object(panelFields(today));
}
export type AdopterPanel = z.output<ReturnType<typeof adopterPanelSchema>>;

async function insertReport(
  tx: Db,
  about: { subject: string; childId?: string; adopterId?: string },
  input: AdopterPanel,
  by: Actor,
): Promise<string> {
  const [row] = await tx
    .insert(panelReports)
    .values({
      ...about,
      panelOn: input.panelOn,
      recommendation: input.recommendation,
      feedback: input.feedback ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: panelReports.id });
  if (input.amendments.length)
    await tx.insert(amendments).values(input.amendments.map((description) => ({ reportId: row!.id, description, recordedBy: by.userId })));
  return row!.id;
}

/** A report on the child's match or plan, with the panel's feedback and the amendments it required. */
export async function recordJourneyPanel(tx: Db, childId: string, id: string, input: JourneyPanel, by: Actor): Promise<string> {
  const j = await journeyOf(tx, childId, id);
  notBefore('panelOn', 'Date of the panel', input.panelOn, j.decidedOn, 'the decision to place for adoption');
  return insertReport(tx, { subject: input.subject, childId }, input, by);
}

/** A report on prospective adopters' approval. */
export async function recordAdopterPanel(tx: Db, adopterId: string, input: AdopterPanel, by: Actor): Promise<string> {
  const h = await householdOf(tx, adopterId);
  notBefore('panelOn', 'Date of the panel', input.panelOn, h.enquiryOn, 'the enquiry');
  return insertReport(tx, { subject: 'approval', adopterId }, input, by);
}

export function amendmentDoneSchema(today: Today) {
  return z.object({ doneOn: dateField('Date the amendment was made', { notInFuture: today }), version: version() });
}
export type AmendmentDone = z.output<ReturnType<typeof amendmentDoneSchema>>;

/** Marks a required amendment done: not before the panel asked for it. */
export async function markAmendmentDone(tx: Db, reportId: string, amendmentId: string, input: AmendmentDone): Promise<string> {
  const [found] = await tx
    .select({ doneOn: amendments.doneOn, panelOn: panelReports.panelOn })
    .from(amendments)
    .innerJoin(panelReports, eq(panelReports.id, amendments.reportId))
    .where(and(eq(amendments.id, amendmentId), eq(amendments.reportId, reportId)));
  if (!found) throw new CaseworkNotFound('The amendment');
  if (found.doneOn) throw new CaseworkRuleError('doneOn', `The amendment was already done on ${formatDate(found.doneOn)}`);
  notBefore('doneOn', 'Date the amendment was made', input.doneOn, found.panelOn, 'the panel');
  await updateAtVersion(tx, amendments, amendmentId, input.version, { doneOn: input.doneOn, updatedAt: new Date() }, 'This amendment');
  return amendmentId;
}
