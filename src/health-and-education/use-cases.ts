/**
 * Health and education's use cases. Each write takes the transaction, checks the rules of
 * practice (refusing with the field named), writes, and recomputes the child's obligations,
 * so the clock never disagrees with the record. Each input has one zod schema, the same for
 * the page and the API.
 *
 * A health check's correction and a PEP meeting name the version their page showed and are
 * refused (StaleRecordError) if someone saved since.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion } from '../core/db/versions.js';
import { isUuid } from '../core/ids.js';
import { choice, dateField, optionalChoice, optionalText, text, version, yesNo } from '../core/http/forms.js';
import { children } from '../core/record/schema.js';
import { carePeriods } from '../looked-after/schema.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  assessmentTypes,
  childSchools,
  convictions,
  educationHours,
  healthChecks,
  healthStatuses,
  healthStatusKinds,
  MAX_HOURS,
  offendingOutcomes,
  ofstedGrades,
  pepMeetings,
  personalEducationPlans,
  SDQ_MAX,
  sdqReasonCodes,
  sdqScores,
  substanceMisuse,
} from './schema.js';

export type { Actor };

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A whole number in a range, from a form's text or JSON's number. */
function wholeNumber(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v) : v) : v),
    z.number({ error: message }).int(message).min(min, message).max(max, message).optional(),
  );
}

/** Hours a week, to the half hour. */
function hoursField(label: string) {
  const message = `${label} must be a number of hours from 0 to ${MAX_HOURS}, to the half hour (such as 22.5)`;
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : /^\d+(\.\d+)?$/.test(v.trim()) ? Number(v) : v) : v),
    z
      .number({ error: (i) => (i.input === undefined ? `Enter ${label.toLowerCase()}` : message) })
      .min(0, message)
      .max(MAX_HOURS, message)
      .refine((n) => Number.isInteger(n * 2), message),
  );
}

/** A school's URN: six digits (Get Information about Schools). */
function optionalSchoolUrn(label: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? (v.trim() === '' ? undefined : v.trim()) : v),
    z
      .string({ error: `${label} must be text` })
      .regex(/^\d{6}$/, `${label} must be the school’s six-digit unique reference number, such as 105460`)
      .optional(),
  );
}

// ── what every write checks ──────────────────────────────────────────────────

/** A date about the child cannot be before they were born. */
async function notBeforeBirth(tx: Db, childId: string, date: string, field: string, label: string) {
  const [child] = await tx.select({ dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, childId));
  if (child?.dateOfBirth && date < child.dateOfBirth) {
    throw new CaseworkRuleError(field, `${label} cannot be before the child was born (${formatDate(child.dateOfBirth)})`);
  }
}

// ── health assessments and dental checks ─────────────────────────────────────

export function healthAssessmentSchema(today: Today) {
  return z.object({
    checkDate: dateField('Date the health assessment was completed', { notInFuture: today }),
    assessmentType: choice('Type of health assessment', assessmentTypes),
    completedBy: text('Who completed the health assessment', { max: 200 }),
  });
}
export type HealthAssessmentInput = z.output<ReturnType<typeof healthAssessmentSchema>>;

/** A statutory health assessment (reg 7), initial or review. */
export async function recordHealthAssessment(tx: Db, childId: string, input: HealthAssessmentInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.checkDate, 'checkDate', 'Date the health assessment was completed');
  const [same] = await tx
    .select({ id: healthChecks.id })
    .from(healthChecks)
    .where(
      and(eq(healthChecks.childId, childId), eq(healthChecks.checkType, 'health_assessment'), eq(healthChecks.checkDate, input.checkDate)),
    );
  if (same) throw new CaseworkRuleError('checkDate', `A health assessment on ${formatDate(input.checkDate)} is already recorded`);
  const [row] = await tx
    .insert(healthChecks)
    .values({
      childId,
      checkType: 'health_assessment',
      assessmentType: input.assessmentType,
      checkDate: input.checkDate,
      completedBy: input.completedBy,
      recordedBy: by.userId,
    })
    .returning({ id: healthChecks.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

export function correctHealthAssessmentSchema(today: Today) {
  return healthAssessmentSchema(today).extend({ version: version() });
}
export type CorrectHealthAssessment = z.output<ReturnType<typeof correctHealthAssessmentSchema>>;

/** Corrects a health assessment recorded wrongly (its date, type or who did it). */
export async function correctHealthAssessment(tx: Db, childId: string, id: string, input: CorrectHealthAssessment) {
  if (!isUuid(id)) throw new CaseworkNotFound('The health assessment');
  const [found] = await tx
    .select({ id: healthChecks.id })
    .from(healthChecks)
    .where(and(eq(healthChecks.id, id), eq(healthChecks.childId, childId), eq(healthChecks.checkType, 'health_assessment')));
  if (!found) throw new CaseworkNotFound('The health assessment');
  await lockAtVersion(tx, healthChecks, id, input.version, 'This health assessment');
  await notBeforeBirth(tx, childId, input.checkDate, 'checkDate', 'Date the health assessment was completed');
  await tx
    .update(healthChecks)
    .set({
      checkDate: input.checkDate,
      assessmentType: input.assessmentType,
      completedBy: input.completedBy,
      updatedAt: new Date(),
      version: nextVersion(healthChecks),
    })
    .where(eq(healthChecks.id, id));
  await recomputeObligations(tx, [childId]);
  return id;
}

export function dentalCheckSchema(today: Today) {
  return z.object({
    checkDate: dateField('Date of the dental check', { notInFuture: today }),
    completedBy: optionalText('Dentist or practice', { max: 200 }),
  });
}
export type DentalCheckInput = z.output<ReturnType<typeof dentalCheckSchema>>;

export async function recordDentalCheck(tx: Db, childId: string, input: DentalCheckInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.checkDate, 'checkDate', 'Date of the dental check');
  const [same] = await tx
    .select({ id: healthChecks.id })
    .from(healthChecks)
    .where(and(eq(healthChecks.childId, childId), eq(healthChecks.checkType, 'dental_check'), eq(healthChecks.checkDate, input.checkDate)));
  if (same) throw new CaseworkRuleError('checkDate', `A dental check on ${formatDate(input.checkDate)} is already recorded`);
  const [row] = await tx
    .insert(healthChecks)
    .values({
      childId,
      checkType: 'dental_check',
      checkDate: input.checkDate,
      completedBy: input.completedBy ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: healthChecks.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── immunisations and health surveillance ────────────────────────────────────

export function healthStatusSchema(today: Today) {
  return z.object({
    kind: choice('What is recorded', healthStatusKinds),
    asAtDate: dateField('As at', { notInFuture: today }),
    upToDate: yesNo('they are up to date'),
  });
}
export type HealthStatusInput = z.output<ReturnType<typeof healthStatusSchema>>;

export async function recordHealthStatus(tx: Db, childId: string, input: HealthStatusInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.asAtDate, 'asAtDate', 'As at');
  const [same] = await tx
    .select({ id: healthStatuses.id })
    .from(healthStatuses)
    .where(and(eq(healthStatuses.childId, childId), eq(healthStatuses.kind, input.kind), eq(healthStatuses.asAtDate, input.asAtDate)));
  if (same) throw new CaseworkRuleError('asAtDate', `This is already recorded as at ${formatDate(input.asAtDate)}`);
  const [row] = await tx
    .insert(healthStatuses)
    .values({ childId, kind: input.kind, asAtDate: input.asAtDate, upToDate: input.upToDate, recordedBy: by.userId })
    .returning({ id: healthStatuses.id });
  return row!.id;
}

// ── the Strengths and Difficulties Questionnaire ─────────────────────────────

export function sdqSchema(today: Today) {
  return z
    .object({
      completedDate: dateField('Date of the questionnaire', { notInFuture: today }),
      score: wholeNumber('SDQ score', 0, SDQ_MAX),
      reason: optionalChoice('Reason there is no score', sdqReasonCodes),
    })
    .superRefine((v, ctx) => {
      if (v.score === undefined && v.reason === undefined) {
        ctx.addIssue({ code: 'custom', path: ['score'], message: 'Enter the SDQ score, or the reason there is no score' });
      } else if (v.score !== undefined && v.reason !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Give a reason only when there is no score' });
      }
    });
}
export type SdqInput = z.output<ReturnType<typeof sdqSchema>>;

export async function recordSdq(tx: Db, childId: string, input: SdqInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.completedDate, 'completedDate', 'Date of the questionnaire');
  const [row] = await tx
    .insert(sdqScores)
    .values({
      childId,
      completedDate: input.completedDate,
      score: input.score ?? null,
      reason: input.reason ?? null,
      recordedBy: by.userId,
    })
    .returning({ id: sdqScores.id });
  return row!.id;
}

// ── substance misuse and offending ───────────────────────────────────────────

export function substanceMisuseSchema(today: Today) {
  return z
    .object({
      identifiedDate: dateField('Date the problem was identified', { notInFuture: today }),
      substance: optionalText('Substance', { max: 200 }),
      interventionReceived: yesNo('the child received an intervention'),
      interventionOffered: z.preprocess(blank, yesNo('an intervention was offered').optional()),
    })
    .superRefine((v, ctx) => {
      if (v.interventionReceived === false && v.interventionOffered === undefined) {
        ctx.addIssue({ code: 'custom', path: ['interventionOffered'], message: 'Select whether an intervention was offered' });
      }
    });
}
export type SubstanceMisuseInput = z.output<ReturnType<typeof substanceMisuseSchema>>;

export async function recordSubstanceMisuse(tx: Db, childId: string, input: SubstanceMisuseInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.identifiedDate, 'identifiedDate', 'Date the problem was identified');
  const [row] = await tx
    .insert(substanceMisuse)
    .values({
      childId,
      identifiedDate: input.identifiedDate,
      substance: input.substance ?? null,
      interventionReceived: input.interventionReceived,
      // OC2 asks whether one was offered only when none was received
      interventionOffered: input.interventionReceived ? null : (input.interventionOffered ?? null),
      recordedBy: by.userId,
    })
    .returning({ id: substanceMisuse.id });
  return row!.id;
}

export function convictionSchema(today: Today) {
  return z.object({
    outcomeDate: dateField('Date of the conviction or caution', { notInFuture: today }),
    outcome: choice('Outcome', offendingOutcomes),
  });
}
export type ConvictionInput = z.output<ReturnType<typeof convictionSchema>>;

export async function recordConviction(tx: Db, childId: string, input: ConvictionInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.outcomeDate, 'outcomeDate', 'Date of the conviction or caution');
  const [row] = await tx
    .insert(convictions)
    .values({ childId, outcomeDate: input.outcomeDate, outcome: input.outcome, recordedBy: by.userId })
    .returning({ id: convictions.id });
  return row!.id;
}

// ── school ───────────────────────────────────────────────────────────────────

export function schoolSchema(today: Today) {
  return z.object({
    fromDate: dateField('Date the child started at the school', { notInFuture: today }),
    schoolName: text('School', { max: 200 }),
    urn: optionalSchoolUrn('School URN'),
    ofstedGrade: choice('Ofsted grade', ofstedGrades),
  });
}
export type SchoolInput = z.output<ReturnType<typeof schoolSchema>>;

export async function recordSchool(tx: Db, childId: string, input: SchoolInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.fromDate, 'fromDate', 'Date the child started at the school');
  const [same] = await tx
    .select({ id: childSchools.id })
    .from(childSchools)
    .where(and(eq(childSchools.childId, childId), eq(childSchools.fromDate, input.fromDate)));
  if (same) throw new CaseworkRuleError('fromDate', `A school from ${formatDate(input.fromDate)} is already recorded`);
  const [row] = await tx
    .insert(childSchools)
    .values({
      childId,
      fromDate: input.fromDate,
      schoolName: input.schoolName,
      urn: input.urn ?? null,
      ofstedGrade: input.ofstedGrade,
      recordedBy: by.userId,
    })
    .returning({ id: childSchools.id });
  return row!.id;
}

// ── personal education plans ─────────────────────────────────────────────────

export function initiatePepSchema(today: Today) {
  return z.object({
    carePeriodId: z.preprocess(
      blank,
      z.string({ error: 'Select the period of care the plan belongs to: a personal education plan is for a looked after child' }),
    ),
    initiatedDate: dateField('Date the plan was initiated', { notInFuture: today }),
  });
}
export type InitiatePep = z.output<ReturnType<typeof initiatePepSchema>>;

/** The PEP for a period of care: the child must be looked after on the day it is initiated. */
export async function initiatePep(tx: Db, childId: string, input: InitiatePep, by: Actor) {
  const [period] = isUuid(input.carePeriodId)
    ? await tx
        .select()
        .from(carePeriods)
        .where(and(eq(carePeriods.id, input.carePeriodId), eq(carePeriods.childId, childId)))
    : [];
  if (!period) {
    throw new CaseworkRuleError('carePeriodId', 'The period of care is not one of this child’s: a personal education plan belongs to one');
  }
  if (input.initiatedDate < period.startDate || (period.endDate && input.initiatedDate > period.endDate)) {
    throw new CaseworkRuleError(
      'initiatedDate',
      `Date the plan was initiated must be within the period of care (from ${formatDate(period.startDate)}${period.endDate ? ` to ${formatDate(period.endDate)}` : ''})`,
    );
  }
  const [existing] = await tx
    .select({ initiatedDate: personalEducationPlans.initiatedDate })
    .from(personalEducationPlans)
    .where(eq(personalEducationPlans.carePeriodId, period.id));
  if (existing) {
    throw new CaseworkRuleError(
      'carePeriodId',
      `A personal education plan was already initiated for this period of care, on ${formatDate(existing.initiatedDate)}: record a PEP meeting instead`,
    );
  }
  const [row] = await tx
    .insert(personalEducationPlans)
    .values({ childId, carePeriodId: period.id, initiatedDate: input.initiatedDate, recordedBy: by.userId })
    .returning({ id: personalEducationPlans.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

export function pepMeetingSchema(today: Today) {
  return z.object({
    meetingDate: dateField('Date of the PEP meeting', { notInFuture: today }),
    version: version(),
  });
}
export type PepMeetingInput = z.output<ReturnType<typeof pepMeetingSchema>>;

/** A PEP meeting, at which the plan is reviewed: after the plan began, within its period of care. */
export async function recordPepMeeting(tx: Db, childId: string, pepId: string, input: PepMeetingInput, by: Actor) {
  if (!isUuid(pepId)) throw new CaseworkNotFound('The personal education plan');
  const [pep] = await tx
    .select({ pep: personalEducationPlans, period: carePeriods })
    .from(personalEducationPlans)
    .innerJoin(carePeriods, eq(carePeriods.id, personalEducationPlans.carePeriodId))
    .where(and(eq(personalEducationPlans.id, pepId), eq(personalEducationPlans.childId, childId)));
  if (!pep) throw new CaseworkNotFound('The personal education plan');
  await lockAtVersion(tx, personalEducationPlans, pepId, input.version, 'This personal education plan');
  if (input.meetingDate <= pep.pep.initiatedDate) {
    throw new CaseworkRuleError(
      'meetingDate',
      `Date of the PEP meeting must be after the plan was initiated (${formatDate(pep.pep.initiatedDate)})`,
    );
  }
  if (pep.period.endDate && input.meetingDate > pep.period.endDate) {
    throw new CaseworkRuleError(
      'meetingDate',
      `Date of the PEP meeting cannot be after the child ceased to be looked after (${formatDate(pep.period.endDate)})`,
    );
  }
  const [same] = await tx
    .select({ id: pepMeetings.id })
    .from(pepMeetings)
    .where(and(eq(pepMeetings.pepId, pepId), eq(pepMeetings.meetingDate, input.meetingDate)));
  if (same) throw new CaseworkRuleError('meetingDate', `A PEP meeting on ${formatDate(input.meetingDate)} is already recorded`);
  const [row] = await tx
    .insert(pepMeetings)
    .values({ childId, pepId, meetingDate: input.meetingDate, recordedBy: by.userId })
    .returning({ id: pepMeetings.id });
  await tx
    .update(personalEducationPlans)
    .set({ updatedAt: new Date(), version: nextVersion(personalEducationPlans) })
    .where(eq(personalEducationPlans.id, pepId));
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── hours of education ───────────────────────────────────────────────────────

export function educationHoursSchema(today: Today) {
  return z.object({
    asAtDate: dateField('As at', { notInFuture: today }),
    hoursPerWeek: hoursField('Hours of education a week'),
  });
}
export type EducationHoursInput = z.output<ReturnType<typeof educationHoursSchema>>;

export async function recordEducationHours(tx: Db, childId: string, input: EducationHoursInput, by: Actor) {
  await notBeforeBirth(tx, childId, input.asAtDate, 'asAtDate', 'As at');
  const [same] = await tx
    .select({ id: educationHours.id })
    .from(educationHours)
    .where(and(eq(educationHours.childId, childId), eq(educationHours.asAtDate, input.asAtDate)));
  if (same) throw new CaseworkRuleError('asAtDate', `Hours of education as at ${formatDate(input.asAtDate)} are already recorded`);
  const [row] = await tx
    .insert(educationHours)
    .values({ childId, asAtDate: input.asAtDate, hoursPerWeek: input.hoursPerWeek, recordedBy: by.userId })
    .returning({ id: educationHours.id });
  return row!.id;
}
