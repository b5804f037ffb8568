/**
 * Looked after children's use cases. Each write takes the transaction, checks the rules of
 * practice and DfE's SSDA903 rules that belong at the point of entry (refusing with the field
 * named), writes, and recomputes the child's obligations, so the clock never disagrees with the
 * record. Each input has one zod schema, the same for the page and the API.
 *
 * Every change under a period of care moves the period's version on; a change to a period
 * names the version its page showed, and is refused (StaleRecordError) if someone saved since.
 */
import { and, desc, eq, isNull, max } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion } from '../core/db/versions.js';
import { isUuid } from '../core/ids.js';
import {
  choice,
  dateField,
  evenWithOtherErrors,
  optionalChoice,
  optionalDateField,
  optionalText,
  text,
  version,
  yesNo,
} from '../core/http/forms.js';
import { normalisePostcode, postcodeProblem } from '../core/record/identifiers.js';
import { children } from '../core/record/schema.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  carePeriods,
  careEpisodes,
  categoryOfNeedCodes,
  deprivationOfLibertyOrders,
  legalStatusCodes,
  lookedAfterReviews,
  participationCodes,
  placementChangeReasonCodes,
  placementChanges,
  placementProviderCodes,
  placements,
  placementTypeCodes,
  placementTypesOn,
  reasonCeasedCodes,
  shortBreakLegalStatuses,
  visitRegimes,
} from './schema.js';

export type { Actor };

const THE_PERIOD = 'This period of care';

// ── fields ───────────────────────────────────────────────────────────────────

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A UK postcode, stored as "M60 2LA". */
function optionalPostcode(label: string) {
  return z.preprocess(
    blank,
    z
      .string({ error: `${label} must be text` })
      .refine((v) => postcodeProblem(v) === null, `${label} is not a UK postcode (for example M60 2LA)`)
      .transform(normalisePostcode)
      .optional(),
  );
}

/** Ofsted's unique reference number: SC and six digits for a social care provider, or six or seven digits. */
function optionalUrn(label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim().toUpperCase()) : v),
    z
      .string({ error: `${label} must be text` })
      .regex(/^(SC\d{6}|\d{6,7})$/, `${label} must be Ofsted’s unique reference number, such as SC123456`)
      .optional(),
  );
}

/** Where the child is placed and how often they are visited there: the same for the first placement and a move. */
function placementFields() {
  return {
    placementType: choice('Placement type', placementTypeCodes),
    provider: optionalChoice('Placement provider', placementProviderCodes),
    providerName: optionalText('Carer or provider', { max: 200 }),
    urn: optionalUrn('Ofsted URN'),
    placementPostcode: optionalPostcode('Postcode of the placement'),
    homePostcode: optionalPostcode('Postcode of the child’s home'),
    intendedToAge18: yesNo('the placement is intended to last until the child is 18'),
    visitRegime: choice('Visits', visitRegimes),
  };
}
type PlacementInput = z.output<z.ZodObject<ReturnType<typeof placementFields>>>;

function placementValues(input: PlacementInput) {
  return {
    placementType: input.placementType,
    provider: input.provider ?? null,
    providerName: input.providerName ?? null,
    urn: input.urn ?? null,
    placementPostcode: input.placementPostcode ?? null,
    homePostcode: input.homePostcode ?? null,
    intendedToAge18: input.intendedToAge18,
    visitRegime: input.visitRegime,
  };
}

/** A placement's type must be in DfE's list for the return of the year the placement begins. */
function checkPlacementType(placementType: string, began: string) {
  if (placementTypesOn(began).includes(placementType)) return;
  const year = Number(began.slice(5, 7)) >= 4 ? Number(began.slice(0, 4)) : Number(began.slice(0, 4)) - 1;
  throw new CaseworkRuleError(
    'placementType',
    `Placement type ${placementType} is not one of DfE’s placement types for ${year} to ${year + 1}, when the placement began (${formatDate(began)})`,
  );
}

// ── reads the rules need ─────────────────────────────────────────────────────

async function periodOf(tx: Db, childId: string, id: string) {
  // an address that is not an id names no period (and would fail in the database)
  if (!isUuid(id)) throw new CaseworkNotFound('The period of care');
  const [p] = await tx
    .select()
    .from(carePeriods)
    .where(and(eq(carePeriods.id, id), eq(carePeriods.childId, childId)));
  if (!p) throw new CaseworkNotFound('The period of care');
  return p;
}

/** The period at the version the page showed, locked; refused if it has ended. */
async function openPeriodAt(tx: Db, childId: string, id: string, expected: number, field: string) {
  await periodOf(tx, childId, id);
  const p = (await lockAtVersion(tx, carePeriods, id, expected, THE_PERIOD))!;
  if (p.endDate) throw new CaseworkRuleError(field, `The period of care ended on ${formatDate(p.endDate)}`);
  return p;
}

async function latestEpisode(tx: Db, periodId: string) {
  const [e] = await tx
    .select()
    .from(careEpisodes)
    .where(eq(careEpisodes.carePeriodId, periodId))
    .orderBy(desc(careEpisodes.startDate))
    .limit(1);
  return e!;
}

async function currentPlacement(tx: Db, periodId: string) {
  const [p] = await tx
    .select()
    .from(placements)
    .where(and(eq(placements.carePeriodId, periodId), isNull(placements.endDate)));
  return p!;
}

const isShortBreaks = (legalStatus: string) => (shortBreakLegalStatuses as readonly string[]).includes(legalStatus);

const bump = (tx: Db, periodId: string) =>
  tx
    .update(carePeriods)
    .set({ updatedAt: new Date(), version: nextVersion(carePeriods) })
    .where(eq(carePeriods.id, periodId));

// ── becoming looked after ────────────────────────────────────────────────────

export function becomeLookedAfterSchema(today: Today) {
  return z.object({
    startDate: dateField('Date the child became looked after', { notInFuture: today }),
    legalStatus: choice('Legal status', legalStatusCodes),
    categoryOfNeed: choice('Category of need', categoryOfNeedCodes),
    ...placementFields(),
  });
}
export type BecomeLookedAfter = z.output<ReturnType<typeof becomeLookedAfterSchema>>;

/**
 * A period of care begins: its first episode (reason S, "started to be looked after") and its
 * first placement. An agreed series of short breaks (legal status V3 or V4) is recorded as such.
 */
export async function becomeLookedAfter(tx: Db, childId: string, input: BecomeLookedAfter, by: Actor): Promise<string> {
  const [child] = await tx.select({ dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, childId));
  if (!child?.dateOfBirth) {
    throw new CaseworkRuleError('startDate', 'The child’s date of birth is not recorded: record it on the child’s details first');
  }
  if (input.startDate < child.dateOfBirth) {
    throw new CaseworkRuleError(
      'startDate',
      `Date the child became looked after cannot be before they were born (${formatDate(child.dateOfBirth)})`,
    );
  }
  checkPlacementType(input.placementType, input.startDate);
  const [open] = await tx
    .select({ startDate: carePeriods.startDate })
    .from(carePeriods)
    .where(and(eq(carePeriods.childId, childId), isNull(carePeriods.endDate)));
  if (open) {
    throw new CaseworkRuleError('startDate', `The child is already looked after, since ${formatDate(open.startDate)}`);
  }
  const [last] = await tx
    .select({ endDate: max(carePeriods.endDate) })
    .from(carePeriods)
    .where(eq(carePeriods.childId, childId));
  if (last?.endDate && input.startDate <= last.endDate) {
    throw new CaseworkRuleError(
      'startDate',
      `Date the child became looked after must be after the last period of care ended (${formatDate(last.endDate)})`,
    );
  }
  const [period] = await tx
    .insert(carePeriods)
    .values({
      childId,
      startDate: input.startDate,
      shortBreaks: isShortBreaks(input.legalStatus),
      recordedBy: by.userId,
    })
    .returning({ id: carePeriods.id });
  const [placement] = await tx
    .insert(placements)
    .values({ childId, carePeriodId: period!.id, startDate: input.startDate, ...placementValues(input), recordedBy: by.userId })
    .returning({ id: placements.id });
  await tx.insert(careEpisodes).values({
    childId,
    carePeriodId: period!.id,
    startDate: input.startDate,
    reasonNew: 'S',
    legalStatus: input.legalStatus,
    categoryOfNeed: input.categoryOfNeed,
    placementId: placement!.id,
    recordedBy: by.userId,
  });
  await recomputeObligations(tx, [childId]);
  return period!.id;
}

// ── a change of legal status ─────────────────────────────────────────────────

export function changeLegalStatusSchema(today: Today) {
  return z.object({
    changeDate: dateField('Date the legal status changed', { notInFuture: today }),
    legalStatus: choice('Legal status', legalStatusCodes),
    categoryOfNeed: optionalChoice('Category of need', categoryOfNeedCodes),
    version: version(),
  });
}
export type ChangeLegalStatus = z.output<ReturnType<typeof changeLegalStatusSchema>>;

/**
 * A new legal status makes a new episode (reason L). On the day of a move it joins the move's
 * episode: a move to new carers becomes B, a move with the same carers U (DfE's reasons for a
 * new episode), as two episodes never start on one day.
 */
export async function changeLegalStatus(tx: Db, childId: string, periodId: string, input: ChangeLegalStatus, by: Actor) {
  const period = await openPeriodAt(tx, childId, periodId, input.version, 'changeDate');
  const latest = await latestEpisode(tx, periodId);
  if (input.legalStatus === latest.legalStatus) {
    throw new CaseworkRuleError('legalStatus', `The child’s legal status is already ${latest.legalStatus}`);
  }
  if (input.changeDate < latest.startDate) {
    throw new CaseworkRuleError(
      'changeDate',
      `Date the legal status changed cannot be before the latest episode began (${formatDate(latest.startDate)})`,
    );
  }
  // the period's kind is fixed when it begins: short breaks (reg 48) or not, which the clock reads
  if (period.shortBreaks !== isShortBreaks(input.legalStatus)) {
    throw new CaseworkRuleError(
      'legalStatus',
      period.shortBreaks
        ? 'This period is an agreed series of short breaks (V3 or V4): end it, then record the new period of care'
        : 'An agreed series of short breaks (V3 or V4) is a period of its own: end this period first',
    );
  }
  const categoryOfNeed = input.categoryOfNeed ?? latest.categoryOfNeed;
  if (input.changeDate === latest.startDate) {
    const joined = latest.reasonNew === 'P' ? 'B' : latest.reasonNew === 'T' ? 'U' : null;
    if (!joined) {
      throw new CaseworkRuleError(
        'changeDate',
        latest.reasonNew === 'S'
          ? `The period of care began on ${formatDate(period.startDate)}: a legal status from that day is the period’s own`
          : `The legal status already changed on ${formatDate(latest.startDate)}`,
      );
    }
    await tx
      .update(careEpisodes)
      .set({ reasonNew: joined, legalStatus: input.legalStatus, categoryOfNeed })
      .where(eq(careEpisodes.id, latest.id));
  } else {
    await tx.insert(careEpisodes).values({
      childId,
      carePeriodId: periodId,
      startDate: input.changeDate,
      reasonNew: 'L',
      legalStatus: input.legalStatus,
      categoryOfNeed,
      placementId: latest.placementId,
      recordedBy: by.userId,
    });
  }
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return periodId;
}

// ── a move of placement ──────────────────────────────────────────────────────

export function movePlacementSchema(today: Today) {
  return z.object({
    moveDate: dateField('Date of the move', { notInFuture: today }),
    reasonForChange: choice('Reason for the change of placement', placementChangeReasonCodes),
    sameCarers: yesNo('the carers stay the same'),
    ...placementFields(),
    version: version(),
  });
}
export type MovePlacement = z.output<ReturnType<typeof movePlacementSchema>>;

/**
 * The child moves: the current placement ends with the reason, the new one begins, and a new
 * episode begins (P, new carers; T, the same carers), or on the day of a change of legal status
 * joins its episode (B or U).
 */
export async function movePlacement(tx: Db, childId: string, periodId: string, input: MovePlacement, by: Actor) {
  const period = await openPeriodAt(tx, childId, periodId, input.version, 'moveDate');
  if (input.moveDate < period.startDate) {
    throw new CaseworkRuleError('moveDate', `Date of the move cannot be before the period of care began (${formatDate(period.startDate)})`);
  }
  const current = await currentPlacement(tx, periodId);
  if (input.moveDate <= current.startDate) {
    throw new CaseworkRuleError(
      'moveDate',
      `Date of the move must be after the current placement began (${formatDate(current.startDate)}): placements cannot overlap`,
    );
  }
  checkPlacementType(input.placementType, input.moveDate);
  const latest = await latestEpisode(tx, periodId);
  await tx.update(placements).set({ endDate: input.moveDate, reasonForChange: input.reasonForChange }).where(eq(placements.id, current.id));
  const [placement] = await tx
    .insert(placements)
    .values({ childId, carePeriodId: periodId, startDate: input.moveDate, ...placementValues(input), recordedBy: by.userId })
    .returning({ id: placements.id });
  if (input.moveDate === latest.startDate) {
    // only a change of legal status can have begun an episode that day (the placement began earlier)
    await tx
      .update(careEpisodes)
      .set({ reasonNew: input.sameCarers ? 'U' : 'B', placementId: placement!.id })
      .where(eq(careEpisodes.id, latest.id));
  } else {
    await tx.insert(careEpisodes).values({
      childId,
      carePeriodId: periodId,
      startDate: input.moveDate,
      reasonNew: input.sameCarers ? 'T' : 'P',
      legalStatus: latest.legalStatus,
      categoryOfNeed: latest.categoryOfNeed,
      placementId: placement!.id,
      recordedBy: by.userId,
    });
  }
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return { id: placement!.id, periodId };
}

// ── a change to the placement's visits or intention ──────────────────────────

export function changePlacementSchema(today: Today) {
  return z.object({
    changeDate: dateField('Date of the change', { notInFuture: today }),
    intendedToAge18: yesNo('the placement is intended to last until the child is 18'),
    visitRegime: choice('Visits', visitRegimes),
    version: version(),
  });
}
export type ChangePlacement = z.output<ReturnType<typeof changePlacementSchema>>;

/**
 * The placement in force is now meant to last until 18, or is no longer, or its visits follow
 * another part of reg 28 (a care order made while the child lives at home, say), from the day
 * of the change.
 */
export async function changePlacement(tx: Db, childId: string, periodId: string, input: ChangePlacement, by: Actor) {
  await openPeriodAt(tx, childId, periodId, input.version, 'changeDate');
  const placement = await currentPlacement(tx, periodId);
  const [last] = await tx
    .select()
    .from(placementChanges)
    .where(eq(placementChanges.placementId, placement.id))
    .orderBy(desc(placementChanges.changeDate))
    .limit(1);
  const since = last?.changeDate ?? placement.startDate;
  if (input.changeDate <= since) {
    throw new CaseworkRuleError(
      'changeDate',
      last
        ? `Date of the change must be after the last change to the placement (${formatDate(since)})`
        : `Date of the change must be after the placement began (${formatDate(since)}): correct the placement instead`,
    );
  }
  const now = last ?? placement;
  if (now.intendedToAge18 === input.intendedToAge18 && now.visitRegime === input.visitRegime) {
    throw new CaseworkRuleError('visitRegime', 'Nothing has changed: the placement’s visits and intention are already these');
  }
  const [row] = await tx
    .insert(placementChanges)
    .values({
      childId,
      placementId: placement.id,
      changeDate: input.changeDate,
      intendedToAge18: input.intendedToAge18,
      visitRegime: input.visitRegime,
      recordedBy: by.userId,
    })
    .returning({ id: placementChanges.id });
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── correcting an episode ────────────────────────────────────────────────────

export const correctEpisodeSchema = z.object({
  legalStatus: choice('Legal status', legalStatusCodes),
  categoryOfNeed: choice('Category of need', categoryOfNeedCodes),
  placementType: choice('Placement type', placementTypeCodes),
  version: version(),
});
export type CorrectEpisode = z.output<typeof correctEpisodeSchema>;

/** Reasons for a new episode that change the legal status: on their own (L) or with a move (B, U). */
const changesLegalStatus = (reasonNew: string) => reasonNew === 'L' || reasonNew === 'B' || reasonNew === 'U';

/**
 * A saved episode's legal status, category of need or placement type was recorded wrongly and
 * is put right, in an open period or an ended one. The legal status and category of need were
 * carried into the episodes that began with a move (P, T) until the next change of legal status,
 * so they are corrected there too; the placement type is the placement's, shared by its
 * episodes. The episodes' continuity is checked again: an episode that began with a change of
 * legal status must still change it, one that began with a move keeps its predecessor's, and a
 * period of short breaks keeps a short breaks status. Names the period's version, as every change
 * under it does.
 */
export async function correctEpisode(tx: Db, childId: string, periodId: string, episodeId: string, input: CorrectEpisode) {
  await periodOf(tx, childId, periodId);
  const period = (await lockAtVersion(tx, carePeriods, periodId, input.version, THE_PERIOD))!;
  const episodes = await tx.select().from(careEpisodes).where(eq(careEpisodes.carePeriodId, periodId)).orderBy(careEpisodes.startDate);
  const at = isUuid(episodeId) ? episodes.findIndex((e) => e.id === episodeId) : -1;
  if (at < 0) throw new CaseworkNotFound('The episode');
  const episode = episodes[at]!;
  const [placement] = await tx.select().from(placements).where(eq(placements.id, episode.placementId));
  if (
    input.legalStatus === episode.legalStatus &&
    input.categoryOfNeed === episode.categoryOfNeed &&
    input.placementType === placement!.placementType
  ) {
    throw new CaseworkRuleError('legalStatus', 'Nothing to correct: the episode already records these');
  }
  if (input.placementType !== placement!.placementType) checkPlacementType(input.placementType, placement!.startDate);
  if (period.shortBreaks !== isShortBreaks(input.legalStatus)) {
    throw new CaseworkRuleError(
      'legalStatus',
      period.shortBreaks
        ? 'This period is an agreed series of short breaks: its legal status is V3 or V4'
        : 'An agreed series of short breaks (V3 or V4) is a period of its own, not a legal status within this one',
    );
  }
  const before = episodes[at - 1];
  const began = formatDate(episode.startDate);
  if (before && !changesLegalStatus(episode.reasonNew)) {
    // began with a move: the status and need were carried from the episode before
    if (input.legalStatus !== before.legalStatus || input.categoryOfNeed !== before.categoryOfNeed) {
      throw new CaseworkRuleError(
        input.legalStatus !== before.legalStatus ? 'legalStatus' : 'categoryOfNeed',
        `The episode that began on ${began} began with a move of placement, and carried the legal status and category of need from the episode before (began ${formatDate(before.startDate)}): correct that one`,
      );
    }
  }
  if (before && changesLegalStatus(episode.reasonNew) && input.legalStatus === before.legalStatus) {
    throw new CaseworkRuleError(
      'legalStatus',
      `The episode that began on ${began} began with a change of legal status, and the episode before (began ${formatDate(before.startDate)}) is already ${before.legalStatus}`,
    );
  }
  // this episode and those that carried its status and need, up to the next change of legal status
  let last = at;
  while (last + 1 < episodes.length && !changesLegalStatus(episodes[last + 1]!.reasonNew)) last++;
  const after = episodes[last + 1];
  if (after && after.legalStatus === input.legalStatus) {
    throw new CaseworkRuleError(
      'legalStatus',
      `The next change of legal status, on ${formatDate(after.startDate)}, is to ${after.legalStatus}: the legal status before it cannot be the same`,
    );
  }
  for (const e of episodes.slice(at, last + 1)) {
    await tx
      .update(careEpisodes)
      .set({ legalStatus: input.legalStatus, categoryOfNeed: input.categoryOfNeed })
      .where(eq(careEpisodes.id, e.id));
  }
  if (input.placementType !== placement!.placementType) {
    await tx.update(placements).set({ placementType: input.placementType }).where(eq(placements.id, placement!.id));
  }
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return periodId;
}

// ── ceasing to be looked after ───────────────────────────────────────────────

export function ceaseLookedAfterSchema(today: Today) {
  return z.object({
    endDate: dateField('Date the child ceased to be looked after', { notInFuture: today }),
    reasonCeased: choice('Reason the child ceased to be looked after', reasonCeasedCodes),
    version: version(),
  });
}
export type CeaseLookedAfter = z.output<ReturnType<typeof ceaseLookedAfterSchema>>;

/** The period ends with DfE's reason, and the placement in force ends with it. */
export async function ceaseLookedAfter(tx: Db, childId: string, periodId: string, input: CeaseLookedAfter) {
  const period = await openPeriodAt(tx, childId, periodId, input.version, 'endDate');
  const latest = await latestEpisode(tx, periodId);
  const [lastReview] = await tx
    .select({ d: max(lookedAfterReviews.reviewDate) })
    .from(lookedAfterReviews)
    .where(eq(lookedAfterReviews.carePeriodId, periodId));
  const [lastChange] = await tx
    .select({ d: max(placementChanges.changeDate) })
    .from(placementChanges)
    .innerJoin(placements, eq(placements.id, placementChanges.placementId))
    .where(eq(placements.carePeriodId, periodId));
  const orders = await tx.select().from(deprivationOfLibertyOrders).where(eq(deprivationOfLibertyOrders.carePeriodId, periodId));
  const open = orders.find((o) => o.endDate === null);
  if (open) {
    // an order left open when care ends is one the SSDA903 queries (rule 707)
    throw new CaseworkRuleError(
      'endDate',
      `A deprivation of liberty order has been open since ${formatDate(open.startDate)}: record the day it ended first`,
    );
  }
  const lastOrder =
    orders
      .map((o) => o.endDate!)
      .sort()
      .at(-1) ?? null;
  const floor = [latest.startDate, lastReview?.d ?? null, lastChange?.d ?? null, period.iroAppointedDate, lastOrder]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1)!;
  if (input.endDate < floor) {
    throw new CaseworkRuleError(
      'endDate',
      input.endDate < period.startDate
        ? `Date the child ceased to be looked after cannot be before they became looked after (${formatDate(period.startDate)})`
        : `Date the child ceased to be looked after cannot be before the last thing recorded in the period (${formatDate(floor)})`,
    );
  }
  await tx
    .update(placements)
    .set({ endDate: input.endDate })
    .where(and(eq(placements.carePeriodId, periodId), isNull(placements.endDate)));
  await tx
    .update(carePeriods)
    .set({ endDate: input.endDate, reasonCeased: input.reasonCeased, updatedAt: new Date(), version: nextVersion(carePeriods) })
    .where(eq(carePeriods.id, periodId));
  await recomputeObligations(tx, [childId]);
  return periodId;
}

// ── the independent reviewing officer ────────────────────────────────────────

export function appointIroSchema(today: Today) {
  return z.object({
    appointedDate: dateField('Date the IRO was appointed', { notInFuture: today }),
    iroName: text('Independent reviewing officer', { max: 200 }),
    version: version(),
  });
}
export type AppointIro = z.output<ReturnType<typeof appointIroSchema>>;

/** The IRO for the period (a later appointment replaces the earlier one: the clock counts the first). */
export async function appointIro(tx: Db, childId: string, periodId: string, input: AppointIro) {
  const period = await openPeriodAt(tx, childId, periodId, input.version, 'appointedDate');
  if (input.appointedDate < period.startDate) {
    throw new CaseworkRuleError(
      'appointedDate',
      `Date the IRO was appointed cannot be before the child became looked after (${formatDate(period.startDate)})`,
    );
  }
  await tx
    .update(carePeriods)
    .set({
      iroName: input.iroName,
      // the first appointment is the one the clock's deadline is met by; a new IRO keeps it
      iroAppointedDate: period.iroAppointedDate ?? input.appointedDate,
      updatedAt: new Date(),
      version: nextVersion(carePeriods),
    })
    .where(eq(carePeriods.id, periodId));
  await recomputeObligations(tx, [childId]);
  return periodId;
}

// ── looked after reviews ─────────────────────────────────────────────────────

export function lookedAfterReviewSchema(today: Today) {
  return z
    .object({
      reviewDate: dateField('Date of the review', { notInFuture: today }),
      participation: choice('How the child took part', participationCodes),
      iroName: text('Independent reviewing officer who chaired the review', { max: 200 }),
      decisionsCirculatedDate: optionalDateField('Date the decisions were circulated', { notInFuture: today }),
      recordCompletedDate: optionalDateField('Date the review record was completed', { notInFuture: today }),
    })
    .superRefine((v, ctx) => {
      if (typeof v.reviewDate !== 'string') return;
      for (const [field, label] of [
        ['decisionsCirculatedDate', 'Date the decisions were circulated'],
        ['recordCompletedDate', 'Date the review record was completed'],
      ] as const) {
        const d = v[field];
        if (typeof d === 'string' && d < v.reviewDate)
          ctx.addIssue({ code: 'custom', path: [field], message: `${label} cannot be before the review` });
      }
    }, evenWithOtherErrors);
}
export type NewLookedAfterReview = z.output<ReturnType<typeof lookedAfterReviewSchema>>;

/** A review held in the period of care (reg 33), with its decisions and record when known. */
export async function recordLookedAfterReview(tx: Db, childId: string, periodId: string, input: NewLookedAfterReview, by: Actor) {
  const period = await periodOf(tx, childId, periodId);
  if (input.reviewDate < period.startDate) {
    throw new CaseworkRuleError(
      'reviewDate',
      `Date of the review cannot be before the child became looked after (${formatDate(period.startDate)})`,
    );
  }
  if (period.endDate && input.reviewDate > period.endDate) {
    throw new CaseworkRuleError(
      'reviewDate',
      `Date of the review cannot be after the child ceased to be looked after (${formatDate(period.endDate)})`,
    );
  }
  const [row] = await tx
    .insert(lookedAfterReviews)
    .values({
      childId,
      carePeriodId: periodId,
      reviewDate: input.reviewDate,
      participation: input.participation,
      iroName: input.iroName,
      decisionsCirculatedDate: input.decisionsCirculatedDate ?? null,
      recordCompletedDate: input.recordCompletedDate ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: lookedAfterReviews.id });
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── a review's decisions and record ──────────────────────────────────────────

export function reviewFollowUpSchema(today: Today) {
  return z
    .object({
      decisionsCirculatedDate: optionalDateField('Date the decisions were circulated', { notInFuture: today }),
      recordCompletedDate: optionalDateField('Date the review record was completed', { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.decisionsCirculatedDate === undefined && v.recordCompletedDate === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['decisionsCirculatedDate'],
          message: 'Enter the date the decisions were circulated or the review record was completed',
        });
      }
    });
}
export type ReviewFollowUp = z.output<ReturnType<typeof reviewFollowUpSchema>>;

/**
 * When the review's decisions went out and its record was completed, often weeks after the
 * review: a date once recorded is corrected, never cleared.
 */
export async function recordReviewFollowUp(tx: Db, childId: string, periodId: string, reviewId: string, input: ReviewFollowUp) {
  await periodOf(tx, childId, periodId);
  if (!isUuid(reviewId)) throw new CaseworkNotFound('The looked after review');
  const [review] = await tx
    .select()
    .from(lookedAfterReviews)
    .where(and(eq(lookedAfterReviews.id, reviewId), eq(lookedAfterReviews.carePeriodId, periodId)));
  if (!review) throw new CaseworkNotFound('The looked after review');
  await lockAtVersion(tx, carePeriods, periodId, input.version, THE_PERIOD);
  for (const [field, label] of [
    ['decisionsCirculatedDate', 'Date the decisions were circulated'],
    ['recordCompletedDate', 'Date the review record was completed'],
  ] as const) {
    const d = input[field];
    if (d !== undefined && d < review.reviewDate) {
      throw new CaseworkRuleError(field, `${label} cannot be before the review (${formatDate(review.reviewDate)})`);
    }
  }
  await tx
    .update(lookedAfterReviews)
    .set({
      decisionsCirculatedDate: input.decisionsCirculatedDate ?? review.decisionsCirculatedDate,
      recordCompletedDate: input.recordCompletedDate ?? review.recordCompletedDate,
    })
    .where(eq(lookedAfterReviews.id, reviewId));
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return reviewId;
}

// ── deprivation of liberty orders ────────────────────────────────────────────

const DOLO_START = 'Date the order started';
const DOLO_END = 'Date the order ended';

/** Placements DfE's rule 710 says a child under a deprivation of liberty order cannot be in. */
export const placementsRefusingDolo = ['K1', 'P1', 'R5', 'K3'] as const;

export function deprivationOfLibertySchema(today: Today) {
  return z
    .object({
      startDate: dateField(DOLO_START, { notInFuture: today }),
      endDate: optionalDateField(DOLO_END, { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (typeof v.startDate === 'string' && typeof v.endDate === 'string' && v.endDate <= v.startDate) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: `${DOLO_END} must be after the day it started` });
      }
    }, evenWithOtherErrors);
}
export type DeprivationOfLiberty = z.output<ReturnType<typeof deprivationOfLibertySchema>>;

export function endDeprivationOfLibertySchema(today: Today) {
  return z.object({ endDate: dateField(DOLO_END, { notInFuture: today }), version: version() });
}
export type EndDeprivationOfLiberty = z.output<ReturnType<typeof endDeprivationOfLibertySchema>>;

async function orderOf(tx: Db, periodId: string, orderId: string) {
  if (!isUuid(orderId)) throw new CaseworkNotFound('The deprivation of liberty order');
  const [o] = await tx
    .select()
    .from(deprivationOfLibertyOrders)
    .where(and(eq(deprivationOfLibertyOrders.id, orderId), eq(deprivationOfLibertyOrders.carePeriodId, periodId)));
  if (!o) throw new CaseworkNotFound('The deprivation of liberty order');
  return o;
}

/**
 * The checks an order's dates must pass, the same for a new order, a correction and an end:
 * within the period of care (ended by its end when the period has ended), clear of the child's
 * other orders (one may start the day another ends), and never while the child is placed where
 * rule 710 says such an order cannot be.
 */
async function checkOrder(
  tx: Db,
  childId: string,
  period: typeof carePeriods.$inferSelect,
  order: { startDate: string; endDate: string | null },
  exceptId: string | null,
) {
  if (order.startDate < period.startDate) {
    throw new CaseworkRuleError(
      'startDate',
      `${DOLO_START} cannot be before the child became looked after (${formatDate(period.startDate)})`,
    );
  }
  if (period.endDate) {
    if (order.startDate >= period.endDate) {
      throw new CaseworkRuleError(
        'startDate',
        `${DOLO_START} must be before the child ceased to be looked after (${formatDate(period.endDate)})`,
      );
    }
    if (order.endDate === null || order.endDate > period.endDate) {
      throw new CaseworkRuleError(
        'endDate',
        `The child ceased to be looked after on ${formatDate(period.endDate)}: ${DOLO_END.toLowerCase()} is needed, on or before that day`,
      );
    }
  }
  const others = (await tx.select().from(deprivationOfLibertyOrders).where(eq(deprivationOfLibertyOrders.childId, childId))).filter(
    (o) => o.id !== exceptId,
  );
  const clash = others.find((o) => order.startDate < (o.endDate ?? '9999-12-31') && o.startDate < (order.endDate ?? '9999-12-31'));
  if (clash) {
    throw new CaseworkRuleError(
      'startDate',
      `The child’s orders cannot overlap: another order ${clash.endDate ? `ran from ${formatDate(clash.startDate)} to ${formatDate(clash.endDate)}` : `has been open since ${formatDate(clash.startDate)}`}`,
    );
  }
  const during = await tx.select().from(placements).where(eq(placements.carePeriodId, period.id));
  const refused = during.find(
    (p) =>
      (placementsRefusingDolo as readonly string[]).includes(p.placementType) &&
      p.startDate <= (order.endDate ?? '9999-12-31') &&
      order.startDate <= (p.endDate ?? '9999-12-31'),
  );
  if (refused) {
    throw new CaseworkRuleError(
      'startDate',
      `The child was placed in a placement of type ${refused.placementType} from ${formatDate(refused.startDate)}: a deprivation of liberty order cannot run in a secure children’s home, with parents, in a young offender institution or in supported accommodation`,
    );
  }
}

/** A deprivation of liberty order made while the child is looked after, open or already ended. */
export async function recordDeprivationOfLiberty(tx: Db, childId: string, periodId: string, input: DeprivationOfLiberty, by: Actor) {
  await periodOf(tx, childId, periodId);
  const period = (await lockAtVersion(tx, carePeriods, periodId, input.version, THE_PERIOD))!;
  const order = { startDate: input.startDate, endDate: input.endDate ?? null };
  await checkOrder(tx, childId, period, order, null);
  const [row] = await tx
    .insert(deprivationOfLibertyOrders)
    .values({ childId, carePeriodId: periodId, ...order, recordedBy: by.userId })
    .returning({ id: deprivationOfLibertyOrders.id });
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

/** An order's dates were recorded wrongly and are put right (a blank end reopens it, in an open period). */
export async function correctDeprivationOfLiberty(tx: Db, childId: string, periodId: string, orderId: string, input: DeprivationOfLiberty) {
  await periodOf(tx, childId, periodId);
  const existing = await orderOf(tx, periodId, orderId);
  const period = (await lockAtVersion(tx, carePeriods, periodId, input.version, THE_PERIOD))!;
  const order = { startDate: input.startDate, endDate: input.endDate ?? null };
  if (order.startDate === existing.startDate && order.endDate === existing.endDate) {
    throw new CaseworkRuleError('startDate', 'Nothing to correct: the order already records these dates');
  }
  await checkOrder(tx, childId, period, order, orderId);
  await tx
    .update(deprivationOfLibertyOrders)
    .set({ ...order, updatedAt: new Date() })
    .where(eq(deprivationOfLibertyOrders.id, orderId));
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return orderId;
}

/** An open order ends. */
export async function endDeprivationOfLiberty(tx: Db, childId: string, periodId: string, orderId: string, input: EndDeprivationOfLiberty) {
  await periodOf(tx, childId, periodId);
  const existing = await orderOf(tx, periodId, orderId);
  const period = (await lockAtVersion(tx, carePeriods, periodId, input.version, THE_PERIOD))!;
  if (existing.endDate) {
    throw new CaseworkRuleError('endDate', `The order already ended on ${formatDate(existing.endDate)}: correct it instead`);
  }
  if (input.endDate <= existing.startDate) {
    throw new CaseworkRuleError('endDate', `${DOLO_END} must be after the day it started (${formatDate(existing.startDate)})`);
  }
  await checkOrder(tx, childId, period, { startDate: existing.startDate, endDate: input.endDate }, orderId);
  await tx
    .update(deprivationOfLibertyOrders)
    .set({ endDate: input.endDate, updatedAt: new Date() })
    .where(eq(deprivationOfLibertyOrders.id, orderId));
  await bump(tx, periodId);
  await recomputeObligations(tx, [childId]);
  return orderId;
}
