import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { assessmentFactorCodes } from '../children/codes.js';
import { codesOf } from '../core/codes.js';
import type { Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion, StaleRecordError } from '../core/db/versions.js';
import { choices, dateField, optionalChoice, text, uuidField, version } from '../core/http/forms.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { referrals } from '../front-door/schema.js';
import { workers } from '../core/organisation/schema.js';
import { allocate } from '../workforce/use-cases.js';
import { assessmentOutcomes, assessments } from './schema.js';

const factors = codesOf(assessmentFactorCodes);

export function startAssessmentSchema(today: () => string) {
  return z.object({
    referralId: uuidField('Referral'),
    startDate: dateField('Start date', { notInFuture: today }),
    workerId: uuidField('Social worker'),
  });
}
export type StartAssessment = z.output<ReturnType<typeof startAssessmentSchema>>;

export class AssessmentRuleError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'AssessmentRuleError';
  }
}

export async function startAssessment(db: Db, childId: string, input: StartAssessment, by: { userId: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const [referral] = await tx
      .select()
      .from(referrals)
      .where(and(eq(referrals.id, input.referralId), eq(referrals.childId, childId)));
    if (!referral) throw new AssessmentRuleError('referralId', 'Referral is not one of this child’s referrals');
    if (referral.closedDate) throw new AssessmentRuleError('referralId', 'Referral is closed: an assessment needs an open referral');
    if (input.startDate < referral.referralDate) {
      throw new AssessmentRuleError('startDate', 'Start date cannot be before the referral date');
    }
    const [worker] = await tx.select().from(workers).where(eq(workers.id, input.workerId));
    if (!worker?.teamId) throw new AssessmentRuleError('workerId', 'Social worker must be a worker in a team');
    const [row] = await tx
      .insert(assessments)
      .values({ childId, referralId: input.referralId, startDate: input.startDate, workerId: input.workerId })
      .returning({ id: assessments.id });
    await allocate(tx, childId, { teamId: worker.teamId, workerId: worker.id }, { userId: by.userId });
    await recomputeObligations(tx, [childId]);
    return row!.id;
  });
}

export const recordAssessmentSchema = z.object({
  factors: choices('Factors identified', factors),
  outcome: optionalChoice('Outcome', assessmentOutcomes),
  version: version(),
});
export type RecordAssessment = z.output<typeof recordAssessmentSchema>;

export const submitAssessmentSchema = z.object({
  factors: choices('Factors identified', factors).refine(
    (f) => f.length > 0,
    'Select the factors identified, or "no factors identified" (21)',
  ),
  outcome: z.preprocess((v) => (v === '' ? undefined : v), z.enum(assessmentOutcomes, { error: 'Select the outcome of the assessment' })),
  version: version(),
});

export function authoriseSchema(today: () => string) {
  return z.object({ authorisedDate: dateField('Date authorised', { notInFuture: today }), version: version() });
}

export const lateReasonSchema = z.object({
  lateReason: text('Why the assessment is late', { max: 5000, multiline: true }),
  version: version(),
});

type Assessment = typeof assessments.$inferSelect;

/** What stage an assessment must be at for a change (a submitted one is no longer recorded, say). */
const notSubmitted = (a: Assessment) => a.submittedAt === null;
const awaitingAuthorisation = (a: Assessment) => a.submittedAt !== null && a.authorisedAt === null;

/**
 * A change to an assessment at the version the page showed, and still at the stage the change
 * needs: otherwise it is stale, and nothing is saved.
 */
async function updateAssessment(
  db: Db,
  assessmentId: string,
  childId: string,
  expectedVersion: number,
  values: Partial<typeof assessments.$inferInsert>,
  stage?: (a: Assessment) => boolean,
): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await lockAtVersion(tx, assessments, assessmentId, expectedVersion, STALE);
    if (!found || found.childId !== childId || (stage && !stage(found))) throw new StaleRecordError(STALE);
    await tx
      .update(assessments)
      .set({ ...values, updatedAt: new Date(), version: nextVersion(assessments) })
      .where(eq(assessments.id, assessmentId));
    await recomputeObligations(tx, [childId]);
  });
}

const STALE = 'This assessment';

export function recordAssessment(db: Db, childId: string, id: string, input: RecordAssessment) {
  return updateAssessment(db, id, childId, input.version, { factors: input.factors, outcome: input.outcome ?? null }, notSubmitted);
}

export function submitAssessment(db: Db, childId: string, id: string, input: z.output<typeof submitAssessmentSchema>, today: string) {
  return updateAssessment(
    db,
    id,
    childId,
    input.version,
    { factors: input.factors, outcome: input.outcome, submittedAt: today },
    notSubmitted,
  );
}

export async function authoriseAssessment(
  db: Db,
  childId: string,
  id: string,
  input: { authorisedDate: string; version: number },
  by: { workerId: string | null },
) {
  const [a] = await db.select().from(assessments).where(eq(assessments.id, id));
  if (a?.submittedAt && input.authorisedDate < a.submittedAt) {
    throw new AssessmentRuleError('authorisedDate', 'Date authorised cannot be before the date it was submitted');
  }
  return updateAssessment(
    db,
    id,
    childId,
    input.version,
    { authorisedAt: input.authorisedDate, authorisedBy: by.workerId },
    awaitingAuthorisation,
  );
}

export function recordLateReason(db: Db, childId: string, id: string, input: { lateReason: string; version: number }) {
  return updateAssessment(db, id, childId, input.version, { lateReason: input.lateReason });
}
