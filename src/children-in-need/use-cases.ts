/**
 * Children in need use cases. Each write takes the transaction, checks the rules of practice
 * (refusing with the field named), writes, and recomputes the child's obligations, so the
 * clock never disagrees with the record. Each input has one zod schema, the same for the page
 * and the API. Plans are made with the plan builder (src/casework/plans.ts), as child
 * protection's are.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, CaseworkNotFound, CaseworkRuleError, type Today } from '../casework/errors.js';
import { list } from '../casework/fields.js';
import { attendee } from '../casework/meetings.js';
import {
  insertPlanAction,
  type NewPlanAction,
  type PlanActionProgress,
  type PlanContent,
  refuseIfEnded,
  updateActionProgress,
} from '../casework/plans.js';
import { cpPlans, s47Enquiries } from '../child-protection/schema.js';
import { nextVersion, updateAtVersion } from '../core/db/versions.js';
import { childDisabilities } from '../children/schema.js';
import { children } from '../core/record/schema.js';
import { formatDate } from '../core/calendar/index.js';
import type { Db } from '../core/db/database.js';
import { choice, dateField, evenWithOtherErrors, optionalText, text, uuidField, version, yesNo } from '../core/http/forms.js';
import { referrals } from '../front-door/schema.js';
import { recomputeObligations } from '../obligations/recompute.js';
import {
  caseClosures,
  chosenCinPlanEndReasons,
  cinPlanActions,
  cinPlanReviews,
  cinPlans,
  closureReasonCodes,
  earlyHelpClosureReason,
  transitionPlans,
} from './schema.js';

export type { Actor };

// ── the plan ─────────────────────────────────────────────────────────────────

export function startCinPlanSchema(today: Today) {
  return z.object({
    referralId: uuidField('Referral'),
    startDate: dateField('Date the plan started', { notInFuture: today }),
  });
}
export type StartCinPlan = z.output<ReturnType<typeof startCinPlanSchema>>;

async function planOf(tx: Db, childId: string, id: string) {
  const [p] = await tx
    .select()
    .from(cinPlans)
    .where(and(eq(cinPlans.id, id), eq(cinPlans.childId, childId)));
  if (!p) throw new CaseworkNotFound('The child in need plan');
  return p;
}

export async function startCinPlan(tx: Db, childId: string, input: StartCinPlan, by: Actor): Promise<string> {
  const [referral] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.id, input.referralId), eq(referrals.childId, childId)));
  if (!referral) throw new CaseworkRuleError('referralId', 'Referral is not one of this child’s referrals');
  if (referral.closedDate)
    throw new CaseworkRuleError(
      'referralId',
      `The referral was closed on ${formatDate(referral.closedDate)}: a plan belongs to an open referral`,
    );
  if (input.startDate < referral.referralDate) {
    throw new CaseworkRuleError('startDate', `Date the plan started cannot be before the referral (${formatDate(referral.referralDate)})`);
  }
  const [open] = await tx
    .select({ startDate: cinPlans.startDate })
    .from(cinPlans)
    .where(and(eq(cinPlans.childId, childId), isNull(cinPlans.endDate)));
  if (open)
    throw new CaseworkRuleError(
      'startDate',
      `The child is already on a child in need plan, since ${formatDate(open.startDate)}: end it first`,
    );
  const [cp] = await tx
    .select({ startDate: cpPlans.startDate })
    .from(cpPlans)
    .where(and(eq(cpPlans.childId, childId), isNull(cpPlans.endDate)));
  if (cp) {
    throw new CaseworkRuleError(
      'startDate',
      `The child is on a child protection plan, since ${formatDate(cp.startDate)}: a child in need plan starts when it ends`,
    );
  }
  const [row] = await tx
    .insert(cinPlans)
    .values({ childId, referralId: referral.id, startDate: input.startDate, recordedBy: by.userId })
    .returning({ id: cinPlans.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

export async function updateCinPlan(tx: Db, childId: string, id: string, input: PlanContent): Promise<string> {
  const plan = await planOf(tx, childId, id);
  refuseIfEnded(plan, 'outcomes');
  await updateAtVersion(
    tx,
    cinPlans,
    id,
    input.version,
    { outcomes: input.outcomes, contingency: input.contingency ?? null, updatedAt: new Date() },
    'This child in need plan',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

export async function addCinPlanAction(tx: Db, childId: string, planId: string, input: NewPlanAction): Promise<string> {
  const id = await insertPlanAction(tx, cinPlanActions, await planOf(tx, childId, planId), input);
  await recomputeObligations(tx, [childId]);
  return id;
}

export async function recordCinActionProgress(
  tx: Db,
  childId: string,
  planId: string,
  actionId: string,
  input: PlanActionProgress,
): Promise<string> {
  await updateActionProgress(tx, cinPlanActions, await planOf(tx, childId, planId), actionId, input);
  await recomputeObligations(tx, [childId]);
  return actionId;
}

// ── reviews ──────────────────────────────────────────────────────────────────

export function cinReviewSchema(today: Today) {
  return z
    .object({
      reviewDate: dateField('Date of the review', { notInFuture: today }),
      attendance: list(attendee, 'Attendance'),
      childViews: optionalText('The child’s views', { max: 20000, multiline: true }),
      decisions: text('What the review decided', { max: 20000, multiline: true }),
    })
    .superRefine((v, ctx) => {
      if (v.attendance.length === 0)
        ctx.addIssue({ code: 'custom', path: ['attendance'], message: 'Enter who was invited and whether they attended' });
    }, evenWithOtherErrors);
}
export type NewCinReview = z.output<ReturnType<typeof cinReviewSchema>>;

export async function recordCinReview(tx: Db, childId: string, planId: string, input: NewCinReview, by: Actor): Promise<string> {
  const plan = await planOf(tx, childId, planId);
  if (plan.endDate)
    throw new CaseworkRuleError('reviewDate', `The plan ended on ${formatDate(plan.endDate)}: a review is for a plan in force`);
  if (input.reviewDate < plan.startDate) {
    throw new CaseworkRuleError('reviewDate', `Date of the review cannot be before the plan started (${formatDate(plan.startDate)})`);
  }
  const [row] = await tx
    .insert(cinPlanReviews)
    .values({
      childId,
      cinPlanId: planId,
      reviewDate: input.reviewDate,
      attendance: input.attendance,
      childViews: input.childViews ?? null,
      decisions: input.decisions,
      recordedBy: by.userId,
    })
    .returning({ id: cinPlanReviews.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

// ── the end of the plan ──────────────────────────────────────────────────────

export function endCinPlanSchema(today: Today) {
  return z.object({
    endDate: dateField('Date the plan ended', { notInFuture: today }),
    endReason: choice('Why the plan ended', chosenCinPlanEndReasons),
    version: version(),
  });
}
export type EndCinPlan = z.output<ReturnType<typeof endCinPlanSchema>>;

/** The last review under a plan: a plan cannot end before it. */
async function lastReviewOf(tx: Db, planId: string): Promise<string | null> {
  const [last] = await tx
    .select({ d: cinPlanReviews.reviewDate })
    .from(cinPlanReviews)
    .where(eq(cinPlanReviews.cinPlanId, planId))
    .orderBy(desc(cinPlanReviews.reviewDate))
    .limit(1);
  return last?.d ?? null;
}

export async function endCinPlan(tx: Db, childId: string, id: string, input: EndCinPlan): Promise<string> {
  const plan = await planOf(tx, childId, id);
  if (plan.endDate) throw new CaseworkRuleError('endDate', `The plan already ended on ${formatDate(plan.endDate)}`);
  if (input.endDate < plan.startDate)
    throw new CaseworkRuleError('endDate', `Date the plan ended cannot be before it started (${formatDate(plan.startDate)})`);
  const last = await lastReviewOf(tx, id);
  if (last && input.endDate < last)
    throw new CaseworkRuleError('endDate', `Date the plan ended cannot be before its last review (${formatDate(last)})`);
  await updateAtVersion(
    tx,
    cinPlans,
    id,
    input.version,
    { endDate: input.endDate, endReason: input.endReason, updatedAt: new Date() },
    'This child in need plan',
  );
  await recomputeObligations(tx, [childId]);
  return id;
}

/**
 * A child protection plan started: an open child in need plan ends that day, replaced by it
 * (the child's visits and reviews then follow the protection plan). Refused when the child in
 * need plan has a start or review after the conference, which the record could not then show.
 */
export async function endCinPlanForChildProtection(tx: Db, childId: string, startDate: string): Promise<void> {
  const [plan] = await tx
    .select()
    .from(cinPlans)
    .where(and(eq(cinPlans.childId, childId), isNull(cinPlans.endDate)));
  if (!plan) return;
  const last = [plan.startDate, await lastReviewOf(tx, plan.id)]
    .filter((d): d is string => !!d)
    .sort()
    .at(-1)!;
  if (startDate < last)
    throw new CaseworkRuleError(
      'conferenceDate',
      `The child in need plan the protection plan replaces has a ${last === plan.startDate ? 'start' : 'review'} on ${formatDate(last)}, after this conference: correct that plan first`,
    );
  await tx
    .update(cinPlans)
    .set({ endDate: startDate, endReason: 'child_protection_plan', updatedAt: new Date(), version: nextVersion(cinPlans) })
    .where(eq(cinPlans.id, plan.id));
}

// ── closing the case ─────────────────────────────────────────────────────────

export function closeCaseSchema(today: Today) {
  return z
    .object({
      closedDate: dateField('Date the case closed', { notInFuture: today }),
      reason: choice('Reason for closure', closureReasonCodes),
      summary: text('Why the case is closing', { max: 20000, multiline: true }),
      stepDownToEarlyHelp: yesNo('the work steps down to early help'),
      earlyHelpProvider: optionalText('Who takes the work on in early help', { max: 500 }),
    })
    .superRefine((v, ctx) => {
      if (v.stepDownToEarlyHelp === true && !v.earlyHelpProvider) {
        ctx.addIssue({ code: 'custom', path: ['earlyHelpProvider'], message: 'Enter who takes the work on in early help' });
      }
      if (v.reason === earlyHelpClosureReason && v.stepDownToEarlyHelp === false) {
        ctx.addIssue({
          code: 'custom',
          path: ['stepDownToEarlyHelp'],
          message: 'A case closed and referred to early help (RC9) steps down to early help: select yes',
        });
      }
    }, evenWithOtherErrors);
}
export type CloseCase = z.output<ReturnType<typeof closeCaseSchema>>;

/**
 * Closes the case: every open referral closes with the census's reason on the day, and an open
 * child in need plan ends ("case closed"). A child on a child protection plan is not closed:
 * the plan ends first, by its own review.
 */
export async function closeCase(tx: Db, childId: string, input: CloseCase, by: Actor): Promise<string> {
  const [cp] = await tx
    .select({ startDate: cpPlans.startDate })
    .from(cpPlans)
    .where(and(eq(cpPlans.childId, childId), isNull(cpPlans.endDate)));
  if (cp)
    throw new CaseworkRuleError(
      'closedDate',
      `The child is on a child protection plan, since ${formatDate(cp.startDate)}: the plan ends before the case closes`,
    );
  const open = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.childId, childId), isNull(referrals.closedDate)));
  if (open.length === 0) throw new CaseworkRuleError('closedDate', 'The case is not open: the child has no open referral to close');
  const latestReferral = open
    .map((r) => r.referralDate)
    .sort()
    .at(-1)!;
  if (input.closedDate < latestReferral) {
    throw new CaseworkRuleError('closedDate', `Date the case closed cannot be before the open referral (${formatDate(latestReferral)})`);
  }
  if (closedAfterAssessment.has(input.reason)) {
    const work = await workBeyondAssessment(tx, childId, open);
    if (work)
      throw new CaseworkRuleError(
        'reason',
        `${input.reason} is for a case closed after its assessment with nothing more done, but this referral had ${work}: choose the reason the services ended (RC7 when the child is no longer in need)`,
      );
  }
  const [plan] = await tx
    .select()
    .from(cinPlans)
    .where(and(eq(cinPlans.childId, childId), isNull(cinPlans.endDate)));
  if (plan) {
    const last = [plan.startDate, await lastReviewOf(tx, plan.id)]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1)!;
    if (input.closedDate < last)
      throw new CaseworkRuleError(
        'closedDate',
        `Date the case closed cannot be before the child in need plan’s last event (${formatDate(last)})`,
      );
    await tx
      .update(cinPlans)
      .set({ endDate: input.closedDate, endReason: 'case_closed', updatedAt: new Date(), version: nextVersion(cinPlans) })
      .where(eq(cinPlans.id, plan.id));
  }
  await tx
    .update(referrals)
    .set({ closedDate: input.closedDate, closureReason: input.reason, version: nextVersion(referrals) })
    .where(and(eq(referrals.childId, childId), isNull(referrals.closedDate)));
  const [row] = await tx
    .insert(caseClosures)
    .values({
      childId,
      closedDate: input.closedDate,
      reason: input.reason,
      summary: input.summary,
      stepDownToEarlyHelp: input.stepDownToEarlyHelp,
      earlyHelpProvider: input.stepDownToEarlyHelp ? (input.earlyHelpProvider ?? null) : null,
      recordedBy: by.userId,
    })
    .returning({ id: caseClosures.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

/** RC8 and RC9: closed after assessment, no further action or early help (CIN census rule 2990). */
const closedAfterAssessment = new Set(['RC8', 'RC9']);

/**
 * What the open referrals led to beyond their assessment (a section 47 enquiry, a child
 * protection or child in need plan), in words, or null. An item belongs to a referral it names,
 * or, naming none, to the open referrals when it began on or after the earliest of them: the
 * census puts it in that episode (src/cin-census/build.ts, `episodeFor`).
 */
async function workBeyondAssessment(
  tx: Db,
  childId: string,
  open: readonly { id: string; referralDate: string }[],
): Promise<string | null> {
  const ids = new Set(open.map((r) => r.id));
  const since = open
    .map((r) => r.referralDate)
    .sort()
    .at(0)!;
  const belongs = (item: { referralId: string | null; startDate: string }) =>
    item.referralId ? ids.has(item.referralId) : item.startDate >= since;
  const enquiry = (
    await tx
      .select({ referralId: s47Enquiries.referralId, startDate: s47Enquiries.startDate })
      .from(s47Enquiries)
      .where(eq(s47Enquiries.childId, childId))
  ).find(belongs);
  if (enquiry) return `a section 47 enquiry (started ${formatDate(enquiry.startDate)})`;
  const cp = (await tx.select({ startDate: cpPlans.startDate }).from(cpPlans).where(eq(cpPlans.childId, childId))).find(
    (p) => p.startDate >= since,
  );
  if (cp) return `a child protection plan (from ${formatDate(cp.startDate)})`;
  const cin = (
    await tx.select({ referralId: cinPlans.referralId, startDate: cinPlans.startDate }).from(cinPlans).where(eq(cinPlans.childId, childId))
  ).find(belongs);
  if (cin) return `a child in need plan (from ${formatDate(cin.startDate)})`;
  return null;
}

// ── transition planning ──────────────────────────────────────────────────────

function transitionFields(today: Today) {
  return {
    startedDate: dateField('Date transition planning started', { notInFuture: today }),
    lead: text('Who leads the planning', { max: 500 }),
    adultServicesInvolved: yesNo('adult services are involved'),
    summary: text('What the planning covers', { max: 20000, multiline: true }),
  };
}

export function transitionPlanSchema(today: Today) {
  return z.object(transitionFields(today));
}
export type NewTransitionPlan = z.output<ReturnType<typeof transitionPlanSchema>>;

export function updateTransitionPlanSchema(today: Today) {
  return z.object({ ...transitionFields(today), version: version() });
}
export type TransitionPlanUpdate = z.output<ReturnType<typeof updateTransitionPlanSchema>>;

/** Transition planning is recorded for a disabled child, from their birth on. */
async function checkTransition(tx: Db, childId: string, startedDate: string): Promise<void> {
  const [child] = await tx.select({ dateOfBirth: children.dateOfBirth }).from(children).where(eq(children.id, childId));
  const disabilities = await tx
    .select({ code: childDisabilities.code })
    .from(childDisabilities)
    .where(eq(childDisabilities.childId, childId));
  if (!disabilities.some((d) => d.code !== 'NONE')) {
    throw new CaseworkRuleError(
      'startedDate',
      'The child has no disability recorded: record it on the child’s details before transition planning',
    );
  }
  if (!child?.dateOfBirth || startedDate < child.dateOfBirth) {
    throw new CaseworkRuleError('startedDate', 'Date transition planning started cannot be before the child was born');
  }
}

export async function recordTransitionPlan(tx: Db, childId: string, input: NewTransitionPlan, by: Actor): Promise<string> {
  await checkTransition(tx, childId, input.startedDate);
  const [existing] = await tx.select({ id: transitionPlans.id }).from(transitionPlans).where(eq(transitionPlans.childId, childId));
  if (existing) throw new CaseworkRuleError('startedDate', 'Transition planning is already recorded for this child: change it instead');
  const [row] = await tx
    .insert(transitionPlans)
    .values({ childId, ...input, recordedBy: by.userId })
    .returning({ id: transitionPlans.id });
  await recomputeObligations(tx, [childId]);
  return row!.id;
}

export async function updateTransitionPlan(tx: Db, childId: string, input: TransitionPlanUpdate): Promise<string> {
  const [existing] = await tx.select({ id: transitionPlans.id }).from(transitionPlans).where(eq(transitionPlans.childId, childId));
  if (!existing) throw new CaseworkNotFound('Transition planning');
  await checkTransition(tx, childId, input.startedDate);
  const { version: v, ...values } = input;
  await updateAtVersion(tx, transitionPlans, existing.id, v, { ...values, updatedAt: new Date() }, 'This transition plan');
  await recomputeObligations(tx, [childId]);
  return existing.id;
}
