import { and, eq, gte, lte } from 'drizzle-orm';
import { z } from 'zod';
import { assessmentFactorCodes } from '../children/codes.js';
import { codesOf } from '../core/codes.js';
import type { Db } from '../core/db/database.js';
import { lockAtVersion, nextVersion, StaleRecordError } from '../core/db/versions.js';
import { choices, dateField, optionalChoice, optionalText, text, uuidField, version } from '../core/http/forms.js';
import { formatDate } from '../core/views/nunjucks.js';
import { recomputeObligations } from '../obligations/recompute.js';
import { referrals } from '../front-door/schema.js';
import { workers } from '../core/organisation/schema.js';
import { visits } from '../children/schema.js';
import { allocate } from '../workforce/use-cases.js';
import { currentAllocation } from '../workforce/queries.js';
import { assessmentOutcomes, assessmentReviews, assessments } from './schema.js';

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
    // The assessment names who carries it out; allocating the child to a worker is a manager's
    // decision made on the allocation page, so the child is not allocated here. A child not
    // with the worker's team moves to that team, still unallocated, so the team can see the
    // child and its manager can allocate.
    const current = await currentAllocation(tx, childId);
    if (current?.teamId !== worker.teamId) {
      await allocate(tx, childId, { teamId: worker.teamId, workerId: null }, { userId: by.userId });
    }
    await recomputeObligations(tx, [childId]);
    return row!.id;
  });
}

/** The written parts of an assessment, each sized for what it holds. */
const writtenFields = {
  analysis: optionalText('Analysis', { max: 20000, multiline: true }),
  childViews: optionalText('The child’s views', { max: 10000, multiline: true }),
  familyViews: optionalText('The family’s views', { max: 10000, multiline: true }),
  plan: optionalText('Plan and recommendation', { max: 10000, multiline: true }),
};

export const recordAssessmentSchema = z.object({
  factors: choices('Factors identified', factors),
  ...writtenFields,
  outcome: optionalChoice('Outcome', assessmentOutcomes),
  version: version(),
});
export type RecordAssessment = z.output<typeof recordAssessmentSchema>;

export const submitAssessmentSchema = z.object({
  factors: choices('Factors identified', factors).refine(
    (f) => f.length > 0,
    'Select the factors identified, or "no factors identified" (21)',
  ),
  analysis: text('Analysis', { max: 20000, multiline: true }),
  childViews: text('The child’s views', { max: 10000, multiline: true }),
  familyViews: text('The family’s views', { max: 10000, multiline: true }),
  plan: text('Plan and recommendation', { max: 10000, multiline: true }),
  outcome: z.preprocess((v) => (v === '' ? undefined : v), z.enum(assessmentOutcomes, { error: 'Select the outcome of the assessment' })),
  version: version(),
});

export type SubmitAssessment = z.output<typeof submitAssessmentSchema>;

export function authoriseSchema(today: () => string) {
  return z.object({
    authorisedDate: dateField('Date authorised', { notInFuture: today }),
    authorisationComments: optionalText('Manager’s comments', { max: 5000, multiline: true }),
    version: version(),
  });
}
export type AuthoriseAssessment = z.output<ReturnType<typeof authoriseSchema>>;

export const returnAssessmentSchema = z.object({
  returnComments: text('Comments for the social worker', { max: 5000, multiline: true }),
  version: version(),
});
export type ReturnAssessment = z.output<typeof returnAssessmentSchema>;

/** Who made a change and when, for management oversight. */
export interface Manager {
  userId: string;
  workerId: string | null;
  at: Date;
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
  also?: (tx: Db, found: Assessment) => Promise<void>,
): Promise<void> {
  await db.transaction(async (tx) => {
    const found = await lockAtVersion(tx, assessments, assessmentId, expectedVersion, STALE);
    if (!found || found.childId !== childId || (stage && !stage(found))) throw new StaleRecordError(STALE);
    // checks and records that go with the change, in the same transaction: a refusal writes nothing
    if (also) await also(tx, found);
    await tx
      .update(assessments)
      .set({ ...values, updatedAt: new Date(), version: nextVersion(assessments) })
      .where(eq(assessments.id, assessmentId));
    await recomputeObligations(tx, [childId]);
  });
}

const STALE = 'This assessment';

const written = (input: {
  analysis?: string | undefined;
  childViews?: string | undefined;
  familyViews?: string | undefined;
  plan?: string | undefined;
}) => ({
  analysis: input.analysis ?? null,
  childViews: input.childViews ?? null,
  familyViews: input.familyViews ?? null,
  plan: input.plan ?? null,
});

export function recordAssessment(db: Db, childId: string, id: string, input: RecordAssessment) {
  return updateAssessment(
    db,
    id,
    childId,
    input.version,
    { factors: input.factors, ...written(input), outcome: input.outcome ?? null },
    notSubmitted,
  );
}

/** The first day the child was seen on a visit from the assessment's start up to `today`, if any. */
export async function childSeenSince(db: Db, childId: string, from: string, today: string): Promise<string | null> {
  const [seen] = await db
    .select({ visitDate: visits.visitDate })
    .from(visits)
    .where(and(eq(visits.childId, childId), eq(visits.childSeen, true), gte(visits.visitDate, from), lte(visits.visitDate, today)))
    .orderBy(visits.visitDate)
    .limit(1);
  return seen?.visitDate ?? null;
}

/**
 * Submitted for authorisation, once the child has been seen during the assessment: an
 * assessment of a child no one has seen is not an assessment of the child.
 */
export function submitAssessment(db: Db, childId: string, id: string, input: SubmitAssessment, today: string) {
  return updateAssessment(
    db,
    id,
    childId,
    input.version,
    { factors: input.factors, ...written(input), outcome: input.outcome, submittedAt: today },
    notSubmitted,
    async (tx, found) => {
      if (!(await childSeenSince(tx, childId, found.startDate, today))) {
        throw new AssessmentRuleError(
          'childSeen',
          `The child has not been seen during this assessment: record a visit on which the child was seen, on or after ${formatDate(found.startDate)}, before submitting it`,
        );
      }
    },
  );
}

function review(tx: Db, assessmentId: string, decision: 'returned' | 'authorised', comments: string | null, by: Manager) {
  return tx.insert(assessmentReviews).values({
    assessmentId,
    decision,
    comments,
    decidedAt: by.at,
    decidedBy: by.userId,
    decidedByWorker: by.workerId,
  });
}

export async function authoriseAssessment(db: Db, childId: string, id: string, input: AuthoriseAssessment, by: Manager) {
  return updateAssessment(
    db,
    id,
    childId,
    input.version,
    { authorisedAt: input.authorisedDate, authorisedBy: by.workerId },
    awaitingAuthorisation,
    async (tx, found) => {
      if (found.submittedAt && input.authorisedDate < found.submittedAt) {
        throw new AssessmentRuleError('authorisedDate', 'Date authorised cannot be before the date it was submitted');
      }
      await review(tx, id, 'authorised', input.authorisationComments ?? null, by);
    },
  );
}

/** The manager sends a submitted assessment back to the social worker with comments: it is in progress again. */
export function returnAssessment(db: Db, childId: string, id: string, input: ReturnAssessment, by: Manager) {
  return updateAssessment(db, id, childId, input.version, { submittedAt: null }, awaitingAuthorisation, async (tx) => {
    await review(tx, id, 'returned', input.returnComments, by);
  });
}

export function recordLateReason(db: Db, childId: string, id: string, input: { lateReason: string; version: number }) {
  return updateAssessment(db, id, childId, input.version, { lateReason: input.lateReason });
}
