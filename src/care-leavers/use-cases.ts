/**
 * Care leavers use cases. Each write takes the transaction, checks the rules (refusing with the
 * field named), writes, and recomputes the young person's obligations, so the needs assessment,
 * the pathway plan's reviews and the personal adviser's contact follow the record. Each input
 * has one zod schema, the same for the page and the API.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { ageOn, birthday, formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { StaleRecordError, updateAtVersion } from '../core/db/versions.js';
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
import { recomputeObligations } from '../obligations/recompute.js';
import { eligibilityOf, periodsOfCareOf } from './queries.js';
import {
  accommodationTypes,
  activityCodes,
  careLeaverContacts as contacts,
  careLeavers,
  inTouchCodes,
  pathwayPlanReviews,
  supportEndReasons,
} from './schema.js';
import { children } from '../core/record/schema.js';

export type { Actor };

const what = 'This young person’s leaving care record';

async function dateOfBirthOf(tx: Db, childId: string): Promise<string> {
  const [c] = await tx.select({ dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, childId));
  if (!c) throw new CaseworkNotFound('The child');
  if (!c.dateOfBirth)
    throw new CaseworkRuleError('form', 'Record the child’s date of birth first: whether they are a care leaver depends on it');
  return c.dateOfBirth;
}

async function recordOf(tx: Db, childId: string) {
  const [r] = await tx.select().from(careLeavers).where(eq(careLeavers.childId, childId));
  return r ?? null;
}

async function existingRecord(tx: Db, childId: string, field: string) {
  const r = await recordOf(tx, childId);
  if (!r) throw new CaseworkRuleError(field, 'Record the needs assessment, pathway plan or personal adviser first');
  return r;
}

// ── the needs assessment, the pathway plan and the personal adviser ──────────

export function leavingCareSchema(today: Today) {
  return z
    .object({
      needsAssessmentCompletedOn: optionalDateField('Date the needs assessment was completed', { notInFuture: today }),
      pathwayPlanCompletedOn: optionalDateField('Date the pathway plan was completed', { notInFuture: today }),
      personalAdviserName: optionalText('The personal adviser’s name', { max: 200 }),
      personalAdviserAppointedOn: optionalDateField('Date the personal adviser was appointed', { notInFuture: today }),
      accommodationProvidedFrom: optionalDateField('Date the authority began to provide accommodation', { notInFuture: today }),
      // absent the first time, when there is no record yet
      version: version().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.personalAdviserName && !v.personalAdviserAppointedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['personalAdviserAppointedOn'],
          message: 'Enter the date the personal adviser was appointed',
        });
      if (v.personalAdviserAppointedOn && !v.personalAdviserName)
        ctx.addIssue({ code: 'custom', path: ['personalAdviserName'], message: 'Enter the personal adviser’s name' });
      if (v.needsAssessmentCompletedOn && v.pathwayPlanCompletedOn && v.pathwayPlanCompletedOn < v.needsAssessmentCompletedOn)
        ctx.addIssue({
          code: 'custom',
          path: ['pathwayPlanCompletedOn'],
          message: 'Date the pathway plan was completed cannot be before the needs assessment it is made from',
        });
    }, evenWithOtherErrors);
}
export type LeavingCare = z.output<ReturnType<typeof leavingCareSchema>>;

/**
 * Records the needs assessment, the pathway plan and the personal adviser, making the young
 * person's leaving care record the first time. Only for a young person looked after since 14:
 * the assessment may be done in the 3 months before they turn 16 (CPPCR reg 42).
 */
export async function recordLeavingCare(tx: Db, childId: string, input: LeavingCare, by: Actor): Promise<string> {
  const dob = await dateOfBirthOf(tx, childId);
  const periods = await periodsOfCareOf(tx, childId);
  const from14 = birthday(dob, 14);
  if (!periods.some((p) => !p.shortBreaks && (p.endDate === null || p.endDate > from14)))
    throw new CaseworkRuleError(
      'needsAssessmentCompletedOn',
      'The young person has not been looked after since turning 14, so the authority owes them no leaving care support',
    );
  const earliest = [input.needsAssessmentCompletedOn, input.pathwayPlanCompletedOn, input.personalAdviserAppointedOn].find(
    (d) => d !== undefined && d < from14,
  );
  if (earliest)
    throw new CaseworkRuleError('needsAssessmentCompletedOn', `Dates cannot be before the young person turned 14 (${formatDate(from14)})`);
  if (input.accommodationProvidedFrom) {
    // a relevant child: left care, and not yet 18
    const left = periods.every((p) => p.endDate !== null)
      ? periods
          .map((p) => p.endDate!)
          .sort()
          .at(-1)!
      : null;
    if (!left || input.accommodationProvidedFrom < left)
      throw new CaseworkRuleError(
        'accommodationProvidedFrom',
        left
          ? `Date the authority began to provide accommodation cannot be before the young person left care (${formatDate(left)})`
          : 'The authority provides accommodation this way only for a young person who has left care',
      );
    if (input.accommodationProvidedFrom >= birthday(dob, 18))
      throw new CaseworkRuleError(
        'accommodationProvidedFrom',
        `Date the authority began to provide accommodation must be before the young person turned 18 (${formatDate(birthday(dob, 18))})`,
      );
  }
  const values = {
    accommodationProvidedFrom: input.accommodationProvidedFrom ?? null,
    needsAssessmentCompletedOn: input.needsAssessmentCompletedOn ?? null,
    pathwayPlanCompletedOn: input.pathwayPlanCompletedOn ?? null,
    personalAdviserName: input.personalAdviserName ?? null,
    personalAdviserAppointedOn: input.personalAdviserAppointedOn ?? null,
  };
  const existing = await recordOf(tx, childId);
  if (existing) {
    if (input.version === undefined) throw new StaleRecordError(what);
    const [firstReview] = await tx
      .select({ reviewedOn: pathwayPlanReviews.reviewedOn })
      .from(pathwayPlanReviews)
      .where(eq(pathwayPlanReviews.childId, childId))
      .orderBy(pathwayPlanReviews.reviewedOn)
      .limit(1);
    if (firstReview && (!values.pathwayPlanCompletedOn || values.pathwayPlanCompletedOn >= firstReview.reviewedOn))
      throw new CaseworkRuleError(
        'pathwayPlanCompletedOn',
        `Date the pathway plan was completed must be before its first review (${formatDate(firstReview.reviewedOn)})`,
      );
    await updateAtVersion(tx, careLeavers, existing.id, input.version, { ...values, updatedAt: new Date() }, what);
    await recomputeObligations(tx, [childId]);
    return existing.id;
  }
  if (input.version !== undefined) throw new StaleRecordError(what);
  const [row] = await tx
    .insert(careLeavers)
    .values({ childId, ...values, recordedBy: by.userId })
    .returning({ id: careLeavers.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── Staying Put and the health summary ───────────────────────────────────────

export function stayingPutSchema(today: Today) {
  return z
    .object({
      stayingPutFrom: dateField('Date Staying Put began', { notInFuture: today }),
      stayingPutTo: optionalDateField('Date Staying Put ended', { notInFuture: today }),
      version: version(),
    })
    .superRefine((v, ctx) => {
      if (v.stayingPutFrom && v.stayingPutTo && v.stayingPutTo < v.stayingPutFrom)
        ctx.addIssue({ code: 'custom', path: ['stayingPutTo'], message: 'Date Staying Put ended cannot be before it began' });
    }, evenWithOtherErrors);
}
export type StayingPut = z.output<ReturnType<typeof stayingPutSchema>>;

/** Staying Put: the young person lives on with their former foster carers after 18 (CA 1989 s23CZA). */
export async function recordStayingPut(tx: Db, childId: string, input: StayingPut): Promise<string> {
  const dob = await dateOfBirthOf(tx, childId);
  const r = await existingRecord(tx, childId, 'stayingPutFrom');
  const at18 = birthday(dob, 18);
  if (input.stayingPutFrom < at18)
    throw new CaseworkRuleError('stayingPutFrom', `Staying Put begins at 18: the young person turns 18 on ${formatDate(at18)}`);
  await updateAtVersion(
    tx,
    careLeavers,
    r.id,
    input.version,
    { stayingPutFrom: input.stayingPutFrom, stayingPutTo: input.stayingPutTo ?? null, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return r.id;
}

export function healthSummarySchema(today: Today) {
  return z.object({
    healthSummary: text('The summary of the young person’s health history', { max: 5000, multiline: true }),
    healthSummaryGivenOn: optionalDateField('Date the summary was given to the young person', { notInFuture: today }),
    version: version(),
  });
}
export type HealthSummary = z.output<ReturnType<typeof healthSummarySchema>>;

/** The summary of their health history the young person can be given as they leave care. */
export async function recordHealthSummary(tx: Db, childId: string, input: HealthSummary): Promise<string> {
  const r = await existingRecord(tx, childId, 'healthSummary');
  await updateAtVersion(
    tx,
    careLeavers,
    r.id,
    input.version,
    { healthSummary: input.healthSummary, healthSummaryGivenOn: input.healthSummaryGivenOn ?? null, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return r.id;
}

// ── the pathway plan's reviews ───────────────────────────────────────────────

export function pathwayPlanReviewSchema(today: Today) {
  return z.object({
    reviewedOn: dateField('Date of the review', { notInFuture: today }),
    summary: text('What the review decided', { max: 5000, multiline: true }),
  });
}
export type PathwayPlanReview = z.output<ReturnType<typeof pathwayPlanReviewSchema>>;

export async function recordPathwayPlanReview(tx: Db, childId: string, input: PathwayPlanReview, by: Actor): Promise<string> {
  const r = await recordOf(tx, childId);
  if (!r?.pathwayPlanCompletedOn)
    throw new CaseworkRuleError('reviewedOn', 'Record the date the pathway plan was completed before its reviews');
  if (input.reviewedOn <= r.pathwayPlanCompletedOn)
    throw new CaseworkRuleError(
      'reviewedOn',
      `Date of the review must be after the pathway plan was completed (${formatDate(r.pathwayPlanCompletedOn)})`,
    );
  const [same] = await tx
    .select({ id: pathwayPlanReviews.id })
    .from(pathwayPlanReviews)
    .where(and(eq(pathwayPlanReviews.childId, childId), eq(pathwayPlanReviews.reviewedOn, input.reviewedOn)));
  if (same) throw new CaseworkRuleError('reviewedOn', `A review on ${formatDate(input.reviewedOn)} is already recorded`);
  const [row] = await tx
    .insert(pathwayPlanReviews)
    .values({ childId, ...input, recordedBy: by.userId })
    .returning({ id: pathwayPlanReviews.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── contacts: in touch, accommodation and activity ───────────────────────────

function contactFields(today: Today) {
  return {
    contactOn: dateField('Date of the contact', { notInFuture: today }),
    inTouch: choice('Whether the young person was in touch', inTouchCodes),
    seenByAdviser: yesNo('The personal adviser saw the young person'),
    accommodationType: optionalChoice('Type of accommodation', accommodationTypes),
    accommodationSuitable: yesNo('The accommodation is suitable').optional(),
    activity: optionalChoice('Main activity', activityCodes),
    notes: optionalText('Notes', { max: 5000, multiline: true }),
  };
}

function contactRules<T extends { inTouch?: string; seenByAdviser?: boolean; accommodationType?: string; accommodationSuitable?: boolean }>(
  v: T,
  ctx: z.RefinementCtx,
) {
  if (v.inTouch && v.inTouch !== 'YES' && v.seenByAdviser)
    ctx.addIssue({
      code: 'custom',
      path: ['seenByAdviser'],
      message: 'The personal adviser cannot have seen a young person who was not in touch',
    });
  if (v.accommodationType && v.accommodationSuitable === undefined)
    ctx.addIssue({ code: 'custom', path: ['accommodationSuitable'], message: 'Select whether the accommodation is suitable' });
  if (!v.accommodationType && v.accommodationSuitable !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['accommodationType'],
      message: 'Select the type of accommodation whose suitability is recorded',
    });
}

export function contactSchema(today: Today) {
  return z.object(contactFields(today)).superRefine(contactRules, evenWithOtherErrors);
}
export type CareLeaverContact = z.output<ReturnType<typeof contactSchema>>;

export function changeContactSchema(today: Today) {
  return z.object({ ...contactFields(today), version: version() }).superRefine(contactRules, evenWithOtherErrors);
}
export type CareLeaverContactChange = z.output<ReturnType<typeof changeContactSchema>>;

/** A contact counts only for a young person who was a care leaver (or an eligible child) that day. */
async function checkCareLeaverOn(tx: Db, childId: string, day: string) {
  const e = await eligibilityOf(tx, childId, day);
  if (!e) throw new CaseworkRuleError('contactOn', 'Record the child’s date of birth first: whether they are a care leaver depends on it');
  if (!e.category)
    throw new CaseworkRuleError(
      'contactOn',
      `The young person was not a care leaver on ${formatDate(day)}${e.age < 16 ? ' (under 16)' : ''}: their periods of care do not make them one`,
    );
}

const contactValues = (input: CareLeaverContact) => ({
  contactOn: input.contactOn,
  inTouch: input.inTouch,
  seenByAdviser: input.seenByAdviser,
  accommodationType: input.accommodationType ?? null,
  accommodationSuitable: input.accommodationType ? (input.accommodationSuitable ?? null) : null,
  activity: input.activity ?? null,
  notes: input.notes ?? null,
});

export async function recordContact(tx: Db, childId: string, input: CareLeaverContact, by: Actor): Promise<string> {
  await checkCareLeaverOn(tx, childId, input.contactOn);
  const [row] = await tx
    .insert(contacts)
    .values({ childId, ...contactValues(input), recordedBy: by.userId })
    .returning({ id: contacts.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

export async function changeContact(tx: Db, childId: string, id: string, input: CareLeaverContactChange): Promise<string> {
  const [c] = await tx
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.id, id), eq(contacts.childId, childId)));
  if (!c) throw new CaseworkNotFound('The contact');
  await checkCareLeaverOn(tx, childId, input.contactOn);
  await updateAtVersion(tx, contacts, id, input.version, { ...contactValues(input), updatedAt: new Date() }, 'This contact');
  await recomputeObligations(tx, [childId]);
  return id;
}

// ── the end of leaving care support ──────────────────────────────────────────

export function endSupportSchema(today: Today) {
  return z.object({
    supportEndedOn: dateField('Date leaving care support ended', { notInFuture: today }),
    supportEndReason: choice('Why leaving care support ended', supportEndReasons),
    version: version(),
  });
}
export type EndSupport = z.output<ReturnType<typeof endSupportSchema>>;

/** Ends leaving care support before 25: no pathway plan review or personal adviser contact is owed after it. */
export async function endSupport(tx: Db, childId: string, input: EndSupport): Promise<string> {
  const dob = await dateOfBirthOf(tx, childId);
  const r = await existingRecord(tx, childId, 'supportEndedOn');
  if (r.supportEndedOn)
    throw new CaseworkRuleError('supportEndedOn', `Leaving care support already ended on ${formatDate(r.supportEndedOn)}`);
  if (ageOn(dob, input.supportEndedOn) < 16)
    throw new CaseworkRuleError('supportEndedOn', 'Date leaving care support ended cannot be before the young person turned 16');
  await updateAtVersion(
    tx,
    careLeavers,
    r.id,
    input.version,
    { supportEndedOn: input.supportEndedOn, supportEndReason: input.supportEndReason, updatedAt: new Date() },
    what,
  );
  await recomputeObligations(tx, [childId]);
  return r.id;
}
